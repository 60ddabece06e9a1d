"""Dossier codes (TT 01/2018 Art. 19): <agency code>-YYMMDD-XXXX, a gap-free daily number per agency."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from portal.accounts.models import User
from services.dossiers import flows
from services.dossiers.models import DailyCounter, Dossier, DossierEvent
from tests.conftest import require_service
from tests.portal.accounts.factories import AgencyFactory
from tests.services.dossiers.factories import (
    DossierFactory,
    ProcedureFactory,
    ready_draft,
    received_dossier,
)

CODE = re.compile(r"^000\.00\.\d{2}\.H99-\d{6}-\d{4}$")


@pytest.mark.django_db
def test_the_code_has_the_national_format():
    dossier = received_dossier()
    assert CODE.match(dossier.code), dossier.code
    day = timezone.localdate(dossier.received_at)
    assert dossier.code == f"{dossier.agency.code}-{day:%y%m%d}-0001"


@pytest.mark.django_db
def test_numbers_follow_each_other_per_agency_and_restart_each_day(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    procedure = ProcedureFactory(with_form=False)
    other = ProcedureFactory(with_form=False, agency=AgencyFactory(code="000.00.77.H99"))
    monday = timezone.make_aware(datetime(2026, 11, 23, 9, 0))
    codes = []
    for dossier_procedure, at in [
        (procedure, monday),
        (procedure, monday + timedelta(minutes=5)),
        (other, monday),
        (procedure, monday + timedelta(days=1)),
    ]:
        dossier = DossierFactory(procedure=dossier_procedure, status=Dossier.Status.NEW)
        dossier.receive(at=at)
        codes.append(dossier.code)
    agency = procedure.agency.code
    assert codes == [
        f"{agency}-261123-0001",
        f"{agency}-261123-0002",
        "000.00.77.H99-261123-0001",
        f"{agency}-261124-0001",
    ]


@pytest.mark.django_db
def test_a_rolled_back_receipt_gives_its_number_back(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    first = DossierFactory(status=Dossier.Status.NEW)
    with pytest.raises(RuntimeError), transaction.atomic():
        first.receive()
        raise RuntimeError("the receiving transaction fails")
    second = DossierFactory(procedure=first.procedure, status=Dossier.Status.NEW)
    second.receive()
    assert second.code.endswith("-0001")


@pytest.mark.django_db
def test_submitting_one_draft_twice_makes_one_dossier():
    draft = ready_draft()
    first, problems = flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
    again, more = flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
    assert problems == more == []
    assert first.pk == again.pk and first.code == again.code
    assert Dossier.objects.count() == 1
    assert DossierEvent.objects.filter(action="submit").count() == 1
    assert DailyCounter.objects.get().last == 1


def _bare_drafts(count):
    """Drafts that are complete without forms or files: the test is about codes, not content."""
    procedure = ProcedureFactory(with_form=False)
    procedure.components.all().delete()
    users = User.objects.bulk_create(
        [User(username=f"dongthoi{n}", consented_at=timezone.now()) for n in range(count)]
    )
    drafts = Dossier.objects.bulk_create(
        [Dossier(procedure=procedure, applicant=user, agency=procedure.agency) for user in users]
    )
    return procedure, drafts


def _in_own_connection(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_submissions_get_200_consecutive_codes():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    procedure, drafts = _bare_drafts(200)
    start = threading.Barrier(20)

    @_in_own_connection
    def submit(draft):
        if draft.pk <= drafts[19].pk:
            start.wait(timeout=30)
        dossier, problems = flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
        assert not problems
        return dossier.code

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(submit, drafts))

    prefix = f"{procedure.agency.code}-{timezone.localdate():%y%m%d}-"
    assert sorted(codes) == [f"{prefix}{n:04d}" for n in range(1, 201)]
    assert Dossier.objects.filter(status=Dossier.Status.RECEIVED).count() == 200
    assert DailyCounter.objects.get(agency=procedure.agency).last == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submits_of_one_draft_make_one_dossier():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    _procedure, [draft] = _bare_drafts(1)
    start = threading.Barrier(10)

    @_in_own_connection
    def submit(_attempt):
        start.wait(timeout=30)
        dossier, _problems = flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
        return dossier.pk, dossier.code

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = set(pool.map(submit, range(10)))

    assert len(results) == 1
    assert Dossier.objects.count() == 1
    assert DossierEvent.objects.filter(action="submit").count() == 1
    assert DailyCounter.objects.get().last == 1
