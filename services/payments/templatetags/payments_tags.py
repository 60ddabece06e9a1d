from django import template

register = template.Library()


@register.simple_tag
def payment_summary(dossier):
    """What the payment panels show for one dossier: fee lines, total, amount due, history."""
    from services.payments import flows
    from services.payments.models import Payment

    payments = list(dossier.payments.select_related("receipt").prefetch_related("lines", "refunds"))
    requested = next((p for p in payments if p.stage == Payment.Stage.REQUESTED), None)
    if dossier.is_draft or requested is None:
        lines = flows.fee_lines(dossier)
    else:
        lines = list(requested.lines.all())
    return {
        "lines": lines,
        "total": sum(line.amount for line in lines),
        "due": flows.amount_due(dossier),
        "prepaid": flows.prepaid(dossier),
        "payments": payments,
        "paid": [payment for payment in payments if payment.is_paid],
        "refunds": [refund for payment in payments for refund in payment.refunds.all()],
    }
