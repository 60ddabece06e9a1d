from datetime import date, datetime

import pytest
from django.core.management import call_command

from services.workdays.engine import TIME_ZONE, Unit, due_at
from services.workdays.models import CalendarDay, current_calendar
from services.workdays.seeding import seed_holidays
from services.workdays.signals import calendar_changed
from tests.portal.accounts.factories import UserFactory, enable_totp

pytestmark = pytest.mark.django_db


def vn(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=TIME_ZONE)


@pytest.fixture
def changes():
    received = []

    def listener(sender, **kwargs):
        received.append(sender)

    calendar_changed.connect(listener)
    yield received
    calendar_changed.disconnect(listener)


def test_adding_a_holiday_recomputes_the_due_date(django_capture_on_commit_callbacks, changes):
    seed_holidays([2026])
    received_at = vn(2026, 12, 7, 9)
    before = due_at(received_at, 3, Unit.WORKING_DAY, current_calendar())
    assert before == vn(2026, 12, 10, 9)

    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=date(2026, 12, 8), name="Nghỉ đột xuất")

    assert changes == [CalendarDay]
    assert due_at(received_at, 3, Unit.WORKING_DAY, current_calendar()) == vn(2026, 12, 11, 9)


def test_deleting_a_day_off_and_editing_a_kind_reach_the_cached_calendar(
    django_capture_on_commit_callbacks, changes
):
    day = CalendarDay.objects.create(date=date(2026, 12, 8), name="Nghỉ đột xuất")
    assert not current_calendar().is_working_day(date(2026, 12, 8))

    with django_capture_on_commit_callbacks(execute=True):
        day.kind = CalendarDay.Kind.WORKING_SATURDAY
        day.date = date(2026, 12, 12)
        day.save()
    assert current_calendar().is_working_day(date(2026, 12, 12))
    assert current_calendar().is_working_day(date(2026, 12, 8))

    with django_capture_on_commit_callbacks(execute=True):
        day.delete()
    assert not current_calendar().is_working_day(date(2026, 12, 12))
    assert len(changes) == 2


def test_the_signal_waits_for_the_commit(django_capture_on_commit_callbacks, changes):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CalendarDay.objects.create(date=date(2026, 12, 8), name="Nghỉ đột xuất")
    assert changes == []
    for callback in callbacks:
        callback()
    assert changes == [CalendarDay]


def test_seeding_is_idempotent_and_keeps_editors_changes(
    django_capture_on_commit_callbacks, changes
):
    with django_capture_on_commit_callbacks(execute=True):
        added = seed_holidays([2025, 2026, 2027])
    assert added == CalendarDay.objects.count() > 40
    assert changes == [CalendarDay]
    assert CalendarDay.objects.get(date=date(2026, 8, 22)).kind == CalendarDay.Kind.WORKING_SATURDAY
    assert (
        CalendarDay.objects.filter(date__range=(date(2026, 2, 14), date(2026, 2, 22))).count() == 9
    )

    edited = CalendarDay.objects.get(date=date(2026, 11, 24))
    edited.name = "Ngày Văn hóa Việt Nam (đã sửa)"
    edited.save()
    CalendarDay.objects.get(date=date(2025, 4, 7)).delete()
    CalendarDay.objects.create(date=date(2027, 12, 31), name="Nghỉ do biên tập viên thêm")

    assert seed_holidays([2025, 2026, 2027]) == 1  # only the deleted Giỗ Tổ 2025 comes back
    assert CalendarDay.objects.get(date=date(2026, 11, 24)).name == "Ngày Văn hóa Việt Nam (đã sửa)"
    assert CalendarDay.objects.filter(date=date(2027, 12, 31)).exists()


def test_seed_holidays_command(capsys):
    call_command("seed_holidays", "--years", "2025", "2026", "2027")
    call_command("seed_holidays", "--years", "2025", "2026", "2027")
    output = capsys.readouterr().out
    assert "Added 0 calendar days" in output
    calendar = current_calendar()
    assert not calendar.is_working_day(date(2026, 2, 17))
    assert calendar.is_working_day(date(2025, 4, 26))


@pytest.fixture
def admin_client(client):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(administrator)
    client.force_login(administrator)
    return client


def test_calendar_admin_lists_and_adds_days(admin_client):
    seed_holidays([2026])
    response = admin_client.get("/quan-tri/snippets/workdays/calendarday/")
    assert response.status_code == 200
    assert "Bính Ngọ" in response.content.decode()
    response = admin_client.post(
        "/quan-tri/snippets/workdays/calendarday/add/",
        {"date": "2026-12-08", "kind": "holiday", "name": "Nghỉ đột xuất"},
    )
    assert response.status_code == 302
    assert not current_calendar().is_working_day(date(2026, 12, 8))


def test_yearly_task_seeds_this_year_and_the_next():
    import time_machine

    from services.workdays.tasks import seed_coming_holidays

    with time_machine.travel(datetime(2025, 12, 1, 9, tzinfo=TIME_ZONE)):
        assert seed_coming_holidays.delay().get() > 0
    assert not current_calendar().is_working_day(date(2026, 2, 17))
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_editing_a_seeded_day_in_the_admin_makes_it_the_editors(admin_client):
    seed_holidays([2026])
    day = CalendarDay.objects.get(date=date(2026, 11, 24))
    assert day.source == CalendarDay.Source.SEED
    response = admin_client.post(
        f"/quan-tri/snippets/workdays/calendarday/edit/{day.pk}/",
        {"date": "2026-11-24", "kind": "working_saturday", "name": "Đi làm bình thường"},
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.kind, day.source) == (CalendarDay.Kind.WORKING_SATURDAY, CalendarDay.Source.EDITOR)
    assert current_calendar().is_working_day(date(2026, 11, 24))
    assert seed_holidays([2026]) == 0
    assert (
        CalendarDay.objects.get(date=date(2026, 11, 24)).kind == CalendarDay.Kind.WORKING_SATURDAY
    )


def test_a_duplicate_date_gets_a_clear_message_not_an_error(admin_client):
    CalendarDay.objects.create(date=date(2026, 12, 8), name="Nghỉ đột xuất")
    response = admin_client.post(
        "/quan-tri/snippets/workdays/calendarday/add/",
        {"date": "2026-12-08", "kind": "holiday", "name": "Trùng ngày"},
    )
    assert response.status_code == 200
    assert CalendarDay.objects.filter(date=date(2026, 12, 8)).count() == 1
    assert "Trùng ngày" in response.content.decode()
