"""The procedure catalogue and detail pages in Chromium: axe in Vietnamese, English and high
contrast, a 320 px phone without sideways scrolling, filters by keyboard, the filing choices."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import open_page, turn_on_high_contrast

LIST = {"vi": "/dich-vu-cong/", "en": "/en/dich-vu-cong/"}
# Filed here (1.010041), on the national portal (1.116612), a foreigner's procedure (3.000351),
# and one with two cases and forms to download (1.014801).
DETAILS = ["1.010041", "1.116612", "3.000351", "1.014801"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_list_and_detail_pass_axe(demo_site, page, lang, contrast):
    open_page(page, demo_site, LIST[lang])
    if contrast:
        turn_on_high_contrast(page)
    assert page.locator(".procedure-list li").count() == 20
    assert_no_axe_violations(page, f"procedure list ({lang})")
    for code in DETAILS:
        open_page(page, demo_site, f"{LIST[lang]}{code}/")
        assert page.locator("h1").count() == 1
        assert page.locator(".component-table, .channel-table").count() > 0
        assert_no_axe_violations(page, f"procedure {code} ({lang})")


@pytest.mark.parametrize("path", [LIST["vi"], f"{LIST['vi']}1.014801/", f"{LIST['en']}3.000351/"])
def test_pages_fit_a_320_px_phone(demo_site, phone_page, path):
    open_page(phone_page, demo_site, path)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    assert_no_axe_violations(phone_page, f"{path} on a phone")


def test_filter_by_level_and_open_a_procedure_with_the_keyboard(demo_site, page):
    open_page(page, demo_site, LIST["vi"])
    # By id: the Vietnamese labels arrive with the lead's translation merge.
    page.locator("#procedure-level").select_option("commune")
    page.locator("#procedure-q").fill("lai xe")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    links = page.locator(".procedure-list li a")
    assert links.count() == 1
    links.first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/dich-vu-cong/3.000351/")
    assert "115.000\u00a0₫" in page.locator("main").inner_text()


def test_filing_choices(demo_site, page):
    open_page(page, demo_site, f"{LIST['vi']}1.116612/")
    national = page.locator("a.filing-button")
    assert national.get_attribute("href").startswith("https://dichvucong.gov.vn/")
    open_page(page, demo_site, f"{LIST['vi']}1.000178/")
    assert page.locator("a.filing-button").count() == 0
    open_page(page, demo_site, f"{LIST['vi']}1.010041/")
    here = page.locator("a.filing-button")
    if here.count():
        assert here.get_attribute("href") == "/ho-so/nop/1.010041/"
