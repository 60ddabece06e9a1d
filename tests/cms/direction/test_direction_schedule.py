from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from icalendar import Calendar

from cms.direction import weeks
from cms.direction.models import WorkScheduleEntry
from cms.organisation.models import Leader

SCHEDULE = "/chi-dao-dieu-hanh/lich-lam-viec/"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2026-W48", date(2026, 11, 23)),
        ("2026W01", date(2025, 12, 29)),
        ("2020-w53", date(2020, 12, 28)),
        ("2027-W53", None),
        ("2026-W00", None),
        ("tuần 48", None),
        ("", None),
    ],
)
def test_iso_weeks_are_read_or_refused(text, monday):
    assert weeks.parse(text) == monday


def test_week_labels_round_trip():
    monday = date(2026, 11, 23)
    assert weeks.label(monday) == "2026-W48"
    assert weeks.parse(weeks.label(monday)) == monday
    assert weeks.monday_of(date(2026, 11, 29)) == monday


def test_an_entry_needs_a_leader_or_a_presiding_person_and_ends_after_it_starts(db):
    entry = WorkScheduleEntry(
        date=date(2026, 11, 23), starts_at=time(9), ends_at=time(8), content="Họp"
    )
    with pytest.raises(ValidationError) as error:
        entry.clean()
    assert set(error.value.message_dict) == {"ends_at", "presiding"}
    entry.ends_at, entry.presiding = time(10), "Hội đồng thẩm định"
    entry.clean()


@pytest.fixture
def schedule(demo_site):
    """The demo schedule: this week's and next week's engagements."""
    return WorkScheduleEntry.objects.all()


def this_monday():
    return weeks.monday_of(timezone.localdate())


def test_the_page_shows_the_current_week_by_default(client, schedule):
    response = client.get(SCHEDULE)
    assert response.status_code == 200
    html = response.content.decode()
    monday = this_monday()
    for entry in schedule.filter(date__gte=monday, date__lte=monday + timedelta(days=6)):
        assert entry.content in html
    assert response.context["week_label"] == weeks.label(monday)
    next_week = weeks.label(monday + timedelta(days=7))
    previous_week = weeks.label(monday - timedelta(days=7))
    assert f'href="?tuan={next_week}" rel="next"' in html
    assert f'href="?tuan={previous_week}" rel="prev"' in html
    assert 'href="/chi-dao-dieu-hanh/lich-lam-viec/ical/"' in html


def test_week_navigation_shows_only_the_chosen_week(client, schedule):
    monday = this_monday() + timedelta(days=7)
    only_next = WorkScheduleEntry.objects.create(
        date=monday + timedelta(days=5),
        starts_at=time(9),
        presiding="Ban Chỉ đạo",
        content="Kiểm tra đột xuất cuối tuần sau",
    )
    response = client.get(SCHEDULE, {"tuan": weeks.label(monday)})
    days = response.context["days"]
    assert [day for day, _ in days][0] == monday
    assert all(entry.date >= monday for _, entries in days for entry in entries)
    # Saturday appears only because it has an engagement.
    assert [day.weekday() for day, _ in days] == [0, 1, 2, 3, 4, 5]
    assert only_next.content in response.content.decode()
    assert only_next.content not in client.get(SCHEDULE).content.decode()


def test_a_week_that_does_not_exist_gives_a_message_not_an_error(client, schedule):
    response = client.get(SCHEDULE, {"tuan": "2026-W99"})
    assert response.status_code == 200
    assert response.context["error"]
    assert 'role="alert"' in response.content.decode()
    assert response.context["week_label"] == weeks.label(this_monday())


def test_the_ical_feed_parses_and_has_the_week_with_local_times(client, schedule):
    monday = this_monday()
    response = client.get(SCHEDULE + "ical/", {"tuan": weeks.label(monday)})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    week = schedule.filter(date__gte=monday, date__lte=monday + timedelta(days=6))
    assert len(events) == week.count() > 0
    for entry in week:
        event = events[f"work-schedule-{entry.pk}@testserver"]
        start = event.decoded("DTSTART")
        assert start == datetime.combine(entry.date, entry.starts_at, tzinfo=HANOI)
        assert start.utcoffset() == timedelta(hours=7)
        assert str(event["SUMMARY"]) == entry.content
        if entry.ends_at:
            assert event.decoded("DTEND") == datetime.combine(
                entry.date, entry.ends_at, tzinfo=HANOI
            )
        else:
            assert "DTEND" not in event
    assert "TZID=Asia/Ho_Chi_Minh" in response.content.decode()
    assert calendar.walk("VTIMEZONE")


def test_ical_uids_stay_the_same_when_an_entry_changes(client, schedule):
    entry = schedule.filter(date__gte=this_monday()).first()
    feed = client.get(SCHEDULE + "ical/").content.decode()
    assert f"UID:work-schedule-{entry.pk}@testserver" in feed
    entry.starts_at = time(6, 15)
    entry.save()
    changed = Calendar.from_ical(client.get(SCHEDULE + "ical/").content)
    event = next(
        e for e in changed.walk("VEVENT") if str(e["UID"]) == f"work-schedule-{entry.pk}@testserver"
    )
    assert event.decoded("DTSTART").time() == time(6, 15)


def test_the_default_feed_covers_this_week_and_next(client, schedule):
    calendar = Calendar.from_ical(client.get(SCHEDULE + "ical/").content)
    assert len(calendar.walk("VEVENT")) == schedule.count()


def test_this_week_tag_shows_the_rest_of_the_week_from_the_same_data(rf, schedule):
    leader = Leader.objects.first()
    today = timezone.localdate()
    WorkScheduleEntry.objects.filter(date=today).delete()
    today_entry = WorkScheduleEntry.objects.create(
        date=today, starts_at=time(23, 30), leader=leader, content="Trực ban đêm hôm nay"
    )
    yesterday = WorkScheduleEntry.objects.create(
        date=today - timedelta(days=1), starts_at=time(9), leader=leader, content="Việc của hôm qua"
    )
    template = Template("{% load direction_tags %}{% work_schedule_this_week %}")
    with translation.override("vi"):
        html = template.render(Context({"request": rf.get("/")}))
    assert today_entry.content in html
    assert leader.full_name in html
    assert yesterday.content not in html
    assert 'href="/chi-dao-dieu-hanh/lich-lam-viec/"' in html
    with translation.override("en"):
        html_en = template.render(Context({"request": RequestFactory().get("/en/")}))
    assert 'href="/en/direction/work-schedule/"' in html_en
    assert 'lang="vi"' in html_en


def test_english_schedule_page_translates_the_headings(client, schedule):
    html = client.get("/en/direction/work-schedule/").content.decode()
    assert "Preparing unit" in html
    assert 'href="/chi-dao-dieu-hanh/lich-lam-viec/" lang="vi"' in html
