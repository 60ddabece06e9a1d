import json
import unicodedata

import pytest

from services.procedures.models import Procedure


def write(path, rows):
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def record(code, name, weight="10", sector="0"):
    return {"TTHC_MA": code, "NAME": name, "WEIGHT": weight, "ISNGANHDOC": sector}


def test_bundled_catalogue_merges_citizen_and_business_lists(db):
    created, updated = Procedure.objects.import_national_catalog()
    assert (created, updated) == (Procedure.objects.count(), 0)
    assert created > 2000
    residence = Procedure.objects.get(code="1.004194")
    assert residence.name == "Đăng ký tạm trú"
    assert residence.for_citizens and residence.for_businesses
    assert residence.is_sector_managed
    assert Procedure.objects.import_national_catalog() == (0, 0)


def test_names_are_stored_in_nfc_with_single_spaces(db, tmp_path):
    decomposed = unicodedata.normalize("NFD", "Cấp  hộ chiếu   phổ thông ")
    citizens = write(tmp_path / "c.json", [record("1.001456", decomposed, "99")])
    businesses = write(tmp_path / "b.json", [])
    Procedure.objects.import_national_catalog(citizens, businesses)
    name = Procedure.objects.get(code="1.001456").name
    assert name == "Cấp hộ chiếu phổ thông"
    assert unicodedata.is_normalized("NFC", name)


def test_reimport_updates_changed_rows_only(db, tmp_path):
    businesses = write(tmp_path / "b.json", [])
    first = write(tmp_path / "c1.json", [record("1.1", "Thủ tục A"), record("1.2", "Thủ tục B")])
    Procedure.objects.import_national_catalog(first, businesses)
    second = write(
        tmp_path / "c2.json", [record("1.1", "Thủ tục A"), record("1.2", "Thủ tục B mới", "50")]
    )
    assert Procedure.objects.import_national_catalog(second, businesses) == (0, 1)
    assert Procedure.objects.get(code="1.2").popularity == 50


@pytest.fixture
def catalogue(db, tmp_path):
    citizens = write(
        tmp_path / "c.json",
        [
            record("1.004194", "Đăng ký tạm trú", "300"),
            record("1.001456", "Cấp hộ chiếu phổ thông", "200"),
        ],
    )
    businesses = write(
        tmp_path / "b.json", [record("2.000001", "Đăng ký thành lập doanh nghiệp", "100")]
    )
    Procedure.objects.import_national_catalog(citizens, businesses)


def names(response):
    return [procedure.name for procedure in response.context["page_obj"]]


def test_list_is_ordered_by_popularity(client, catalogue):
    response = client.get("/dich-vu-cong/")
    assert response.status_code == 200
    assert names(response) == [
        "Đăng ký tạm trú",
        "Cấp hộ chiếu phổ thông",
        "Đăng ký thành lập doanh nghiệp",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hộ chiếu", ["Cấp hộ chiếu phổ thông"]),
        ("HỘ CHIẾU", ["Cấp hộ chiếu phổ thông"]),
        ("ho chieu", ["Cấp hộ chiếu phổ thông"]),
        ("đăng ký tạm", ["Đăng ký tạm trú"]),
        ("DANG KY", ["Đăng ký tạm trú", "Đăng ký thành lập doanh nghiệp"]),
        (unicodedata.normalize("NFD", "hộ chiếu"), ["Cấp hộ chiếu phổ thông"]),
        ("1.004194", ["Đăng ký tạm trú"]),
        ("không có", []),
    ],
)
def test_search_by_name_or_code_ignores_case_and_unicode_form(client, catalogue, query, expected):
    assert names(client.get("/dich-vu-cong/", {"q": query})) == expected


def test_filter_by_audience(client, catalogue):
    response = client.get("/dich-vu-cong/", {"audience": "business"})
    assert names(response) == ["Đăng ký thành lập doanh nghiệp"]


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "999"}, {"audience": "<script>"}, {"q": "x" * 5000}]
)
def test_odd_parameters_never_break_the_list(client, catalogue, params):
    assert client.get("/dich-vu-cong/", params).status_code == 200


def test_a_procedure_saved_by_hand_is_searchable(client, db):
    Procedure.objects.create(code="3.000001", name="Đổi giấy phép lái xe")
    assert names(client.get("/dich-vu-cong/", {"q": "doi giay phep"})) == ["Đổi giấy phép lái xe"]
