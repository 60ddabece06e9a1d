"""Who may open what: every role against every protected screen, and another citizen's dossier."""

import pytest
from wagtail.models import Site

from cms.models import NewsIndexPage, NewsPage
from portal.accounts import roles
from tests.portal.accounts.factories import UserFactory
from tests.services.dossiers.factories import received_dossier

ANONYMOUS, CITIZEN = "anonymous", "citizen"
EDITOR, REVIEWER = roles.EDITOR.name, roles.REVIEWER.name
RECEIVING, PROCESSING = roles.RECEIVING_OFFICER.name, roles.PROCESSING_OFFICER.name
HEAD, ADMIN = roles.AGENCY_HEAD.name, roles.ADMINISTRATOR.name
ROLES = [ANONYMOUS, CITIZEN, EDITOR, REVIEWER, RECEIVING, PROCESSING, HEAD, ADMIN]
STAFF = {EDITOR, REVIEWER, RECEIVING, PROCESSING, HEAD, ADMIN}
EDITORIAL = {EDITOR, REVIEWER}
SIGNED_IN = set(ROLES) - {ANONYMOUS}

# URL template -> the roles allowed in. {news}, {news_index}, {citizen}, {site}, {dossier} and
# {attachment} are filled per test; the dossier is another citizen's, filed with another agency.
MATRIX = {
    "/quan-tri/": STAFF,
    "/quan-tri/pages/{news_index}/": EDITORIAL,
    "/quan-tri/pages/{news}/edit/": EDITORIAL,
    "/quan-tri/pages/add/cms/newspage/{news_index}/": EDITORIAL,
    "/quan-tri/images/": EDITORIAL,
    "/quan-tri/documents/": EDITORIAL,
    "/quan-tri/users/": {ADMIN},
    "/quan-tri/users/edit/{citizen}/": {ADMIN},
    "/quan-tri/settings/cms/portalsettings/{site}/": {ADMIN},
    "/quan-tri/tai-khoan/mo-khoa/": {ADMIN},
    "/quan-tri/tai-khoan/yeu-cau-xoa/": {ADMIN},
    "/quan-tri/reports/compliance/": {EDITOR, REVIEWER, ADMIN},
    "/quan-tri/thong-ke-truy-cap/": EDITORIAL,
    "/quan-tri/hoi-dap/": EDITORIAL,
    "/quan-tri/snippets/workdays/calendarday/": {ADMIN},
    "/quan-tri/snippets/organisation/leader/": EDITORIAL,
    "/quan-tri/snippets/direction/workscheduleentry/": EDITORIAL,
    "/ho-so/": SIGNED_IN,
    "/ho-so/{dossier}/": set(),
    "/ho-so/{dossier}/phieu/bm01.pdf": set(),
    "/ho-so/{dossier}/tep/{attachment}/": set(),
    "/ho-so/{dossier}/rut/": set(),
    "/api/ho-so/{code}/": set(ROLES),
}

CASES = [(url, role, role in allowed) for url, allowed in MATRIX.items() for role in ROLES]


def person(role_name):
    if role_name == ANONYMOUS:
        return None
    if role_name == CITIZEN:
        return UserFactory()
    role = next(role for role in roles.STAFF_ROLES if role.name == role_name)
    return UserFactory.with_role(role)


@pytest.mark.usefixtures("demo_site")
@pytest.mark.parametrize(
    ("url", "role_name", "allowed"), CASES, ids=[f"{r}-{u}" for u, r, _ in CASES]
)
def test_role_may_open_url(client, url, role_name, allowed):
    user = person(role_name)
    if user:
        client.force_login(user)
    citizen = UserFactory(full_name="Công Dân Khác")
    news_index = NewsIndexPage.objects.get(slug="tin-tuc")
    news = NewsPage.objects.child_of(news_index).first()
    site = Site.objects.get(is_default_site=True)
    dossier = received_dossier(applicant=citizen)
    response = client.get(
        url.format(
            news=news.pk,
            news_index=news_index.pk,
            citizen=citizen.pk,
            site=site.pk,
            dossier=dossier.pk,
            attachment=dossier.attachments.first().pk,
            code=dossier.code,
        )
    )
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403, 404)
        assert "Công Dân Khác" not in response.content.decode()
        if response.status_code == 302:
            assert response["Location"].startswith(("/tai-khoan/login/", "/quan-tri/"))
            assert response["Location"].split("?")[0] != url.split("?")[0]


def test_the_matrix_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.usefixtures("demo_site")
@pytest.mark.parametrize(
    ("role", "can_publish"),
    [(roles.EDITOR, False), (roles.REVIEWER, True), (roles.RECEIVING_OFFICER, False)],
)
def test_only_the_editorial_board_publishes(role, can_publish):
    news = NewsPage.objects.filter(locale__language_code="vi").first()
    user = UserFactory.with_role(role)
    assert news.permissions_for_user(user).can_publish() is can_publish
