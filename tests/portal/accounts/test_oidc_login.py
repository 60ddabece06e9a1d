"""Login through an external OpenID Connect provider (VNeID in production).

The provider is outside our system, so a small one runs on the loopback interface for the test.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa

from portal.accounts import roles
from portal.accounts.models import User
from tests.portal.accounts.factories import PASSWORD, UserFactory

CLIENT_ID = "cong-tinh-tan-hoa"
PERSON = {
    "sub": "vneid-001088012345",
    "email": "le.thi.hoa@example.vn",
    "email_verified": True,
    "name": "Lê Thị Hoa",
}


class FakeProvider(BaseHTTPRequestHandler):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    base = ""
    codes = {}

    def log_message(self, *args):
        pass

    def reply(self, body):
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/.well-known/openid-configuration":
            self.reply(
                {
                    "issuer": self.base,
                    "authorization_endpoint": f"{self.base}/authorize",
                    "token_endpoint": f"{self.base}/token",
                    "userinfo_endpoint": f"{self.base}/userinfo",
                    "jwks_uri": f"{self.base}/jwks",
                }
            )
        elif path == "/jwks":
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            self.reply({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]})
        elif path == "/userinfo":
            self.reply(PERSON)
        else:
            self.send_error(404)

    def do_POST(self):
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if urlsplit(self.path).path != "/token" or form.get("code") != ["ma-uy-quyen"]:
            self.send_error(400)
            return
        now = int(time.time())
        id_token = jwt.encode(
            {**PERSON, "iss": self.base, "aud": CLIENT_ID, "iat": now, "exp": now + 300},
            self.key,
            algorithm="RS256",
            headers={"kid": "k1"},
        )
        self.reply(
            {
                "access_token": "at-1",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            }
        )


@pytest.fixture
def provider(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeProvider)
    FakeProvider.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "vneid",
                    "name": "VNeID",
                    "client_id": CLIENT_ID,
                    "secret": "bi-mat",
                    "settings": {"server_url": FakeProvider.base, "fetch_userinfo": True},
                }
            ],
        }
    }
    yield FakeProvider.base
    server.shutdown()


def sign_in_through_provider(client, base):
    started = client.post("/tai-khoan/oidc/vneid/login/")
    assert started.status_code == 302
    assert started["Location"].startswith(f"{base}/authorize")
    state = parse_qs(urlsplit(started["Location"]).query)["state"][0]
    return client.get(
        "/tai-khoan/oidc/vneid/login/callback/", {"code": "ma-uy-quyen", "state": state}
    )


def test_first_login_creates_the_account(client, db, provider):
    response = sign_in_through_provider(client, provider)
    assert response.status_code == 302
    user = User.objects.get(email=PERSON["email"])
    assert user.full_name == "Lê Thị Hoa"
    assert SocialAccount.objects.get(user=user).uid == PERSON["sub"]
    assert client.session["_auth_user_id"] == str(user.pk)

    # The sign-up form was skipped, so the person consents before using the services.
    assert client.get("/dich-vu-cong/")["Location"] == "/tai-khoan/dong-y/?next=/dich-vu-cong/"
    assert client.post("/tai-khoan/dong-y/", {"next": "/dich-vu-cong/"}).status_code == 200
    assert (
        client.post("/tai-khoan/dong-y/", {"consent": "on", "next": "/dich-vu-cong/"})["Location"]
        == "/dich-vu-cong/"
    )
    user.refresh_from_db()
    assert user.consented_at is not None
    assert client.get("/dich-vu-cong/").status_code == 200


def test_an_existing_account_with_the_same_email_is_linked_not_duplicated(client, db, provider):
    existing = UserFactory(email=PERSON["email"], full_name="Lê Thị Hoa")
    sign_in_through_provider(client, provider)
    assert User.objects.filter(email__iexact=PERSON["email"]).count() == 1
    assert SocialAccount.objects.get(uid=PERSON["sub"]).user == existing
    assert client.session["_auth_user_id"] == str(existing.pk)


def test_citizens_local_passwords_can_be_switched_off(client, db, settings):
    settings.CITIZEN_LOCAL_PASSWORDS = False
    UserFactory(email="dan@example.vn")
    client.post("/tai-khoan/login/", {"login": "dan@example.vn", "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    signup = {
        "email": "moi@example.vn",
        "full_name": "Người Mới",
        "consent": "on",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.post("/tai-khoan/signup/", signup)
    assert not User.objects.filter(email="moi@example.vn").exists()

    # Staff keep their password and two-step verification.
    officer = UserFactory.with_role(roles.RECEIVING_OFFICER, email="motcua@tanhoa.gov.vn")
    response = client.post("/tai-khoan/login/", {"login": officer.email, "password": PASSWORD})
    assert response["Location"] == "/tai-khoan/2fa/authenticate/"
