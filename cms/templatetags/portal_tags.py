from django import template
from django.utils import timezone, translation
from wagtail.models import Site

from cms import navigation
from cms.models import PortalSettings
from portal import text

register = template.Library()
# Amounts in đồng: {{ fee.amount|vnd }} → 1.250.000 ₫.
register.filter("vnd", text.vnd)


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


def portal_settings_for(request):
    """The PortalSettings of the request's site, looked up once per request."""
    if not hasattr(request, "_portal_settings"):
        site = Site.find_for_request(request)
        request._portal_settings = PortalSettings.for_site(site) if site else PortalSettings()
    return request._portal_settings


@register.simple_tag(takes_context=True)
def portal_setting(context, field):
    """A portal setting in the active language, e.g. {% portal_setting "agency_name" %}."""
    return portal_settings_for(context["request"]).localized(field, translation.get_language())


@register.inclusion_tag("components/dublin_core.html", takes_context=True)
def dublin_core(context):
    """Dublin Core metadata for the page being shown, or for a view without a page."""
    request, page = context["request"], context.get("page")
    document = context.get("document")
    if document is not None:
        title, description, date, creator = (
            document.number_symbol,
            document.summary,
            document.issued_on,
            document.authority,
        )
    elif page is not None and hasattr(page, "last_published_at"):
        title = page.seo_title or page.title
        description = getattr(page, "search_description", "") or getattr(page, "summary", "")
        date = page.last_published_at or page.first_published_at or timezone.now()
        creator = getattr(page, "author", "")
    else:
        # Views without a page (search, services, accounts) describe themselves as the portal.
        title = description = portal_settings_for(request).localized(
            "portal_name", translation.get_language()
        )
        date, creator = timezone.now(), ""
    return {
        "request": request,
        "title": title,
        "description": description,
        "date": date,
        "creator": creator,
        "language": translation.get_language(),
    }
