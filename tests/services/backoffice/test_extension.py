"""Acceptance 3: the extension is offered for a dossier due tomorrow, can be used once, cannot be
used after the deadline, and BM.04 carries the old and new dates (ND 61 Art. 19.9)."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from services.backoffice import processing
from services.dossiers.models import Dossier, DossierEvent, IllegalTransition
from services.workdays.engine import TIME_ZONE
from tests.services.backoffice.processing_fixtures import (
    in_processing,
    log_in,
    office,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_signing")]

# Received on Monday 2 March 2026 at 09:00 with 3 working days: due Thursday 5 March at 09:00.
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=TIME_ZONE)
WEDNESDAY = datetime(2026, 3, 4, 10, 0, tzinfo=TIME_ZONE)
THURSDAY = datetime(2026, 3, 5, 8, 0, tzinfo=TIME_ZONE)


@pytest.fixture
def unit():
    return office("000.00.12.H99", "Trung tâm PVHCC tỉnh")


@pytest.fixture
def dossier(unit):
    with time_machine.travel(MONDAY, tick=False):
        dossier = in_processing(unit, at=MONDAY)
    assert dossier.due_at == datetime(2026, 3, 5, 9, 0, tzinfo=TIME_ZONE)
    return dossier


def pdf_text(document):
    with document.file.open("rb") as handle:
        return " ".join(" ".join(p.extract_text() for p in PdfReader(handle).pages).split())


def test_the_extension_is_suggested_the_day_before_and_not_earlier(
    unit, dossier, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY.replace(hour=14), tick=False):
        state = processing.extension_state(dossier)
        assert state.possible and not state.suggested
        assert processing.suggest_extensions() == 0

    with time_machine.travel(WEDNESDAY, tick=False):
        state = processing.extension_state(dossier)
        assert state.possible and state.suggested
        assert list(processing.due_soon()) == [dossier]
        mail.outbox.clear()
        from services.backoffice import tasks

        with django_capture_on_commit_callbacks(execute=True):  # staff e-mails leave on commit
            assert tasks.suggest_extensions.delay().get() == 1  # the daily beat task
        assert [m.to for m in mail.outbox] == [[unit.handler.email]]
        assert "BM.04" in mail.outbox[0].body
        # Once per appointment: the next run does not repeat it.
        assert processing.suggest_extensions() == 0


def test_the_suggestion_shows_in_the_processing_actions(client, unit, dossier):
    from services.backoffice.templatetags.backoffice_processing import panel_context

    with time_machine.travel(WEDNESDAY, tick=False):
        handler_panel = panel_context(dossier, unit.handler)
        head_panel = panel_context(dossier, unit.head)
        desk_panel = panel_context(dossier, unit.desk)
    assert handler_panel["suggest_extension"]
    assert "propose_extension" in [a["name"] for a in handler_panel["actions"]]
    assert "extend" in [a["name"] for a in head_panel["actions"]]
    assert not desk_panel["suggest_extension"]
    assert "extend" not in [a["name"] for a in desk_panel["actions"]]


def test_bm04_is_issued_once_with_the_old_and_new_dates_and_the_new_date_is_used(unit, dossier):
    with time_machine.travel(WEDNESDAY, tick=False):
        processing.propose_extension(
            dossier, by=unit.handler, amount=2, reason="Chờ kết quả xác minh thực địa."
        )
        with pytest.raises(IllegalTransition):
            processing.issue_extension(dossier, by=unit.handler, amount=2, reason="Tự gia hạn")
        document = processing.issue_extension(
            dossier, by=unit.head, amount=2, reason="Chờ kết quả xác minh thực địa."
        )
        dossier.refresh_from_db()
        # Thursday 09:00 plus two working days: Monday 9 March at 09:00.
        assert dossier.due_at == datetime(2026, 3, 9, 9, 0, tzinfo=TIME_ZONE)
        assert dossier.compute_due_at() == dossier.due_at
        assert dossier.extension_used
        assert document.kind == "BM.04" and document.signed_by == unit.head
        text = pdf_text(document)
        assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
        assert "09 giờ 00 phút, ngày 05/03/2026" in text  # the old appointment
        assert "09 giờ 00 phút, ngày 09/03/2026" in text  # the new appointment
        assert dossier.code in text and "Chờ kết quả xác minh thực địa." in text
        assert "/xac-thuc/" in text
        # The citizen is told (the "extend" event is notified).
        assert DossierEvent.objects.filter(dossier=dossier, action="extend").count() == 1

        # Only once.
        state = processing.extension_state(dossier)
        assert not state.possible and "một lần" in state.message
        with pytest.raises(IllegalTransition, match="một lần"):
            processing.issue_extension(dossier, by=unit.head, amount=1, reason="Lần hai")
    # The daily warnings no longer list it: the extension is used.
    with time_machine.travel(datetime(2026, 3, 6, 10, tzinfo=TIME_ZONE), tick=False):
        assert dossier not in processing.due_soon()


@pytest.mark.parametrize("when", [THURSDAY, datetime(2026, 3, 6, 10, tzinfo=TIME_ZONE)])
def test_bm04_is_refused_on_the_appointment_day_and_after(unit, dossier, when):
    with time_machine.travel(when, tick=False):
        state = processing.extension_state(dossier)
        assert not state.possible and not state.suggested
        assert "05/03/2026" in state.message and "04/03/2026" in state.message
        with pytest.raises(IllegalTransition) as refused:
            processing.issue_extension(dossier, by=unit.head, amount=2, reason="Quá muộn")
        assert "04/03/2026" in refused.value.message
    dossier.refresh_from_db()
    assert not dossier.extension_used
    assert dossier.due_at == datetime(2026, 3, 5, 9, 0, tzinfo=TIME_ZONE)


def test_the_extension_screen_refuses_after_the_deadline_with_the_reason(client, unit, dossier):
    log_in(client, unit.head)
    url = reverse("backoffice:extend", args=[dossier.pk])
    with time_machine.travel(THURSDAY, tick=False):
        response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:dossier", args=[dossier.pk])
    assert "04/03/2026" in response.content.decode()
    with time_machine.travel(WEDNESDAY, tick=False):
        response = client.get(url)
        assert response.status_code == 200
        response = client.post(url, {"amount": "2", "reason": "Chờ xác minh."})
        assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.extension_used and dossier.status == Dossier.Status.PROCESSING


def test_the_officer_screen_shows_the_suggestion_to_the_handler(client, unit, dossier):
    url = reverse("backoffice:dossier", args=[dossier.pk])
    # Signed in at each moment: a staff session does not survive days of idleness.
    with time_machine.travel(MONDAY.replace(hour=14), tick=False):
        response = log_in(client, unit.handler).get(url)
        assert response.status_code == 200
        assert "Còn không quá một ngày làm việc" not in response.content.decode()
    with time_machine.travel(WEDNESDAY, tick=False):
        response = log_in(client, unit.handler).get(url)
        assert response.status_code == 200
        page = response.content.decode()
    assert "Còn không quá một ngày làm việc" in page and "04/03/2026" in page
    assert reverse("backoffice:propose_extension", args=[dossier.pk]) in page
