"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site."""

from datetime import timedelta

from django.utils import timezone

from .models import VisitCount

# Section, views on a weekday in Vietnamese and in English.
SECTIONS = [("/", 420, 35), ("tin-tuc", 260, 12), ("dich-vu-cong", 310, 8), ("hoi-dap", 45, 3)]
DAYS = 14


def populate(home, home_en):
    """Two weeks of made-up counts, so the report has something to show (idempotent)."""
    today = timezone.localdate()
    rows = []
    for offset in range(1, DAYS + 1):
        day = today - timedelta(days=offset)
        weekend = day.weekday() >= 5
        for index, (section, vi_views, en_views) in enumerate(SECTIONS):
            # A steady, reproducible wobble: the same numbers on every load.
            wobble = 1 + ((offset * 7 + index * 3) % 5 - 2) / 20
            factor = wobble * (0.4 if weekend else 1)
            rows.append(
                VisitCount(date=day, section=section, language="vi", views=round(vi_views * factor))
            )
            rows.append(
                VisitCount(date=day, section=section, language="en", views=round(en_views * factor))
            )
    VisitCount.objects.bulk_create(rows, ignore_conflicts=True)
