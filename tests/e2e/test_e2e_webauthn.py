"""Two-step verification with a security key (WebAuthn) in Chromium.

Chromium's DevTools protocol provides a virtual authenticator, so the real browser API, allauth's
JavaScript and the server's verification of the signed challenge all run; nothing is mocked.
WebAuthn needs a secure context and a domain as relying-party id: the test uses
http://localhost:<port>, which browsers treat as secure, and allows the http origin on the server.
"""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import field

from tests.portal.accounts.factories import PASSWORD, UserFactory


@pytest.fixture
def localhost(demo_site, settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    return demo_site.url.replace("127.0.0.1", "localhost")


def add_virtual_security_key(page):
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    added = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return session, added["authenticatorId"]


def log_in_with_password(page, base, username):
    page.goto(f"{base}/tai-khoan/login/")
    field(page.get_by_role("main"), "Tài khoản đăng nhập").fill(username)
    field(page.get_by_role("main"), "Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Đăng nhập", exact=True).click()


def test_citizen_adds_a_security_key_and_logs_in_with_it(localhost, page):
    citizen = UserFactory(username="hoang.van.an", full_name="Hoàng Văn An")
    session, authenticator_id = add_virtual_security_key(page)

    log_in_with_password(page, localhost, citizen.username)
    page.goto(f"{localhost}/tai-khoan/2fa/webauthn/add/")
    if "/reauthenticate/" in page.url:
        field(page.get_by_role("main"), "Mật khẩu").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("main").get_by_role("button", name="Xác nhận").click()
    assert page.url.endswith("/tai-khoan/2fa/webauthn/add/"), page.url
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert_no_axe_violations(page, "add a security key")
    field(page.get_by_role("main"), "Tên khóa bảo mật").fill("Khóa USB công việc")
    with page.expect_navigation():
        page.locator("#mfa_webauthn_add").click()
    credentials = session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1
    assert citizen.authenticator_set.filter(type="webauthn").count() == 1

    page.context.clear_cookies()
    log_in_with_password(page, localhost, citizen.username)
    assert "/tai-khoan/2fa/authenticate/" in page.url, page.url
    assert_no_axe_violations(page, "two-step verification with a security key")
    with page.expect_navigation():
        page.locator("#mfa_webauthn_authenticate").click()
    assert "/2fa/authenticate/" not in page.url, page.url
    page.goto(f"{localhost}/tai-khoan/2fa/webauthn/")
    assert "Khóa USB công việc" in page.get_by_role("main").inner_text()
