from django import template

register = template.Library()


@register.filter
def localized(obj, field):
    """The English variant of a field on the English site when filled in: {{ unit|localized:"name" }}."""
    return obj.localized(field)
