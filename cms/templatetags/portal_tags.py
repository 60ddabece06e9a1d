from django import template
from django.utils import translation
from wagtail.models import Site

from cms import navigation
from cms.models import PortalSettings

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    return {"links": navigation.main_menu(request, context.get("page"))}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {"links": navigation.language_links(request, context.get("page"))}


@register.inclusion_tag("components/language_alternates.html", takes_context=True)
def language_alternates(context):
    request = context["request"]
    return {"links": navigation.language_links(request, context.get("page")), "request": request}


@register.simple_tag(takes_context=True)
def portal_setting(context, field):
    """A portal setting in the active language, e.g. {% portal_setting "agency_name" %}."""
    request = context["request"]
    cache = request.__dict__.setdefault("_portal_settings", {})
    if "settings" not in cache:
        site = Site.find_for_request(request)
        cache["settings"] = PortalSettings.for_site(site) if site else PortalSettings()
    return cache["settings"].localized(field, translation.get_language())
