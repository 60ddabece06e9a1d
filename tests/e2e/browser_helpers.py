"""What the browser tests share: where things are, the skip-or-fail rule, screenshots, keyboard.

A plain module (tests/ is not a package): test modules and conftest.py import it by its name,
which is unique in the suite.
"""

import os
import re
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}


def require(condition, hint):
    """Skip on a workstation, fail on CI: a missing browser must never turn CI green."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and a browser-test dependency is missing. {hint}", pytrace=False)
    pytest.skip(hint)


def require_chromium():
    require(CHROMIUM.exists(), "Install Chromium: apt-get install chromium")


def require_axe():
    require(AXE_SOURCE.is_file(), "Install axe-core: npm ci (expects node_modules/axe-core)")


def artifact_path(label, suffix="png"):
    """test-artifacts/<label>.<suffix>; "/" in the label makes sub-folders."""
    parts = [re.sub(r"[^A-Za-z0-9_.-]+", "_", part).strip("_.")[:150] for part in label.split("/")]
    *folders, name = [part for part in parts if part] or ["screenshot"]
    path = ARTIFACTS.joinpath(*folders, f"{name}.{suffix}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def save_screenshot(page, label, full_page=True):
    """Save a PNG of the page into test-artifacts/ (git-ignored) and return its path."""
    path = artifact_path(label)
    page.screenshot(path=str(path), full_page=full_page)
    return path


def active_element(page):
    """A short description of the focused element, for assertion messages."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el) return "nothing";
            const text = (el.innerText || el.value || "").trim().slice(0, 40);
            return `<${el.tagName.toLowerCase()}${el.id ? " id=" + el.id : ""}`
                + `${el.className ? " class=" + el.className : ""}> ${text}`;
        }"""
    )


def focused_matches(page, selector):
    return page.evaluate(
        "sel => !!document.activeElement && document.activeElement.matches(sel)", selector
    )


def tab_to(page, selector, max_presses=60):
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    seen = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
        seen.append(active_element(page))
    pytest.fail(
        f"Tab never reached {selector!r} on {page.url} in {max_presses} presses. Focus went to:\n  "
        + "\n  ".join(seen),
        pytrace=False,
    )


def in_viewport(page, selector):
    """True when the element's box is on screen and has a size (not clipped away off-screen)."""
    return page.evaluate(
        """sel => {
            const el = document.querySelector(sel);
            if (!el) return false;
            const r = el.getBoundingClientRect();
            return r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0
                && r.top < window.innerHeight && r.left < window.innerWidth;
        }""",
        selector,
    )


def no_sideways_scroll(page, label):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{label} scrolls sideways ({width} px)"


def root_font_size(page):
    return page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")


def html_classes(page):
    return page.evaluate("() => Array.from(document.documentElement.classList)")


# The demo province's pages (cms.demo.load_site), Vietnamese and English.
HOME = {"vi": "/", "en": "/en/"}
ORGANISATION = {"vi": "/gioi-thieu/co-cau-to-chuc/", "en": "/en/about/organisation/"}
NEWS_ARTICLE = {
    "vi": "/tin-tuc/khai-truong-cong-dich-vu-cong/",
    "en": "/en/news/public-service-portal-launched/",
}
NEWS_INDEX = {"vi": "/tin-tuc/", "en": "/en/news/"}
TRANSLATED_PAGES = {"home": HOME, "organisation": ORGANISATION, "news article": NEWS_ARTICLE}


def open_page(page, server, path):
    """Go to a path on the live server and check the page answered 200."""
    response = page.goto(server.url + path)
    assert response is not None, f"No response for {path}"
    assert response.status == 200, f"{path} answered {response.status}"
    return response


def turn_on_high_contrast(page):
    """Click the toolbar's "High contrast" button and check it took effect."""
    button = page.locator(".a11y-toolbar [data-a11y=contrast]")
    button.click()
    assert "high-contrast" in html_classes(page), "High contrast did not set html.high-contrast"
    assert button.get_attribute("aria-pressed") == "true"


def field(scope, label):
    """The form field labelled `label`; the label may end with the required-field star (aria-hidden)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\*)?\s*$"))


TOTP_PERIOD = 30


def fresh_totp_code(secret):
    """The code of the current 30-second window, once at least 3 s of the window are left.

    MFA_TOTP_TOLERANCE is 0: a code typed as its window closes would be refused.
    """
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    deadline = time.monotonic() + TOTP_PERIOD + 5
    while True:
        now = time.time()
        if TOTP_PERIOD - now % TOTP_PERIOD >= 3:
            return format_hotp_value(hotp_value(secret, int(now) // TOTP_PERIOD))
        assert time.monotonic() < deadline, "the TOTP window never moved on"
        time.sleep(0.25)


def log_in_with_totp(page, server, username, password, secret, next_path):
    """Sign a staff member in through the login page and the two-step code, landing on next_path."""
    open_page(page, server, f"/tai-khoan/login/?next={next_path}")
    main = page.get_by_role("main")
    field(main, "Tài khoản đăng nhập").fill(username)
    field(main, "Mật khẩu").fill(password)
    with page.expect_navigation():
        main.get_by_role("button", name="Đăng nhập", exact=True).click()
    field(page.get_by_role("main"), "Mã").fill(fresh_totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Đăng nhập", exact=True).click()
