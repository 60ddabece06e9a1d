"""allauth's list of a user's sessions (device, address, last seen) is brought up to date at most
once a minute per session, not with a database write on every page."""

import time

import pytest
from allauth.usersessions.models import UserSession
from django.urls import reverse

from portal.accounts.middleware import LAST_SEEN
from tests.portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def seen(client):
    return UserSession.objects.get(session_key=client.session.session_key)


def set_last_seen(client, seconds_ago):
    session = client.session
    session[LAST_SEEN] = time.time() - seconds_ago
    session.save()


def test_the_session_record_follows_the_user_once_a_minute(client, demo_site):
    client.force_login(UserFactory())
    page = reverse("dossiers:mine")
    client.get(page, REMOTE_ADDR="10.0.0.1")
    first = seen(client)
    assert first.ip == "10.0.0.1"

    set_last_seen(client, 5)
    client.get(page, REMOTE_ADDR="10.0.0.2")
    assert seen(client).ip == "10.0.0.1"  # within the minute: not written
    assert seen(client).last_seen_at == first.last_seen_at

    set_last_seen(client, 120)
    client.get(page, REMOTE_ADDR="10.0.0.2")
    later = seen(client)
    assert later.ip == "10.0.0.2" and later.last_seen_at > first.last_seen_at
