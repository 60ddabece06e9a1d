"""The gazette, science programmes and statistics pages: lists, filters and details."""

import re
from datetime import date

import pytest

from cms.publications.models import (
    GazetteEntry,
    GazetteIssue,
    GazettePage,
    ScienceProgramme,
    ScienceProgrammePage,
    StatisticsPage,
    StatisticsRelease,
)


def rows(html):
    return re.findall(r'<tr role="row">\s*<td', html)


def test_the_gazette_lists_issues_and_shows_their_documents(client, section):
    from cms.models import LegalDocument

    page = section(GazettePage, "cong-bao")
    document = LegalDocument.objects.create(
        number_symbol="27/2026/QĐ-UBND",
        form="Quyết định",
        authority="Ủy ban nhân dân tỉnh Tân Hòa",
        authority_code="UBND",
        issued_on=date(2026, 10, 20),
        summary="Quy chế Cổng thông tin điện tử",
    )
    old = GazetteIssue.objects.create(number="12", published_on=date(2025, 3, 1))
    new = GazetteIssue.objects.create(number="46", published_on=date(2026, 11, 2))
    GazetteEntry.objects.create(
        issue=new,
        number_symbol="27/2026/QĐ-UBND",
        title="Quyết định ban hành Quy chế Cổng thông tin điện tử",
        summary="Trách nhiệm cung cấp thông tin",
        legal_document=document,
    )
    html = client.get(page.url).content.decode()
    assert html.index("02/11/2026") < html.index("01/03/2025")
    assert "Quyết định ban hành Quy chế Cổng thông tin điện tử" in html
    assert len(rows(client.get(page.url, {"year": "2025"}).content.decode())) == 1
    issue = client.get(f"{page.url}{new.pk}/").content.decode()
    assert "<caption>" in issue
    assert "Trách nhiệm cung cấp thông tin" in issue
    assert client.get(f"{page.url}{old.pk + new.pk}/").status_code == 404


@pytest.fixture
def programmes(section):
    page = section(ScienceProgrammePage, "khoa-hoc")
    common = {
        "lead_unit": "Trường Đại học Tân Hòa",
        "principal_investigator": "TS. Nguyễn Thị Hoa",
    }
    ScienceProgramme.objects.create(
        code="ĐT.01",
        name="Giống lúa chịu mặn",
        level="provincial",
        field="Nông nghiệp",
        starts_on=date(2024, 1, 1),
        ends_on=date(2025, 12, 31),
        status="accepted",
        results_summary="Hai giống lúa chịu mặn 4‰",
        budget=1_850_000_000,
        **common,
    )
    ScienceProgramme.objects.create(
        code="ĐT.02",
        name="Trí tuệ nhân tạo hỏi đáp thủ tục",
        level="national",
        field="Công nghệ thông tin",
        starts_on=date(2025, 6, 1),
        ends_on=date(2027, 5, 31),
        **common,
    )
    return page


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({}, {"Giống lúa chịu mặn", "Trí tuệ nhân tạo hỏi đáp thủ tục"}),
        ({"level": "national"}, {"Trí tuệ nhân tạo hỏi đáp thủ tục"}),
        ({"status": "accepted"}, {"Giống lúa chịu mặn"}),
        ({"field": "Nông nghiệp"}, {"Giống lúa chịu mặn"}),
        ({"year": "2024"}, {"Giống lúa chịu mặn"}),
        ({"year": "2025"}, {"Giống lúa chịu mặn", "Trí tuệ nhân tạo hỏi đáp thủ tục"}),
        (
            {"level": "bogus", "year": "x"},
            {"Giống lúa chịu mặn", "Trí tuệ nhân tạo hỏi đáp thủ tục"},
        ),
    ],
)
def test_science_programmes_filter(client, programmes, query, names):
    html = client.get(programmes.url, query).content.decode()
    shown = {
        name for name in ("Giống lúa chịu mặn", "Trí tuệ nhân tạo hỏi đáp thủ tục") if name in html
    }
    assert shown == names


def test_a_science_programme_shows_its_list_fields_and_results(client, programmes):
    programme = ScienceProgramme.objects.get(code="ĐT.01")
    html = client.get(f"{programmes.url}{programme.pk}/").content.decode()
    for text in (
        "ĐT.01",
        programme.get_level_display(),
        "Nông nghiệp",
        "Trường Đại học Tân Hòa",
        "01/2024 – 12/2025",
        "Hai giống lúa chịu mặn 4‰",
        "1.850.000.000\u00a0₫",
    ):
        assert text in html


def test_statistics_filter_by_kind_and_show_methodology_and_tables(client, section):
    page = section(StatisticsPage, "thong-ke")
    release = StatisticsRelease.objects.create(
        kind="statistics",
        title="Điều tra lao động – việc làm 2025",
        period="Năm 2025",
        published_on=date(2026, 3, 25),
        methodology="Điều tra chọn mẫu 2.400 hộ",
        tables=[
            (
                "table",
                {
                    "data": [["Chỉ tiêu", "Giá trị"], ["Tỷ lệ thất nghiệp", "2,6"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Chỉ tiêu chủ yếu",
                },
            )
        ],
    )
    StatisticsRelease.objects.create(
        kind="annual_financial_report",
        title="Báo cáo tài chính năm 2025",
        period="Năm 2025",
        published_on=date(2026, 4, 28),
    )
    assert len(rows(client.get(page.url).content.decode())) == 2
    reports = client.get(page.url, {"kind": "annual_financial_report"}).content.decode()
    assert "Báo cáo tài chính năm 2025" in reports
    assert "Điều tra lao động" not in reports
    html = client.get(f"{page.url}{release.pk}/").content.decode()
    assert "Điều tra chọn mẫu 2.400 hộ" in html
    assert "<caption>Chỉ tiêu chủ yếu</caption>" in html
    assert '<th scope="col">Chỉ tiêu</th>' in html
