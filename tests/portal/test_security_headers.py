import re

import pytest

from tests.portal.accounts.factories import UserFactory, enable_totp

pytestmark = pytest.mark.usefixtures("demo_site")


def script_sources(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    return directives, directives["script-src"].split()


@pytest.fixture
def editor_client(client):
    editor = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(editor)
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    "url", ["/", "/en/", "/gioi-thieu/co-cau-to-chuc/", "/dich-vu-cong/", "/healthz"]
)
def test_public_pages_carry_a_nonce_csp_without_unsafe_inline_scripts(client, url):
    response = client.get(url)
    directives, scripts = script_sources(response)
    assert "'unsafe-inline'" not in scripts
    assert any(re.fullmatch(r"'nonce-[\w-]{20,}'", source) for source in scripts)
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_nonce_changes_with_every_response(client):
    first = script_sources(client.get("/"))[1]
    second = script_sources(client.get("/"))[1]
    assert first != second


@pytest.mark.parametrize("url", ["/quan-tri/", "/quan-tri/pages/"])
def test_staff_pages_carry_the_same_script_policy(editor_client, url):
    response = editor_client.get(url)
    assert response.status_code == 200
    _, scripts = script_sources(response)
    assert "'unsafe-inline'" not in scripts
    assert any(source.startswith("'nonce-") for source in scripts)


def test_other_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_inline_script_in_the_editor_carries_the_nonce(editor_client):
    """The news editor has date pickers and inline panels, whose scripts Wagtail writes inline."""
    from cms.models import NewsIndexPage

    news_index = NewsIndexPage.objects.get(slug="tin-tuc")
    response = editor_client.get(f"/quan-tri/pages/add/cms/newspage/{news_index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    nonce = re.search(r"'nonce-([\w-]+)'", response["Content-Security-Policy"]).group(1)
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")([^>]*)>", html)
    assert inline, "the editor should have inline scripts to check"
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline), inline


@pytest.mark.parametrize(
    "url", ["/tai-khoan/du-lieu-cua-toi/", "/tai-khoan/2fa/", "/tai-khoan/email/"]
)
def test_citizen_pages_carry_the_nonce_policy(client, url):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    _, scripts = script_sources(response)
    assert "'unsafe-inline'" not in scripts
    assert any(source.startswith("'nonce-") for source in scripts)
