import json
import shutil
from decimal import Decimal

import pytest
from django.core.management import call_command

from services.procedures.importer import (
    detail_files,
    import_catalog,
    import_details,
    import_fields,
)
from services.procedures.models import DETAILS_DIR, Field, Procedure, Subject


def details_copy(tmp_path, *codes):
    folder = tmp_path / "details"
    folder.mkdir()
    for path in detail_files():
        if not codes or path.stem in codes:
            shutil.copy(path, folder / path.name)
    return folder


def record(code="9.000001", **changes):
    base = json.loads((DETAILS_DIR / "3.000351.json").read_text(encoding="utf-8"))
    base.update(code=code, **changes)
    return base


def test_every_bundled_record_imports(db):
    files = detail_files()
    assert len(files) == 21
    report = import_details(files)
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (21, 0, 0)
    assert Procedure.objects.with_details().count() == 21


def test_reimport_changes_nothing(db):
    import_details(detail_files())
    before = {p.code: p.updated_at for p in Procedure.objects.all()}
    report = import_details(detail_files())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 21)
    assert {p.code: p.updated_at for p in Procedure.objects.all()} == before


def test_a_changed_record_is_updated_in_place(db, tmp_path):
    folder = details_copy(tmp_path, "3.000351")
    import_details(detail_files(folder))
    procedure = Procedure.objects.get(code="3.000351")
    procedure.filing_channel = Procedure.FilingChannel.HERE
    procedure.save()
    changed = record("3.000351", name="Đổi giấy phép lái xe của người nước ngoài (sửa đổi)")
    (folder / "3.000351.json").write_text(json.dumps(changed, ensure_ascii=False), "utf-8")
    report = import_details(detail_files(folder))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    procedure.refresh_from_db()
    assert procedure.name.endswith("(sửa đổi)")
    assert procedure.pk == Procedure.objects.get(code="3.000351").pk
    # The province's own settings survive a national update.
    assert procedure.filing_channel == Procedure.FilingChannel.HERE
    assert procedure.components.count() == len(changed["executionCases"][0]["profileComponents"])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps(record(code="")), "missing procedure code"),
        (json.dumps({"name": "Không có mã"}), "missing procedure code"),
        (json.dumps(record(executionMethods="trực tuyến")), "executionMethods"),
        (
            json.dumps(
                record(
                    executionMethods=[
                        {
                            "submissionMethod": "ONLINE",
                            "processingTime": {"qty": 2},
                            "processingTimeUnit": "DAY",
                            "fees": [],
                        }
                    ]
                )
            ),
            "processingTime",
        ),
        (json.dumps(record(name=42)), "name"),
        (json.dumps([1, 2]), "expected a JSON object"),
    ],
)
def test_a_broken_record_is_reported_with_its_file_and_skipped(db, tmp_path, content, reason):
    folder = details_copy(tmp_path, "1.010041", "3.000351")
    (folder / "2.999999-broken.json").write_text(content, encoding="utf-8")
    report = import_details(detail_files(folder))
    assert report.created == 2
    assert len(report.errors) >= 1
    source, message = report.errors[0]
    assert source.startswith("2.999999-broken.json")
    assert reason in message
    assert set(Procedure.objects.values_list("code", flat=True)) == {"1.010041", "3.000351"}


def test_every_field_of_the_national_record_is_kept(db):
    import_details(detail_files())
    licence = Procedure.objects.get(code="3.000351")
    assert licence.name == "Đổi giấy phép lái xe hoặc bằng lái xe của người nước ngoài"
    assert licence.field.name == "Sát hạch, cấp giấy phép lái xe"
    assert licence.field.ministry == "Bộ Công an"
    assert licence.field.code == "G01-CA28"
    assert licence.level_province and licence.level_commune and not licence.level_central
    assert licence.for_foreigners and licence.for_citizens
    assert licence.subjects.filter(name="Người nước ngoài", is_foreign=True).exists()
    assert (licence.online_level, licence.online_scope) == ("3", "partial")
    online = licence.processing_time_for("online")
    assert (online.amount, online.unit) == (Decimal("2.5"), "working_day")
    assert [(f.kind, f.amount, f.currency) for f in licence.fees_for("direct")] == [
        ("fee", 115000, "VND")
    ]
    assert licence.steps.exists() and licence.results.exists() and licence.legal_bases.exists()
    assert licence.requirements or licence.receiving_address
    assert licence.status == Procedure.Status.IN_FORCE
    assert licence.decision_number


def test_quirks_of_the_national_data(db):
    import_details(detail_files())
    # Time only in the description ("05 ngày làm việc…").
    fish = Procedure.objects.get(code="1.014801")
    time = fish.processing_time_for("direct")
    assert (time.amount, time.unit) == (5, "working_day")
    # Hours, and a C/O filed by post takes 24 hours.
    origin = Procedure.objects.get(code="2.000260")
    assert origin.processing_time_for("online").unit == "hour"
    assert origin.processing_time_for("postal").amount == 24
    # Months cannot give a deadline; shown, but not returned as a computable time.
    residence_card = Procedure.objects.get(code="1.003290")
    assert residence_card.processing_time_for("direct") is None
    assert residence_card.processing_times.get().unit == "month"
    # USD service fee.
    assert residence_card.fees_for("direct").get().currency == "USD"
    # "20" entered for "20.000 đồng/lần".
    card = Procedure.objects.get(code="3.000370")
    assert card.fees_for("online").get().amount == 20000
    # Two cases: components kept per case with their counts.
    permit = Procedure.objects.get(code="1.014801")
    cases = permit.case_names()
    assert len(cases) == 2
    first = permit.components_for(cases[0])
    assert first.exists() and all(c.case_name == cases[0] for c in first)
    assert permit.components_for().count() > first.count()
    assert any(c.template_name.endswith(".docx") for c in permit.components.all())


def test_text_is_nfc_without_tabs(db, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    text = "Đổi\tgiấy  phép lái xe "
    decomposed = __import__("unicodedata").normalize("NFD", text)
    (folder / "a.json").write_text(
        json.dumps(record(code=" 9.000002.H99 ", name=decomposed)), "utf-8"
    )
    import_details(detail_files(folder))
    procedure = Procedure.objects.get(code="9.000002.H99")
    assert procedure.name == "Đổi giấy phép lái xe"


def test_fields_list_imports_and_matches_record_categories(db):
    report = import_fields()
    assert report.created == Field.objects.count() > 400
    assert import_fields().unchanged == report.created
    import_details(detail_files())
    assert Field.objects.filter(name="Sát hạch, cấp giấy phép lái xe").count() == 1


def test_catalogue_keeps_the_record_as_authority(db):
    import_details(detail_files())
    residence = Procedure.objects.get(code="1.010041")
    name = residence.name
    import_catalog()
    residence.refresh_from_db()
    assert residence.popularity > 0
    assert residence.name == name
    assert import_details(detail_files()).unchanged == 21
    assert import_catalog().updated == 0


def test_command_reports_counts_and_errors_with_a_progress_bar(db, tmp_path, capsys):
    folder = details_copy(tmp_path, "1.010041", "3.000351")
    (folder / "zz-broken.json").write_text('{"code": 5}', encoding="utf-8")
    call_command("import_procedures", str(folder))
    out, err = capsys.readouterr()
    assert "2 created, 0 updated, 0 unchanged, 1 skipped" in out
    assert "zz-broken.json: missing procedure code" in err
    assert "[##############################] 3/3" in err
    call_command("import_procedures", str(folder), "--no-progress")
    out, err = capsys.readouterr()
    assert "0 created, 0 updated, 2 unchanged, 1 skipped" in out
    assert "[#" not in err


def test_command_imports_the_bundled_fixtures(db, capsys):
    call_command("import_procedures", "--no-progress")
    out, _err = capsys.readouterr()
    assert "Procedure records: 21 created" in out
    assert Procedure.objects.count() > 2000
    assert Subject.objects.filter(is_foreign=True).exists()
