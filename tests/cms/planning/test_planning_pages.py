"""The planning app's pages: filters, the environmental map and table, projects, dissemination."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.planning.models import (
    DisseminationIndexPage,
    DisseminationPage,
    EnvironmentalRecord,
    EnvironmentPage,
    PlanningDocument,
    PlanningIndexPage,
    Project,
    ProjectIndexPage,
)


def plan(kind, title, approved_on):
    return PlanningDocument.objects.create(
        kind=kind,
        title=title,
        decision="1/QĐ-UBND",
        approving_body="Ủy ban nhân dân tỉnh Tân Hòa",
        approved_on=approved_on,
        summary="Tóm tắt",
    )


def rows(response):
    return re.findall(r'<tr role="row"( id="[^"]+")?>\s*<td', response.content.decode())


def test_the_hub_links_every_section(client, hub, section):
    section(PlanningIndexPage, "quy-hoach")
    section(EnvironmentPage, "moi-truong")
    html = client.get(hub.url).content.decode()
    assert 'href="/thong-tin-cong-khai/quy-hoach/"' in html
    assert 'href="/thong-tin-cong-khai/moi-truong/"' in html


def test_plans_filter_by_kind_and_year(client, section):
    page = section(PlanningIndexPage, "quy-hoach")
    plan(PlanningDocument.Kind.URBAN_PLAN, "Quy hoạch chung đô thị", date(2024, 5, 6))
    plan(PlanningDocument.Kind.LAND_USE_PLAN, "Kế hoạch sử dụng đất 2026", date(2025, 12, 26))
    plan(PlanningDocument.Kind.LAND_USE_PLAN, "Kế hoạch sử dụng đất 2025", date(2024, 12, 20))

    everything = client.get(page.url)
    assert len(rows(everything)) == 3
    land = client.get(page.url, {"kind": "land_use_plan"})
    assert "Quy hoạch chung đô thị" not in land.content.decode()
    assert len(rows(land)) == 2
    land_2024 = client.get(page.url, {"kind": "land_use_plan", "year": "2024"})
    assert len(rows(land_2024)) == 1
    assert "Kế hoạch sử dụng đất 2025" in land_2024.content.decode()


@pytest.mark.parametrize(
    "query", [{"kind": "nonsense"}, {"year": "abc"}, {"page": "999"}, {"kind": "x" * 5000}]
)
def test_plans_ignore_bad_filters(client, section, query):
    page = section(PlanningIndexPage, "quy-hoach")
    plan(PlanningDocument.Kind.STRATEGY, "Chiến lược kinh tế số", date(2025, 3, 14))
    response = client.get(page.url, query)
    assert response.status_code == 200
    assert "Chiến lược kinh tế số" in response.content.decode()


def test_plan_detail_and_unknown_record(client, section):
    page = section(PlanningIndexPage, "quy-hoach")
    document = plan(PlanningDocument.Kind.STRATEGY, "Chiến lược kinh tế số", date(2025, 3, 14))
    html = client.get(f"{page.url}{document.pk}/").content.decode()
    assert "<h1>Chiến lược kinh tế số</h1>" in html
    assert "14/03/2025" in html
    assert client.get(f"{page.url}{document.pk + 1}/").status_code == 404


ENVIRONMENT = [
    ("waste_plan", "Khu xử lý chất thải Suối Đá", "11.215", "106.452"),
    ("pollution_source", "Khu công nghiệp Tân Hòa I", "11.012", "106.702"),
    ("hazardous_waste", "Kho chất thải nguy hại Bàu Sen", "11.030", "106.721"),
    ("polluted_area", "Bãi rác cũ phường Tân Hòa", "10.948", "106.577"),
    ("polluted_area", "Kho xăng dầu Long Thạnh", "10.915", "106.880"),
]


@pytest.fixture
def environment(section):
    page = section(EnvironmentPage, "moi-truong")
    EnvironmentalRecord.objects.bulk_create(
        EnvironmentalRecord(
            kind=kind,
            name=name,
            location="Xã Tân Phú",
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            details="Chi tiết",
            source="Quyết định số 1/QĐ-UBND",
            recorded_on=date(2025, 1, 1),
        )
        for kind, name, lat, lon in ENVIRONMENT
    )
    return page


def svg_of(response):
    return re.search(r"<svg class=\"map-drawing\".*?</svg>", response.content.decode(), re.S).group(
        0
    )


def test_the_map_has_one_titled_linked_marker_per_record(client, environment):
    response = client.get(environment.url)
    svg = svg_of(response)
    markers = re.findall(
        r'<a href="([^"]+)" class="map-marker marker-(\w+)"[^>]*><title>([^<]+)</title>', svg
    )
    assert len(markers) == len(ENVIRONMENT)
    records = {r.name: r for r in EnvironmentalRecord.objects.all()}
    for url, kind, title in markers:
        name = title.split(" (")[0]
        assert url == f"{environment.url}{records[name].pk}/"
        assert kind == records[name].kind
    # Polygons and circles, no image or tile from elsewhere.
    assert svg.count("<circle") == 1
    assert svg.count("<polygon") == 4
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # The table is the accessible alternative: the same records, one row each.
    assert len(rows(response)) == len(ENVIRONMENT)


def test_the_marker_positions_follow_the_coordinates(client, environment):
    svg = svg_of(client.get(environment.url))
    positions = {}
    for title, shape in re.findall(r"<title>([^<(]+) \(.*?</title>(<[^>]+>)", svg):
        numbers = [float(n) for n in re.findall(r"[\d.]+", shape.split(" ", 1)[1])]
        positions[title] = (
            sum(numbers[0::2]) / len(numbers[0::2]),
            sum(numbers[1::2]) / len(numbers[1::2]),
        )
    assert positions["Khu xử lý chất thải Suối Đá"][1] < positions["Kho xăng dầu Long Thạnh"][1]
    assert positions["Kho xăng dầu Long Thạnh"][0] > positions["Bãi rác cũ phường Tân Hòa"][0]


def test_the_legend_names_every_kind_with_a_shape(client, environment):
    html = client.get(environment.url).content.decode()
    legend = re.search(r'<ul class="map-legend">.*?</ul>', html, re.S).group(0)
    for value, label in EnvironmentalRecord.Kind.choices:
        assert f"marker-{value}" in legend
        assert str(label) in legend


def test_the_environment_filter_by_kind(client, environment):
    response = client.get(environment.url, {"kind": "polluted_area"})
    assert svg_of(response).count('class="map-marker') == 2
    assert len(rows(response)) == 2
    assert client.get(environment.url, {"kind": "<script>"}).status_code == 200


def test_environment_record_detail(client, environment):
    record = EnvironmentalRecord.objects.get(name="Khu công nghiệp Tân Hòa I")
    html = client.get(f"{environment.url}{record.pk}/").content.decode()
    assert "<h1>Khu công nghiệp Tân Hòa I</h1>" in html
    assert "Quyết định số 1/QĐ-UBND" in html


NINE_FIELDS = {
    "name": "Bệnh viện Đa khoa tỉnh",
    "objective": "Giảm quá tải tuyến trên",
    "field": "Y tế",
    "project_type": "Dự án nhóm A, đầu tư công",
    "start_year": 2024,
    "end_year": 2027,
    "budget": 1_980_000_000_000,
    "funding_type": "Ngân sách tỉnh",
    "sponsor": "Quỹ Hỗ trợ phát triển",
    "status": "Đạt 58% khối lượng",
}


def test_projects_are_listed_by_stage(client, section):
    page = section(ProjectIndexPage, "du-an")
    Project.objects.create(stage=Project.Stage.IN_PROGRESS, **NINE_FIELDS)
    Project.objects.create(
        **{**NINE_FIELDS, "name": "Cầu Tân Phú", "stage": Project.Stage.COMPLETED}
    )
    html = client.get(page.url).content.decode()
    preparing, in_progress, completed = (
        html.index('id="stage-preparing"'),
        html.index('id="stage-in_progress"'),
        html.index('id="stage-completed"'),
    )
    assert (
        in_progress < html.index("Bệnh viện Đa khoa tỉnh") < completed < html.index("Cầu Tân Phú")
    )
    assert preparing < in_progress
    assert "1.980.000.000.000\u00a0₫" in html
    only_completed = client.get(page.url, {"stage": "completed"}).content.decode()
    assert "Cầu Tân Phú" in only_completed
    assert "Bệnh viện Đa khoa tỉnh" not in only_completed


def test_a_project_shows_the_nine_fields_of_nd43(client, section):
    page = section(ProjectIndexPage, "du-an")
    project = Project.objects.create(stage=Project.Stage.IN_PROGRESS, **NINE_FIELDS)
    html = client.get(f"{page.url}{project.pk}/").content.decode()
    fields = re.search(r'<dl class="data-list project-fields">(.*?)</dl>', html, re.S).group(1)
    assert len(re.findall(r"<dt>", fields)) == 9
    for value in (
        "Bệnh viện Đa khoa tỉnh",
        "Giảm quá tải tuyến trên",
        "Y tế",
        "Dự án nhóm A, đầu tư công",
        "2024–2027",
        "1.980.000.000.000\u00a0₫",
        "Ngân sách tỉnh",
        "Quỹ Hỗ trợ phát triển",
        "Đạt 58% khối lượng",
    ):
        assert value in fields


def test_dissemination_articles_are_listed_newest_first(client, section):
    from cms.demo import ensure_child

    index = section(DisseminationIndexPage, "pho-bien")
    for slug, day in (("cu", 10), ("moi", 1)):
        ensure_child(
            index,
            DisseminationPage,
            slug,
            title=f"Bài {slug}",
            author="Nguyễn Văn Hải",
            published_on=timezone.now() - timezone.timedelta(days=day),
            body=[],
        )
    html = client.get(index.url).content.decode()
    assert html.index("Bài moi") < html.index("Bài cu")
    article = client.get("/thong-tin-cong-khai/pho-bien/moi/").content.decode()
    assert "Nguyễn Văn Hải" in article
