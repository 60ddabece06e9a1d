"""Introduction, organisation chart, boundary map and contact directory in Chromium: axe in both
languages and high contrast, keyboard use of the map, and phones without sideways scrolling."""

import re

import pytest
from axe import assert_no_axe_violations
from browser_helpers import focused_matches, html_classes, open_page, turn_on_high_contrast

PAGES = {
    "introduction": {"vi": "/gioi-thieu/", "en": "/en/about/"},
    "organisation": {"vi": "/gioi-thieu/co-cau-to-chuc/", "en": "/en/about/organisation/"},
    "functions": {"vi": "/gioi-thieu/chuc-nang-nhiem-vu/", "en": "/en/about/functions/"},
    "contacts": {"vi": "/gioi-thieu/danh-ba/", "en": "/en/about/contacts/"},
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_introduction_pages_pass_axe(demo_site, page, lang, contrast):
    for name, urls in PAGES.items():
        open_page(page, demo_site, urls[lang])
        # The reader's choice is remembered: switch it on once, then check it stayed on.
        if contrast and "high-contrast" not in html_classes(page):
            turn_on_high_contrast(page)
        assert ("high-contrast" in html_classes(page)) is contrast
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page, f"{name} ({lang}{', high contrast' if contrast else ''})")


def test_the_map_draws_each_commune_and_its_links_lead_to_the_table(demo_site, page):
    open_page(page, demo_site, PAGES["introduction"]["vi"])
    areas = page.locator("svg.boundary-map-svg a")
    assert areas.count() == 12
    assert page.locator("svg.boundary-map-svg path").count() == 12
    box = page.locator("svg.boundary-map-svg").bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    first = areas.first
    first.focus()
    assert focused_matches(page, "svg.boundary-map-svg a")
    target = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function("hash => location.hash === hash", arg=target)
    row = page.locator(f"tr{target}")
    assert row.is_visible()
    assert first.get_attribute("aria-label").endswith(
        row.locator("td").first.inner_text().split(" ", 1)[1]
    )


def test_organisation_chart_is_nested_lists_not_a_picture(demo_site, page):
    open_page(page, demo_site, PAGES["organisation"]["vi"])
    chart = page.locator(".org-chart")
    assert chart.locator("img").count() == 0
    name = chart.locator(".org-unit-name", has_text=re.compile(r"^Sở Tư pháp$"))
    justice = name.locator("xpath=ancestor::li[1]")
    assert justice.locator("xpath=ancestor::ul").count() == 2
    assert "stp@tanhoa.gov.vn" in justice.inner_text()
    assert justice.locator("ul li").count() == 2


@pytest.mark.parametrize("name", ["introduction", "organisation", "contacts"])
def test_phone_width_has_no_sideways_scrolling(demo_site, phone_page, name):
    open_page(phone_page, demo_site, PAGES[name]["vi"])
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"], f"{name}: {width}px wide"
    assert_no_axe_violations(phone_page, f"{name} on a phone")


def test_contact_directory_stacks_rows_on_a_phone(demo_site, phone_page):
    open_page(phone_page, demo_site, PAGES["contacts"]["vi"])
    row = phone_page.locator("#email-directory ~ .table-wrap table tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "block"
    assert row.get_by_role("cell").count() == 4
