"""Online payments of a dossier's fees and charges (phí, lệ phí), their lines, the gateway's messages
and the refunds owed when a paid dossier is refused, stopped or withdrawn.

A Payment is one attempt at one gateway: its reference (vnp_TxnRef, MaThamChieu) is unique, its
amount is the sum of its lines, copied from the procedure's fees when the payment is asked for.
Only the gateway's server notification (IPN) or a reconciliation query settles it, never the browser.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PaymentQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Payment.Status.PENDING)

    def paid(self):
        return self.filter(status=Payment.Status.PAID)

    def stale(self, minutes):
        """Pending for longer than `minutes`: the notification may have been lost."""
        cutoff = timezone.now() - timedelta(minutes=minutes)
        return self.pending().filter(created_at__lt=cutoff)

    def total(self):
        return self.aggregate(total=Sum("amount"))["total"] or 0


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("payment status", "Waiting for payment")
        PAID = "paid", pgettext_lazy("payment status", "Paid")
        FAILED = "failed", pgettext_lazy("payment status", "Failed")
        CANCELLED = "cancelled", pgettext_lazy("payment status", "Cancelled")
        REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")

    class Stage(models.TextChoices):
        SUBMISSION = "submission", _("Before submission")
        REQUESTED = "requested", _("Requested by the agency")

    FINAL = frozenset({Status.PAID, Status.FAILED, Status.CANCELLED, Status.REFUNDED})

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("dossier"),
    )
    reference = models.CharField(_("payment reference"), max_length=40, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage, default=Stage.SUBMISSION)
    backend = models.CharField(_("payment gateway"), max_length=20)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("payer"),
    )
    transaction_no = models.CharField(_("gateway transaction number"), max_length=64, blank=True)
    bank_code = models.CharField(_("bank"), max_length=30, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires at"))
    gateway_message = models.JSONField(_("last gateway message"), default=dict, blank=True)
    # The electronic receipt signed by the agency, issued after settlement.
    receipt = models.ForeignKey(
        "signing.SignedDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("electronic receipt"),
    )

    objects = PaymentQuerySet.as_manager()

    # Shown in a Wagtail viewset; nothing links to it from pages, so skip the reference index.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.reference

    @staticmethod
    def new_reference(dossier_id):
        """Letters and digits only (VNPay's vnp_TxnRef), unique per day and hard to guess."""
        stamp = timezone.localtime().strftime("%y%m%d%H%M%S")
        return f"HS{dossier_id}T{stamp}{secrets.token_hex(3).upper()}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_paid(self):
        return self.status == self.Status.PAID


class PaymentLine(models.Model):
    """One fee or charge of a payment, copied from the procedure when the payment was asked for."""

    class Kind(models.TextChoices):
        FEE = "fee", _("Fee")
        CHARGE = "charge", _("Charge")

    payment = models.ForeignKey(
        Payment, on_delete=models.CASCADE, related_name="lines", verbose_name=_("payment")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.FEE)
    description = models.TextField(_("description"), blank=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))

    class Meta:
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount}"


class Refund(models.Model):
    """Money to give back: a paid dossier refused, stopped or withdrawn, or a duplicate payment."""

    class State(models.TextChoices):
        TO_REFUND = "to_refund", _("To refund")
        REFUNDED = "refunded", _("Refunded")

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("payment")
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.TO_REFUND)
    reason = models.CharField(_("reason"), max_length=255)
    event = models.ForeignKey(
        "dossiers.DossierEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dossier event"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)

    # Shown in a Wagtail viewset; nothing links to it from pages, so skip the reference index.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.payment.reference}: {self.amount}"


class GatewayNotification(models.Model):
    """Every server notification (IPN, confirm) and reconciliation answer, with our verdict."""

    class Source(models.TextChoices):
        NOTIFICATION = "notification", _("Server notification")
        QUERY = "query", _("Reconciliation query")

    backend = models.CharField(_("payment gateway"), max_length=20)
    source = models.CharField(_("source"), max_length=12, choices=Source)
    reference = models.CharField(_("payment reference"), max_length=64, blank=True, db_index=True)
    payment = models.ForeignKey(
        Payment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
        verbose_name=_("payment"),
    )
    signature_valid = models.BooleanField(_("signature valid"))
    result_code = models.CharField(_("our answer"), max_length=4)
    payload = models.JSONField(_("message"), default=dict)
    remote_addr = models.GenericIPAddressField(_("sender address"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    # Shown in a Wagtail viewset; nothing links to it from pages, so skip the reference index.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("gateway notification")
        verbose_name_plural = _("gateway notifications")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.backend} {self.reference} {self.result_code}"


class SandboxTransaction(models.Model):
    """What the simulated gateway itself remembers: reconciliation queries read this, not Payment."""

    reference = models.CharField(max_length=40, unique=True)
    amount = models.PositiveBigIntegerField()
    response_code = models.CharField(max_length=2)
    transaction_no = models.CharField(max_length=20)
    bank_code = models.CharField(max_length=20, blank=True)
    paid_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "sandbox gateway transaction"

    def __str__(self):
        return self.reference
