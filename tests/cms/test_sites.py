"""Component sites: one installation, one Wagtail site per department, each with its own look.

The provincial portal and the Department of Justice's site (sotuphap.localhost) share the code;
each site's administrator sets its logo, colours and footer links, within a palette whose text
contrast is checked on saving (WCAG 2.1 AA, 4.5:1).
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.blocks import LinkBlock, WorkScheduleBlock
from cms.demo import JUSTICE_HOSTNAME, JUSTICE_SETTINGS
from cms.models import (
    PALETTE,
    HomePage,
    NewsPage,
    PortalSettings,
    contrast_ratio,
    relative_luminance,
)
from portal.accounts import roles
from tests.portal.accounts.factories import UserFactory, enable_totp

SETTINGS_FIELDS = [
    "agency_name",
    "agency_name_en",
    "portal_name",
    "portal_name_en",
    "responsible_unit",
    "responsible_unit_en",
    "responsible_person",
    "address",
    "address_en",
    "phone",
    "fax",
    "email",
    "licence",
    "logo_alt",
    "logo_alt_en",
    *PALETTE,
]


@pytest.fixture(autouse=True)
def _component_hostnames(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, JUSTICE_HOSTNAME]


@pytest.fixture
def justice(demo_site):
    return Site.objects.get(hostname=JUSTICE_HOSTNAME)


def on_justice(client, path):
    return client.get(path, HTTP_HOST=JUSTICE_HOSTNAME)


# Contrast arithmetic (WCAG 2.x definitions)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("#ffffff", "#000000", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#777777", "#ffffff", 4.48),
        ("#9f1616", "#ffffff", 8.08),  # the portal's red
    ],
)
def test_contrast_ratio(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(expected, abs=0.01)


def test_relative_luminance_of_the_primaries():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)


def test_the_defaults_and_the_demo_palette_pass(db):
    assert PortalSettings().contrast_errors() == {}
    chosen = {field: JUSTICE_SETTINGS[field] for field in PALETTE}
    assert PortalSettings(**chosen).contrast_errors() == {}


def refusal(ratio, text, background):
    """The Vietnamese message for white text on the header colour (gettext: the catalogue's words)."""
    return _(
        "%(pair)s: the contrast ratio is only %(ratio)s:1 (%(text)s on %(background)s); "
        "it must be at least 4.5:1."
    ) % {
        "pair": _("White text on the header colour"),
        "ratio": ratio,
        "text": text,
        "background": background,
    }


def test_a_colour_below_4_5_to_1_is_refused_with_the_pair_and_its_ratio(db):
    settings = PortalSettings(agency_name="Sở", portal_name="Cổng", colour_primary="#e06666")
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        settings.full_clean(exclude=["site"])
    with translation.override("vi"):
        expected = refusal("3,35", "#ffffff", "#e06666")
    assert refused.value.message_dict["colour_primary"] == [expected]
    assert "3,35:1" in expected  # Vietnamese decimal comma


def test_every_failing_pair_is_named(db):
    settings = PortalSettings(colour_link="#3d85c6", colour_accent="#555555")
    errors = settings.contrast_errors()
    assert set(errors) == {"colour_link", "colour_accent"}
    assert len(errors["colour_link"]) == 3  # on white, on light grey, white text on buttons


def test_a_malformed_colour_is_refused_by_its_format(db):
    settings = PortalSettings(agency_name="Sở", portal_name="Cổng", colour_link="blue")
    with pytest.raises(ValidationError) as refused:
        settings.full_clean(exclude=["site"])
    assert list(refused.value.message_dict) == ["colour_link"]


def test_a_logo_needs_alternative_text(justice):
    settings = PortalSettings.for_site(justice)
    settings.logo_alt = " "
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert "logo_alt" in refused.value.message_dict


# The administration screen


def site_administrator(site):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=roles.group_name_for(roles.SITE_ADMINISTRATOR, site)))
    enable_totp(user)
    return user


def settings_form(settings, **changes):
    values = {field: getattr(settings, field) for field in SETTINGS_FIELDS}
    values.update(changes)
    return nested_form_data(
        {
            **values,
            "logo": settings.logo_id or "",
            "footer_links": streamfield([]),
            "footer_links_en": streamfield([]),
        }
    )


def settings_url(site):
    return reverse("wagtailsettings:edit", args=["cms", "portalsettings", site.pk])


def test_saving_a_palette_below_the_contrast_is_refused_and_nothing_changes(client, justice):
    client.force_login(site_administrator(justice))
    before = PortalSettings.for_site(justice)
    response = client.post(
        settings_url(justice), settings_form(before, colour_primary="#e06666", phone="0200 1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("vi"):
        expected = refusal("3,35", "#ffffff", "#e06666")
    assert escape(expected) in html
    after = PortalSettings.for_site(justice)
    assert (after.colour_primary, after.phone) == (before.colour_primary, before.phone)


def test_a_valid_palette_is_saved_and_shown_on_that_sites_pages_only(client, justice):
    client.force_login(site_administrator(justice))
    settings = PortalSettings.for_site(justice)
    response = client.post(settings_url(justice), settings_form(settings, colour_primary="#00427a"))
    assert response.status_code == 302
    assert PortalSettings.for_site(justice).colour_primary == "#00427a"
    client.logout()

    response = on_justice(client, "/")
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    style = re.search(r'<style nonce="([^"]+)">([^<]*)</style>', html)
    assert style.group(1) == nonce
    assert "--red: #00427a;" in style.group(2)
    assert "--red-dark: #123a5e;" in style.group(2)
    assert ":root:not(.high-contrast)" in style.group(2)
    assert "--red:" not in client.get("/").content.decode()


def test_a_component_site_administrator_cannot_touch_the_provinces_settings(client, justice):
    client.force_login(site_administrator(justice))
    province = Site.objects.get(is_default_site=True)
    assert client.get(settings_url(justice)).status_code == 200
    assert client.get(settings_url(province)).status_code in (302, 403)


# What visitors see on each site


def test_each_hostname_serves_its_own_home_in_both_languages(client, justice):
    html = on_justice(client, "/").content.decode()
    assert '<h1 id="home-title">Sở Tư pháp tỉnh Tân Hòa</h1>' in html
    assert "Trang thông tin điện tử Sở Tư pháp" in html
    assert "Số 15 đường Lê Lợi" in html
    english = on_justice(client, "/en/").content.decode()
    assert '<html lang="en">' in english
    assert "Department of Justice of Tan Hoa Province" in english
    assert "15 Le Loi Street" in english
    province = client.get("/").content.decode()
    assert "Sở Tư pháp tỉnh Tân Hòa</h1>" not in province
    assert "Số 1 đường Trần Hưng Đạo" in province


def test_the_header_shows_the_sites_logo_with_its_alternative_text(client, justice):
    html = on_justice(client, "/").content.decode()
    assert re.search(r'<img [^>]*alt="Biểu trưng Sở Tư pháp tỉnh Tân Hòa"[^>]*>', html)
    english = on_justice(client, "/en/").content.decode()
    assert 'alt="Emblem of the Department of Justice of Tan Hoa Province"' in english
    assert "img/emblem.svg" in client.get("/").content.decode()


@pytest.mark.parametrize("host", ["testserver", JUSTICE_HOSTNAME])
def test_the_footer_links_to_the_state_portals_in_each_language(client, justice, host):
    footer = re.search(
        r'<footer class="site-footer">.*?</footer>',
        client.get("/", HTTP_HOST=host).content.decode(),
        re.S,
    ).group(0)
    for title, url in (
        ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
        ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
        ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn/"),
    ):
        assert f'<a href="{url}">{title}</a>' in footer
    english = client.get("/en/", HTTP_HOST=host).content.decode()
    assert '<a href="https://dichvucong.gov.vn/">National Public Service Portal</a>' in english


def test_each_home_shows_its_own_blocks_and_news(client, justice):
    html = on_justice(client, "/").content.decode()
    assert "Dịch vụ nổi bật" in html
    assert 'href="/chuc-nang-nhiem-vu/"' in html  # a page link, relative on its own site
    for article in NewsPage.objects.descendant_of(justice.root_page).filter(
        locale__language_code="vi"
    ):
        assert article.title in html
    province_home = HomePage.objects.get(slug="trang-chu")
    for article in NewsPage.objects.child_of(province_home.get_children().get(slug="tin-tuc")):
        assert article.title not in html
    # The province links to the department's site by its full address.
    assert 'href="http://sotuphap.localhost/"' in client.get("/").content.decode()


def test_page_urls_without_a_request_are_relative_on_the_provincial_site_only(justice):
    province_home = HomePage.objects.get(slug="trang-chu")
    assert province_home.url == "/"
    assert province_home.get_children().get(slug="tin-tuc").url == "/tin-tuc/"
    assert justice.root_page.url == "http://sotuphap.localhost/"


# Blocks


def test_a_link_is_a_page_or_an_address_not_both(justice):
    block = LinkBlock()
    assert block.clean({"title": "Dịch vụ công", "url": "/dich-vu-cong/", "page": None})
    assert block.clean({"title": "Chính phủ", "url": "https://chinhphu.vn/", "page": None})
    with pytest.raises(StructBlockValidationError):
        block.clean({"title": "Hai", "url": "/a/", "page": justice.root_page})
    with pytest.raises(StructBlockValidationError):
        block.clean({"title": "Không có", "url": "", "page": None})
    with pytest.raises((StructBlockValidationError, StreamBlockValidationError)):
        block.clean({"title": "Mã độc", "url": "javascript:alert(1)", "page": None})


def test_the_work_schedule_block_says_nothing_without_the_direction_app(monkeypatch):
    from django.template import engines

    libraries = engines["django"].engine.template_libraries
    monkeypatch.delitem(libraries, "direction_tags", raising=False)
    block = WorkScheduleBlock()
    assert block.render(block.to_python({"heading": "Lịch công tác"})).strip() == ""
