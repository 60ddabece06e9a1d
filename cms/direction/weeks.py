"""ISO weeks, as the work schedule's addresses write them: 2026-W48 (Monday to Sunday)."""

import re
from datetime import date, timedelta

WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse(text: str) -> date | None:
    """The Monday of an ISO week written like 2026-W48, or None when it is not a real week."""
    match = WEEK.match(text.strip())
    if not match:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def days_with_entries(monday: date, entries):
    """(day, entries of that day) for Monday to Friday, and for Saturday or Sunday when busy."""
    by_day = {}
    for entry in entries:
        by_day.setdefault(entry.date, []).append(entry)
    days = [monday + timedelta(days=offset) for offset in range(7)]
    return [(day, by_day.get(day, [])) for day in days if day.weekday() < 5 or day in by_day]
