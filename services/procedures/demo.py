"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site."""


def populate(home, home_en):
    """Create or update this app's demo records and pages (idempotent) under both home pages."""
