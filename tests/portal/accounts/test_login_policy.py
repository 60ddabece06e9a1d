import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from portal.accounts import roles
from portal.accounts.models import AuditEvent
from tests.portal.accounts.factories import PASSWORD, UserFactory

LOGIN = "/tai-khoan/login/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def attempt(client, login, password, ip="203.113.1.7"):
    return client.post(LOGIN, {"login": login, "password": password}, REMOTE_ADDR=ip)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_citizen_logs_in_with_email_or_username(client, db):
    citizen = UserFactory(username="congdan1", email="dan@example.vn")
    assert attempt(client, "dan@example.vn", PASSWORD).status_code == 302
    assert is_logged_in(client)
    client.logout()
    attempt(client, "congdan1", PASSWORD)
    assert is_logged_in(client)
    assert AuditEvent.objects.filter(action="login", subject_id=citizen.pk).count() == 2


def test_sixth_failed_login_on_an_account_is_locked_out_even_with_the_right_password(client, db):
    citizen = UserFactory(email="dan@example.vn")
    for number in range(5):
        # Five different addresses: only the per-account limit is in play.
        response = attempt(client, "dan@example.vn", "sai-mat-khau", ip=f"203.113.1.{number}")
        assert "locked" not in response.content.decode()
    response = attempt(client, "dan@example.vn", PASSWORD, ip="203.113.1.99")
    assert response.status_code == 200
    assert not is_logged_in(client)
    assert "15" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed", subject_id=citizen.pk).count() == 5
    assert AuditEvent.objects.filter(action="locked_out", subject_id=citizen.pk).exists()


def test_username_and_email_share_one_allowance(client, db):
    UserFactory(username="congdan2", email="dan2@example.vn")
    for number in range(3):
        attempt(client, "congdan2", "sai", ip=f"10.0.0.{number}")
    for number in range(2):
        attempt(client, "dan2@example.vn", "sai", ip=f"10.0.1.{number}")
    attempt(client, "congdan2", PASSWORD, ip="10.0.2.1")
    assert not is_logged_in(client)


def test_sixth_failed_login_from_one_address_is_locked_out(client, db):
    victims = [UserFactory() for _ in range(6)]
    for victim in victims[:5]:
        attempt(client, victim.username, "sai", ip="198.51.100.7")
    attempt(client, victims[5].username, PASSWORD, ip="198.51.100.7")
    assert not is_logged_in(client)
    attempt(client, victims[5].username, PASSWORD, ip="198.51.100.8")
    assert is_logged_in(client)


def test_the_lock_lifts_after_fifteen_minutes(client, db):
    UserFactory(email="dan@example.vn")
    start = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(5):
            attempt(client, "dan@example.vn", "sai")
        attempt(client, "dan@example.vn", PASSWORD)
        assert not is_logged_in(client)
        traveller.shift(dt.timedelta(minutes=16))
        attempt(client, "dan@example.vn", PASSWORD)
        assert is_logged_in(client)


@pytest.mark.parametrize(
    ("role", "idle_minutes"),
    [(None, 30), (roles.EDITOR, 15), (roles.RECEIVING_OFFICER, 15), (roles.ADMINISTRATOR, 5)],
)
def test_idle_sessions_end_by_role(client, db, role, idle_minutes):
    user = UserFactory.with_role(role) if role else UserFactory()
    start = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(user)
        assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=idle_minutes - 1))
        client.get("/")
        assert is_logged_in(client)
        traveller.shift(dt.timedelta(minutes=idle_minutes, seconds=1))
        response = client.get("/dich-vu-cong/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert not is_logged_in(client)


def test_staff_without_mfa_reach_no_staff_screen(client, db):
    officer = UserFactory.with_role(roles.REVIEWER, mfa=False)
    client.force_login(officer)
    for url in ("/quan-tri/", "/quan-tri/pages/", "/quan-tri/users/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/tai-khoan/2fa/totp/activate/"


def test_staff_with_mfa_reach_the_admin(client, db):
    client.force_login(UserFactory.with_role(roles.REVIEWER))
    assert client.get("/quan-tri/").status_code == 200


def test_wagtail_login_page_sends_people_to_the_portal_login(client, db):
    response = client.get("/quan-tri/login/?next=/quan-tri/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/quan-tri/pages/"


def test_logout_everywhere_ends_the_sessions_on_other_devices(db):
    from django.test import Client

    citizen = UserFactory(email="dan@example.vn")
    phone, office = Client(), Client()
    for device in (phone, office):
        device.post(LOGIN, {"login": "dan@example.vn", "password": PASSWORD})
        assert is_logged_in(device)
    response = phone.post("/tai-khoan/dang-xuat-moi-noi/")
    assert response.status_code == 302
    assert not is_logged_in(phone)
    assert office.get("/tai-khoan/du-lieu-cua-toi/").status_code == 302
    assert AuditEvent.objects.filter(action="logout_everywhere", subject_id=citizen.pk).exists()


def test_account_emails_name_the_portal_not_the_host(client, demo_site):
    from django.core import mail

    UserFactory(email="dan@example.vn")
    client.post("/tai-khoan/password/reset/", {"email": "dan@example.vn"})
    [message] = mail.outbox
    assert "Cổng thông tin điện tử tỉnh Tân Hòa" in message.body
    assert "testserver!" not in message.body


def test_activity_is_recorded_at_most_once_a_minute(client, db):
    from portal.accounts.middleware import LAST_SEEN

    start = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(UserFactory())
        client.get("/")
        first = client.session[LAST_SEEN]
        traveller.shift(dt.timedelta(seconds=30))
        client.get("/")
        assert client.session[LAST_SEEN] == first
        traveller.shift(dt.timedelta(seconds=31))
        client.get("/")
        assert client.session[LAST_SEEN] == first + 61
