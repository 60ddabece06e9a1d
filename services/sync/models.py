"""Synchronisation with other systems: a transactional outbox and the records of what came in.

`OutboxMessage` rows are written by the receiver of `dossier_event_recorded`, inside the transaction
that changes the dossier: a rolled-back transition leaves no message, a committed one cannot lose
its message. Celery delivers them later (services/sync/outbox.py), at least once, in order per
dossier; the idempotency key lets the receiver drop a second copy, so the effect is exactly once.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=OutboxMessage.State.PENDING)

    def for_panel(self):
        """For the officer's sync panel: each message with its event, without the payload."""
        return self.select_related("event").defer("payload")

    def due(self, now=None):
        """Pending, past its back-off, not held by a live lease, and first in line for its dossier.

        A message waits while an earlier message for the same dossier and destination is pending
        (in back-off or in flight), so a receiver never sees status 4 after status 9. A message that
        failed permanently does not hold the later ones back.
        """
        now = now or timezone.now()
        earlier = OutboxMessage.objects.filter(
            destination=OuterRef("destination"),
            dossier=OuterRef("dossier"),
            state=OutboxMessage.State.PENDING,
            pk__lt=OuterRef("pk"),
        )
        return self.pending().filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            ~Exists(earlier),
            next_attempt_at__lte=now,
        )


class OutboxMessage(models.Model):
    """One dossier event to tell one other system, with its delivery state."""

    DESTINATIONS = {
        "dvcqg": _("National Public Service Portal"),
        "onestop": _("Provincial one-stop system"),
    }

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be delivered")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed permanently")

    destination = models.CharField(_("destination"), max_length=30)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="sync_messages",
        verbose_name=_("dossier"),
    )
    event = models.ForeignKey(
        "dossiers.DossierEvent",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("event"),
    )
    # "<destination>:<dossier id>:<event id>", sent as the Idempotency-Key header.
    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    state = models.CharField(
        _("state"), max_length=10, choices=State, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    # A worker holds a message until this time; if it dies, the message is due again afterwards.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing sync message")
        verbose_name_plural = _("outgoing sync messages")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="sync_outbox_pending_due",
            ),
            models.Index(fields=["destination", "dossier", "state"], name="sync_outbox_in_line"),
        ]

    def __str__(self):
        return self.key

    @property
    def event_label(self):
        from .dvcqg import action_label

        return action_label(self.event.action)

    @property
    def destination_label(self):
        return self.DESTINATIONS.get(self.destination, self.destination)


class ReceivedMessage(models.Model):
    """A message the local test endpoint received (development and tests stand in for DVCQG).

    One row per idempotency key: a repeated delivery only raises `times_received`.
    """

    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    times_received = models.PositiveIntegerField(_("times received"), default=1)
    first_received_at = models.DateTimeField(_("first received at"), default=timezone.now)
    last_received_at = models.DateTimeField(_("last received at"), default=timezone.now)

    class Meta:
        verbose_name = _("message received by the test endpoint")
        verbose_name_plural = _("messages received by the test endpoint")
        ordering = ["pk"]

    def __str__(self):
        return self.key


class InboundUpdate(models.Model):
    """A status update applied from an external one-stop system, kept to answer its retries."""

    source = models.CharField(_("source"), max_length=30, default="onestop")
    # The sending system's id of the update (MaSuKien).
    external_id = models.CharField(_("event id in the other system"), max_length=100)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="inbound_updates",
        verbose_name=_("dossier"),
    )
    event = models.ForeignKey(
        "dossiers.DossierEvent",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("event"),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("status update from another system")
        verbose_name_plural = _("status updates from other systems")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="sync_inbound_once")
        ]

    def __str__(self):
        return f"{self.source}:{self.external_id}"
