import pytest
from allauth.idp.oidc.models import Client as OidcClient
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from cms import demo
from cms.models import HomePage, NewsPage, PortalSettings
from services.procedures.models import Procedure


def test_load_site_is_idempotent(db):
    demo.load_site()
    counts = Page.objects.count(), NewsPage.objects.count(), PortalSettings.objects.count()
    demo.load_site()
    assert (
        Page.objects.count(),
        NewsPage.objects.count(),
        PortalSettings.objects.count(),
    ) == counts
    assert NewsPage.objects.count() == 2 * (len(demo.NEWS) + len(demo.JUSTICE_NEWS))


# ND 43 Art. 13 asks English for the introduction, contacts and services for foreigners; the
# public-information sections (plans, projects, gazette, consultations, statistics) stay Vietnamese.
VIETNAMESE_ONLY_APPS = {"planning", "publications"}


def test_the_site_root_is_the_vietnamese_home_and_every_page_has_an_english_version(db):
    home = demo.load_site()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert home.locale.language_code == "vi"
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    justice = Site.objects.get(hostname=demo.JUSTICE_HOSTNAME).root_page
    pages = [*home.get_descendants(inclusive=True), *justice.get_descendants(inclusive=True)]
    for page in pages:
        if page.specific_class._meta.app_label in VIETNAMESE_ONLY_APPS:
            continue
        english = page.get_translation_or_none(
            page.locale.__class__.objects.get(language_code="en")
        )
        assert english is not None, page.title
        assert english.live


def test_organisation_page_lists_leaders_and_agencies(demo_site, client):
    from cms.organisation.models import OrganisationChartPage

    organisation = OrganisationChartPage.objects.get(slug="co-cau-to-chuc")
    html = client.get(organisation.url).content.decode()
    assert "Sở Tư pháp" in html
    assert "Lê Quang Vinh" in html
    assert "Department of Justice" in client.get("/en/about/organisation/").content.decode()


def test_demo_accounts_get_generated_passwords_shown_once(db):
    first = demo.ensure_demo_accounts()
    assert set(first) == {account.username for account in demo.DEMO_ACCOUNTS}
    assert len(set(first.values())) == len(first)
    assert all(len(password) >= 16 for password in first.values())
    assert demo.ensure_demo_accounts() == {}
    user = get_user_model().objects.get(username="quantri")
    assert user.check_password(first["quantri"])
    assert user.is_superuser
    assert not get_user_model().objects.get(username="congdan").is_staff


def test_reset_passwords_replaces_the_old_ones(db):
    first = demo.ensure_demo_accounts()
    second = demo.ensure_demo_accounts(reset_passwords=True)
    user = get_user_model().objects.get(username="bientap")
    assert not user.check_password(first["bientap"])
    assert user.check_password(second["bientap"])


@pytest.mark.parametrize("demo_mode", [False, True])
def test_load_demo_creates_accounts_only_in_demo_mode(db, settings, capsys, demo_mode):
    settings.DEMO_MODE = demo_mode
    call_command("load_demo")
    output = capsys.readouterr().out
    assert get_user_model().objects.exists() is demo_mode
    assert HomePage.objects.count() == 4  # the province and the Department of Justice, vi and en
    assert Procedure.objects.count() > 2000
    # The bulk-imported catalogue is in the search index: `make run` searches it at once.
    from search import engine
    from search.types import Query

    first = engine.search(Query(text="dang ky tam tru")).hits[0]
    assert (first.code, first.title) == ("1.004194", "Đăng ký tạm trú")
    if demo_mode:
        assert "quantri" in output
        assert "shown once" in output
        assert OidcClient.objects.filter(id=demo.DEMO_OIDC_CLIENT["id"]).exists()
    else:
        assert "no account created" in output


def test_demo_oidc_client_secret_is_generated_and_shown_once(db):
    secret = demo.ensure_oidc_client()
    assert secret and len(secret) >= 24
    assert demo.ensure_oidc_client() is None
    client = OidcClient.objects.get(id=demo.DEMO_OIDC_CLIENT["id"])
    assert (
        client.check_secret(secret) if hasattr(client, "check_secret") else client.secret != secret
    )


def test_load_site_rebuilds_the_page_tree_in_a_flushed_database(db):
    """A transactional test flushes every table, Wagtail's root page included."""
    from wagtail.models import Collection, Page

    Page.get_first_root_node().delete()
    Collection.objects.all().delete()
    assert not Page.objects.exists()
    home = demo.load_site()
    assert home.get_parent().depth == 1
    assert HomePage.objects.count() == 4
