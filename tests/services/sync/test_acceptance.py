"""Issue 7, acceptance 5: with the national endpoint down, 100 status changes are kept and all
delivered once it comes back, each exactly once at the receiver; killing the worker mid-delivery
loses nothing."""

from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from services.sync import outbox
from services.sync.models import OutboxMessage
from tests.services.sync.helpers import event_ids, events_sent, hundred_status_changes

pytestmark = pytest.mark.django_db


def assert_each_delivered_exactly_once(receiver, dossiers):
    keys = list(OutboxMessage.objects.values_list("key", flat=True))
    assert len(keys) == 100
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"delivered"}
    assert set(receiver.accepted) == set(keys)
    # Exactly once: not a single second copy reached the receiver.
    assert receiver.hit_counts() == Counter(dict.fromkeys(keys, 1))
    for dossier in dossiers:
        assert events_sent(receiver, dossier) == event_ids(dossier)


def test_endpoint_down_then_back_delivers_everything_once(national):
    national.stop()  # connections refused
    dossiers = hundred_status_changes()
    start = timezone.now()
    with time_machine.travel(start, tick=True) as clock:
        for minute in range(1, 6):  # the beat keeps trying while the portal is down
            outbox.deliver_due()
            clock.move_to(start + timedelta(minutes=minute * 10))
        assert OutboxMessage.objects.filter(state="pending").count() == 100
        assert not OutboxMessage.objects.filter(state="failed").exists()
        national.up = False
        national.start()  # back, but answering 503 for maintenance
        clock.move_to(start + timedelta(hours=2))
        outbox.deliver_due()
        assert OutboxMessage.objects.filter(state="pending").count() == 100
        assert not national.hits
        national.up = True
        clock.move_to(start + timedelta(hours=4))
        counts = outbox.deliver_due()
    assert counts == {"delivered": 100}
    assert_each_delivered_exactly_once(national, dossiers)


def test_abandoned_claims_are_delivered_after_their_lease(national, settings):
    """A worker that claimed a batch and died (no answer, no error recorded) loses nothing."""
    settings.SYNC_LEASE_SECONDS = 300
    dossiers = hundred_status_changes()
    abandoned = outbox.claim(limit=10)
    assert len(abandoned) == 10
    delivered = outbox.deliver_due()
    # The other dossiers' messages wait behind the abandoned ones: order per dossier is kept.
    assert delivered == {}
    with time_machine.travel(timezone.now() + timedelta(seconds=301)):
        assert outbox.deliver_due() == {"delivered": 100}
    assert_each_delivered_exactly_once(national, dossiers)
    assert {m.attempts for m in OutboxMessage.objects.filter(pk__in=[m.pk for m in abandoned])} == {
        2
    }
