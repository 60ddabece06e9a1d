import logging
from datetime import date as Date

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task
def issue_receipt(payment_id):
    """Sign the receipt after settlement; a failure is retried by the reconciliation sweep."""
    from . import receipts

    try:
        return receipts.issue(payment_id)
    except Exception:
        logger.exception("The receipt of payment %s could not be issued yet", payment_id)
        return None


@shared_task
def reconcile_pending_payments():
    """Every 5 minutes: settle payments whose notification never came; issue missing receipts."""
    from . import flows
    from .models import Payment

    settled = flows.reconcile_pending()
    for payment_id in (
        Payment.objects.paid().filter(receipt_id__isnull=True).values_list("pk", flat=True)[:100]
    ):
        issue_receipt(payment_id)
    return settled


@shared_task
def report_payment_mismatches(date=None):
    """End of day: payments whose state differs between us and the gateway, mailed if configured."""
    from . import flows

    day = Date.fromisoformat(date) if date else timezone.localdate()
    found = flows.mismatches(day)
    lines = [
        f"{item.payment.reference}\t{item.payment.amount}\t{item.ours}\t{item.gateway}\t{item.detail}"
        for item in found
    ]
    if found:
        logger.warning("%s payment mismatches on %s", len(found), day)
    recipients = getattr(settings, "PAYMENT_REPORT_EMAILS", [])
    if recipients:
        send_mail(
            f"Đối soát thanh toán {day:%d/%m/%Y}: {len(found)} chênh lệch",
            "\n".join(lines) or "Không có chênh lệch.",
            None,
            recipients,
        )
    return len(found)
