import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from portal.accounts import roles
from portal.accounts.models import AuditEvent
from portal.accounts.tasks import disable_dormant_staff
from tests.portal.accounts.factories import UserFactory

START = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def officer(db):
    with time_machine.travel(START, tick=False):
        user = UserFactory.with_role(roles.RECEIVING_OFFICER)
        user.last_login = START
        user.save()
    return user


def run_on(day):
    with time_machine.travel(START + dt.timedelta(days=day), tick=False):
        return disable_dormant_staff.delay().get()


def test_warned_once_a_week_before_then_disabled_at_45_days(officer):
    assert run_on(37) == {"disabled": 0, "warned": 0}
    assert run_on(38) == {"disabled": 0, "warned": 1}
    assert mail.outbox[0].to == [officer.email]
    assert "45" in mail.outbox[0].body
    assert run_on(39) == {"disabled": 0, "warned": 0}
    assert run_on(45) == {"disabled": 1, "warned": 0}
    officer.refresh_from_db()
    assert not officer.is_active
    assert AuditEvent.objects.filter(action="account_disabled", subject_id=officer.pk).exists()


def test_a_login_resets_the_clock(officer):
    run_on(40)
    officer.last_login = START + dt.timedelta(days=41)
    officer.save()
    assert run_on(60) == {"disabled": 0, "warned": 0}
    assert run_on(79) == {"disabled": 0, "warned": 1}
    officer.refresh_from_db()
    assert officer.is_active


def test_citizens_are_never_disabled_for_dormancy(db):
    with time_machine.travel(START, tick=False):
        citizen = UserFactory()
    run_on(400)
    citizen.refresh_from_db()
    assert citizen.is_active


def test_the_task_is_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "portal.accounts.tasks.disable_dormant_staff" in tasks
