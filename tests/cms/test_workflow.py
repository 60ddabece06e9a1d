"""Editorial workflow (ND 43/2011 Art. 21; T12): editors draft, the editorial board approves.

An editor's change stays invisible to the public until a reviewer approves it in the
"Ban biên tập duyệt" workflow, and each department's editors only reach their own site's pages.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.demo import JUSTICE_HOSTNAME
from cms.models import HomePage, NewsPage, StandardPage
from portal.accounts import roles
from tests.portal.accounts.factories import UserFactory, enable_totp

pytestmark = pytest.mark.usefixtures("demo_site")


@pytest.fixture(autouse=True)
def _component_hostnames(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, JUSTICE_HOSTNAME]


@pytest.fixture
def justice():
    return Site.objects.get(hostname=JUSTICE_HOSTNAME)


def member_of(role, site, **kwargs):
    """A staff member in `role`'s group on `site`, with two-step verification set up."""
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=roles.group_name_for(role, site)))
    enable_totp(user)
    return user


def justice_page():
    return StandardPage.objects.get(slug="chuc-nang-nhiem-vu")


def provincial_news():
    home = HomePage.objects.get(slug="trang-chu")
    return NewsPage.objects.descendant_of(home).live().first()


def edit_form(page, summary, action):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{summary}</p>"))]),
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def public_html(client, page):
    return client.get(page.get_url(current_site=page.get_site()), HTTP_HOST=JUSTICE_HOSTNAME)


def test_an_editors_change_is_public_only_after_the_editorial_board_approves(client, justice):
    page = justice_page()
    old_summary = page.summary
    editor = member_of(roles.EDITOR, justice)
    reviewer = member_of(roles.REVIEWER, justice)
    new_summary = "Sở Tư pháp tiếp công dân vào thứ Năm hằng tuần."

    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, new_summary, "action-submit"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == f"{roles.REVIEW_TASK_NAME} – {JUSTICE_HOSTNAME}"

    client.logout()
    html = public_html(client, page).content.decode()
    assert old_summary in html
    assert new_summary not in html

    client.force_login(reviewer)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Đồng ý đăng."},
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    client.logout()
    html = public_html(client, page).content.decode()
    assert new_summary in html
    assert old_summary not in html


def test_an_editor_cannot_publish_directly(client, justice):
    page = justice_page()
    editor = member_of(roles.EDITOR, justice)
    assert not page.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, "Bản nháp chưa được duyệt.", "action-publish"),
    )
    client.logout()
    assert "Bản nháp chưa được duyệt." not in public_html(client, page).content.decode()


def test_a_departments_editor_edits_only_their_own_site(client, justice):
    editor = member_of(roles.EDITOR, justice)
    client.force_login(editor)
    own = justice_page()
    other = provincial_news()

    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != reverse("wagtailadmin_pages:edit", args=[other.pk])

    # The explorer opens on the department's own home and never lists the province's pages.
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert explorer.status_code == 200
    listing = explorer.content.decode()
    province_home = HomePage.objects.get(slug="trang-chu")
    assert reverse("wagtailadmin_explore", args=[justice.root_page_id]) in listing
    assert reverse("wagtailadmin_explore", args=[province_home.pk]) not in listing
    assert reverse("wagtailadmin_pages:edit", args=[province_home.pk]) not in listing
    # Even opened by its address, the province's news index lists none of its articles.
    response = client.get(reverse("wagtailadmin_explore", args=[other.get_parent().pk]))
    assert reverse("wagtailadmin_pages:edit", args=[other.pk]) not in response.content.decode()
    assert other.title not in response.content.decode()


def test_the_provincial_editors_stay_on_the_provincial_site(justice):
    editor = UserFactory.with_role(roles.EDITOR)
    assert provincial_news().permissions_for_user(editor).can_edit()
    assert not justice_page().permissions_for_user(editor).can_edit()


@pytest.mark.parametrize(
    ("role", "can_edit", "can_publish"),
    [
        (roles.EDITOR, True, False),
        (roles.REVIEWER, True, True),
        (roles.SITE_ADMINISTRATOR, False, False),
    ],
)
def test_component_site_groups_hold_their_rights_on_that_site_only(
    justice, role, can_edit, can_publish
):
    user = member_of(role, justice)
    own = justice_page().permissions_for_user(user)
    assert (own.can_edit(), own.can_publish()) == (can_edit, can_publish)
    other = provincial_news().permissions_for_user(user)
    assert (other.can_edit(), other.can_publish()) == (False, False)


def test_the_provincial_editorial_board_reviews_every_site(justice):
    board = UserFactory.with_role(roles.REVIEWER)
    assert justice_page().permissions_for_user(board).can_publish()
    task = Page.objects.get(pk=justice.root_page_id).get_workflow().tasks.get().specific
    assert set(task.groups.values_list("name", flat=True)) == {
        roles.REVIEWER.name,
        roles.group_name_for(roles.REVIEWER, justice),
    }


def test_every_home_page_has_a_review_workflow(justice):
    province = Site.objects.get(is_default_site=True)
    for site, name in (
        (province, roles.REVIEW_TASK_NAME),
        (justice, f"{roles.REVIEW_TASK_NAME} – {JUSTICE_HOSTNAME}"),
    ):
        for home in roles.site_homes(site):
            assert home.get_workflow().name == name


def test_sync_roles_is_idempotent(justice):
    from wagtail.models import GroupPagePermission, Workflow

    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    roles.sync_roles()
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    ) == counts


def test_a_scheduled_change_goes_live_with_publish_scheduled(client, justice):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    page = justice_page()
    page.summary = "Lịch tiếp công dân tháng tới."
    revision = page.save_revision(approved_go_live_at=timezone.now() + timedelta(seconds=1))
    html = public_html(client, page).content.decode()
    assert "Lịch tiếp công dân tháng tới." not in html
    revision.approved_go_live_at = timezone.now() - timedelta(seconds=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled")
    assert "Lịch tiếp công dân tháng tới." in public_html(client, page).content.decode()
