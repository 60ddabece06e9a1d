"""The pages a refused request gets (HTTP 429), in Chromium with axe: the public lookup keeps the
code that was typed, and a login refused by allauth's limit gets the portal's own page."""

import pytest
from axe import check_screen
from browser_helpers import DESKTOP, PHONE

LOOKUP = "/ho-so/tra-cuu/?ma=ABC-260101-0001"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_a_refused_lookup_keeps_the_code_and_says_how_long_to_wait(
    demo_site, new_page, viewport, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "lookup": "1/m/ip"}
    page = new_page(viewport)
    assert page.goto(demo_site.url + LOOKUP).status == 200
    response = page.goto(demo_site.url + LOOKUP)
    assert response.status == 429 and response.headers["retry-after"]
    assert page.locator("input[name=ma]").input_value() == "ABC-260101-0001"
    assert "Vui lòng đợi" in page.content()
    check_screen(page, f"lookup refused {viewport['width']}px")


def test_a_login_refused_by_the_limit_gets_the_portal_page(demo_site, new_page, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    page = new_page(DESKTOP)
    for _attempt in range(2):
        page.goto(demo_site.url + "/tai-khoan/login/")
        page.fill("input[name=login]", "khong-co@example.vn")
        page.fill("input[name=password]", "sai-mat-khau")
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            page.locator("form[action*=login] [type=submit]").first.click()
    assert posted.value.status == 429
    assert "Vui lòng đợi" in page.content()
    check_screen(page, "login refused")
