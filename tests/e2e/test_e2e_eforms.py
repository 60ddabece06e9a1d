"""E-form steps in Chromium, inside the online filing wizard: the commune list follows the province
(script), and without JavaScript the commune button and the "add a row" button re-render the step
keeping what was typed. axe in Vietnamese and high contrast, and no sideways scrolling at 320 px."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import DESKTOP, PHONE, turn_on_high_contrast
from django.conf import settings
from django.test import Client

TEMPORARY_RESIDENCE = "1.004194"  # Đăng ký tạm trú: applicant, place, people registering together


@pytest.fixture
def citizen(demo_site):
    from tests.portal.accounts.factories import UserFactory

    return UserFactory(full_name="Trần Thị Bình", phone="0912345678")


def signed_in(browser, server, user, *, viewport=DESKTOP, javascript=True):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, locale="vi-VN", java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": server.url,
            }
        ]
    )
    return context, context.new_page()


def start_filing(page, server):
    response = page.goto(f"{server.url}/ho-so/nop/{TEMPORARY_RESIDENCE}/")
    assert response.status == 200
    assert page.locator("#id_noi_cu_tru__province").count() == 1


def fill_applicant(page):
    page.fill("#id_so_dinh_danh", "001090012345")
    page.fill("#id_ngay_sinh", "05/09/1990")


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_commune_list_follows_the_province_with_javascript(browser, demo_site, citizen, contrast):
    context, page = signed_in(browser, demo_site, citizen)
    try:
        start_filing(page, demo_site)
        assert page.input_value("#id_ho_ten") == "Trần Thị Bình"  # from the account
        refresh = page.locator("[data-eforms-refresh]").first
        refresh.wait_for(state="hidden")
        fill_applicant(page)
        page.select_option("#id_noi_cu_tru__province", "01")
        page.locator("#id_noi_cu_tru__commune option[value='00070']").wait_for(state="attached")
        page.select_option("#id_noi_cu_tru__commune", "00070")
        page.fill("#id_noi_cu_tru__street", "12 Hàng Bài")
        if contrast:
            turn_on_high_contrast(page)
        assert_no_axe_violations(page, "e-form step with an address")
        page.select_option("#id_noi_cu_tru__province", "79")
        page.locator("#id_noi_cu_tru__commune option[value='26506']").wait_for(state="attached")
        assert page.locator("#id_noi_cu_tru__commune option[value='00070']").count() == 0
    finally:
        context.close()


def fill_first_step_without_script(page):
    fill_applicant(page)
    page.select_option("#id_noi_cu_tru__province", "01")
    with page.expect_navigation():
        page.click("button[name=_eforms_action][value=refresh]")
    assert page.input_value("#id_so_dinh_danh") == "001090012345"
    assert page.input_value("#id_ngay_sinh") == "05/09/1990"
    page.select_option("#id_noi_cu_tru__commune", "00070")
    page.fill("#id_noi_cu_tru__street", "12 Hàng Bài")
    with page.expect_navigation():
        page.press("#id_noi_cu_tru__street", "Enter")  # Enter continues, not the commune button
    assert page.locator("#id_noi_tam_tru__province").count() == 1


def add_a_row(page):
    page.goto(page.url.rsplit("/buoc/", 1)[0] + "/buoc/2/")
    page.fill("#id_nguoi_cung_tam_tru-0-ho_ten", "Trần Văn Cường")
    page.fill("#id_nguoi_cung_tam_tru-0-ngay_sinh", "30/07/2018")
    with page.expect_navigation():
        page.click("button[name=_eforms_action][value='add:nguoi_cung_tam_tru']")
    assert page.input_value("#id_nguoi_cung_tam_tru-0-ho_ten") == "Trần Văn Cường"
    assert page.input_value("#id_nguoi_cung_tam_tru-0-ngay_sinh") == "30/07/2018"
    assert page.locator("#id_nguoi_cung_tam_tru-1-ho_ten").count() == 1


def test_without_javascript_the_buttons_rerender_the_step(browser, demo_site, citizen):
    # No axe here: it needs JavaScript. The same markup is checked with axe below.
    context, page = signed_in(browser, demo_site, citizen, javascript=False)
    try:
        start_filing(page, demo_site)
        fill_first_step_without_script(page)
        add_a_row(page)
    finally:
        context.close()


def test_repeatable_group_on_a_phone(browser, demo_site, citizen):
    context, page = signed_in(browser, demo_site, citizen, viewport=PHONE)
    try:
        start_filing(page, demo_site)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        add_a_row(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_no_axe_violations(page, "repeatable group after adding a row, on a phone")
    finally:
        context.close()
