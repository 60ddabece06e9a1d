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


# The one-stop back office (/quan-tri/mot-cua/, namespace "backoffice") -------------------------
# Every URL of the namespace is read from the URL resolver, so the screens added later are covered
# without editing this list. A dossier of agency A is opened by every role of agency B, by the
# roles that have no back office at all, and (for the desk) by each role of agency A.

BACKOFFICE_ROLES = {RECEIVING, PROCESSING, HEAD}
NO_BACKOFFICE = [ANONYMOUS, CITIZEN, EDITOR, REVIEWER, ADMIN]


def backoffice_url_names():
    """(name, keyword arguments) of every URL in the "backoffice" namespace."""
    from django.urls import get_resolver

    _prefix, resolver = get_resolver().namespace_dict["backoffice"]
    return sorted(
        (pattern.name, tuple(sorted(pattern.pattern.converters)))
        for pattern in resolver.url_patterns
        if getattr(pattern, "name", None)
    )


BACKOFFICE_URLS = backoffice_url_names()


def staff_member(role_name, agency):
    role = next(role for role in roles.STAFF_ROLES if role.name == role_name)
    return UserFactory.with_role(role, agency=agency)


def backoffice_objects(dossier):
    """Values for the URL keyword arguments: the dossier, and a consultation of it."""
    from django.utils import timezone

    from services.backoffice.models import Consultation
    from tests.portal.accounts.factories import AgencyFactory

    now = timezone.now()
    consultation = Consultation.objects.create(
        dossier=dossier,
        agency=AgencyFactory(code="000.97.88.H97"),
        question="Xin ý kiến về hồ sơ.",
        working_days=3,
        requested_at=now,
        due_at=now,
    )
    return {"pk": dossier.pk, "consultation_id": consultation.pk}


def backoffice_url(name, kwarg_names, objects):
    from django.urls import reverse

    # An argument without an object of its own (a draft result…) gets an id that does not exist:
    # the URL must still refuse before it looks the object up, or answer 404.
    return reverse(
        f"backoffice:{name}", kwargs={key: objects.get(key, 999_999) for key in kwarg_names}
    )


def assert_kept_out(response, dossier, url):
    secret = (dossier.code, "Công Dân Khác")
    if response.status_code == 200:
        # A list screen (inbox, statistics…) of the officer's own agency: nothing of agency A.
        page = response.content.decode()
        assert not any(text in page for text in secret), url
        return
    assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
    if response.status_code == 302:
        assert response["Location"].startswith(("/tai-khoan/login/", "/quan-tri/")), url
        assert response["Location"].split("?")[0] != url, url


def test_the_backoffice_namespace_is_covered():
    names = {name for name, _kwargs in BACKOFFICE_URLS}
    assert {"inbox", "dossier", "receive", "request_supplement", "refuse", "intake"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwarg_names"), BACKOFFICE_URLS, ids=[name for name, _k in BACKOFFICE_URLS]
)
def test_no_other_agency_or_role_reaches_a_dossier_in_the_backoffice(client, name, kwarg_names):
    """Acceptance 6 of issue 7: officers of agency B get 403/404 on everything of agency A."""
    from tests.portal.accounts.factories import AgencyFactory

    citizen = UserFactory(full_name="Công Dân Khác")
    dossier = received_dossier(applicant=citizen)
    url = backoffice_url(name, kwarg_names, backoffice_objects(dossier))
    agency_b = AgencyFactory(code="000.97.99.H97")
    assert agency_b != dossier.agency
    visitors = [person(role_name) for role_name in NO_BACKOFFICE]
    visitors += [staff_member(role_name, agency_b) for role_name in sorted(BACKOFFICE_ROLES)]
    for visitor in visitors:
        client.logout()
        if visitor:
            client.force_login(visitor)
        officer_of_b = visitor is not None and visitor.agency_id == agency_b.pk
        for method in (client.get, client.post):
            response = method(url)
            assert_kept_out(response, dossier, url)
            if not officer_of_b or kwarg_names:
                # No back office at all: every URL is closed. Agency B: every URL about A's dossier.
                assert response.status_code != 200, (url, visitor, method.__name__)
    dossier.refresh_from_db()
    assert dossier.status == "2"  # nobody changed it


# The receiving desk, for officers of the dossier's own agency: URL (GET) -> roles allowed.
DESK_MATRIX = {
    "inbox": BACKOFFICE_ROLES,
    "dossier": BACKOFFICE_ROLES,
    "request_supplement": {RECEIVING},
    "refuse": {RECEIVING},
    "withdraw": {RECEIVING, HEAD},
    "intake": {RECEIVING},
    "stop": set(),  # only while the dossier is being processed
}
DESK_CASES = [(name, role) for name in DESK_MATRIX for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role_name"), DESK_CASES, ids=[f"{r}-{n}" for n, r in DESK_CASES])
def test_desk_screens_per_role_of_the_same_agency(client, settings, name, role_name):
    from django.urls import reverse

    from tests.services.dossiers.factories import submitted_dossier

    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = submitted_dossier(applicant=UserFactory(full_name="Công Dân Khác"))
    if role_name in STAFF:
        client.force_login(staff_member(role_name, dossier.agency))
    elif role_name == CITIZEN:
        client.force_login(UserFactory())
    url = reverse(
        f"backoffice:{name}",
        kwargs={"pk": dossier.pk} if name != "inbox" and name != "intake" else {},
    )
    response = client.get(url)
    if role_name in DESK_MATRIX[name]:
        assert response.status_code == 200, (url, role_name)
    else:
        assert response.status_code in (302, 403, 404), (url, role_name, response.status_code)
        if response.status_code == 302:
            assert response["Location"].split("?")[0] != url


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", sorted(STAFF) + [CITIZEN])
def test_only_the_receiving_officer_of_the_agency_receives(client, settings, role_name):
    from django.urls import reverse

    from tests.services.dossiers.factories import submitted_dossier

    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = submitted_dossier()
    user = staff_member(role_name, dossier.agency) if role_name in STAFF else dossier.applicant
    client.force_login(user)
    client.post(reverse("backoffice:receive", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert (dossier.status == "2") is (role_name == RECEIVING)
