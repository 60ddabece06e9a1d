from .models import CalendarDay, announce_calendar_change
from .schedule import schedule_for


def seed_holidays(years) -> int:
    """Add the missing days off and make-up days of `years`; returns how many were added.

    Existing rows are left alone, so an editor's corrections survive a second run.
    """
    wanted = schedule_for(years)
    existing = set(CalendarDay.objects.filter(date__in=wanted).values_list("date", flat=True))
    new = [
        CalendarDay(date=day, kind=kind, name=name, source=CalendarDay.Source.SEED)
        for day, (kind, name) in sorted(wanted.items())
        if day not in existing
    ]
    CalendarDay.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        announce_calendar_change()
    return len(new)
