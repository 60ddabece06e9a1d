"""The transition table: every legal transition writes exactly one event; every illegal one raises
and changes nothing."""

import pytest
from django.forms.models import model_to_dict

from services.dossiers.models import Dossier, DossierEvent, IllegalTransition, Rating
from tests.services.dossiers.factories import ready_draft, received_dossier, submitted_dossier

pytestmark = pytest.mark.django_db

ARGUMENTS = {
    "refuse": {"reason": "Hồ sơ không thuộc thẩm quyền."},
    "stop": {"reason": "Không đủ điều kiện."},
    "request_supplement": {"items": ["Bản sao giấy khai sinh"], "reason": "Thiếu giấy tờ."},
    "request_payment": {"amount": 50_000},
    "extend": {"amount": 2, "unit": "working_day", "reason": "Cần xác minh thêm."},
    "rate": {"level": Rating.Level.SATISFIED},
}
LEGAL = [
    (name, source)
    for name, (sources, _targets) in Dossier.TRANSITIONS.items()
    for source in sorted(sources)
]
ILLEGAL = [
    (name, status)
    for name, (sources, _targets) in Dossier.TRANSITIONS.items()
    for status in Dossier.Status.values
    if status not in sources
]


def dossier_in(status):
    if status == Dossier.Status.DRAFT:
        return ready_draft()
    dossier = received_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(status=status)
    dossier.refresh_from_db()
    return dossier


def snapshot(dossier):
    fresh = Dossier.objects.get(pk=dossier.pk)
    return model_to_dict(fresh), fresh.events.count(), Rating.objects.filter(dossier=fresh).count()


@pytest.mark.parametrize(("name", "source"), LEGAL)
def test_every_legal_transition_writes_exactly_one_event(name, source):
    dossier = dossier_in(source)
    before = dossier.events.count()
    event = getattr(dossier, name)(**ARGUMENTS.get(name, {}))
    dossier.refresh_from_db()
    assert dossier.events.count() == before + 1
    assert isinstance(event, DossierEvent)
    assert (event.action, event.from_status, event.to_status) == (name, source, dossier.status)
    assert dossier.status in Dossier.TRANSITIONS[name][1]


@pytest.mark.parametrize(("name", "status"), ILLEGAL)
def test_every_illegal_transition_raises_and_changes_nothing(name, status):
    dossier = dossier_in(status)
    before = snapshot(dossier)
    with pytest.raises(IllegalTransition) as raised:
        getattr(dossier, name)(**ARGUMENTS.get(name, {}))
    assert "không" in raised.value.message.lower() or raised.value.message
    assert snapshot(dossier) == before


def test_online_submission_is_received_at_once_with_two_events():
    dossier = received_dossier()
    actions = list(dossier.events.values_list("action", "from_status", "to_status"))
    assert actions == [("submit", "0", "1"), ("receive", "1", "2")]
    assert dossier.status == Dossier.Status.RECEIVED
    assert dossier.code and dossier.received_at and dossier.due_at


def test_without_automatic_receipt_the_dossier_waits_for_the_officer(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = submitted_dossier()
    assert dossier.status == Dossier.Status.NEW
    assert dossier.code is None
    dossier.receive()
    assert dossier.code.endswith("-0001")


def test_rating_an_unfinished_dossier_raises_and_creates_nothing():
    dossier = dossier_in(Dossier.Status.COMPLETED)
    with pytest.raises(IllegalTransition):
        dossier.rate(level=Rating.Level.SATISFIED)
    assert not Rating.objects.exists()
    assert dossier.events.filter(action="rate").count() == 0


def test_a_finished_dossier_is_rated_once():
    dossier = dossier_in(Dossier.Status.RESULT_RETURNED)
    dossier.rate(level=Rating.Level.ACCEPTABLE, comment="Ổn")
    with pytest.raises(IllegalTransition):
        dossier.rate(level=Rating.Level.SATISFIED)
    assert Rating.objects.get().level == Rating.Level.ACCEPTABLE


def test_the_appointment_is_postponed_only_once():
    dossier = dossier_in(Dossier.Status.PROCESSING)
    dossier.extend(amount=1, unit="working_day")
    with pytest.raises(IllegalTransition):
        dossier.extend(amount=1, unit="working_day")
    assert dossier.events.filter(action="extend").count() == 1


def test_a_supplement_asked_at_receipt_goes_back_to_the_one_stop_unit(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = dossier_in(Dossier.Status.RECEIVED)
    dossier.request_supplement(items=["Bản chụp CCCD"])
    dossier.supplement()
    assert dossier.status == Dossier.Status.NEW


def test_a_supplement_request_needs_items():
    dossier = dossier_in(Dossier.Status.PROCESSING)
    with pytest.raises(IllegalTransition):
        dossier.request_supplement(items=["  "])
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.PROCESSING


def test_events_are_append_only():
    event = received_dossier().events.first()
    event.note = "sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        DossierEvent.objects.all().update(note="x")
    with pytest.raises(PermissionError):
        DossierEvent.objects.all().delete()


def test_signature_and_fee_hooks_block_submission(monkeypatch):
    dossier = ready_draft()
    monkeypatch.setattr(Dossier, "needs_signature", lambda self: True)
    with pytest.raises(IllegalTransition):
        dossier.submit()
    monkeypatch.setattr(Dossier, "needs_signature", lambda self: False)
    monkeypatch.setattr(Dossier, "fees_outstanding", lambda self: 50_000)
    with pytest.raises(IllegalTransition):
        dossier.submit()
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.DRAFT
