"""Acceptance 7: a commune-level dossier transferred to the province comes back with the result to
the commune desk, with one dossier code and one timeline (ND 61 Art. 19.7)."""

import pytest
from django.urls import reverse

from services.backoffice import documents, processing
from services.dossiers.models import Dossier, IllegalTransition
from tests.services.backoffice.processing_fixtures import (
    log_in,
    office,
    received,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_signing")]
S = Dossier.Status


@pytest.fixture
def commune():
    return office("000.21.01.H99", "UBND phường Tân An", prefix="Xã ")


@pytest.fixture
def province():
    return office("000.00.04.H99", "Sở Tư pháp", prefix="Sở ")


def test_a_transferred_dossier_comes_back_to_the_commune_desk_with_one_code_and_timeline(
    client, commune, province
):
    dossier = received(commune, channel="counter")
    code = dossier.code
    assert not Dossier.objects.for_officer(province.handler).filter(pk=dossier.pk).exists()

    # Only the receiving unit transfers, once.
    with pytest.raises(IllegalTransition):
        processing.transfer(dossier, by=province.head, to_agency=province.agency)
    processing.transfer(
        dossier, by=commune.desk, to_agency=province.agency, note="Thẩm quyền cấp tỉnh."
    )
    dossier.refresh_from_db()
    assert dossier.holding_unit == province.agency.name
    assert processing.acting_agency(dossier) == province.agency
    assert not processing.can_transfer(commune.desk, dossier)
    # Both levels see it; the province acts on it, the commune no longer assigns it.
    for person in (province.head, province.handler, commune.desk, commune.head):
        assert Dossier.objects.for_officer(person).filter(pk=dossier.pk).exists()
    assert not processing.can_assign(commune.head, dossier)
    with pytest.raises(IllegalTransition):
        processing.assign(dossier, handler=commune.handler, by=commune.head)

    processing.assign(dossier, handler=province.handler, by=province.head)
    processing.add_appraisal(dossier, by=province.handler, text="Đủ điều kiện.")
    processing.submit_for_signature(dossier, by=province.handler, summary="Cấp giấy xác nhận.")
    assert not processing.can_sign(commune.head, dossier)
    document = processing.sign_result(dossier, by=province.head)
    assert document.agency == province.agency

    # Back at the commune's one-stop unit, completed, waiting for the commune to return it.
    dossier.refresh_from_db()
    assert dossier.code == code and dossier.status == S.COMPLETED
    assert commune.agency.name in dossier.holding_unit
    assert processing.acting_agency(dossier) == commune.agency
    assert dossier.transfers.get().returned_at is not None
    assert not processing.can_return(province.head, dossier)
    assert processing.can_return(commune.desk, dossier)
    log_in(client, commune.desk)
    screen = client.get(reverse("backoffice:dossier", args=[dossier.pk]))
    assert screen.status_code == 200
    assert reverse("backoffice:return_result", args=[dossier.pk]) in screen.content.decode()
    response = client.post(
        reverse("backoffice:return_result", args=[dossier.pk]),
        {"method": "counter", "note": "Công dân nhận tại quầy."},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.RESULT_RETURNED

    # One timeline: every step on the same dossier, the holding unit following the dossier.
    events = list(dossier.events.order_by("at", "pk"))
    assert [e.action for e in events] == [
        "submit",
        "receive",
        "transfer",
        "start_processing",
        "assign",
        "appraise",
        "submit_for_signature",
        "sign_result",
        "transfer_returned",
        "complete",
        "return_result",
    ]
    by_action = {e.action: e for e in events}
    assert by_action["transfer"].actor_agency == commune.agency
    assert by_action["assign"].actor_agency == province.agency
    assert by_action["transfer"].holding_unit == province.agency.name
    assert commune.agency.name in by_action["transfer_returned"].holding_unit
    assert by_action["return_result"].actor == commune.desk
    assert Dossier.objects.filter(code=code).count() == 1
    # The result the citizen downloads is the province's signed document.
    assert dossier.attachments.filter(kind="result").count() == 1
    # The control sheet names both levels.
    rows = documents.handovers(dossier)
    units = " ".join(row.unit for row in rows)
    assert province.agency.name in units and commune.agency.name in units


def test_the_province_sees_only_the_dossier_transferred_to_it(client, commune, province):
    sent = received(commune)
    kept = received(commune)
    processing.transfer(sent, by=commune.desk, to_agency=province.agency)
    visible = set(Dossier.objects.for_officer(province.handler).values_list("pk", flat=True))
    assert sent.pk in visible and kept.pk not in visible
    log_in(client, province.head)
    assert client.get(reverse("backoffice:dossier", args=[kept.pk])).status_code == 404
    assert client.get(reverse("backoffice:assign", args=[kept.pk])).status_code == 404
    assert client.get(reverse("backoffice:assign", args=[sent.pk])).status_code == 200
