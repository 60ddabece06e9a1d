"""Questions and answers and the accessibility statement in Chromium: a whole journey, axe in both
languages and in high contrast."""

import re

import pytest
from axe import assert_no_axe_violations
from browser_helpers import open_page, turn_on_high_contrast

QA = {"vi": "/hoi-dap/", "en": "/en/questions/"}
STATEMENT = {"vi": "/tuyen-bo-tro-nang/", "en": "/en/accessibility/"}
CODE = re.compile(r"^HD-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$")
LANGS = pytest.mark.parametrize("lang", ["vi", "en"])
CONTRAST = pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])


@LANGS
@CONTRAST
def test_ask_a_question_and_follow_it(demo_site, page, lang, contrast):
    open_page(page, demo_site, QA[lang])
    if contrast:
        turn_on_high_contrast(page)
    assert page.locator(".qa-list li").count() == 2
    assert_no_axe_violations(page, f"published answers ({lang})")

    with page.expect_navigation():
        page.locator(".qa-nav a").nth(1).click()
    assert_no_axe_violations(page, f"question form ({lang})")

    text = "Xin hỏi lịch tiếp công dân của Chủ tịch Ủy ban nhân dân tỉnh tháng 12/2026?"
    page.locator("#id_text").fill(text)
    page.locator("#id_email").fill("khong-hop-le")
    with page.expect_navigation():
        page.locator(".qa-form button[type=submit]").click()
    assert page.locator(".form-errors").is_visible()
    assert page.locator("#id_text").input_value() == text
    assert_no_axe_violations(page, f"question form with errors ({lang})")

    page.locator("#id_asker_name").fill("Hoàng Văn Em")
    page.locator("#id_email").fill("")
    page.locator("#id_title").fill("Lịch tiếp công dân tháng 12")
    with page.expect_navigation():
        page.locator(".qa-form button[type=submit]").click()
    code = page.locator("[data-tracking-code]").inner_text().strip()
    assert CODE.match(code), code
    assert_no_axe_violations(page, f"question received ({lang})")

    with page.expect_navigation():
        page.locator("main a.button").first.click()
    status = page.locator(".qa-status")
    assert code in status.inner_text()
    assert "Hoàng Văn Em" not in page.content()
    assert_no_axe_violations(page, f"question status ({lang})")


@LANGS
@CONTRAST
def test_a_published_answer_and_an_unknown_code(demo_site, page, lang, contrast):
    open_page(page, demo_site, QA[lang])
    if contrast:
        turn_on_high_contrast(page)
    with page.expect_navigation():
        page.locator(".qa-list a").first.click()
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page, f"published answer ({lang})")
    page.goto(demo_site.url + QA[lang] + "tra-cuu/?ma=HD-ZZZZZZ")
    assert page.locator(".form-errors").is_visible()
    assert page.locator("#qa-code").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page, f"unknown tracking code ({lang})")


@LANGS
@CONTRAST
def test_the_accessibility_statement_is_one_click_from_every_page(demo_site, page, lang, contrast):
    open_page(page, demo_site, "/" if lang == "vi" else "/en/")
    if contrast:
        turn_on_high_contrast(page)
    with page.expect_navigation():
        page.locator(".a11y-toolbar a").click()
    assert page.url.endswith(STATEMENT[lang])
    assert "02/11/2026" in page.locator("main").inner_text()
    assert "WCAG 2.1 AA" in page.locator("main").inner_text()
    assert_no_axe_violations(page, f"accessibility statement ({lang})")


def test_the_question_form_on_a_phone(demo_site, phone_page):
    open_page(phone_page, demo_site, QA["vi"] + "gui-cau-hoi/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    assert not phone_page.locator("#id_website").is_visible()
    assert_no_axe_violations(phone_page, "question form at 320 px")
