"""The security audit log: append-only rows linked by a SHA-256 hash chain.

Each row's hash covers its own fields and the previous row's hash, and rows carry a gapless sequence
number handed out under a lock on the chain head. Editing a row breaks its hash; deleting one leaves a
gap in the sequence; deleting the newest rows leaves the head pointing past the end. `verify_chain`
names the exact row in each case.
"""

import hashlib
import ipaddress
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

GENESIS = "0" * 64


def canonical(fields):
    return json.dumps(
        fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )


def chain_hash(previous_hash, fields):
    return hashlib.sha256((previous_hash + canonical(fields)).encode()).hexdigest()


def client_ip(request):
    """The client's address. Behind the proxy we trust, the last X-Forwarded-For hop is the client."""
    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    candidate = forwarded or request.META.get("REMOTE_ADDR", "")
    try:
        return ipaddress.ip_address(candidate).compressed
    except ValueError:
        return None


def record(action, *, actor=None, subject=None, request=None, **details):
    """Append one event to the log and return it. Runs in its own atomic block."""
    from .models import AuditChainHead, AuditEvent

    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            at=timezone.now(),
            action=action,
            actor_id=actor.pk if actor else None,
            actor_label=actor.get_username() if actor else "",
            subject_id=subject.pk if subject else None,
            subject_label=subject.get_username() if subject else "",
            ip=client_ip(request),
            details=details,
            previous_hash=head.last_hash,
        )
        event.hash = chain_hash(event.previous_hash, event.hashed_fields())
        AuditEvent.objects.bulk_create([event])
        head.last_sequence, head.last_hash = event.sequence, event.hash
        head.save(update_fields=["last_sequence", "last_hash"])
    return event


@dataclass(frozen=True)
class Problem:
    sequence: int
    reason: str

    def __str__(self):
        return f"row {self.sequence}: {self.reason}"


def verify_chain():
    """Every problem in the log, in order; an empty list means the log is intact."""
    from .models import AuditChainHead, AuditEvent

    problems = []
    expected_sequence, previous_hash = 1, GENESIS
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            missing = range(expected_sequence, event.sequence)
            problems.extend(Problem(number, "deleted") for number in missing)
        elif event.previous_hash != previous_hash:
            problems.append(Problem(event.sequence, "does not follow the row before it"))
        if chain_hash(event.previous_hash, event.hashed_fields()) != event.hash:
            problems.append(
                Problem(event.sequence, "edited (its content no longer matches its hash)")
            )
        expected_sequence, previous_hash = event.sequence + 1, event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.last_sequence >= expected_sequence:
        problems.extend(
            Problem(number, "deleted (the newest rows are missing)")
            for number in range(expected_sequence, head.last_sequence + 1)
        )
    return problems
