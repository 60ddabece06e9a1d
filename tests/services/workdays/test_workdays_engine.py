"""Table tests of the deadline engine on Vietnam's 2025–2027 calendar (no database)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.workdays.engine import (
    Pause,
    Unit,
    WorkCalendar,
    add_duration,
    add_working_days,
    apply_extension,
    counting_starts,
    due_at,
    working_days_between,
)
from services.workdays.schedule import HOLIDAY, WORKING_SATURDAY, schedule_for

_DAYS = schedule_for([2025, 2026, 2027])
CALENDAR = WorkCalendar(
    holidays=frozenset(day for day, (kind, _name) in _DAYS.items() if kind == HOLIDAY),
    working_saturdays=frozenset(
        day for day, (kind, _name) in _DAYS.items() if kind == WORKING_SATURDAY
    ),
)


def vn(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=CALENDAR.tz)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 11, 23), True, id="monday"),
        pytest.param(date(2026, 11, 21), False, id="ordinary-saturday"),
        pytest.param(date(2026, 11, 22), False, id="sunday"),
        pytest.param(date(2026, 2, 17), False, id="tet-2026-first-day"),
        pytest.param(date(2026, 2, 20), False, id="tet-2026-last-weekday"),
        pytest.param(date(2026, 8, 22), True, id="make-up-saturday-2026-08-22"),
        pytest.param(date(2026, 8, 31), False, id="bridge-monday-2026-08-31"),
        pytest.param(date(2025, 4, 26), True, id="make-up-saturday-2025-04-26"),
        pytest.param(date(2025, 5, 2), False, id="bridge-friday-2025-05-02"),
        pytest.param(date(2026, 11, 24), False, id="vietnam-cultural-day-2026"),
    ],
)
def test_is_working_day(day, expected):
    assert CALENDAR.is_working_day(day) is expected


@pytest.mark.parametrize(
    ("submitted_at", "expected"),
    [
        pytest.param(vn(2026, 11, 16, 9), vn(2026, 11, 16, 9), id="monday-morning-counts-at-once"),
        pytest.param(
            vn(2026, 11, 16, 6), vn(2026, 11, 16, 7, 30), id="before-opening-waits-for-0730"
        ),
        pytest.param(vn(2026, 11, 16, 12), vn(2026, 11, 16, 13), id="lunch-break-waits-for-1300"),
        pytest.param(vn(2026, 11, 16, 15), vn(2026, 11, 16, 15), id="at-1500-still-same-day"),
        pytest.param(
            vn(2026, 11, 16, 15, 1), vn(2026, 11, 17, 7, 30), id="after-1500-next-working-day"
        ),
        pytest.param(vn(2026, 11, 17, 18), vn(2026, 11, 18, 7, 30), id="evening-next-morning"),
        pytest.param(
            vn(2026, 11, 20, 16), vn(2026, 11, 23, 7, 30), id="friday-after-1500-to-monday"
        ),
        pytest.param(
            vn(2026, 11, 21, 10), vn(2026, 11, 23, 7, 30), id="saturday-submission-to-monday"
        ),
        pytest.param(vn(2026, 11, 22, 23), vn(2026, 11, 23, 7, 30), id="sunday-night-to-monday"),
        pytest.param(
            vn(2026, 11, 23, 16), vn(2026, 11, 25, 7, 30), id="after-1500-before-a-holiday"
        ),
        pytest.param(
            vn(2026, 2, 13, 16), vn(2026, 2, 23, 7, 30), id="before-tet-2026-to-after-tet"
        ),
        pytest.param(vn(2026, 2, 18, 10), vn(2026, 2, 23, 7, 30), id="during-tet-2026"),
        pytest.param(vn(2026, 8, 22, 9), vn(2026, 8, 22, 9), id="make-up-saturday-counts-at-once"),
        pytest.param(
            vn(2026, 8, 21, 16), vn(2026, 8, 22, 7, 30), id="friday-evening-to-make-up-saturday"
        ),
        pytest.param(
            datetime(2026, 11, 16, 2, 0, tzinfo=UTC),
            vn(2026, 11, 16, 9),
            id="utc-input-read-in-hanoi-time",
        ),
    ],
)
def test_counting_starts(submitted_at, expected):
    assert counting_starts(submitted_at, CALENDAR) == expected


def test_counting_starts_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        counting_starts(datetime(2026, 11, 16, 9), CALENDAR)


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        pytest.param(
            vn(2026, 11, 16, 9), 1, Unit.WORKING_DAY, vn(2026, 11, 17, 9), id="1-working-day"
        ),
        pytest.param(
            vn(2026, 11, 20, 7, 30),
            3,
            Unit.WORKING_DAY,
            vn(2026, 11, 25, 17),
            id="3-working-days-over-weekend-holiday",
        ),
        pytest.param(
            vn(2026, 2, 12, 7, 30),
            5,
            Unit.WORKING_DAY,
            vn(2026, 2, 25, 17),
            id="5-working-days-over-tet-2026",
        ),
        pytest.param(
            vn(2026, 8, 21, 7, 30),
            2,
            Unit.WORKING_DAY,
            vn(2026, 8, 22, 17),
            id="2-working-days-onto-make-up-saturday",
        ),
        pytest.param(
            vn(2026, 8, 28, 7, 30),
            2,
            Unit.WORKING_DAY,
            vn(2026, 9, 3, 17),
            id="2-working-days-over-national-day-2026",
        ),
        pytest.param(
            vn(2026, 11, 16, 7, 30),
            Decimal("0.5"),
            Unit.WORKING_DAY,
            vn(2026, 11, 16, 11, 30),
            id="half-working-day",
        ),
        pytest.param(
            vn(2026, 11, 16, 10), 4, Unit.HOUR, vn(2026, 11, 16, 15, 30), id="4-hours-across-lunch"
        ),
        pytest.param(
            vn(2026, 11, 20, 14), 8, Unit.HOUR, vn(2026, 11, 23, 14), id="8-hours-across-weekend"
        ),
        pytest.param(
            vn(2026, 11, 23, 7, 30),
            16,
            Unit.HOUR,
            vn(2026, 11, 25, 17),
            id="16-hours-across-holiday",
        ),
        pytest.param(vn(2026, 11, 16, 9), 10, Unit.DAY, vn(2026, 11, 26, 9), id="10-calendar-days"),
        pytest.param(
            vn(2026, 11, 16, 9),
            6,
            Unit.DAY,
            vn(2026, 11, 23, 17),
            id="calendar-days-ending-on-sunday",
        ),
        pytest.param(
            vn(2026, 11, 16, 9),
            8,
            Unit.DAY,
            vn(2026, 11, 25, 17),
            id="calendar-days-ending-on-holiday",
        ),
        pytest.param(
            vn(2026, 11, 16, 9), 0, Unit.WORKING_DAY, vn(2026, 11, 16, 9), id="zero-duration"
        ),
    ],
)
def test_add_duration(start, amount, unit, expected):
    assert add_duration(start, amount, unit, CALENDAR) == expected


@pytest.mark.parametrize(
    ("amount", "unit"),
    [pytest.param(-1, Unit.DAY, id="negative-amount"), pytest.param(1, "month", id="unknown-unit")],
)
def test_add_duration_refuses_bad_input(amount, unit):
    with pytest.raises(ValueError):
        add_duration(vn(2026, 11, 16, 9), amount, unit, CALENDAR)


@pytest.mark.parametrize(
    ("received_at", "amount", "unit", "pauses", "extension", "expected"),
    [
        pytest.param(
            vn(2026, 11, 21, 10),
            2,
            Unit.WORKING_DAY,
            (),
            None,
            vn(2026, 11, 25, 17),
            id="weekend-online-submission",
        ),
        pytest.param(
            vn(2026, 11, 16, 16),
            1,
            Unit.WORKING_DAY,
            (),
            None,
            vn(2026, 11, 17, 17),
            id="after-1500-submission",
        ),
        pytest.param(
            vn(2026, 2, 13, 14),
            3,
            Unit.WORKING_DAY,
            (),
            None,
            vn(2026, 2, 25, 14),
            id="tet-2026-in-the-middle",
        ),
        pytest.param(
            vn(2026, 11, 16, 9),
            4,
            Unit.HOUR,
            (),
            None,
            vn(2026, 11, 16, 14, 30),
            id="hours-same-day",
        ),
        pytest.param(
            vn(2026, 11, 2, 9),
            5,
            Unit.WORKING_DAY,
            (Pause(vn(2026, 11, 4, 10), vn(2026, 11, 12, 16)),),
            None,
            vn(2026, 11, 19, 17),
            id="supplement-restarts-from-zero-next-day-after-1500",
        ),
        pytest.param(
            vn(2026, 11, 2, 9),
            5,
            Unit.WORKING_DAY,
            (Pause(vn(2026, 11, 4, 10), vn(2026, 11, 9, 10)),),
            None,
            vn(2026, 11, 16, 10),
            id="supplement-restarts-from-zero-same-day",
        ),
        pytest.param(
            vn(2026, 11, 2, 9),
            5,
            Unit.WORKING_DAY,
            (Pause(vn(2026, 11, 4, 10), None),),
            None,
            None,
            id="open-supplement-request-has-no-due-date",
        ),
        pytest.param(
            vn(2026, 11, 16, 9),
            1,
            Unit.WORKING_DAY,
            (),
            (2, Unit.WORKING_DAY),
            vn(2026, 11, 19, 9),
            id="single-extension",
        ),
        pytest.param(
            vn(2026, 11, 16, 9),
            1,
            Unit.WORKING_DAY,
            (),
            [(2, Unit.WORKING_DAY)],
            vn(2026, 11, 19, 9),
            id="single-extension-as-a-list",
        ),
        pytest.param(
            vn(2026, 11, 2, 9),
            5,
            Unit.WORKING_DAY,
            (Pause(vn(2026, 11, 4, 10), vn(2026, 11, 9, 10)),),
            (1, Unit.WORKING_DAY),
            vn(2026, 11, 17, 10),
            id="supplement-then-extension",
        ),
    ],
)
def test_due_at(received_at, amount, unit, pauses, extension, expected):
    assert (
        due_at(received_at, amount, unit, CALENDAR, pauses=pauses, extension=extension) == expected
    )


def test_a_second_extension_is_refused():
    with pytest.raises(ValueError):
        due_at(
            vn(2026, 11, 16, 9),
            1,
            Unit.WORKING_DAY,
            CALENDAR,
            extension=[(1, Unit.DAY), (1, Unit.DAY)],
        )
    with pytest.raises(ValueError):
        apply_extension(vn(2026, 11, 17, 9), (1, Unit.DAY), CALENDAR, extensions_granted=1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(date(2026, 11, 20), date(2026, 11, 23), 1, id="friday-to-monday"),
        pytest.param(date(2026, 11, 23), date(2026, 11, 25), 1, id="over-cultural-day"),
        pytest.param(date(2026, 11, 23), date(2026, 11, 23), 0, id="same-day"),
        pytest.param(date(2026, 11, 25), date(2026, 11, 23), -1, id="backwards"),
        pytest.param(date(2026, 2, 13), date(2026, 2, 23), 1, id="over-tet-2026"),
        pytest.param(date(2026, 8, 21), date(2026, 8, 24), 2, id="over-make-up-saturday"),
        pytest.param(date(2026, 11, 1), date(2026, 11, 30), 20, id="november-2026"),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end, CALENDAR) == expected


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        pytest.param(date(2026, 11, 20), 2, date(2026, 11, 25), id="over-weekend-and-holiday"),
        pytest.param(date(2026, 11, 20), 0, date(2026, 11, 20), id="zero"),
        pytest.param(date(2026, 2, 12), 2, date(2026, 2, 23), id="over-tet-2026"),
    ],
)
def test_add_working_days(day, count, expected):
    assert add_working_days(day, count, CALENDAR) == expected
