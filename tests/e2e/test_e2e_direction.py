"""Direction and operation and the leaders' work schedule in Chromium: axe in both languages and
high contrast, week navigation by keyboard, and phones without sideways scrolling."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import html_classes, open_page, turn_on_high_contrast

INDEX = {"vi": "/chi-dao-dieu-hanh/", "en": "/en/direction/"}
SCHEDULE = {"vi": "/chi-dao-dieu-hanh/lich-lam-viec/", "en": "/en/direction/work-schedule/"}
SECTIONS = ["", "tra-loi-kien-nghi/", "khen-thuong-xu-ly/"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_direction_pages_pass_axe(demo_site, page, lang, contrast):
    for section in SECTIONS:
        open_page(page, demo_site, INDEX[lang] + section)
        # The reader's choice is remembered: switch it on once, then check it stayed on.
        if contrast and "high-contrast" not in html_classes(page):
            turn_on_high_contrast(page)
        assert ("high-contrast" in html_classes(page)) is contrast
        assert page.locator("table.data-table tbody tr").count() >= 4
        assert_no_axe_violations(page, f"direction {section or 'documents'} ({lang})")
    open_page(page, demo_site, SCHEDULE[lang])
    assert ("high-contrast" in html_classes(page)) is contrast
    assert page.locator("table.schedule-table tbody tr").count() >= 1
    assert_no_axe_violations(page, f"work schedule ({lang})")


def test_filter_directions_with_the_keyboard(demo_site, page):
    open_page(page, demo_site, INDEX["vi"])
    page.locator("#filter-kind").select_option("directive")
    page.locator(".filter-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "kind=directive" in page.url
    assert page.locator("table.data-table tbody tr").count() == 2
    assert_no_axe_violations(page, "filtered directions")


def test_next_and_previous_week_links(demo_site, page):
    open_page(page, demo_site, SCHEDULE["vi"])
    first_week = page.locator("#week-title").inner_text()
    with page.expect_navigation():
        page.locator(".week-nav a[rel=next]").click()
    assert "?tuan=" in page.url
    assert page.locator("#week-title").inner_text() != first_week
    assert page.locator("table.schedule-table tbody tr").count() >= 1
    with page.expect_navigation():
        page.locator(".week-nav a[rel=prev]").click()
    assert page.locator("#week-title").inner_text() == first_week


def test_a_wrong_week_shows_a_message(demo_site, page):
    open_page(page, demo_site, SCHEDULE["vi"] + "?tuan=2026-W99")
    assert page.get_by_role("alert").is_visible()
    assert_no_axe_violations(page, "work schedule with an error")


@pytest.mark.parametrize("url", [SCHEDULE["vi"], INDEX["vi"], INDEX["vi"] + "tra-loi-kien-nghi/"])
def test_phone_width_has_no_sideways_scrolling(demo_site, phone_page, url):
    open_page(phone_page, demo_site, url)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"], f"{url}: {width}px wide"
    row = phone_page.locator("table.data-table tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "block"
    assert_no_axe_violations(phone_page, f"{url} on a phone")
