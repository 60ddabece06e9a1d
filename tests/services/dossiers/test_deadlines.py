"""Appointments come from the workdays engine: processing time, calendar, supplements, one extension."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from services.dossiers.models import Dossier
from services.workdays import engine
from services.workdays.models import CalendarDay, current_calendar
from tests.services.dossiers.factories import DossierFactory

pytestmark = pytest.mark.django_db

# Monday 23/11/2026, 09:00: three working days end on Thursday 26/11 at 09:00.
MONDAY_9 = timezone.make_aware(datetime(2026, 11, 23, 9, 0))


@pytest.fixture
def received(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = DossierFactory(status=Dossier.Status.NEW)
    dossier.receive(at=MONDAY_9)
    return dossier


def local(value):
    return timezone.localtime(value).replace(tzinfo=None)


def test_the_appointment_is_the_engines_due_date(received):
    expected = engine.due_at(MONDAY_9, Decimal(3), "working_day", current_calendar())
    assert received.due_at == expected
    assert local(received.due_at) == datetime(2026, 11, 26, 9, 0)


def test_a_supplement_request_stops_the_clock_and_the_answer_restarts_it(received):
    received.start_processing()
    received.request_supplement(items=["Bản sao CCCD"])
    assert received.due_at is None
    assert received.pauses[-1]["ended_at"] is None
    received.supplement()
    ended = datetime.fromisoformat(received.pauses[-1]["ended_at"])
    # ND 61 Art. 19.4: the full time runs again from the complete dossier.
    assert received.due_at == engine.due_at(
        MONDAY_9, 3, "working_day", current_calendar(), pauses=[engine.Pause(MONDAY_9, ended)]
    )
    assert received.status == Dossier.Status.PROCESSING


def test_an_extension_moves_the_appointment_once(received):
    received.start_processing()
    received.extend(amount=2, unit="working_day", reason="Cần xác minh thực địa.")
    assert local(received.due_at) == datetime(2026, 11, 30, 9, 0)
    assert received.extension_used


def test_a_new_holiday_moves_the_appointments_of_open_dossiers(
    received, django_capture_on_commit_callbacks
):
    closed = DossierFactory(procedure=received.procedure, status=Dossier.Status.NEW)
    closed.receive(at=MONDAY_9)
    Dossier.objects.filter(pk=closed.pk).update(status=Dossier.Status.COMPLETED)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=datetime(2026, 11, 25).date(), name="Nghỉ bù")
    received.refresh_from_db()
    closed.refresh_from_db()
    assert local(received.due_at) == datetime(2026, 11, 27, 9, 0)
    # A finished dossier keeps the appointment it had.
    assert local(closed.due_at) == datetime(2026, 11, 26, 9, 0)


def test_a_procedure_without_a_computable_time_has_no_appointment(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = DossierFactory(status=Dossier.Status.NEW)
    dossier.procedure.processing_times.all().delete()
    dossier.receive(at=MONDAY_9 + timedelta(hours=1))
    assert dossier.code and dossier.due_at is None
