"""Law dissemination, plans, the environmental map and projects in Chromium: axe, keyboard, phones."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import open_page, tab_to, turn_on_high_contrast

HUB = "/thong-tin-cong-khai/"
ENVIRONMENT = HUB + "moi-truong/"
LISTINGS = {
    "section": HUB,
    "dissemination": HUB + "pho-bien-phap-luat/",
    "plans": HUB + "quy-hoach-ke-hoach/",
    "environment": ENVIRONMENT,
    "projects": HUB + "du-an-dau-tu/",
}
# The first link of each listing's table or list leads to a record or an article.
FIRST_RECORD = {
    "dissemination": ".article-list a",
    "plans": "table.data-table tbody a",
    "environment": "table.data-table tbody a",
    "projects": "table.data-table tbody a",
}


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_planning_page_passes_axe(demo_site, new_page, contrast):
    for name, path in LISTINGS.items():
        page = new_page()
        open_page(page, demo_site, path)
        if contrast:
            turn_on_high_contrast(page)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page, f"{name} {path}")
        if name in FIRST_RECORD:
            with page.expect_navigation():
                page.locator(FIRST_RECORD[name]).first.click()
            assert page.locator("h1").count() == 1
            assert_no_axe_violations(page, f"{name} record {page.url}")


def test_the_map_draws_every_record_and_its_markers_are_links(demo_site, page):
    open_page(page, demo_site, ENVIRONMENT)
    markers = page.locator("svg.map-drawing a.map-marker")
    rows = page.locator("table.data-table tbody tr")
    assert markers.count() == rows.count() >= 15
    assert page.locator(".map-legend li").count() == 4
    title = markers.first.locator("title").text_content()
    tab_to(page, "a.map-marker")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == title.split(" (")[0]


def test_the_skip_link_takes_keyboard_users_past_the_map(demo_site, page):
    open_page(page, demo_site, ENVIRONMENT)
    tab_to(page, "a.skip-map")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "env-table-title"


def test_filtering_the_map_by_kind(demo_site, page):
    open_page(page, demo_site, ENVIRONMENT)
    page.locator("#env-kind").select_option("hazardous_waste")
    with page.expect_navigation():
        page.locator(".filter-form button[type=submit]").click()
    markers = page.locator("svg.map-drawing a.map-marker")
    assert markers.count() == page.locator("table.data-table tbody tr").count() >= 1
    assert markers.count() == page.locator("a.map-marker.marker-hazardous_waste").count()


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_environment_page_fits_a_320px_phone(demo_site, phone_page, contrast):
    open_page(phone_page, demo_site, ENVIRONMENT)
    if contrast:
        turn_on_high_contrast(phone_page)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    box = phone_page.locator("svg.map-drawing").bounding_box()
    assert 0 < box["width"] <= 320 and box["height"] > 100
    first_row = phone_page.locator("table.data-table tbody tr").first
    assert first_row.evaluate("row => getComputedStyle(row).display") == "block"
    assert_no_axe_violations(phone_page, "environment page on a phone")
