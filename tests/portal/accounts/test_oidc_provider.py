"""The portal as an OpenID Connect provider: a provincial system signs people in through it."""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from allauth.idp.oidc.models import Client
from django.contrib.auth.hashers import make_password

from tests.portal.accounts.factories import UserFactory

REDIRECT = "https://qlvb.tanhoa.gov.vn/oidc/callback"
SECRET = "bi-mat-cua-he-thong-qlvb"


@pytest.fixture
def registered_client(db):
    return Client.objects.create(
        id="qlvb",
        name="Hệ thống quản lý văn bản",
        secret=make_password(SECRET),
        redirect_uris=REDIRECT,
        scopes="openid\nprofile\nemail",
    )


def test_authorization_code_flow_returns_a_signed_id_token(client, registered_client):
    person = UserFactory(full_name="Trần Thị Bình", email="binh@example.vn")
    client.force_login(person)
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    authorize = {
        "client_id": "qlvb",
        "response_type": "code",
        "redirect_uri": REDIRECT,
        "scope": "openid profile email",
        "state": "trang-thai-1",
        "nonce": "so-dung-mot-lan",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    consent = client.get("/identity/o/authorize", authorize)
    assert consent.status_code == 200
    request_blob = re.search(r'name="request" value="([^"]+)"', consent.content.decode()).group(1)

    granted = client.post(
        "/identity/o/authorize",
        {"request": request_blob, "scopes": ["openid", "profile", "email"], "action": "grant"},
    )
    assert granted.status_code == 302
    location = urlsplit(granted["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["trang-thai-1"]

    client.logout()
    token = client.post(
        "/identity/o/api/token",
        {
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "redirect_uri": REDIRECT,
            "client_id": "qlvb",
            "client_secret": SECRET,
            "code_verifier": verifier,
        },
    )
    assert token.status_code == 200, token.content
    body = token.json()
    jwks = client.get("/.well-known/jwks.json").json()
    key = jwt.PyJWK(jwks["keys"][0]).key
    claims = jwt.decode(body["id_token"], key=key, algorithms=["RS256"], audience="qlvb")
    assert claims["sub"] == str(person.pk)
    assert claims["nonce"] == "so-dung-mot-lan"

    userinfo = client.get(
        "/identity/o/api/userinfo", HTTP_AUTHORIZATION=f"Bearer {body['access_token']}"
    )
    assert userinfo.json()["email"] == "binh@example.vn"


def test_a_wrong_client_secret_gets_no_token(client, registered_client):
    response = client.post(
        "/identity/o/api/token",
        {
            "grant_type": "authorization_code",
            "code": "gia-mao",
            "redirect_uri": REDIRECT,
            "client_id": "qlvb",
            "client_secret": "sai",
        },
    )
    assert response.status_code in (400, 401)
    assert "id_token" not in response.content.decode()
