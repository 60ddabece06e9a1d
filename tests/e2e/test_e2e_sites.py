"""A component site in Chromium: the Department of Justice's home, reached by its own hostname.

Chromium resolves every *.localhost name to the loopback address, so the live server answers
http://sotuphap.localhost:<port>/ once the component Site carries the live server's port.
"""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import turn_on_high_contrast

HOMES = {"vi": ("/", "Sở Tư pháp tỉnh Tân Hòa"), "en": ("/en/", "Department of Justice")}


@pytest.fixture
def justice_url(demo_site, settings):
    from django.core.cache import cache
    from wagtail.models import Site

    from cms.demo import JUSTICE_HOSTNAME

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, JUSTICE_HOSTNAME]
    port = int(demo_site.url.rsplit(":", 1)[1])
    site = Site.objects.get(hostname=JUSTICE_HOSTNAME)
    site.port = port
    site.save()
    cache.clear()
    return f"http://{JUSTICE_HOSTNAME}:{port}"


def open_home(page, base, lang):
    path, title = HOMES[lang]
    response = page.goto(base + path)
    assert response is not None and response.status == 200, base + path
    assert page.evaluate("document.documentElement.lang") == lang
    assert title in page.locator("h1").inner_text()


def css_variable(page, name):
    return page.evaluate(
        "name => getComputedStyle(document.documentElement).getPropertyValue(name).trim()", name
    )


def header_background(page):
    return page.evaluate(
        "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_component_site_home_uses_its_palette_and_passes_axe(justice_url, page, lang):
    open_home(page, justice_url, lang)
    assert css_variable(page, "--red") == "#1d4f7c"
    assert header_background(page) == "rgb(29, 79, 124)"
    logo = page.locator(".site-header img.brand-logo")
    assert logo.get_attribute("alt")
    assert page.locator("footer a[href='https://dichvucong.gov.vn/']").count() == 1
    assert_no_axe_violations(page, f"Department of Justice home ({lang})")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_component_site_home_in_high_contrast(justice_url, page, lang):
    open_home(page, justice_url, lang)
    turn_on_high_contrast(page)
    # High contrast keeps its own black and yellow, whatever the site's palette.
    assert header_background(page) == "rgb(0, 0, 0)"
    assert_no_axe_violations(page, f"Department of Justice home ({lang}, high contrast)")


def test_the_provincial_portal_keeps_its_own_colours(justice_url, demo_site, page):
    page.goto(demo_site.url + "/")
    assert css_variable(page, "--red") == "#9f1616"
    assert header_background(page) == "rgb(159, 22, 22)"


def test_component_site_home_on_a_phone(justice_url, phone_page):
    open_home(phone_page, justice_url, "vi")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    assert_no_axe_violations(phone_page, "Department of Justice home at 320 px")
