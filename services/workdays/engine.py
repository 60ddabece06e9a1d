"""The working-day deadline engine: pure functions over a `WorkCalendar`, no database.

Rules (ND 61/2018/NĐ-CP Arts. 18–20, checklist D9 of the regulations spec):

- The public sector works Monday to Friday. Public holidays and the Government's bridge days are
  days off; make-up Saturdays (ngày làm bù) are working days. Both come from the calendar data.
- Office hours are 07:30–11:30 and 13:00–17:00 (8 working hours a day), the usual hours of the
  provincial one-stop units. A working day counts as 8 working hours, so half days and hours work
  with the same arithmetic (the provincial systems store processing time in hours, /8 per day).
- A dossier received after 15:00, outside office hours or on a day off counts from the next
  opening of the office (ND 61 Art. 18.2: forwarded "vào đầu giờ ngày làm việc tiếp theo" when
  received after 15:00; QĐ 3142/QĐ-BGDĐT: online submissions outside office hours count from the
  start of the next working day).
- A supplement request stops the clock. ND 61 Art. 19.4: "Thời hạn giải quyết được tính lại từ
  đầu sau khi nhận đủ hồ sơ" — the deadline is counted again FROM THE START once the complete
  dossier is received: the time already spent does not count, the full period runs again.
- An extension is granted at most once (ND 61 Art. 19.9: "không quá một lần").
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS_PER_WORKING_DAY = 8
_ONE_DAY = timedelta(days=1)
# A year of days off in a row never happens; this guards the loops against a broken calendar.
_MAX_DAYS_SEARCHED = 400


class Unit(models.TextChoices):
    DAY = "day", _("days")
    WORKING_DAY = "working_day", _("working days")
    HOUR = "hour", _("working hours")


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked and when the office is open.

    `holidays` are days off (public holidays, Tết, bridge days); `working_saturdays` are make-up
    working days. A date in both is a day off. `office_hours` are the opening periods of a working
    day, in order; `cutoff` is the ND 61 Art. 18.2 hour after which a dossier counts from the next
    working day.
    """

    holidays: frozenset[date] = frozenset()
    working_saturdays: frozenset[date] = frozenset()
    office_hours: tuple[tuple[time, time], ...] = (
        (time(7, 30), time(11, 30)),
        (time(13, 0), time(17, 0)),
    )
    cutoff: time = time(15, 0)
    tz: ZoneInfo = field(default=TIME_ZONE)

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        if day in self.working_saturdays:
            return True
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for _i in range(_MAX_DAYS_SEARCHED):
            day += _ONE_DAY
            if self.is_working_day(day):
                return day
        raise ValueError("The calendar has no working day in more than a year.")

    def opening(self, day: date) -> datetime:
        return datetime.combine(day, self.office_hours[0][0], tzinfo=self.tz)

    def closing(self, day: date) -> datetime:
        return datetime.combine(day, self.office_hours[-1][1], tzinfo=self.tz)

    def periods(self, day: date) -> list[tuple[datetime, datetime]]:
        return [
            (
                datetime.combine(day, start, tzinfo=self.tz),
                datetime.combine(day, end, tzinfo=self.tz),
            )
            for start, end in self.office_hours
        ]

    def local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("Deadlines need timezone-aware datetimes.")
        return moment.astimezone(self.tz)


def counting_starts(submitted_at: datetime, calendar: WorkCalendar) -> datetime:
    """When the processing time starts for a dossier received at `submitted_at`.

    On a working day up to 15:00: at once inside office hours, at the opening before 07:30, at
    13:00 during the lunch break. After 15:00, after closing or on a day off: at the opening of
    the next working day.
    """
    moment = calendar.local(submitted_at)
    day = moment.date()
    if calendar.is_working_day(day) and moment.time() <= calendar.cutoff:
        for start, end in calendar.periods(day):
            if moment < start:
                return start
            if moment < end:
                return moment
    return calendar.opening(calendar.next_working_day(day))


def _add_working_hours(start: datetime, hours: Decimal, calendar: WorkCalendar) -> datetime:
    remaining = timedelta(hours=float(hours))
    moment = calendar.local(start)
    day = moment.date()
    if remaining <= timedelta(0):
        return moment
    for _i in range(_MAX_DAYS_SEARCHED * 2):
        if calendar.is_working_day(day):
            for period_start, period_end in calendar.periods(day):
                begin = max(moment, period_start)
                if begin >= period_end:
                    continue
                available = period_end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += _ONE_DAY
        moment = calendar.opening(day)
    raise ValueError("The calendar has no working day in more than a year.")


def _end_on_working_day(moment: datetime, calendar: WorkCalendar) -> datetime:
    # Civil Code 2015 Art. 148: when the last day of a period is a weekly rest day or a holiday,
    # the period ends at the end of the next working day.
    if calendar.is_working_day(moment.date()):
        return moment
    return calendar.closing(calendar.next_working_day(moment.date()))


def add_duration(
    start: datetime, amount: Decimal | int, unit: str, calendar: WorkCalendar
) -> datetime:
    """`start` plus `amount` of `unit`: calendar days, working days (8 working hours each) or
    working hours inside office hours. Calendar days ending on a day off move to the end of the
    next working day."""
    amount = Decimal(str(amount))
    if amount < 0:
        raise ValueError("A duration cannot be negative.")
    if unit == Unit.DAY:
        return _end_on_working_day(
            calendar.local(start) + timedelta(hours=float(amount * 24)), calendar
        )
    if unit == Unit.WORKING_DAY:
        return _add_working_hours(start, amount * HOURS_PER_WORKING_DAY, calendar)
    if unit == Unit.HOUR:
        return _add_working_hours(start, amount, calendar)
    raise ValueError(f"Unknown duration unit: {unit!r}")


@dataclass(frozen=True)
class Pause:
    """The clock stopped for a supplement request, from `started_at` until the complete dossier
    was received (`ended_at`, None while still waiting)."""

    started_at: datetime
    ended_at: datetime | None = None


def _extensions(extension) -> list[tuple[Decimal | int, str]]:
    if extension is None:
        return []
    if len(extension) == 2 and not isinstance(extension[0], list | tuple):
        return [tuple(extension)]
    return [tuple(item) for item in extension]


def apply_extension(
    due: datetime,
    extension: tuple[Decimal | int, str],
    calendar: WorkCalendar,
    *,
    extensions_granted: int = 0,
) -> datetime:
    """The new appointment after an extension; a second extension raises ValueError
    (ND 61 Art. 19.9: the new appointment is set "không quá một lần")."""
    if extensions_granted >= 1:
        raise ValueError("A dossier's deadline can be extended only once (ND 61 Art. 19.9).")
    amount, unit = extension
    return add_duration(due, amount, unit, calendar)


def due_at(
    received_at: datetime,
    amount: Decimal | int,
    unit: str,
    calendar: WorkCalendar,
    pauses: Iterable[Pause] = (),
    extension: tuple[Decimal | int, str] | Sequence[tuple[Decimal | int, str]] | None = None,
) -> datetime | None:
    """The appointment for a dossier received at `received_at` with a processing time of
    `amount` `unit`, or None while a supplement request is open.

    After supplements the full processing time runs again from when the complete dossier was
    received (ND 61 Art. 19.4, "tính lại từ đầu"), counted like a new receipt (15:00 cut-off).
    `extension` is one `(amount, unit)`; a list of more than one raises ValueError.
    """
    extensions = _extensions(extension)
    if len(extensions) > 1:
        raise ValueError("A dossier's deadline can be extended only once (ND 61 Art. 19.9).")
    pauses = list(pauses)
    if any(pause.ended_at is None for pause in pauses):
        return None
    restarted_at = max((pause.ended_at for pause in pauses), default=received_at)
    start = counting_starts(max(received_at, restarted_at), calendar)
    due = add_duration(start, amount, unit, calendar)
    for extension_ in extensions:
        due = apply_extension(due, extension_, calendar)
    return due


def working_days_between(start: date, end: date, calendar: WorkCalendar) -> int:
    """How many working days fall after `start` up to and including `end` (negative when `end`
    is before `start`): Friday → next Monday is 1, a day to itself is 0."""
    if end < start:
        return -working_days_between(end, start, calendar)
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if calendar.is_working_day(day):
            count += 1
    return count


def add_working_days(day: date, count: int, calendar: WorkCalendar) -> date:
    """The date `count` working days after `day` (`day` itself when count is 0)."""
    for _i in range(count):
        day = calendar.next_working_day(day)
    return day
