"""The legal-document library in Chromium: filters by keyboard, axe in both languages and high contrast."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import open_page, turn_on_high_contrast

LIBRARY = {"vi": "/van-ban/", "en": "/en/legal-documents/"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_library_and_document_pages_pass_axe(demo_site, page, lang, contrast):
    open_page(page, demo_site, LIBRARY[lang])
    if contrast:
        turn_on_high_contrast(page)
    assert page.locator("table.data-table tbody tr").count() == 20
    assert_no_axe_violations(page, f"legal-document library ({lang})")
    with page.expect_navigation():
        page.locator("table.data-table tbody tr a").first.click()
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page, f"legal document ({lang})")


def test_find_a_document_by_number_with_the_keyboard(demo_site, page):
    open_page(page, demo_site, LIBRARY["vi"])
    page.get_by_label("Số, ký hiệu hoặc từ khóa").fill("66.9/2025/NQ-CP")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("table.data-table tbody tr")
    assert rows.count() == 1
    assert "66.9/2025/NQ-CP" in rows.first.inner_text()


def test_library_on_a_phone_stacks_rows_without_sideways_scrolling(demo_site, phone_page):
    open_page(phone_page, demo_site, LIBRARY["vi"])
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    first_row = phone_page.locator("table.data-table tbody tr").first
    assert first_row.evaluate("row => getComputedStyle(row).display") == "block"
    assert first_row.get_by_role("cell").count() == 4
    assert_no_axe_violations(phone_page, "legal-document library on a phone")
