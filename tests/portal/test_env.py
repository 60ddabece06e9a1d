from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import email_settings, env


def test_a_required_variable_names_itself_when_missing(monkeypatch):
    monkeypatch.delenv("PORTAL_TEST_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_SECRET is not set"):
        env("PORTAL_TEST_SECRET")


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        ("1", False, True),
        ("off", True, False),
        ("42", 0, 42),
        ("a.vn, b.vn,,", [], ["a.vn", "b.vn"]),
        ("/srv/var", Path("x"), Path("/srv/var")),
        ("", "fallback", "fallback"),
    ],
)
def test_values_are_cast_like_their_default(monkeypatch, raw, default, expected):
    monkeypatch.setenv("PORTAL_TEST_VALUE", raw)
    assert env("PORTAL_TEST_VALUE", default) == expected


def test_a_malformed_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_FLAG"):
        env("PORTAL_TEST_FLAG", False)


def test_smtp_url_gives_host_port_credentials_and_tls():
    conf = email_settings("smtp://mailer:p%40ss@mail.tanhoa.gov.vn:587?tls=1")
    assert conf["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert conf["EMAIL_HOST"] == "mail.tanhoa.gov.vn"
    assert conf["EMAIL_PORT"] == 587
    assert conf["EMAIL_HOST_USER"] == "mailer"
    assert conf["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert conf["EMAIL_USE_TLS"] is True
    assert conf["EMAIL_USE_SSL"] is False


def test_smtps_url_uses_ssl_on_465():
    conf = email_settings("smtps://u:p@mail.example.vn")
    assert conf["EMAIL_PORT"] == 465
    assert conf["EMAIL_USE_SSL"] is True
    assert conf["EMAIL_USE_TLS"] is False


def test_file_url_writes_to_that_folder():
    conf = email_settings("file:///var/spool/portal-mail")
    assert conf["EMAIL_BACKEND"].endswith("filebased.EmailBackend")
    assert conf["EMAIL_FILE_PATH"] == "/var/spool/portal-mail"


def test_unknown_email_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings("pigeon://roof")
