"""Use cases of online fee payment. Views, tasks and the dossier app call these.

- `amount_due_before_submission(dossier)`: what a draft must pay before it can be submitted.
- `start_payment(dossier, by=)`: a pending Payment to send the citizen to the gateway with.
- `request_payment(dossier, by=)`: the back office asks for the fees (status 6).
- `receive_notification(backend, message)`: the gateway's server notification; the only way,
  with `reconcile_payment`, that a payment becomes paid.
- `reconcile_pending()` and `mismatches(date)`: reconciliation with the gateway.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.tasks import later
from services.dossiers.models import Dossier, IllegalTransition

from .backends import get_backend
from .backends.base import GatewayError, GatewayMessage, Outcome
from .models import GatewayNotification, Payment, PaymentLine, Refund

logger = logging.getLogger(__name__)

# A dossier's channel → the procedure's fee channel.
FEE_CHANNELS = {"online": "online", "counter": "direct", "post": "postal"}


@dataclass(frozen=True)
class FeeLine:
    kind: str
    description: str
    amount: int

    def get_kind_display(self):
        return PaymentLine.Kind(self.kind).label


def fee_lines(dossier):
    """The fees and charges in đồng for the dossier's channel, from the procedure's catalogue."""
    channel = FEE_CHANNELS.get(dossier.channel, "online")
    return [
        FeeLine(
            kind=fee.kind if fee.kind in PaymentLine.Kind.values else PaymentLine.Kind.FEE,
            description=fee.description or str(fee.get_kind_display()),
            amount=int(fee.amount),
        )
        for fee in dossier.procedure.fees_for(channel)
        if fee.currency == "VND" and fee.amount > 0
    ]


def prepaid(dossier):
    """True when this dossier's procedure takes its fees before submission."""
    from services.procedures.models import FeeStage

    return dossier.procedure.fees_paid_at == FeeStage.SUBMISSION


def amount_paid(dossier, stage=None):
    payments = dossier.payments.paid()
    if stage:
        payments = payments.filter(stage=stage)
    return payments.total()


def amount_due_before_submission(dossier):
    """For a draft whose procedure takes the fees before submission: the total minus what is paid."""
    if dossier.pk is None or not dossier.is_draft or not prepaid(dossier):
        return 0
    total = sum(line.amount for line in fee_lines(dossier))
    if not total:
        return 0
    return max(0, total - amount_paid(dossier, Payment.Stage.SUBMISSION))


def amount_due(dossier):
    """What the citizen can pay now: the prepayment of a draft, or what the agency asked for."""
    if dossier.is_draft:
        return amount_due_before_submission(dossier)
    if dossier.status == Dossier.Status.PAYMENT_REQUESTED:
        return int(dossier.fees_due)
    return 0


def _new_payment(dossier, *, by, stage, lines, backend=None):
    now = timezone.now()
    payment = Payment.objects.create(
        dossier=dossier,
        reference=Payment.new_reference(dossier.pk),
        amount=sum(line.amount for line in lines),
        stage=stage,
        backend=backend or settings.PAYMENT_DEFAULT_BACKEND,
        payer=by if getattr(by, "is_authenticated", False) else None,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.PAYMENT_EXPIRE_MINUTES),
    )
    PaymentLine.objects.bulk_create(
        PaymentLine(
            payment=payment,
            position=position,
            kind=line.kind,
            description=line.description,
            amount=line.amount,
        )
        for position, line in enumerate(lines)
    )
    return payment


def start_payment(dossier, *, by):
    """A pending payment of what is due now: the unexpired one already started, or a new one.

    Raises IllegalTransition when nothing is due.
    """
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
        due = amount_due(dossier)
        if due <= 0:
            raise IllegalTransition(_("There is nothing to pay for this dossier."))
        stage = Payment.Stage.SUBMISSION if dossier.is_draft else Payment.Stage.REQUESTED
        backend = settings.PAYMENT_DEFAULT_BACKEND
        reusable = (
            dossier.payments.pending()
            .filter(stage=stage, amount=due, backend=backend, expires_at__gt=timezone.now())
            .first()
        )
        if reusable:
            return reusable
        if stage == Payment.Stage.REQUESTED:
            requested = dossier.payments.filter(stage=stage).first()
            lines = list(requested.lines.all()) if requested and requested.amount == due else []
            lines = lines or [FeeLine(PaymentLine.Kind.FEE, _("Fees and charges"), due)]
        else:
            lines = fee_lines(dossier)
            if sum(line.amount for line in lines) != due:
                lines = [FeeLine(PaymentLine.Kind.FEE, _("Remaining fees and charges"), due)]
        return _new_payment(dossier, by=by, stage=stage, lines=lines, backend=backend)


def request_payment(dossier, *, by, lines=None, note=""):
    """The agency asks for the fees: status → 6 ("financial obligations requested"), one Payment
    with one line per fee (the procedure's fees for the dossier's channel unless `lines` is given:
    FeeLine or (kind, description, amount) tuples)."""
    lines = [line if isinstance(line, FeeLine) else FeeLine(*line) for line in (lines or [])]
    lines = lines or fee_lines(dossier)
    total = sum(line.amount for line in lines)
    if total <= 0:
        raise IllegalTransition(_("This procedure has no fee or charge to ask for."))
    with transaction.atomic():
        dossier.request_payment(by=by, amount=total, note=note)
        return _new_payment(dossier, by=None, stage=Payment.Stage.REQUESTED, lines=lines)


# Settlement -------------------------------------------------------------------------------------


def receive_notification(backend, message: GatewayMessage, *, source=None, remote_addr=None):
    """Check and apply one gateway message; log it with our verdict; return the Outcome.

    Idempotent: the payment row is locked, so duplicates queue behind the first and find the
    payment no longer pending ("already confirmed"), changing nothing.
    """
    source = source or GatewayNotification.Source.NOTIFICATION
    payment = None
    try:
        if not message.signature_valid:
            outcome = Outcome.INVALID_SIGNATURE
        else:
            outcome, payment = _apply(backend.alias, message)
    except Exception:
        logger.exception("Payment notification %s failed", message.reference)
        outcome = Outcome.ERROR
    _log(backend, message, source, outcome.value, payment, remote_addr)
    if outcome == Outcome.INVALID_SIGNATURE:
        logger.warning("Payment notification with a bad signature for %r", message.reference)
    return outcome


def _log(backend, message, source, result_code, payment, remote_addr=None):
    GatewayNotification.objects.create(
        backend=backend.alias,
        source=source,
        reference=message.reference,
        payment=payment,
        signature_valid=message.signature_valid,
        result_code=result_code,
        payload=message.raw,
        remote_addr=remote_addr,
    )


@transaction.atomic
def _apply(alias, message):
    payment = (
        Payment.objects.select_for_update()
        .filter(reference=message.reference, backend=alias)
        .first()
    )
    if payment is None:
        return Outcome.NOT_FOUND, None
    if message.amount != payment.amount:
        return Outcome.INVALID_AMOUNT, payment
    if payment.status == Payment.Status.CANCELLED and message.succeeded:
        # The dossier was closed while the citizen was paying: the money is owed back.
        _settle(payment, message)
        _owe_refund(payment, _("Paid after the payment was cancelled."))
        return Outcome.CONFIRMED, payment
    if payment.status != Payment.Status.PENDING:
        return Outcome.ALREADY_CONFIRMED, payment
    if message.succeeded:
        _settle(payment, message)
    elif message.succeeded is False:
        _fail(payment, message.raw)
    return Outcome.CONFIRMED, payment


def _fail(payment, gateway_message):
    payment.status = Payment.Status.FAILED
    payment.gateway_message = gateway_message
    payment.save(update_fields=["status", "gateway_message"])


def _settle(payment, message):
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=payment.dossier_id)
    already_covered = _covered(dossier, payment)
    payment.status = Payment.Status.PAID
    payment.transaction_no = message.transaction_no
    payment.bank_code = message.bank_code
    payment.paid_at = message.paid_at or timezone.now()
    payment.gateway_message = message.raw
    payment.save(
        update_fields=["status", "transaction_no", "bank_code", "paid_at", "gateway_message"]
    )
    if already_covered:
        _owe_refund(payment, _("Paid twice: the fees were already paid."))
    elif (
        payment.stage == Payment.Stage.REQUESTED
        and dossier.status == Dossier.Status.PAYMENT_REQUESTED
    ):
        dossier.payment_done(
            note=_("Fees paid online, reference %(reference)s.") % {"reference": payment.reference}
        )
    from . import tasks as payment_tasks

    later(payment_tasks.issue_receipt, payment.pk)  # the reconciliation sweep catches a lost one


def _covered(dossier, payment):
    """True when another paid payment already covers what this one was for."""
    if payment.stage == Payment.Stage.SUBMISSION:
        if not dossier.is_draft:
            return amount_paid(dossier, Payment.Stage.SUBMISSION) > 0
        return amount_due_before_submission(dossier) <= 0
    return dossier.status != Dossier.Status.PAYMENT_REQUESTED


def _owe_refund(payment, reason, event=None):
    if payment.refunds.exists():
        return None
    return Refund.objects.create(payment=payment, amount=payment.amount, reason=reason, event=event)


# Refunds and cancellations ----------------------------------------------------------------------

CLOSING_ACTIONS = {"refuse", "stop", "withdraw"}


def record_closure(dossier, event):
    """A dossier closed before its result: what was paid is owed back, what is pending cancelled."""
    if event.action not in CLOSING_ACTIONS:
        return
    reasons = {
        "refuse": _("The dossier was refused."),
        "stop": _("Processing of the dossier was stopped."),
        "withdraw": _("The dossier was withdrawn."),
    }
    for payment in Payment.objects.select_for_update().filter(dossier=dossier):
        if payment.is_paid:
            _owe_refund(payment, reasons[event.action], event)
        elif payment.is_pending:
            payment.status = Payment.Status.CANCELLED
            payment.save(update_fields=["status"])


# Reconciliation ---------------------------------------------------------------------------------


def reconcile_payment(payment):
    """Ask the gateway about one pending payment and apply the answer like a notification."""
    backend = get_backend(payment.backend)
    message = backend.query(payment)
    if message.succeeded is True:
        return receive_notification(backend, message, source=GatewayNotification.Source.QUERY)
    if message.succeeded is False and payment.expires_at < timezone.now():
        with transaction.atomic():
            locked = Payment.objects.select_for_update().get(pk=payment.pk)
            if locked.is_pending:
                _fail(locked, message.raw or {"code": message.response_code})
        _log(backend, message, GatewayNotification.Source.QUERY, message.response_code[:4], payment)
    return None


def reconcile_pending(minutes=None):
    """Query the gateway for every payment pending longer than `minutes`; return how many settled."""
    minutes = settings.PAYMENT_RECONCILE_AFTER_MINUTES if minutes is None else minutes
    settled = 0
    for payment in Payment.objects.stale(minutes).iterator():
        try:
            outcome = reconcile_payment(payment)
        except GatewayError as error:
            logger.warning("Reconciliation of %s failed: %s", payment.reference, error)
            continue
        except Exception:
            logger.exception("Reconciliation of %s failed", payment.reference)
            continue
        settled += outcome == Outcome.CONFIRMED
    return settled


@dataclass(frozen=True)
class Mismatch:
    payment: Payment
    ours: str
    gateway: str
    detail: str


def gateway_status(message):
    if message.succeeded is True:
        return Payment.Status.PAID
    if message.succeeded is False:
        return "not_paid"
    return Payment.Status.PENDING


def mismatches(date):
    """Payments created on `date` (Vietnam's day) whose state differs between us and the gateway."""
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date, time.min), zone)
    found = []
    for payment in Payment.objects.filter(
        created_at__gte=start, created_at__lt=start + timedelta(days=1)
    ).order_by("created_at"):
        try:
            message = get_backend(payment.backend).query(payment)
        except Exception as error:  # noqa: BLE001 (every failure is a line of the report)
            found.append(Mismatch(payment, payment.status, "?", str(error)[:200]))
            continue
        theirs = gateway_status(message)
        ours_paid = payment.status in (Payment.Status.PAID, Payment.Status.REFUNDED)
        if theirs == Payment.Status.PAID and not ours_paid:
            found.append(Mismatch(payment, payment.status, theirs, "paid at the gateway only"))
        elif theirs != Payment.Status.PAID and ours_paid:
            found.append(Mismatch(payment, payment.status, theirs, "paid here only"))
        elif ours_paid and message.amount not in (None, payment.amount):
            found.append(Mismatch(payment, payment.status, theirs, f"amount {message.amount}"))
    return found
