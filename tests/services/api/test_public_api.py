from datetime import date

import pytest
import schemathesis
import yaml
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from services.procedures.importer import detail_files, import_details
from services.procedures.models import Procedure
from services.workdays.models import CalendarDay, invalidate_calendar

UNLIMITED = {"anon": "100000/minute"}


@pytest.fixture(autouse=True)
def _fresh_throttle(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": UNLIMITED}


@pytest.fixture
def records(db):
    import_details(detail_files())


def test_schema_is_valid_openapi(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = set(schema["paths"])
    assert {"/api/thu-tuc/", "/api/thu-tuc/{code}/", "/api/ngay-lam-viec/"} <= paths
    assert all(path.startswith("/api/") for path in paths)


def test_schema_endpoint_serves_the_schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/thu-tuc/" in schema["paths"]


def test_docs_use_local_assets_only(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "cdn" not in page.lower() and "//unpkg" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert (
        client.get(
            "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
        ).status_code
        == 200
    )
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert b"/api/schema/" in script.content


def test_procedure_list_is_paginated_and_filtered(client, records):
    response = client.get("/api/thu-tuc/", {"page_size": 5})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 21 and len(data["results"]) == 5 and data["next"]
    response = client.get("/api/thu-tuc/", {"audience": "foreigner", "q": "giay phep lai xe"})
    assert [row["code"] for row in response.json()["results"]] == ["3.000351"]
    response = client.get("/api/thu-tuc/", {"online": "full", "level": "commune"})
    assert [row["code"] for row in response.json()["results"]] == ["1.010041", "1.116535"] or {
        row["code"] for row in response.json()["results"]
    } == {"1.010041", "1.116535"}


def test_procedure_detail_carries_every_component(client, records):
    response = client.get("/api/thu-tuc/1.014777/")
    assert response.status_code == 200
    data = response.json()
    procedure = Procedure.objects.get(code="1.014777")
    assert data["name"] == procedure.name
    assert len(data["components"]) == procedure.components.count() > 0
    assert {fee["amount"] for fee in data["fees"]} == {1025000, 1300000, 700000}
    assert {time["channel"] for time in data["processing_times"]} == {"online", "direct", "postal"}
    assert data["processing_times"][0]["unit"] == "working_day"
    assert data["legal_bases"] and data["results"] and data["steps"]
    assert client.get("/api/thu-tuc/9.999999/").status_code == 404


def test_working_days_lists_days_off_and_make_up_days(client, db):
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="Tết Dương lịch")
    CalendarDay.objects.create(date=date(2027, 1, 9), kind="working_saturday", name="Làm bù")
    invalidate_calendar()
    response = client.get("/api/ngay-lam-viec/", {"from": "2027-01-01", "to": "2027-01-10"})
    assert response.status_code == 200
    data = response.json()
    assert [day["date"] for day in data["calendar_days"]] == ["2027-01-01", "2027-01-09"]
    worked = {day["date"]: day["is_working_day"] for day in data["dates"]}
    assert worked["2027-01-01"] is False  # holiday (Friday)
    assert worked["2027-01-04"] is True  # Monday
    assert worked["2027-01-09"] is True  # make-up Saturday
    assert worked["2027-01-10"] is False  # Sunday
    assert data["working_day_count"] == 6


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2027-02-30"},
        {"from": "2027-02-10", "to": "2027-02-01"},
        {"from": "2027-01-01", "to": "2029-01-01"},
        {"from": "hôm qua"},
    ],
)
def test_bad_calendar_ranges_are_refused_with_a_message(client, db, params):
    response = client.get("/api/ngay-lam-viec/", params)
    assert response.status_code == 400
    assert response.json()


def test_api_is_read_only(client, records):
    assert client.post("/api/thu-tuc/", {}, content_type="application/json").status_code == 405
    assert client.delete("/api/thu-tuc/1.014777/").status_code == 405


def test_anonymous_clients_are_throttled(client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }
    cache.clear()
    statuses = [client.get("/api/ngay-lam-viec/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.fixture
def keep_the_test_connection():
    """Requests through the raw WSGI app must not close the test's database connection.

    Django's test client disconnects close_old_connections from the request signals for the same
    reason; schemathesis calls the WSGI application directly.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_public_api_never_fails_on_any_input(records, keep_the_test_connection):
    """Schemathesis generates requests from the schema for every operation; none may be a 5xx.

    The operations are driven by hand: schemathesis' lazy pytest fixture does not run on pytest 9.
    """
    api = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 3
    statuses = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=15,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call()
            statuses.append(response.status_code)
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path}: {response.text}"
            )

        check()
    assert 200 in statuses and len(statuses) >= 3 * 5
