"""The transactional outbox: queue dossier events for other systems, claim them, deliver them.

Queueing happens inside the transition's transaction (receivers.py). Delivery is at least once:
a worker claims due messages with SELECT … FOR UPDATE SKIP LOCKED and a lease (`claimed_until`),
sends them outside any transaction, then marks them with the claim token it holds. A worker that
dies leaves the lease to expire and the message becomes due again; a worker whose lease expired
cannot overwrite the newer claim. Each message carries its idempotency key, so the receiver keeps
one copy: exactly once in effect.
"""

import logging
import random
import time
import uuid
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.tasks import later

from .destinations import DeliveryError, configured_aliases, destinations, get_destination
from .models import OutboxMessage

logger = logging.getLogger(__name__)


def message_key(destination, dossier_id, event_id):
    return f"{destination}:{dossier_id}:{event_id}"


def enqueue(dossier, event):
    """Queue `event` for every destination that wants it; returns the new messages.

    Must run inside the transaction that recorded the event (it is the signal receiver's job).
    """
    messages = [
        OutboxMessage.objects.create(
            destination=destination.alias,
            dossier=dossier,
            event=event,
            key=message_key(destination.alias, dossier.pk, event.pk),
            payload=_payload(destination, dossier, event),
            next_attempt_at=timezone.now(),
        )
        for destination in destinations()
        if destination.wants(dossier, event)
    ]
    if messages and settings.SYNC_DELIVER_ON_COMMIT:
        from . import tasks as sync_tasks

        later(sync_tasks.deliver_pending)  # the beat schedule delivers within a minute anyway
    return messages


def _payload(destination, dossier, event):
    """The payload now; if building it fails, a marker to build it when sending instead.

    A mistake in a mapping must not stop an officer's action: the message is still queued, and the
    operator sees the error on the sync panel until it is fixed.
    """
    try:
        return destination.build_payload(dossier, event)
    except Exception:  # noqa: BLE001 (any mapping error; logged with its traceback)
        logger.exception("Building the %s payload of event %s failed", destination.alias, event.pk)
        return {REBUILD: True}


REBUILD = "_build_when_sending"


def backoff(attempts):
    """Seconds to wait after the `attempts`-th failure: doubling from the base, capped, ±20 %."""
    base, cap = settings.SYNC_RETRY_BASE_SECONDS, settings.SYNC_RETRY_MAX_SECONDS
    delay = min(cap, base * 2 ** max(attempts - 1, 0))
    return min(cap, delay * random.uniform(0.8, 1.2))  # noqa: S311 (jitter, not a secret)


def claim(limit=None, *, aliases=None, now=None):
    """Lock up to `limit` due messages for this worker; returns them with their claim token set.

    SKIP LOCKED lets concurrent workers take different rows instead of waiting for each other; the
    lease written before commit keeps other workers away once the row lock is released.
    """
    limit = limit or settings.SYNC_BATCH_SIZE
    aliases = configured_aliases() if aliases is None else aliases
    now = now or timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        due = (
            OutboxMessage.objects.due(now)
            .filter(destination__in=aliases)
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        OutboxMessage.objects.filter(pk__in=ids).update(
            claimed_until=now + timedelta(seconds=settings.SYNC_LEASE_SECONDS),
            claim_token=token,
            attempts=F("attempts") + 1,
        )
    return list(OutboxMessage.objects.filter(pk__in=ids).select_related("dossier").order_by("pk"))


def _held(message):
    """The message, as long as this worker's claim on it still stands."""
    return OutboxMessage.objects.filter(
        pk=message.pk, claim_token=message.claim_token, state=OutboxMessage.State.PENDING
    )


def mark_delivered(message, status):
    return _held(message).update(
        state=OutboxMessage.State.DELIVERED,
        delivered_at=timezone.now(),
        claimed_until=None,
        last_status_code=status,
        last_error="",
    )


def mark_failed(message, error):
    permanent = not error.retryable or message.attempts >= settings.SYNC_MAX_ATTEMPTS
    now = timezone.now()
    return _held(message).update(
        state=OutboxMessage.State.FAILED if permanent else OutboxMessage.State.PENDING,
        next_attempt_at=now + timedelta(seconds=backoff(message.attempts)),
        claimed_until=None,
        last_status_code=error.status,
        last_error=str(error)[:2000],
    )


def deliver(message):
    """Send one claimed message and record the outcome; returns "delivered" or "failed"."""
    try:
        result = get_destination(message.destination).send(message)
    except DeliveryError as error:
        logger.warning("Sync message %s not delivered: %s", message.key, error)
        mark_failed(message, error)
        raise
    mark_delivered(message, result.status)
    return "delivered"


def deliver_due(*, budget=None):
    """Deliver due messages until none is left or `budget` seconds have passed; returns counts.

    A destination that cannot be reached is left alone for the rest of the run: its other claimed
    messages are put back to wait for their back-off instead of each waiting for a timeout.
    """
    budget = settings.SYNC_RUN_SECONDS if budget is None else budget
    deadline = time.monotonic() + budget
    counts = Counter()
    down = set()
    while time.monotonic() < deadline:
        aliases = [alias for alias in configured_aliases() if alias not in down]
        batch = claim(aliases=aliases) if aliases else []
        if not batch:
            break
        for message in batch:
            if message.destination in down:
                mark_failed(
                    message,
                    DeliveryError(f"Not sent: {message.destination} could not be reached."),
                )
                counts["failed"] += 1
                continue
            try:
                counts[deliver(message)] += 1
            except DeliveryError as error:
                counts["failed"] += 1
                if error.unreachable:
                    down.add(message.destination)
    return dict(counts)


def requeue_failed(queryset=None):
    """Put permanently failed messages back in line (an operator fixed the cause)."""
    queryset = OutboxMessage.objects.all() if queryset is None else queryset
    return queryset.filter(state=OutboxMessage.State.FAILED).update(
        state=OutboxMessage.State.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        claimed_until=None,
    )
