import re
from datetime import date

import pytest
from wagtail.models import Page

from cms.direction import demo
from cms.direction.models import (
    DirectionDocument,
    DirectionIndexPage,
    PetitionReply,
    RewardSanction,
    WorkScheduleEntry,
    WorkSchedulePage,
)

pytestmark = pytest.mark.usefixtures("demo_site")
INDEX = "/chi-dao-dieu-hanh/"


def rows(html):
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", html, re.S)
    return re.findall(r'<tr role="row">', body.group(1)) if body else []


def test_the_section_is_in_the_menu_and_links_the_schedule(client):
    home = client.get("/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', home, re.S).group(0)
    assert f'href="{INDEX}"' in menu
    html = client.get(INDEX).content.decode()
    assert 'href="/chi-dao-dieu-hanh/lich-lam-viec/"' in html
    assert 'href="/chi-dao-dieu-hanh/tra-loi-kien-nghi/"' in html
    assert 'href="/chi-dao-dieu-hanh/khen-thuong-xu-ly/"' in html


def test_directions_filter_by_kind_and_year(client):
    response = client.get(INDEX)
    assert len(rows(response.content.decode())) == DirectionDocument.objects.count() >= 6
    directives = client.get(INDEX, {"kind": "directive"}).content.decode()
    assert len(rows(directives)) == DirectionDocument.objects.filter(kind="directive").count()
    assert "15/CT-UBND" in directives and "2845/UBND-KSTT" not in directives
    older = client.get(INDEX, {"year": "2025"}).content.decode()
    assert "2950/QĐ-UBND" in older and "15/CT-UBND" not in older


@pytest.mark.parametrize(
    "query", [{"kind": "<script>"}, {"year": "abc"}, {"page": "999"}, {"page": "x"}]
)
def test_odd_filters_never_break_the_page(client, query):
    assert client.get(INDEX, query).status_code == 200


def test_directions_paginate_and_keep_the_filters(client):
    DirectionDocument.objects.bulk_create(
        DirectionDocument(
            kind="official_letter",
            number_symbol=f"{number}/UBND-TH",
            issuing_body="Ủy ban nhân dân tỉnh Tân Hòa",
            issued_on=date(2024, 1, 1),
            title=f"Công văn số {number}",
        )
        for number in range(25)
    )
    first = client.get(INDEX, {"kind": "official_letter", "year": "2024"}).content.decode()
    assert len(rows(first)) == 20
    assert 'href="?kind=official_letter&amp;year=2024&amp;page=2" rel="next"' in first
    second = client.get(INDEX, {"kind": "official_letter", "year": "2024", "page": "2"})
    assert len(rows(second.content.decode())) == 5


def test_petition_replies_show_only_published_ones_and_filter_by_year(client):
    hidden = PetitionReply.objects.create(
        subject="Kiến nghị chưa công bố",
        received_on=date(2026, 1, 2),
        replied_on=date(2026, 1, 5),
        reply="Nội dung trả lời",
        is_published=False,
    )
    html = client.get(INDEX + "tra-loi-kien-nghi/").content.decode()
    assert hidden.subject not in html
    assert len(rows(html)) == PetitionReply.objects.published().count() == 4
    anonymous = PetitionReply.objects.published().get(petitioner="")
    assert anonymous.subject in html
    in_2025 = client.get(INDEX + "tra-loi-kien-nghi/", {"year": "2025"}).content.decode()
    assert len(rows(in_2025)) == 1


def test_rewards_and_sanctions_filter_by_kind(client):
    html = client.get(INDEX + "khen-thuong-xu-ly/", {"kind": "sanction"}).content.decode()
    assert len(rows(html)) == RewardSanction.objects.filter(kind="sanction").count() == 2
    assert "185/QĐ-XPHC" in html and "2870/QĐ-UBND" not in html


def test_english_version_translates_the_interface_and_marks_vietnamese_data(client):
    html = client.get("/en/direction/").content.decode()
    assert '<html lang="en">' in html
    assert "Issuing body" in html
    assert 'lang="vi"' in html
    assert client.get("/en/direction/khen-thuong-xu-ly/").status_code == 200


def test_page_types_sit_where_editors_expect():
    home = Page.objects.get(slug="trang-chu")
    index = DirectionIndexPage.objects.get(slug="chi-dao-dieu-hanh")
    assert DirectionIndexPage.can_create_at(home)
    assert WorkSchedulePage.can_create_at(index)


def test_populate_is_idempotent():
    home = Page.objects.get(slug="trang-chu").specific
    home_en = Page.objects.get(slug="home").specific
    models = (DirectionDocument, PetitionReply, RewardSanction, WorkScheduleEntry, Page)
    counts = [model.objects.count() for model in models]
    demo.populate(home, home_en)
    assert [model.objects.count() for model in models] == counts
    assert WorkScheduleEntry.objects.count() == 2 * len(demo.SCHEDULE)
