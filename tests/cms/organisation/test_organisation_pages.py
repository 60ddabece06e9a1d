import re

import pytest
from django.utils.html import escape
from wagtail.models import Page

from cms.organisation import demo
from cms.organisation.models import (
    AdministrativeArea,
    Contact,
    ContactDirectoryPage,
    IntroductionPage,
    Leader,
    OrganisationChartPage,
    OrgUnit,
)

pytestmark = pytest.mark.usefixtures("demo_site")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_introduction_pages_keep_their_addresses_in_both_languages(client):
    for vi, en in [
        ("/gioi-thieu/", "/en/about/"),
        ("/gioi-thieu/co-cau-to-chuc/", "/en/about/organisation/"),
        ("/gioi-thieu/chuc-nang-nhiem-vu/", "/en/about/functions/"),
        ("/gioi-thieu/danh-ba/", "/en/about/contacts/"),
    ]:
        assert f'href="{en}" lang="en"' in html_of(client, vi)
        assert f'href="{vi}" lang="vi"' in html_of(client, en)


def test_the_introduction_comes_first_in_the_menu_of_each_language(client):
    for home in ("/", "/en/"):
        menu = re.search(r'<nav class="main-nav".*?</nav>', html_of(client, home), re.S).group(0)
        hrefs = re.findall(r'href="([^"]+)"', menu)
        assert hrefs[1] == ("/gioi-thieu/" if home == "/" else "/en/about/")


def test_introduction_shows_its_sections_and_links_its_pages(client):
    html = html_of(client, "/gioi-thieu/")
    assert 'id="natural-conditions"' in html
    assert 'id="relics"' in html
    for child in (
        "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/chuc-nang-nhiem-vu/",
        "/gioi-thieu/danh-ba/",
    ):
        assert f'href="{child}"' in html
    assert "Ủy ban nhân dân tỉnh do Hội đồng nhân dân tỉnh bầu" in html_of(
        client, "/gioi-thieu/chuc-nang-nhiem-vu/"
    )


def test_boundary_map_draws_every_commune_with_a_title_a_link_and_a_table_row(client):
    html = html_of(client, "/gioi-thieu/")
    svg = re.search(r"<svg[^>]*boundary-map-svg.*?</svg>", html, re.S).group(0)
    areas = list(AdministrativeArea.objects.all())
    assert len(areas) == 12
    paths = re.findall(r'<path d="(M[^"]+Z)"><title>([^<]+)</title></path>', svg)
    assert len(paths) == len(areas)
    titles = [title for _, title in paths]
    for area in areas:
        assert any(title.endswith(area.name) for title in titles)
        assert f'href="#area-{area.code}"' in svg
        assert f'id="area-{area.code}"' in html
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    # The paths are the stored coordinates, projected: change a boundary and its path changes.
    before = {title: d for d, title in paths}
    area = areas[0]
    area.boundary = [[point[0] + 0.01, point[1]] for point in area.boundary]
    area.save()
    svg_after = re.search(
        r"<svg[^>]*boundary-map-svg.*?</svg>", html_of(client, "/gioi-thieu/"), re.S
    )
    after = {
        title: d
        for d, title in re.findall(
            r'<path d="(M[^"]+Z)"><title>([^<]+)</title></path>', svg_after.group(0)
        )
    }
    changed = [title for title in before if before[title] != after[title]]
    assert changed  # the map is recomputed from the coordinates on every request


def inside(point, ring):
    x, y = point
    crossings = 0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            crossings += 1
    return crossings % 2 == 1


def test_demo_communes_do_not_overlap_and_form_one_province():
    rings = [area.boundary for area in AdministrativeArea.objects.all()]
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    covered = 0
    steps = 80
    for i in range(steps):
        for j in range(steps):
            # Sample points off any grid line, so none lies exactly on a shared edge.
            point = (
                min(lons) + (i + 0.37) * (max(lons) - min(lons)) / steps,
                min(lats) + (j + 0.61) * (max(lats) - min(lats)) / steps,
            )
            owners = sum(inside(point, ring) for ring in rings)
            assert owners <= 1, point
            covered += owners
    # Twelve of the sixteen grid cells: about three quarters of the bounding box is land.
    assert 0.6 < covered / steps**2 < 0.85


def test_organisation_chart_nests_units_as_lists_with_contacts(client):
    html = html_of(client, "/gioi-thieu/co-cau-to-chuc/")
    chart = re.search(r'<div class="org-chart">(.*?)</div>\s*</section>', html, re.S).group(1)
    assert "<img" not in chart
    # The province's committee is the single root; the departments are one list level below and
    # the Legal Aid Centre one more level below the Department of Justice.
    depth, depths = 0, {}
    for token in re.finditer(r"<ul[^>]*>|</ul>|<p class=\"org-unit-name\">([^<]+)</p>", chart):
        if token.group(0).startswith("<ul"):
            depth += 1
        elif token.group(0) == "</ul>":
            depth -= 1
        else:
            depths[token.group(1)] = depth
    assert depths["Ủy ban nhân dân tỉnh Tân Hòa"] == 1
    assert depths["Sở Tư pháp"] == 2
    assert depths["Trung tâm Trợ giúp pháp lý nhà nước"] == 3
    assert "mailto:stp@tanhoa.gov.vn" in chart
    assert "0200 3812 403" in chart


def test_organisation_page_shows_leaders_with_their_duties_in_both_languages(client):
    html = html_of(client, "/gioi-thieu/co-cau-to-chuc/")
    leader = Leader.objects.get(full_name="Lê Quang Vinh")
    assert leader.full_name in html
    assert leader.duties in html
    html_en = html_of(client, "/en/about/organisation/")
    assert escape(leader.duties_en) in html_en
    assert "Department of Justice" in html_en
    # A unit without an English name shows its Vietnamese one.
    OrgUnit.objects.filter(name="Sở Tư pháp").update(name_en="")
    assert "Sở Tư pháp" in html_of(client, "/en/about/organisation/")


def test_contact_directory_groups_officials_by_unit_and_lists_official_emails(client):
    html = html_of(client, "/gioi-thieu/danh-ba/")
    justice = OrgUnit.objects.get(name="Sở Tư pháp")
    section = re.search(
        rf'<section class="contact-unit" aria-labelledby="unit-{justice.pk}">(.*?)</section>',
        html,
        re.S,
    ).group(1)
    for contact in Contact.objects.filter(unit=justice):
        assert contact.full_name in section
        assert f"mailto:{contact.email}" in section
    directory = html.split('id="email-directory"')[1]
    for unit in OrgUnit.objects.exclude(email=""):
        assert f"mailto:{unit.email}" in directory
    for contact in Contact.objects.exclude(email=""):
        assert f"mailto:{contact.email}" in directory
    assert Contact.objects.filter(email="").exists()
    html_en = html_of(client, "/en/about/contacts/")
    assert "Director" in html_en
    assert "Directory of official e-mail accounts" in html_en


def test_page_types_sit_where_editors_expect():
    home = Page.objects.get(slug="trang-chu")
    about = IntroductionPage.objects.get(slug="gioi-thieu")
    assert IntroductionPage.can_create_at(home)
    assert OrganisationChartPage.can_create_at(about)
    assert ContactDirectoryPage.can_create_at(about)
    assert not OrganisationChartPage.can_create_at(OrganisationChartPage.objects.first())


def test_populate_is_idempotent():
    home = Page.objects.get(slug="trang-chu").specific
    home_en = Page.objects.get(slug="home").specific
    counts = [
        model.objects.count() for model in (OrgUnit, Leader, Contact, AdministrativeArea, Page)
    ]
    demo.populate(home, home_en)
    assert [
        model.objects.count() for model in (OrgUnit, Leader, Contact, AdministrativeArea, Page)
    ] == counts
