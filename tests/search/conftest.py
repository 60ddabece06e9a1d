import pytest
from django.core.cache import cache
from django.db import transaction


def load_demo_catalogue():
    """What `manage.py load_demo` loads that search sees: the pages (with the legal documents and
    the detailed procedures) and the national procedure catalogue."""
    from cms import demo
    from services.procedures.models import Procedure

    demo.load_site()
    Procedure.objects.import_national_catalog()
    cache.clear()


@pytest.fixture(scope="module")
def demo_index(django_db_setup, django_db_blocker):
    """The demo content indexed by the database engine, once per test module, inside a
    transaction rolled back at its end."""
    from search import engine
    from search.database import DatabaseEngine

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_catalogue()
        engine.rebuild(engines=[DatabaseEngine()])
        yield
        transaction.set_rollback(True)
