"""Citizen ratings summarised per agency and procedure, and the TT 01/2018 indices 1–4."""

from datetime import timedelta

import pytest
import time_machine

from services.backoffice import satisfaction
from services.backoffice.models import Consultation, VerificationVisit
from services.dossiers.models import Dossier
from tests.portal.accounts.factories import AgencyFactory
from tests.services.backoffice.statistics_fixture import (
    END,
    START,
    at,
    world_fixture,  # noqa: F401 (the "world" fixture)
)
from tests.services.dossiers.factories import DossierFactory

QUERY = {"from": START.isoformat(), "to": END.isoformat()}


def fresh(dossier):
    return Dossier.objects.get(pk=dossier.pk)


def test_ratings_are_summarised_per_agency_and_procedure(world, db):
    summary = satisfaction.summary(START, END)
    # R1: 3 satisfied + 1 not satisfied (agency A, PA1); R14: one of each level (agency B, PB1).
    assert summary.totals.as_dict() == {
        "satisfied": 4,
        "acceptable": 1,
        "not_satisfied": 2,
        "total": 7,
        "satisfied_rate": 57.1,
        "acceptable_rate": 14.3,
        "not_satisfied_rate": 28.6,
    }
    agencies = {row.code: row.counts for row in summary.agencies}
    assert (agencies[world.agency_a.code].satisfied, agencies[world.agency_a.code].total) == (3, 4)
    assert agencies[world.agency_a.code].not_satisfied_rate == 25.0
    assert agencies[world.agency_b.code].as_dict()["total"] == 3
    procedures = {row.code: row.counts for row in summary.procedures}
    assert set(procedures) == {world.pa1.code, world.pb1.code}
    only_b = satisfaction.summary(START, END, agency=world.agency_b)
    assert only_b.totals.total == 3
    # Ratings are counted by the day they were given: none in December.
    assert satisfaction.summary(END + timedelta(days=3), END + timedelta(days=10)).totals.total == 0


def test_the_ratings_are_on_the_public_page(world, db, client):
    from bs4 import BeautifulSoup

    html = client.get("/thong-ke/", QUERY).content.decode()
    table = BeautifulSoup(html, "html.parser").find(id="stats-ratings")
    total = table.find("tr", attrs={"data-code": ""})
    assert total.find("td", attrs={"data-key": "total"}).get_text() == "7"
    assert total.find("td", attrs={"data-key": "satisfied"}).get_text().startswith("4 (57")


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("R1", (2, 2, 2, 2, 8)),  # early, no supplement
        ("R2", (1, 1, 2, 2, 6)),  # on the appointment's day, by its hour
        ("R3", (0, 0, 2, 2, 4)),  # late
        ("R4", (2, 2, 1, 1, 6)),  # one supplement request, then early
        ("R5", (2, 2, 0, 1, 5)),  # two supplement requests: index 3 scores 0
        ("R9", (None, None, 2, 2, None)),  # still in progress: not scored yet
    ],
)
def test_dossier_indices_are_computed_from_the_record(world, db, group, expected):
    indices = satisfaction.dossier_indices(fresh(world.groups[group][0]))
    assert (
        indices.index_1,
        indices.index_2,
        indices.index_3,
        indices.index_4,
        indices.total,
    ) == expected


def test_a_late_consulted_unit_scores_0_on_index_2(world, db):
    dossier = fresh(world.groups["R1"][1])
    consulted = AgencyFactory(code="000.00.79.H98", name="Sở Xây dựng thử nghiệm")
    Consultation.objects.create(
        dossier=dossier,
        agency=consulted,
        question="Ý kiến về hồ sơ",
        working_days=1,
        requested_at=at(2, 10),
        due_at=at(2, 16),
        state=Consultation.State.ANSWERED,
        answered_at=at(3, 8),
    )
    indices = satisfaction.dossier_indices(dossier)
    assert indices.index_1 == 2
    assert indices.index_2 == 0
    assert (consulted.name, 0) in indices.units


def test_a_required_visit_keeps_index_4_at_one_point(world, db):
    dossier = fresh(world.groups["R1"][2])
    VerificationVisit.objects.create(
        dossier=dossier, visited_on=START, place="Thửa đất số 12", findings="Đúng hiện trạng"
    )
    assert satisfaction.dossier_indices(dossier).index_4 == 1


def test_agency_indices_average_the_dossiers_of_the_period(world, db):
    rows = {row.code: row for row in satisfaction.agency_indices(START, END)}
    agency_b = rows[world.agency_b.code]
    # Completed in the period: R13 4 late (0), R14 3 on time (1), R20 2 early (2): 7 / 9 = 0.8.
    assert agency_b.dossiers == 9
    assert agency_b.scores == {1: 0.8, 2: 0.8, 3: 2.0, 4: 2.0}
    assert agency_b.total == 5.6
    # Agency A: C1 3, C2 2, R1 8, R2 6, R3 4, R4 3, R5 2, R6 2, R7 1, R8 5 = 36 dossiers.
    assert rows[world.agency_a.code].dossiers == 36


def test_indices_for_a_dossier_without_events(db):
    dossier = DossierFactory(status=Dossier.Status.NEW)
    with time_machine.travel(at(2), tick=False):
        dossier.receive(at=at(2))
    indices = satisfaction.dossier_indices(dossier)
    assert indices.index_1 is None and indices.index_3 == 2 and indices.total is None
