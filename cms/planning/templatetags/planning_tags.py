from django import template

from cms.planning.maps import legend_symbol
from portal import text

register = template.Library()


register.filter("vnd", text.vnd)


@register.inclusion_tag("planning/includes/map_symbol.html")
def map_symbol(kind):
    """The legend's small picture of a kind's marker shape."""
    return legend_symbol(kind)
