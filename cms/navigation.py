"""The site-wide menu and the links between language versions of a page."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def home_page_for(request):
    site = Site.find_for_request(request)
    return site.root_page.localized.specific if site else None


def main_menu(request, page=None):
    """Home, the pages editors put in the menu, online services and the sitemap (TT 32 Art. 16)."""
    home = home_page_for(request)
    path = request.path
    links = []
    if home:
        home_url = home.get_url(request)
        links.append(Link(_("Home"), home_url, current=path == home_url))
        # Plain pages, not .specific(): the title and address are on every page's own row, and
        # the request lets Wagtail work out the site's root paths once instead of once per link.
        for child in home.get_children().live().public().in_menu():
            url = child.get_url(request)
            if url is None:
                continue
            links.append(Link(child.title, url, current=path.startswith(url)))
    for title, url in (
        (_("Online public services"), reverse("procedures:list")),
        (_("Sitemap"), reverse("sitemap-html")),
    ):
        links.append(Link(title, url, current=path.startswith(url)))
    return links


def language_links(request, page=None):
    """One link per language, worked out once per request (the head and the header both use them)."""
    if not hasattr(request, "_language_links"):
        request._language_links = _language_links(request, page)
    return request._language_links


def _language_links(request, page):
    """The translated page when it exists, else the same route translated."""
    current_code = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].url
        elif isinstance(page, Page):
            # No translation of this page yet: the home page of that language.
            home = home_page_for(request)
            target = home.get_translation_or_none(Locale.objects.filter(language_code=code).first())
            url = target.url if target else "/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code, name, url, code == current_code))
    return links
