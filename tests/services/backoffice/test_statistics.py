"""Acceptance 4: one fixture of 68 dossiers with hand-counted figures (statistics_fixture.py), and
the same figures from compute(), the public page, the back-office report, its spreadsheet and CSV
exports, the command's JSON and the public API. Also acceptance 2's statistics half: a second
supplement request makes the dossier late."""

import csv
import io
import json
from datetime import date

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from portal.accounts import roles
from services.backoffice import statistics
from services.backoffice.stats_views import BREAKDOWN_KEYS
from services.dossiers.models import Dossier
from tests.portal.accounts.factories import UserFactory
from tests.services.backoffice.statistics_fixture import (
    END,
    EXPECTED,
    EXPECTED_AGENCY_B,
    EXPECTED_PA2,
    EXPECTED_RATES,
    START,
    at,
    world_fixture,  # noqa: F401 (the "world" fixture)
)
from tests.services.dossiers.factories import DossierFactory, ProcedureFactory

QUERY = {"from": START.isoformat(), "to": END.isoformat()}
COUNT_KEYS = list(statistics.LABELS)


@pytest.fixture
def officer(world, db):
    user = UserFactory.with_role(roles.RECEIVING_OFFICER, agency=world.agency_a)
    client = Client()
    client.force_login(user)
    return client


def number(text):
    """A figure as printed: "22", "70,0%" (Vietnamese) or "70.0%"."""
    text = text.strip().rstrip("%").replace(",", ".")
    if text == "–":
        return None
    return float(text) if "." in text else int(text)


def page_figures(html, table_id="stats-summary"):
    table = BeautifulSoup(html, "html.parser").find(id=table_id)
    assert table is not None, f"no #{table_id}"
    return {cell["data-key"]: number(cell.get_text()) for cell in table.select("[data-key]")}


def breakdown(html, table_id, code):
    table = BeautifulSoup(html, "html.parser").find(id=table_id)
    row = table.find("tr", attrs={"data-code": code})
    return {cell["data-key"]: number(cell.get_text()) for cell in row.select("td[data-key]")}


def on_screen(expected):
    return {key: expected[key] for key in BREAKDOWN_KEYS}


def table_by_label(header, row):
    """A header/row pair of an export back to {figure key: value}."""
    by_label = dict(zip(header, row, strict=True))
    figures = {key: by_label[str(label)] for key, label in statistics.LABELS.items()}
    for key, label in statistics.RATE_LABELS.items():
        value = by_label[f"{label} (%)"]
        figures[key] = None if value in ("", None) else float(value)
    return figures


def as_int(figures):
    return {
        key: int(value) if key in statistics.LABELS else value for key, value in figures.items()
    }


# compute() -----------------------------------------------------------------------------------------


def test_compute_gives_the_hand_counted_figures(world, db):
    report = statistics.compute(START, END)
    assert report.counts() == EXPECTED
    assert report.rates() == EXPECTED_RATES
    # Each dossier carried over or received is counted once in what became of it.
    assert report.handled == (
        report.resolved
        + report.in_progress
        + report.waiting_for_supplements
        + report.closed_without_result
    )
    by_agency = {row.code: row.figures.counts() for row in report.agencies}
    assert by_agency[world.agency_b.code] == EXPECTED_AGENCY_B
    by_procedure = {row.code: row.figures.counts() for row in report.procedures}
    assert by_procedure[world.pa2.code] == EXPECTED_PA2
    # The breakdowns add up to the total.
    for rows in (report.agencies, report.procedures):
        total = statistics.Figures()
        for row in rows:
            total.add(row.figures)
        assert total.counts() == EXPECTED


def test_filters_agree_with_the_breakdown(world, db):
    assert statistics.compute(START, END, agency=world.agency_b).counts() == EXPECTED_AGENCY_B
    assert statistics.compute(START, END, procedure=world.pa2.code).counts() == EXPECTED_PA2
    # Field "Hộ tịch" = PA1 + PB1 = everything but PA2.
    civil = statistics.compute(START, END, field=world.pa1.field)
    assert civil.received == EXPECTED["received"] - EXPECTED_PA2["received"]
    assert civil.carried_over == EXPECTED["carried_over"] - EXPECTED_PA2["carried_over"]


def test_a_past_period_keeps_its_figures_after_later_events(world, db):
    """R10 (completed 01/12) and R12b (supplemented 01/12) count as they were on 27/11."""
    assert world.groups["R10"][0].status == Dossier.Status.COMPLETED
    assert world.groups["R12b"][0].status == Dossier.Status.PROCESSING
    december = statistics.compute(date(2026, 12, 1), date(2026, 12, 1))
    # Carried over into December: open on 01/12 at 00:00.
    # C3 2 + R9 3 + R10 2 + R11 2 + R12 1 + R12b 1 = 11.
    assert december.carried_over == 11
    assert december.received_online == 2  # R19
    assert december.resolved_late == 2  # R10, due 26/11


# The command -----------------------------------------------------------------------------------------


def test_the_command_json_gives_the_same_figures(world, db):
    out = io.StringIO()
    call_command(
        "dossier_stats",
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-27",
        "--format",
        "json",
        stdout=out,
    )
    document = json.loads(out.getvalue())
    assert {key: document["totals"][key] for key in COUNT_KEYS} == EXPECTED
    assert {key: document["totals"][key] for key in EXPECTED_RATES} == EXPECTED_RATES
    agencies = {row["code"]: row["figures"] for row in document["agencies"]}
    assert {key: agencies[world.agency_b.code][key] for key in COUNT_KEYS} == EXPECTED_AGENCY_B


def test_the_command_filters_by_agency_and_prints_a_table(world, db):
    out = io.StringIO()
    call_command(
        "dossier_stats",
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-27",
        "--agency",
        world.agency_b.code,
        "--format",
        "json",
        stdout=out,
    )
    totals = json.loads(out.getvalue())["totals"]
    assert {key: totals[key] for key in COUNT_KEYS} == EXPECTED_AGENCY_B
    table = io.StringIO()
    with translation.override("en"):
        call_command("dossier_stats", "--from", "2026-11-02", "--to", "2026-11-27", stdout=table)
    lines = table.getvalue().splitlines()
    assert lines[0] == "02/11/2026 – 27/11/2026"
    assert any(line.split()[-1] == "22" and "early" in line.lower() for line in lines)


# The public API ---------------------------------------------------------------------------------------


def test_the_api_gives_the_same_figures(world, db, client):
    response = client.get("/api/thong-ke/", QUERY)
    assert response.status_code == 200
    data = response.json()
    assert {key: data["totals"][key] for key in COUNT_KEYS} == EXPECTED
    assert {key: data["totals"][key] for key in EXPECTED_RATES} == EXPECTED_RATES
    procedures = {row["code"]: row["figures"] for row in data["procedures"]}
    assert {key: procedures[world.pa2.code][key] for key in COUNT_KEYS} == EXPECTED_PA2
    assert data["ratings"]["total"] == 7
    filtered = client.get("/api/thong-ke/", {**QUERY, "agency": world.agency_b.code}).json()
    assert {key: filtered["totals"][key] for key in COUNT_KEYS} == EXPECTED_AGENCY_B
    assert filtered["agency"] == world.agency_b.code


def test_the_api_rejects_a_bad_period_and_is_in_the_schema(world, db, client):
    response = client.get("/api/thong-ke/", {"from": "2026-11-27", "to": "2026-11-02"})
    assert response.status_code == 400
    assert client.get("/api/thong-ke/", {"agency": "no-such-agency"}).status_code == 400
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/thong-ke/" in text
    assert "resolved_late" in text


# The public page --------------------------------------------------------------------------------------


def test_the_public_page_gives_the_same_figures(world, db, client):
    response = client.get("/thong-ke/", QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert page_figures(html) == {**EXPECTED, **EXPECTED_RATES}
    online = page_figures(html, "stats-online")
    assert online == {
        "received_online": 30,
        "online_resolved": 31,
        "online_in_time_rate": 71.0,
        "received": 53,
    }
    agency_b = breakdown(html, "stats-agencies", world.agency_b.code)
    assert agency_b == on_screen(EXPECTED_AGENCY_B)
    pa2 = breakdown(html, "stats-procedures", world.pa2.code)
    assert pa2 == on_screen(EXPECTED_PA2)
    # The charts print the numbers too, with an accessible name.
    soup = BeautifulSoup(html, "html.parser")
    chart = soup.find("svg", attrs={"aria-labelledby": "chart-outcome-title chart-outcome-desc"})
    assert chart is not None and chart.get("role") == "img"
    assert "22" in [text.get_text() for text in chart.find_all("text")]


def test_the_public_page_filters_per_agency_and_per_procedure(world, db, client):
    html = client.get("/thong-ke/", {**QUERY, "agency": world.agency_b.code}).content.decode()
    assert page_figures(html) == {
        **EXPECTED_AGENCY_B,
        **{key: value for key, value in page_figures(html).items() if key in EXPECTED_RATES},
    }
    assert page_figures(html)["on_time_rate"] == 53.8  # 7 / 13
    html = client.get("/thong-ke/", {**QUERY, "procedure": world.pa2.code}).content.decode()
    assert {key: page_figures(html)[key] for key in COUNT_KEYS} == EXPECTED_PA2


def test_the_public_page_shows_errors_and_defaults(world, db, client):
    response = client.get("/thong-ke/", {"from": "2026-11-27", "to": "2026-11-02"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode() or (
        "trước ngày bắt đầu" in response.content.decode()
    )
    assert client.get("/thong-ke/").status_code == 200


# The back office ------------------------------------------------------------------------------------


def test_the_back_office_report_gives_the_same_figures(world, officer):
    response = officer.get("/quan-tri/mot-cua/thong-ke/", QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert page_figures(html) == {**EXPECTED, **EXPECTED_RATES}
    assert breakdown(html, "stats-agencies", world.agency_b.code) == on_screen(EXPECTED_AGENCY_B)
    assert breakdown(html, "stats-procedures", world.pa2.code) == on_screen(EXPECTED_PA2)


def test_the_spreadsheet_export_gives_the_same_figures(world, officer):
    response = officer.get("/quan-tri/mot-cua/thong-ke/", {**QUERY, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "thong-ke-ho-so-20261102-20261127.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    total = table_by_label(header, rows[1])
    assert as_int(total) == {**EXPECTED, **EXPECTED_RATES}
    by_code = {row[1]: table_by_label(header, row) for row in rows[2:]}
    assert {key: by_code[world.agency_b.code][key] for key in COUNT_KEYS} == EXPECTED_AGENCY_B
    assert {key: by_code[world.pa2.code][key] for key in COUNT_KEYS} == EXPECTED_PA2
    period = workbook.worksheets[1]
    assert [cell.value for cell in period["B"]][:2] == ["02/11/2026", "27/11/2026"]


def test_the_csv_export_gives_the_same_figures(world, officer):
    response = officer.get("/quan-tri/mot-cua/thong-ke/", {**QUERY, "format": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    total = table_by_label(header, rows[1])
    assert as_int(total) == {**EXPECTED, **EXPECTED_RATES}
    by_code = {row[1]: as_int(table_by_label(header, row)) for row in rows[2:]}
    assert {key: by_code[world.agency_b.code][key] for key in COUNT_KEYS} == EXPECTED_AGENCY_B


def test_the_scorecard_shows_the_766_indicators(world, officer):
    response = officer.get("/quan-tri/mot-cua/thong-ke/chi-so/", QUERY)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    table = soup.find(id="scorecard-766")
    values = {
        row["data-code"]: row.find("td", attrs={"data-key": "value"}).get_text().strip()
        for row in table.select("tr[data-code]")
    }
    assert set(values) == {"2.1", "2.2", "3.3", "3.6", "4.1", "4.2", "5.4"}
    assert number(values["2.1"]) == 70.0
    assert number(values["3.3"]) == 56.6
    # 5.4 = 100 − (30.0% late + 2 "not satisfied" of 60 = 3.3%) = 66.7
    assert number(values["5.4"]) == 66.7
    # No electronic result was attached in the fixture.
    assert number(values["4.1"]) == 0.0


def test_the_back_office_is_closed_to_citizens(world, db):
    citizen = Client()
    citizen.force_login(UserFactory())
    for url in ("/quan-tri/mot-cua/thong-ke/", "/quan-tri/mot-cua/thong-ke/chi-so/"):
        response = citizen.get(url, {**QUERY, "format": "csv"})
        assert response.status_code in (302, 403)
        assert b"resolved" not in response.content.lower()


# Acceptance 2 (statistics half) ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_supplement_request_marks_the_dossier_late():
    procedure = ProcedureFactory()
    dossier = DossierFactory(procedure=procedure, status=Dossier.Status.NEW)
    supp = {"items": ["Bản sao giấy khai sinh"]}
    with time_machine.travel(at(2), tick=False):
        dossier.receive(at=at(2))
        dossier.start_processing()
    with time_machine.travel(at(3), tick=False):
        dossier.request_supplement(**supp)
    with time_machine.travel(at(4), tick=False):
        dossier.supplement()
    week = (date(2026, 11, 2), date(2026, 11, 4))
    once = statistics.compute(*week, procedure=procedure)
    assert once.in_progress_on_time == 1 and once.on_time_766 == 1
    with time_machine.travel(at(4, 10), tick=False):
        dossier.request_supplement(**supp)
    twice = statistics.compute(*week, procedure=procedure)
    # Waiting for its second supplement: late in the QĐ 766 rate.
    assert twice.waiting_for_supplements == 1
    assert twice.on_time_766 == 0 and twice.on_time_rate == 0.0
    with time_machine.travel(at(5), tick=False):
        dossier.supplement()
    with time_machine.travel(at(5, 10), tick=False):
        dossier.complete()
    dossier.refresh_from_db()
    assert dossier.completed_at < dossier.due_at  # before the restarted appointment…
    done = statistics.compute(date(2026, 11, 2), date(2026, 11, 6), procedure=procedure)
    assert done.resolved_late == 1  # …but late: more than one supplement request
    assert done.resolved_early == done.resolved_on_time == 0


# One computation for every screen ----------------------------------------------------------------


@pytest.fixture
def computations(demo_site, monkeypatch, settings):
    """Statistics shared for ten minutes, as in production, with every computation counted (on
    the demo site: a transactional test run before may have flushed the locales)."""
    from django.core.cache import cache

    settings.STATISTICS_CACHE_SECONDS = 600
    cache.clear()
    calls = []
    compute = statistics.compute

    def counted(*args, **kwargs):
        calls.append(args)
        return compute(*args, **kwargs)

    monkeypatch.setattr(statistics, "compute", counted)
    yield calls
    cache.clear()


def test_every_screen_reads_one_computation_of_a_selection(world, officer, client, computations):
    public = client.get("/thong-ke/", QUERY).content.decode()
    api = client.get("/api/thong-ke/", QUERY).json()
    back_office = officer.get("/quan-tri/mot-cua/thong-ke/", QUERY).content.decode()
    assert page_figures(public) == page_figures(back_office) == {**EXPECTED, **EXPECTED_RATES}
    assert {key: api["totals"][key] for key in COUNT_KEYS} == EXPECTED
    assert len(computations) == 1
    soup = BeautifulSoup(public, "html.parser")
    assert soup.find(id="stats-computed-at") is not None
    # Another selection is computed on its own.
    client.get("/thong-ke/", {**QUERY, "agency": world.agency_b.code})
    assert len(computations) == 2


def test_the_periodic_task_prepares_the_public_page(world, client, computations):
    from services.backoffice.tasks import warm_statistics

    warm_statistics.delay()
    assert len(computations) == 1
    assert client.get("/thong-ke/").status_code == 200
    assert len(computations) == 1, "the visitor got the prepared figures"


def test_without_sharing_each_request_computes(world, client, computations, settings):
    settings.STATISTICS_CACHE_SECONDS = 0
    client.get("/thong-ke/", QUERY)
    client.get("/thong-ke/", QUERY)
    assert len(computations) == 2


def test_the_screens_list_the_busiest_procedures_and_say_how_many_more(
    world, demo_site, client, monkeypatch
):
    from services.backoffice import stats_views

    monkeypatch.setattr(stats_views, "SCREEN_PROCEDURE_ROWS", 1)
    report = statistics.compute(START, END)
    busiest = max(report.procedures, key=lambda row: row.figures.handled)
    html = client.get("/thong-ke/", QUERY).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    rows = soup.select("#stats-procedures tbody tr")
    assert [row["data-code"] for row in rows] == [busiest.code]
    left_out = len(report.procedures) - 1
    assert left_out >= 1
    note = rows[0].find_parent("div").find_next_sibling("p").get_text()
    assert str(left_out) in note
