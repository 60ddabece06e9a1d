"""Account journeys in the browser: a citizen signs up and turns on two-step verification, a new
staff member follows the invitation and must set up two-step verification before the admin, and the
login form works with the keyboard alone.

Every screen is checked the same way: Vietnamese (<html lang="vi">, a Vietnamese main heading),
axe-core with no WCAG 2.1 A/AA violation, and nothing refused by the Content-Security-Policy nor any
other browser error.
"""

import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe import assert_no_axe_violations
from browser_helpers import (
    active_element,
    field,
    focused_matches,
    fresh_totp_code,
    open_page,
    save_screenshot,
    tab_to,
    turn_on_high_contrast,
)
from django.core import mail
from django.test import RequestFactory

from portal.accounts import roles
from portal.accounts.flows import invite_staff
from tests.portal.accounts.factories import PASSWORD, UserFactory

# Letters only Vietnamese uses (lower and upper case): a heading without any is English.
VIETNAMESE_LETTERS = re.compile(
    "[àáâãèéêìíòóôõùúýăđĩũơưạ-ỹÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ]"  # noqa: RUF001 - Vietnamese on purpose
)
PHONE_WIDTH = {"width": 390, "height": 844}


class BrowserErrors:
    """Script errors and console errors (the Content-Security-Policy reports refusals there)."""

    def __init__(self, page):
        self.errors = []
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                message.type == "error" and self.errors.append(f"{page.url}: {message.text}")
            ),
        )

    def assert_none(self, label):
        errors, self.errors = self.errors, []
        assert not errors, f"Browser errors on {label}:\n" + "\n".join(errors)


def check_screen(page, errors, label, heading):
    """The screen is Vietnamese, headed by `heading`, passes axe and loaded without errors."""
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "vi", f"{label}: <html lang>"
    h1 = page.get_by_role("heading", level=1)
    assert h1.count() == 1, f"{label}: expected one <h1>, found {h1.count()}"
    text = " ".join(h1.inner_text().split())
    assert text == heading, f"{label}: the main heading is {text!r}, expected {heading!r}"
    assert VIETNAMESE_LETTERS.search(text), f"{label}: the main heading {text!r} is not Vietnamese"
    assert_no_axe_violations(page, label)
    errors.assert_none(label)
    if os.environ.get("E2E_SCREENSHOTS") not in (None, "", "0"):
        save_screenshot(page, f"accounts/screens/{label}-{page.viewport_size['width']}px")


def main(page):
    return page.get_by_role("main")


def submit(page, name):
    """Click the main area's button called `name` and wait for the page it leads to."""
    with page.expect_navigation():
        main(page).get_by_role("button", name=name, exact=True).click()


def path_of(url):
    return urlsplit(url).path


def link_in_last_mail(server):
    """The only link of the last e-mail, on the live server (the link itself says https)."""
    links = re.findall(r"https?://\S+", mail.outbox[-1].body)
    assert len(links) == 1, mail.outbox[-1].body
    assert urlsplit(links[0]).netloc == urlsplit(server.url).netloc, links[0]
    return server.url + path_of(links[0])


def screenshot_both_widths(page, errors, label, heading):
    """Keep a desktop and a 390 px picture of the screen (test-artifacts/accounts/), axe at 390 px."""
    desktop = page.viewport_size
    save_screenshot(page, f"accounts/{label}-{desktop['width']}px")
    page.set_viewport_size(PHONE_WIDTH)
    try:
        save_screenshot(page, f"accounts/{label}-{PHONE_WIDTH['width']}px")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_WIDTH["width"], f"{label} scrolls sideways at 390 px ({width} px)"
        check_screen(page, errors, f"{label} at 390 px", heading)
    finally:
        page.set_viewport_size(desktop)


def log_in(page, errors, login, password, *, label="login"):
    check_screen(page, errors, label, "Đăng nhập")
    field(main(page), "Tài khoản đăng nhập").fill(login)
    field(main(page), "Mật khẩu").fill(password)
    submit(page, "Đăng nhập")


def activate_totp(page, errors, password, *, label, high_contrast=False):
    """From wherever the browser is sent to turn TOTP on: confirm the password, scan, type a code."""
    if path_of(page.url) == "/tai-khoan/reauthenticate/":
        # allauth asks for the password again before any change of two-step verification.
        check_screen(page, errors, f"{label}: confirm password", "Xác nhận quyền truy cập")
        field(main(page), "Mật khẩu").fill(password)
        submit(page, "Xác nhận")
    assert path_of(page.url) == "/tai-khoan/2fa/totp/activate/", page.url
    check_screen(page, errors, f"{label}: activate TOTP", "Bật ứng dụng xác thực")
    screenshot_both_widths(page, errors, f"{label}-totp-activate", "Bật ứng dụng xác thực")
    if high_contrast:
        turn_on_high_contrast(page)
        save_screenshot(page, f"accounts/{label}-totp-activate-high-contrast")
        assert_no_axe_violations(page, f"{label}: activate TOTP in high contrast")
        page.locator(".a11y-toolbar [data-a11y=contrast]").click()
    qr = main(page).get_by_role("img", name=re.compile("QR"))
    assert qr.is_visible(), "the QR code to scan"
    secret = field(main(page), "Khóa bí mật của ứng dụng xác thực").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), f"not a base32 secret: {secret!r}"
    field(main(page), "Mã xác thực").fill(fresh_totp_code(secret))
    submit(page, "Bật")
    return secret


def test_citizen_signs_up_verifies_e_mail_and_logs_in_with_totp(demo_site, page):
    errors = BrowserErrors(page)
    email, name, phone = "tran.thi.binh@example.vn", "Trần Thị Bình", "0912345678"

    open_page(page, demo_site, "/")
    account_links = page.get_by_role("navigation", name="Tài khoản", exact=True)
    with page.expect_navigation():
        account_links.get_by_role("link", name="Đăng ký", exact=True).click()
    assert path_of(page.url) == "/tai-khoan/signup/"
    check_screen(page, errors, "sign-up", "Đăng ký")

    form = main(page)
    field(form, "Thư điện tử").fill(email)
    field(form, "Họ và tên").fill(name)
    field(form, "Số điện thoại").fill(phone)
    field(form, "Mật khẩu").fill(PASSWORD)
    field(form, "Nhập lại mật khẩu").fill(PASSWORD)
    consent = form.get_by_role("checkbox", name=re.compile("^Tôi đồng ý"))
    assert not consent.is_checked()

    # Without consent: the server refuses, keeps what was typed and says why, at the checkbox.
    submit(page, "Đăng ký")
    assert path_of(page.url) == "/tai-khoan/signup/"
    assert field(form, "Thư điện tử").input_value() == email
    assert field(form, "Họ và tên").input_value() == name
    assert field(form, "Số điện thoại").input_value() == phone
    assert consent.get_attribute("aria-invalid") == "true"
    described_by = (consent.get_attribute("aria-describedby") or "").split()
    assert described_by, "the consent error is not tied to the checkbox"
    descriptions = " ".join(page.locator(f"[id='{id_}']").inner_text() for id_ in described_by)
    refusal = "Bạn cần đồng ý cho phép xử lý dữ liệu cá nhân để đăng ký tài khoản."
    assert refusal in descriptions
    # The summary at the top of the form says it again and leads to the checkbox.
    summary = main(page).get_by_role("alert")
    assert "Vui lòng sửa các lỗi sau" in summary.inner_text()
    link = summary.get_by_role("link", name=refusal)
    assert link.get_attribute("href") == "#" + consent.get_attribute("id")
    assert not mail.outbox, "no account may be created without consent"
    check_screen(page, errors, "sign-up without consent", "Đăng ký")
    save_screenshot(page, "accounts/sign-up-without-consent-1280px")

    consent.check()
    field(form, "Mật khẩu").fill(PASSWORD)
    field(form, "Nhập lại mật khẩu").fill(PASSWORD)
    submit(page, "Đăng ký")
    assert path_of(page.url) == "/tai-khoan/confirm-email/"
    check_screen(page, errors, "verification sent", "Xác minh địa chỉ thư điện tử của bạn")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [email]

    page.goto(link_in_last_mail(demo_site))
    check_screen(page, errors, "confirm e-mail", "Xác nhận địa chỉ thư điện tử")
    assert email in main(page).inner_text()
    submit(page, "Xác nhận")

    assert path_of(page.url) == "/tai-khoan/login/"
    log_in(page, errors, email, PASSWORD, label="login after confirming")
    account_links = page.get_by_role("navigation", name="Tài khoản", exact=True)
    assert account_links.get_by_role("link", name=name, exact=True).is_visible()

    open_page(page, demo_site, "/tai-khoan/2fa/")
    check_screen(page, errors, "two-step verification", "Xác thực hai bước")
    with page.expect_navigation():
        main(page).get_by_role("link", name="Bật", exact=True).click()
    secret = activate_totp(page, errors, PASSWORD, label="citizen", high_contrast=True)

    # allauth shows the recovery codes it generated with the authenticator.
    assert path_of(page.url) == "/tai-khoan/2fa/recovery-codes/"
    check_screen(page, errors, "recovery codes", "Mã khôi phục")
    codes = field(main(page), "Các mã chưa sử dụng").input_value().split()
    assert len(codes) == 10
    assert main(page).get_by_text("Đã bật ứng dụng xác thực.").is_visible()

    with page.expect_navigation():
        account_links.get_by_role("link", name="Đăng xuất", exact=True).click()
    check_screen(page, errors, "log out", "Đăng xuất")
    submit(page, "Đăng xuất")
    assert account_links.get_by_role("link", name="Đăng nhập", exact=True).is_visible()

    open_page(page, demo_site, "/tai-khoan/login/")
    log_in(page, errors, email, PASSWORD, label="login with TOTP")
    assert path_of(page.url) == "/tai-khoan/2fa/authenticate/"
    check_screen(page, errors, "TOTP code", "Xác thực hai bước")
    screenshot_both_widths(page, errors, "mfa-authenticate", "Xác thực hai bước")
    field(main(page), "Mã").fill(fresh_totp_code(secret))
    submit(page, "Đăng nhập")

    assert path_of(page.url) == "/"
    assert account_links.get_by_role("link", name=name, exact=True).is_visible()
    assert account_links.get_by_role("link", name="Đăng xuất", exact=True).is_visible()
    with page.expect_navigation():
        account_links.get_by_role("link", name=name, exact=True).click()
    assert path_of(page.url) == "/tai-khoan/du-lieu-cua-toi/"
    check_screen(page, errors, "my data", "Dữ liệu cá nhân của tôi")
    for value in (name, email, phone):
        assert main(page).get_by_text(value, exact=True).is_visible(), value


def test_invited_staff_chooses_a_password_then_must_set_up_totp_before_the_admin(demo_site, page):
    errors = BrowserErrors(page)
    staff = UserFactory.with_role(
        roles.EDITOR, mfa=False, username="canbo.bientap", email="canbo.bientap@tanhoa.gov.vn"
    )
    request = RequestFactory().get("/", HTTP_HOST=urlsplit(demo_site.url).netloc)
    invite_staff(staff, request)
    assert mail.outbox[-1].to == [staff.email]

    page.goto(link_in_last_mail(demo_site))
    # allauth moves the key from the URL into the session before showing the form.
    assert path_of(page.url).endswith("-set-password/"), page.url
    check_screen(page, errors, "invitation: choose a password", "Đổi mật khẩu")
    new_password = "Mật-khẩu-cán-bộ-mới-2026"
    field(main(page), "Mật khẩu mới").fill(new_password)
    field(main(page), "Nhập lại mật khẩu mới").fill(new_password)
    submit(page, "Đổi mật khẩu")
    check_screen(page, errors, "invitation: password chosen", "Đổi mật khẩu")
    assert main(page).get_by_text("Mật khẩu của bạn đã được thay đổi.").is_visible()

    with page.expect_navigation():
        main(page).get_by_role("link", name="Đăng nhập", exact=True).click()
    log_in(page, errors, staff.username, new_password, label="staff login")

    # No staff screen before two-step verification: sent to set it up, with the reason.
    page.goto(demo_site.url + "/quan-tri/")
    # The middleware sends them to the TOTP activation page, for which allauth first asks for
    # the password again (MFA_REAUTHENTICATION_REQUIRED): the warning shows on that first screen.
    if path_of(page.url) == "/tai-khoan/reauthenticate/":
        assert parse_qs(urlsplit(page.url).query)["next"] == ["/tai-khoan/2fa/totp/activate/"]
    else:
        assert path_of(page.url) == "/tai-khoan/2fa/totp/activate/", page.url
    warning = main(page).get_by_role("status")
    assert "Tài khoản cán bộ phải thiết lập xác thực hai bước" in warning.inner_text()
    activate_totp(page, errors, new_password, label="staff")
    check_screen(page, errors, "staff: recovery codes", "Mã khôi phục")

    response = page.goto(demo_site.url + "/quan-tri/")
    assert response.status == 200
    assert path_of(page.url) == "/quan-tri/", page.url
    # Wagtail's dashboard ("Trang tổng quan"); its own screens are Wagtail's to check, not ours.
    assert page.title().startswith("Trang tổng quan"), page.title()


def test_login_form_by_keyboard(demo_site, page):
    errors = BrowserErrors(page)
    user = UserFactory(full_name="Lê Văn Cường")
    open_page(page, demo_site, "/tai-khoan/login/")
    check_screen(page, errors, "login", "Đăng nhập")

    stops = [
        ("#id_login", "the login field"),
        ("#id_password", "the password field"),
        ("main a[href='/tai-khoan/password/reset/']", "the forgot-password link"),
        ("#id_remember", 'the "remember me" checkbox'),
        ("main form button[type=submit]", "the submit button"),
    ]
    tab_to(page, stops[0][0])
    page.keyboard.type(user.email)
    for selector, what in stops[1:]:
        page.keyboard.press("Tab")
        assert focused_matches(page, selector), f"Tab went to {active_element(page)}, not {what}"
    assert main(page).get_by_role("link", name="Quên mật khẩu?").get_attribute("href") == (
        "/tai-khoan/password/reset/"
    )
    assert main(page).get_by_role("checkbox", name="Ghi nhớ đăng nhập").is_visible()

    # Back to the password field; Space ticks "remember me"; Enter in a field submits the form.
    page.keyboard.press("Shift+Tab")
    assert focused_matches(page, "#id_remember")
    page.keyboard.press("Space")
    assert page.locator("#id_remember").is_checked()
    for _ in range(2):
        page.keyboard.press("Shift+Tab")
    assert focused_matches(page, "#id_password"), active_element(page)
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url) == "/"
    account_links = page.get_by_role("navigation", name="Tài khoản", exact=True)
    assert account_links.get_by_role("link", name="Lê Văn Cường", exact=True).is_visible()
    errors.assert_none("home after login")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        pytest.param("/tai-khoan/email/", "Địa chỉ thư điện tử", id="e-mail-addresses"),
        pytest.param("/tai-khoan/password/change/", "Đổi mật khẩu", id="password"),
        pytest.param("/tai-khoan/sessions/", "Phiên đăng nhập", id="sessions"),
        pytest.param("/tai-khoan/3rdparty/", "Tài khoản liên kết", id="linked-accounts"),
    ],
)
def test_account_screens_of_the_account_menu(demo_site, page, path, heading):
    """The other screens of the account menu, rendered with the same allauth elements."""
    errors = BrowserErrors(page)
    user = UserFactory()
    open_page(page, demo_site, path)
    assert path_of(page.url) == "/tai-khoan/login/", "the account screens need a login"
    log_in(page, errors, user.username, PASSWORD)
    assert path_of(page.url) == path
    check_screen(page, errors, path.strip("/").replace("/", " "), heading)


@pytest.fixture(autouse=True)
def _empty_outbox():
    mail.outbox.clear()
