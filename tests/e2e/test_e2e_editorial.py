"""The editorial workflow in Chromium (ND 43/2011 Art. 21): a department's editor submits a change,
the public page keeps the old text, the editorial board approves it in the admin, and only then
does the public page change.
"""

import re

import pytest
from axe import assert_no_axe_violations

NEW_SUMMARY = "Sở Tư pháp tiếp công dân vào sáng thứ Năm hằng tuần."


@pytest.fixture
def justice(demo_site, settings):
    from django.core.cache import cache
    from wagtail.models import Site

    from cms.demo import JUSTICE_HOSTNAME

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, JUSTICE_HOSTNAME]
    port = int(demo_site.url.rsplit(":", 1)[1])
    site = Site.objects.get(hostname=JUSTICE_HOSTNAME)
    site.port = port
    site.save()
    cache.clear()
    return site


def staff_page(new_page, live_server, role, site):
    """A browser page logged in as a new member of `role`'s group on `site` (TOTP set up)."""
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.test import Client

    from portal.accounts import roles
    from tests.portal.accounts.factories import UserFactory, enable_totp

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=roles.group_name_for(role, site)))
    enable_totp(user)
    client = Client()
    client.force_login(user)
    page = new_page()
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    return page


def public_summary(new_page, site, page_obj, *, check_axe=False):
    visitor = new_page()
    visitor.goto(f"http://{site.hostname}:{site.port}{page_obj.get_url(current_site=site)}")
    if check_axe:
        assert_no_axe_violations(visitor, "component site page after approval")
    return visitor.locator("main").inner_text()


def open_actions(page):
    """Open the drop-down of the editor's footer actions."""
    page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()


def test_a_change_goes_public_only_after_the_board_approves_it(justice, live_server, new_page):
    from cms.models import StandardPage
    from portal.accounts import roles

    about = StandardPage.objects.get(slug="chuc-nang-nhiem-vu")
    assert about.summary in public_summary(new_page, justice, about)

    editor = staff_page(new_page, live_server, roles.EDITOR, justice)
    editor.goto(f"{live_server.url}/quan-tri/pages/{about.pk}/edit/")
    editor.locator("#id_summary").fill(NEW_SUMMARY)
    open_actions(editor)
    with editor.expect_navigation():
        editor.locator("button[name='action-submit']").click()
    assert editor.locator(".messages").count() > 0

    assert NEW_SUMMARY not in public_summary(new_page, justice, about)

    reviewer = staff_page(new_page, live_server, roles.REVIEWER, justice)
    reviewer.goto(f"{live_server.url}/quan-tri/pages/{about.pk}/edit/")
    open_actions(reviewer)
    # "Approve and publish", without the comment dialog.
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    with reviewer.expect_navigation():
        reviewer.locator(approve).click()

    about.refresh_from_db()
    assert about.summary == NEW_SUMMARY
    assert re.search(
        re.escape(NEW_SUMMARY), public_summary(new_page, justice, about, check_axe=True)
    )
