"""bench/seed.py on a small scale: the rows it writes straight into PostgreSQL are rows the
application reads like its own (pages served and found, dossiers counted, sessions signed in)."""

from collections import Counter

import pytest
from django.db import connection
from django.test import Client

from bench import seed
from cms.models import NewsPage
from search.models import SearchEntry
from services.backoffice import statistics
from services.dossiers.models import Dossier, DossierEvent
from tests.conftest import require_service
from tests.services.dossiers.factories import ProcedureFactory

pytestmark = pytest.mark.django_db

# Events each status has after seeding: the steps up to it, in order.
STEPS = {
    "1": ["submit"],
    "2": ["submit", "receive"],
    "4": ["submit", "receive", "start_processing"],
    "5": ["submit", "receive", "start_processing", "request_supplement"],
    "7": ["submit", "receive", "start_processing", "withdraw"],
    "8": ["submit", "receive", "start_processing", "stop"],
    "9": ["submit", "receive", "start_processing", "complete"],
    "10": ["submit", "receive", "start_processing", "complete", "return_result"],
}


@pytest.fixture
def seeded(demo_site):
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    for _ in range(3):
        ProcedureFactory()
    pages_before = NewsPage.objects.live().count()
    facts = seed.seed(pages=40, dossiers=400, citizens=12, submitters=3)
    return facts, pages_before


def test_the_generated_pages_are_live_served_and_found(seeded, client):
    facts, pages_before = seeded
    generated = NewsPage.objects.live().filter(slug__startswith="tin-bench-")
    assert generated.count() == 40
    assert NewsPage.objects.live().count() == pages_before + 40
    page = generated.order_by("pk").last()
    response = client.get(page.url)
    assert response.status_code == 200 and page.title in response.content.decode()
    assert SearchEntry.objects.filter(url=page.url, title=page.title).exists()
    assert facts["search_entries"] == SearchEntry.objects.count()


def test_every_dossier_has_its_steps_and_the_statistics_add_up(seeded):
    facts, _pages = seeded
    dossiers = Dossier.objects.filter(code__startswith="TT-")
    assert dossiers.count() == 400
    assert len(set(dossiers.values_list("code", flat=True))) == 400
    actions = {}
    for dossier_id, action in DossierEvent.objects.order_by("dossier_id", "at", "pk").values_list(
        "dossier_id", "action"
    ):
        actions.setdefault(dossier_id, []).append(action)
    statuses = Counter()
    for dossier in dossiers.only("pk", "status"):
        assert actions[dossier.pk] == STEPS[dossier.status], dossier.status
        statuses[dossier.status] += 1
    assert set(statuses) == set(STEPS)
    report = statistics.compute(*statistics.default_period())
    assert report.handled == (
        report.resolved
        + report.in_progress
        + report.waiting_for_supplements
        + report.closed_without_result
    )
    assert report.handled > 0


def test_the_sessions_open_the_citizens_and_the_officers_screens(seeded):
    facts, _pages = seeded
    for cookie, path, expected in (
        (facts["citizen_cookie"], "/ho-so/", "TT-"),
        (facts["officer_cookie"], "/quan-tri/mot-cua/", "TT-"),
    ):
        client = Client()
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
        response = client.get(path)
        assert response.status_code == 200, path
        assert expected in response.content.decode()
    assert len(facts["submitter_cookies"]) == 3
