"""Every page type of the portal in Chromium: axe-core (WCAG 2.1 A/AA) in Vietnamese, in English
where the page is translated, and in high-contrast mode.

The cases come from Wagtail's registry of page models, so a new page type is checked as soon as it
exists, and the test fails when the demo has no live page of that type to show.
"""

from urllib.parse import urlsplit

import pytest
from axe import assert_no_axe_violations
from browser_helpers import turn_on_high_contrast
from wagtail.models import Site, get_page_models

PAGE_TYPES = sorted(
    (model for model in get_page_models() if model._meta.app_label != "wagtailcore"),
    key=lambda model: model._meta.label,
)


def browser_url(server, page):
    """The page's address on the live server; a component site's page keeps its own host name."""
    url = page.get_url()
    assert url, f"{page} has no public URL"
    parts = urlsplit(url)
    if parts.netloc:
        # Chromium sends every *.localhost name to this machine.
        return f"http://{parts.hostname}:{urlsplit(server.url).port}{parts.path}"
    return server.url + url


@pytest.mark.parametrize(
    "model", [pytest.param(model, id=model._meta.label) for model in PAGE_TYPES]
)
def test_every_page_type_passes_axe(demo_site, new_page, model):
    # Pages of the provincial site first: the browser opens the live server's own host name.
    default_site = Site.objects.get(is_default_site=True)
    pages = model.objects.live().public().filter(locale__language_code="vi")
    vietnamese = pages.in_site(default_site).first() or pages.first()
    assert vietnamese is not None, f"the demo has no live Vietnamese {model._meta.label}"
    versions = [("vi", vietnamese)]
    english = vietnamese.get_translations().live().filter(locale__language_code="en").first()
    if english is not None:
        versions.append(("en", english.specific))

    for language, instance in versions:
        # A fresh browser context each time: the toolbar remembers high contrast between pages.
        page = new_page()
        path = browser_url(demo_site, instance)
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        assert page.evaluate("document.documentElement.lang") == language
        assert page.locator("h1").count() == 1, f"{path} must have exactly one h1"
        assert_no_axe_violations(page, f"{model._meta.label} ({language}) {path}")
        turn_on_high_contrast(page)
        assert_no_axe_violations(page, f"{model._meta.label} ({language}, high contrast) {path}")
