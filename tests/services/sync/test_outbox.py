"""The outbox: queued in the transition's transaction, delivered in order, retried, never lost."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from services.dossiers.models import Dossier
from services.sync import outbox
from services.sync.models import OutboxMessage
from tests.services.dossiers.factories import ready_draft
from tests.services.sync.helpers import event_ids, events_sent, received, ten_events

pytestmark = pytest.mark.django_db


def test_every_event_is_queued_for_the_national_portal_with_its_key(national):
    dossier = ten_events()
    messages = list(OutboxMessage.objects.filter(dossier=dossier))
    events = list(dossier.events.order_by("pk"))
    assert [message.event for message in messages] == events
    assert [message.key for message in messages] == [
        f"dvcqg:{dossier.pk}:{event.pk}" for event in events
    ]
    assert {message.state for message in messages} == {"pending"}
    # The payload is the dossier as it was at that event.
    assert [message.payload["TrangThaiHoSo"] for message in messages] == [
        1,
        2,
        4,
        5,
        4,
        6,
        4,
        4,
        9,
        10,
    ]


def test_a_step_inside_a_status_is_queued_too(national):
    dossier = received()
    dossier.start_processing()
    event = dossier.record_step("assign", note="Giao cho chuyên viên.")
    message = OutboxMessage.objects.get(event=event)
    assert message.payload["TrangThaiHoSo"] == 4
    assert message.payload["QuaTrinhXuLy"][-1]["NoiDungXuLy"].endswith("Giao cho chuyên viên.")


def test_a_rolled_back_transition_leaves_no_message(national):
    dossier = received()
    before = OutboxMessage.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        dossier.start_processing()
        assert OutboxMessage.objects.count() == before + 1  # written in the same transaction
        raise RuntimeError("the caller fails after the transition")
    assert OutboxMessage.objects.count() == before
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RECEIVED


def test_a_draft_queues_nothing(national):
    ready_draft()
    assert not OutboxMessage.objects.exists()


def test_delivery_sends_the_key_and_token_and_marks_delivered(national):
    dossier = received()
    counts = outbox.deliver_due()
    assert counts == {"delivered": 2}
    keys = [key for key, _headers, _body in national.hits]
    assert keys == list(OutboxMessage.objects.order_by("pk").values_list("key", flat=True))
    headers = national.hits[0][1]
    assert headers["Authorization"] == "Bearer token-thu-nghiem"
    assert headers["Content-Type"] == "application/json"
    for message in OutboxMessage.objects.filter(dossier=dossier):
        assert message.state == "delivered"
        assert message.attempts == 1
        assert message.delivered_at is not None
        assert message.last_status_code == 200
    assert outbox.deliver_due() == {}


def test_a_dossier_s_messages_go_out_in_order_one_at_a_time(national):
    first, second = ten_events(), ten_events()
    # A claim takes at most one message per dossier: the next waits until the earlier is done.
    claimed = outbox.claim(limit=50)
    assert sorted(message.dossier_id for message in claimed) == sorted([first.pk, second.pk])
    for message in claimed:
        outbox.deliver(message)
    outbox.deliver_due()
    for dossier in (first, second):
        assert events_sent(national, dossier) == event_ids(dossier)


def test_an_unreachable_portal_is_retried_with_growing_back_off(national, settings):
    settings.SYNC_RETRY_BASE_SECONDS, settings.SYNC_RETRY_MAX_SECONDS = 30, 3600
    received()
    national.stop()
    delays = []
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(10):
            counts = outbox.deliver_due()
            assert counts == {"failed": 1}  # the second message waits behind the first
            message = OutboxMessage.objects.order_by("pk").first()
            delays.append((message.next_attempt_at - timezone.now()).total_seconds())
            clock.move_to(message.next_attempt_at + timedelta(seconds=1))
    message.refresh_from_db()
    assert message.state == "pending" and message.attempts == 10
    assert message.last_error  # connection refused
    assert 24 <= delays[0] <= 36
    assert all(
        later >= earlier * 1.3 for earlier, later in zip(delays[:5], delays[1:6], strict=True)
    )
    assert max(delays) <= 3600 and delays[-1] >= 3600 * 0.8
    assert OutboxMessage.objects.filter(state="pending").count() == 2


def test_a_503_is_retried_and_a_400_fails_permanently(national, settings):
    from services.sync.destinations import DeliveryError

    dossier = received()
    national.up = False
    assert outbox.deliver_due() == {"failed": 1}
    first = OutboxMessage.objects.filter(dossier=dossier).first()
    assert (first.state, first.last_status_code) == ("pending", 503)
    [claimed] = outbox.claim(now=first.next_attempt_at + timedelta(seconds=1))
    outbox.mark_failed(
        claimed, DeliveryError("HTTP 400: MaTTHC không hợp lệ", retryable=False, status=400)
    )
    claimed.refresh_from_db()
    assert claimed.state == "failed" and claimed.last_error.startswith("HTTP 400")
    # A permanent failure does not hold the dossier's later messages back; an operator requeues it.
    national.up = True
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert outbox.deliver_due() == {"delivered": 1}
        assert outbox.requeue_failed() == 1
        assert outbox.deliver_due() == {"delivered": 1}
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"delivered"}


def test_too_many_attempts_fail_permanently(national, settings):
    settings.SYNC_MAX_ATTEMPTS = 3
    received()
    national.up = False
    for hour in range(3):
        with time_machine.travel(timezone.now() + timedelta(hours=2 * hour + 2)):
            outbox.deliver_due()
    first = OutboxMessage.objects.order_by("pk").first()
    assert (first.state, first.attempts) == ("failed", 3)


def test_a_message_abandoned_by_a_dead_worker_is_due_again_after_its_lease(national, settings):
    settings.SYNC_LEASE_SECONDS = 120
    received()
    abandoned = outbox.claim()  # the worker dies before sending anything
    assert len(abandoned) == 1
    assert outbox.deliver_due() == {}  # still leased: nobody else takes it, nor the next in line
    with time_machine.travel(timezone.now() + timedelta(seconds=121)):
        assert outbox.deliver_due() == {"delivered": 2}
    message = OutboxMessage.objects.get(pk=abandoned[0].pk)
    assert (message.state, message.attempts) == ("delivered", 2)
    keys = OutboxMessage.objects.values_list("key", flat=True)
    assert national.hit_counts() == dict.fromkeys(keys, 1)


def test_a_worker_whose_lease_expired_cannot_overwrite_the_new_claim(national, settings):
    settings.SYNC_LEASE_SECONDS = 60
    received()
    [slow] = outbox.claim()
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        [fresh] = outbox.claim()
    assert fresh.pk == slow.pk and fresh.claim_token != slow.claim_token
    from services.sync.destinations import DeliveryError

    assert outbox.mark_failed(slow, DeliveryError("late answer")) == 0
    assert outbox.mark_delivered(fresh, 200) == 1


def test_no_destination_configured_keeps_messages_queued(settings):
    settings.SYNC_DESTINATIONS = {
        "dvcqg": {"BACKEND": "services.sync.destinations.NationalPortal", "OPTIONS": {"url": ""}}
    }
    settings.SYNC_DELIVER_ON_COMMIT = False
    received()
    assert outbox.deliver_due() == {}
    assert OutboxMessage.objects.filter(state="pending").count() == 2


def test_the_commit_starts_a_delivery(national, settings, django_capture_on_commit_callbacks):
    settings.SYNC_DELIVER_ON_COMMIT = True
    dossier = received()
    with django_capture_on_commit_callbacks(execute=True):
        dossier.start_processing()
    assert OutboxMessage.objects.filter(state="delivered").count() == 3
    assert len(national.hits) == 3


def test_a_mapping_error_does_not_block_the_transition(national, monkeypatch):
    from services.sync import dvcqg

    dossier = received()

    def broken(dossier, event):
        raise KeyError("MaLinhVuc")

    monkeypatch.setattr(dvcqg, "dossier_record", broken)
    event = dossier.start_processing()
    message = OutboxMessage.objects.get(event=event)
    assert message.payload == {outbox.REBUILD: True}
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert outbox.deliver_due() == {"delivered": 2, "failed": 1}
    message.refresh_from_db()
    assert message.state == "pending" and "could not be built" in message.last_error
    monkeypatch.undo()
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert outbox.deliver_due() == {"delivered": 1}
    assert national.hits[-1][2]["TrangThaiHoSo"] == 4
