"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site."""

from .seeding import seed_holidays


def populate(home, home_en):
    """Seed the working calendar for 2025–2027 (bulk, idempotent)."""
    seed_holidays([2025, 2026, 2027])
