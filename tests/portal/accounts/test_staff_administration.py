import re

import pytest
from django.core import mail
from django.core.cache import cache

from portal.accounts import roles
from portal.accounts.models import AuditEvent, User
from tests.portal.accounts.factories import PASSWORD, AgencyFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory.with_role(roles.ADMINISTRATOR))
    return client


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def create_staff(admin_client, **extra):
    from django.contrib.auth.models import Group

    agency = AgencyFactory(name="Sở Tư pháp")
    data = {
        "username": "canbo.moi",
        "email": "canbo.moi@tanhoa.gov.vn",
        "first_name": "",
        "last_name": "",
        "full_name": "Phạm Văn Mới",
        "phone": "",
        "agency": agency.pk,
        "groups": [Group.objects.get(name=roles.RECEIVING_OFFICER.name).pk],
    }
    data.update(extra)
    return admin_client.post("/quan-tri/users/new/", data)


def test_a_new_staff_account_has_no_known_password_and_gets_an_invitation(admin_client, client):
    response = create_staff(admin_client)
    assert response.status_code == 302, response.content.decode()[:3000]
    staff = User.objects.get(username="canbo.moi")
    assert not staff.has_usable_password()
    assert staff.is_staff
    assert staff.agency.name == "Sở Tư pháp"
    for guess in ("", "123456789012", "canbo.moi", PASSWORD):
        assert not staff.check_password(guess)

    [invitation] = mail.outbox
    assert invitation.to == ["canbo.moi@tanhoa.gov.vn"]
    link = re.search(r"https?://\S+", invitation.body).group(0)
    path = link.split("testserver", 1)[1]

    admin_client.logout()
    form = client.get(path, follow=True)
    assert form.status_code == 200
    chosen = "Mật-khẩu-mới-của-tôi-2026"
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"password1": chosen, "password2": chosen},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(chosen)


def test_staff_without_an_agency_is_refused(admin_client):
    response = create_staff(admin_client, agency="")
    assert response.status_code == 200
    assert not User.objects.filter(username="canbo.moi").exists()


def test_changing_a_role_is_audited(admin_client, db):
    staff = UserFactory.with_role(roles.EDITOR)
    from django.contrib.auth.models import Group

    staff.groups.add(Group.objects.get(name=roles.REVIEWER.name))
    event = (
        AuditEvent.objects.filter(action="role_changed", subject_id=staff.pk)
        .order_by("sequence")
        .last()
    )
    assert roles.REVIEWER.name in event.details["now"]


def test_administrator_unlocks_a_locked_account(admin_client, client, db):
    citizen = UserFactory(email="dan@example.vn")
    from django.test import Client

    visitor = Client()
    for _ in range(5):
        visitor.post("/tai-khoan/login/", {"login": "dan@example.vn", "password": "sai"})
    visitor.post("/tai-khoan/login/", {"login": "dan@example.vn", "password": PASSWORD})
    assert "_auth_user_id" not in visitor.session

    response = admin_client.post(
        "/quan-tri/tai-khoan/mo-khoa/", {"login": "dan@example.vn", "ip": "127.0.0.1"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="unlocked", subject_id=citizen.pk).exists()
    visitor.post("/tai-khoan/login/", {"login": "dan@example.vn", "password": PASSWORD})
    assert "_auth_user_id" in visitor.session


def test_editors_cannot_unlock_accounts(client, db):
    client.force_login(UserFactory.with_role(roles.EDITOR))
    response = client.post("/quan-tri/tai-khoan/mo-khoa/", {"login": "x"})
    # The Wagtail admin answers a refusal by sending the person back to the dashboard.
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/quan-tri/"))
    assert not AuditEvent.objects.filter(action="unlocked").exists()


def test_administrator_completes_a_deletion_request(admin_client, db):
    citizen = UserFactory(full_name="Người Muốn Xóa")
    from portal.accounts import personal_data

    personal_data.request_deletion(citizen, None)
    page = admin_client.get("/quan-tri/tai-khoan/yeu-cau-xoa/")
    assert "Người Muốn Xóa" in page.content.decode()
    assert admin_client.post(f"/quan-tri/tai-khoan/yeu-cau-xoa/{citizen.pk}/").status_code == 302
    citizen.refresh_from_db()
    assert not citizen.is_active
    assert citizen.full_name == ""
