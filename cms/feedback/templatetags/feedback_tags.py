from django import template
from django.core.cache import cache
from django.utils import translation

register = template.Library()

CACHE_KEY = "feedback:accessibility-statement-url:{}"


@register.simple_tag
def accessibility_statement_url():
    """The URL of the accessibility statement in the current language ("" when there is none).

    Shown in the toolbar of every page, so it is cached until pages change (cms.models.pages_version).
    """
    from cms.models import pages_version

    language = translation.get_language() or "vi"
    key = f"{CACHE_KEY.format(language)}:{pages_version()}"
    url = cache.get(key)
    if url is None:
        from wagtail.models import Locale

        from ..models import AccessibilityStatementPage

        page = (
            AccessibilityStatementPage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .first()
        )
        if page is None:
            page = AccessibilityStatementPage.objects.live().public().first()
        url = (page.url or "") if page else ""
        cache.set(key, url, 600)
    return url
