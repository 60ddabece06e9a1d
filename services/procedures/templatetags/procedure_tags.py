from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def vnd(amount):
    """An amount in đồng as Vietnamese documents write it: 1.250.000 ₫."""
    if amount in (None, ""):
        return ""
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"


@register.filter
def money(fee):
    """A fee in its currency: 1.250.000 ₫, or 100 USD."""
    if fee.currency == "VND":
        return vnd(fee.amount)
    return f"{int(fee.amount):,}".replace(",", ".") + f"\u00a0{fee.currency}"


@register.filter
def amount(value):
    """2.50 → "2,5"; 7.00 → "7" (Vietnamese decimal comma)."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


@register.filter
def delivery_label(value):
    labels = {
        "AT_SUBMISSION_PLACE": _("At the place of filing"),
        "AT_HOME": _("Delivered by post"),
        "ONLINE": _("Online"),
    }
    return labels.get(value, value)
