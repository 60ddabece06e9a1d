"""The compliance report in the Wagtail admin: an administrator logs in with TOTP, axe in Vietnamese."""

from axe import assert_no_axe_violations
from browser_helpers import log_in_with_totp

from cms.compliance.items import ITEMS
from portal.accounts import roles
from tests.portal.accounts.factories import PASSWORD, UserFactory, enable_totp

REPORT = "/quan-tri/reports/compliance/"


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name=name, exact=True).click()


def log_in_as_administrator(page, server):
    administrator = UserFactory.with_role(roles.ADMINISTRATOR, mfa=False, username="quantri.baocao")
    secret = enable_totp(administrator)
    log_in_with_totp(page, server, administrator.username, PASSWORD, secret, REPORT)


def test_administrator_reads_the_compliance_report_without_axe_violations(demo_site, page):
    log_in_as_administrator(page, demo_site)
    assert page.locator("html").get_attribute("lang") == "vi"
    rows = page.locator("table.compliance-table tbody tr")
    assert rows.count() == len(ITEMS)
    assert page.locator("table.compliance-table caption").is_visible()
    assert_no_axe_violations(page, "compliance report (vi)")

    page.get_by_role("button", name="Báo cáo").or_(
        page.get_by_role("button", name="Reports")
    ).first.click()
    assert page.locator(f'a[href="{REPORT}"]').first.is_visible()
