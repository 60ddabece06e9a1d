import pytest

from cms.legal_documents import parse_symbol
from cms.models import LegalDocument


@pytest.mark.parametrize(
    ("code", "summary", "expected"),
    [
        ("66.9/2025/NQ-CP", "", ("66.9", "Nghị quyết", "CP", "Chính phủ")),
        ("237/CĐ-TTg", "", ("237", "Công điện", "TTg", "Thủ tướng Chính phủ")),
        ("12/VBHN-BTC", "", ("12", "Văn bản hợp nhất", "BTC", "Bộ Tài chính")),
        ("11866/VPCP-QHQT", "", ("11866", "Công văn", "VPCP", "Văn phòng Chính phủ")),
        ("246/2025/QH15", "Luật Thuế thu nhập cá nhân", ("246", "Luật", "QH15", "Quốc hội")),
        ("223 /CĐ-TTg", "", ("223", "Công điện", "TTg", "Thủ tướng Chính phủ")),
    ],
)
def test_document_symbols_tell_form_and_authority(code, summary, expected):
    symbol = parse_symbol(code, summary)
    assert (symbol.number, symbol.form, symbol.authority_code, symbol.authority) == expected


@pytest.fixture
def library(demo_site):
    from cms.models import LegalDocumentIndexPage

    return LegalDocumentIndexPage.objects.get(locale__language_code="vi")


def listed(response):
    return [document.number_symbol for document in response.context["page_obj"]]


def test_the_500_government_records_load_once(library):
    assert LegalDocument.objects.count() == 500
    assert LegalDocument.objects.import_government_records() == (0, 500)
    assert LegalDocument.objects.count() == 500


def test_a_document_is_found_by_its_number(client, library):
    response = client.get(library.url, {"q": "66.9/2025/NQ-CP"})
    assert listed(response) == ["66.9/2025/NQ-CP"]
    document = LegalDocument.objects.get(number_symbol="66.9/2025/NQ-CP")
    assert (document.form, document.authority) == ("Nghị quyết", "Chính phủ")


def test_words_are_found_without_diacritics(client, library):
    expected = set(
        LegalDocument.objects.filter(summary__icontains="giải ngân").values_list(
            "number_symbol", flat=True
        )
    )
    assert expected
    response = client.get(library.url, {"q": "giai ngan"})
    assert set(listed(response)) <= expected
    assert response.context["page_obj"].paginator.count == len(expected)


def test_filters_by_form_authority_and_year(client, library):
    response = client.get(library.url, {"form": "Nghị định", "authority": "CP", "year": "2025"})
    documents = list(response.context["page_obj"].paginator.object_list)
    assert documents
    assert all(
        (d.form, d.authority_code, d.issued_on.year) == ("Nghị định", "CP", 2025) for d in documents
    )
    assert (
        len(documents)
        == LegalDocument.objects.filter(
            form="Nghị định", authority_code="CP", issued_on__year=2025
        ).count()
    )


def test_each_document_has_its_own_page(client, library):
    document = LegalDocument.objects.get(number_symbol="66.9/2025/NQ-CP")
    response = client.get(f"{library.url}{document.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert document.summary in html
    assert document.attachments[0]["url"] in html
    assert client.get(f"{library.url}999999/").status_code == 404


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"page": "-1"}, {"form": "x" * 500}, {"q": "%_'\""}]
)
def test_odd_parameters_never_break_the_library(client, library, params):
    assert client.get(library.url, params).status_code == 200


def test_english_library_lists_the_same_documents(client, library):
    response = client.get("/en/legal-documents/", {"q": "66.9/2025/NQ-CP"})
    assert listed(response) == ["66.9/2025/NQ-CP"]
