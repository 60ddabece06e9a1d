from django import template

from cms.planning.maps import legend_symbol

register = template.Library()


@register.filter
def vnd(amount):
    """An amount in đồng as Vietnamese documents write it: 1.250.000 ₫."""
    if amount in (None, ""):
        return ""
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"


@register.inclusion_tag("planning/includes/map_symbol.html")
def map_symbol(kind):
    """The legend's small picture of a kind's marker shape."""
    return legend_symbol(kind)
