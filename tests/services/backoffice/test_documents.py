"""BM.05 control sheet from the event log (early / on time / late per step) and the BM.06 register
(A4 landscape PDF and spreadsheet)."""

import io
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from services.backoffice import documents, processing
from services.procedures.models import Step
from services.workdays.engine import TIME_ZONE
from tests.services.backoffice.processing_fixtures import (
    in_processing,
    log_in,
    office,
    received,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_signing")]


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=TIME_ZONE)


def text_of(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.fixture
def unit():
    return office("000.00.12.H99", "Trung tâm PVHCC tỉnh")


def test_bm05_marks_each_hand_over_early_on_time_or_late_against_its_step_deadline(unit):
    # Three steps over three working days: step deadlines Tue 09:00, Wed 09:00, Thu 09:00.
    for position, title in enumerate(["Tiếp nhận", "Thẩm định", "Phê duyệt"]):
        Step.objects.create(
            procedure=unit.procedure, position=position, title=title, description=title
        )
    with time_machine.travel(at(2, 9), tick=False) as clock:
        dossier = received(unit, at=at(2, 9))  # Monday: early against Tuesday 09:00
        clock.move_to(at(4, 8))  # Wednesday 08:00: on time against Wednesday 09:00
        processing.assign(dossier, handler=unit.handler, by=unit.head)
        clock.move_to(at(5, 10))  # Thursday 10:00: late against Thursday 09:00
        processing.submit_for_signature(dossier, by=unit.handler, summary="Kết quả.")
        clock.move_to(at(5, 11))
        processing.sign_result(dossier, by=unit.head)
    dossier.refresh_from_db()
    rows = documents.handovers(dossier)
    summary = [(row.timeliness, row.giver, row.receiver) for row in rows]
    assert summary[0][0] == "early" and summary[0][2] == str(unit.desk)
    assert summary[1] == ("on_time", str(unit.head), str(unit.handler))
    assert summary[2][0] == "late" and summary[2][1] == str(unit.handler)
    assert str(unit.head) in summary[2][2]
    assert summary[3][0] == "late"
    assert rows[0].deadline == at(3, 9) and rows[1].deadline == at(4, 9)
    assert rows[2].deadline == dossier.due_at == at(5, 9)

    reader, text = text_of(documents.render_bm05(dossier))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert dossier.code in text
    for label in ("Trước hạn", "Đúng hạn", "Quá hạn"):
        assert label in text
    assert "08 giờ 00 phút, ngày 04/03/2026" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(float(width) / 72 * 25.4) == 148 and round(float(height) / 72 * 25.4) == 210


def test_without_procedure_steps_every_hand_over_is_due_at_the_appointment(unit):
    with time_machine.travel(at(2, 9), tick=False) as clock:
        dossier = received(unit, at=at(2, 9))
        clock.move_to(at(4, 8))
        processing.assign(dossier, handler=unit.handler, by=unit.head)
        clock.move_to(at(5, 8))
        processing.add_appraisal(dossier, by=unit.handler, text="Đạt.")
        processing.submit_for_signature(dossier, by=unit.handler, summary="Kết quả.")
    rows = documents.handovers(dossier)
    assert [row.timeliness for row in rows] == ["early", "early", "on_time"]
    assert {row.deadline for row in rows} == {dossier.due_at}


def test_the_control_sheet_downloads_for_the_agency_only(client, unit):
    other = office("000.00.05.H99", "Sở Tài chính")
    dossier = in_processing(unit)
    log_in(client, unit.handler)
    response = client.get(reverse("backoffice:control_sheet", args=[dossier.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert dossier.code in text_of(response.content)[1]
    log_in(client, other.handler)
    assert client.get(reverse("backoffice:control_sheet", args=[dossier.pk])).status_code == 404


@pytest.fixture
def register_data(unit):
    """Two dossiers received in March (one returned at the counter), one in April."""
    with time_machine.travel(at(2, 9), tick=False) as clock:
        first = in_processing(unit, at=at(2, 9), channel="counter")
        processing.submit_for_signature(first, by=unit.handler, summary="Kết quả.")
        processing.sign_result(first, by=unit.head)
        clock.move_to(at(4, 10))
        processing.return_result(first, by=unit.desk, method="counter")
        clock.move_to(at(10, 14))
        second = received(unit, at=at(10, 14))
        clock.move_to(datetime(2026, 4, 1, 9, tzinfo=TIME_ZONE))
        april = received(unit)
    for dossier in (first, second, april):
        dossier.refresh_from_db()
    return first, second, april


def test_bm06_register_as_an_a4_landscape_pdf(unit, register_data):
    first, second, april = register_data
    data = documents.render_bm06_pdf(unit.agency, date(2026, 3, 1), date(2026, 3, 31))
    reader, text = text_of(data)
    box = reader.pages[0].mediabox
    assert (
        round(float(box.width) / 72 * 25.4) == 297 and round(float(box.height) / 72 * 25.4) == 210
    )
    assert "SỔ THEO DÕI HỒ SƠ" in text and "01/03/2026" in text and "31/03/2026" in text
    assert first.code in text and second.code in text and april.code not in text
    assert "02/03/2026" in text and "04/03/2026" in text  # received and returned
    assert "Nguyễn Văn An" in text


def test_bm06_register_as_a_spreadsheet(client, unit, register_data):
    first, second, april = register_data
    log_in(client, unit.desk)
    response = client.get(
        reverse("backoffice:register"),
        {"start": "01/03/2026", "end": "31/03/2026", "format": "xlsx"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[1] for row in rows] == [first.code, second.code]
    number, code, procedure, name, contact, lead, got, due, returned, method, _sign = rows[0]
    assert (number, procedure, name) == (1, unit.procedure.name, "Nguyễn Văn An")
    assert "0912345678" in contact and lead == unit.agency.name
    assert (got, returned) == ("02/03/2026", "04/03/2026")
    assert due == first.due_at.astimezone(TIME_ZONE).strftime("%d/%m/%Y")
    assert method == "Trực tiếp tại Bộ phận Một cửa"  # the register is always in Vietnamese
    assert rows[1][8] in ("", None)
    header = [cell.value for cell in sheet[3]]
    assert header[1] == "Mã hồ sơ" and header[9] == "Cách thức nhận kết quả"


def test_the_register_form_rejects_a_reversed_period(client, unit):
    log_in(client, unit.desk)
    response = client.get(
        reverse("backoffice:register"),
        {"start": "31/03/2026", "end": "01/03/2026", "format": "pdf"},
    )
    assert response.status_code == 400
    response = client.get(reverse("backoffice:register"))
    assert response.status_code == 200 and b"BM.06" in response.content


def test_a_signed_bm05_is_kept_when_the_result_is_returned(unit):
    from services.signing.flows import latest_document

    dossier = in_processing(unit, channel="counter")
    processing.submit_for_signature(dossier, by=unit.handler, summary="Kết quả.")
    processing.sign_result(dossier, by=unit.head)
    dossier.refresh_from_db()
    assert latest_document(dossier, "BM.05") is None
    processing.return_result(dossier, by=unit.desk, method="counter")
    document = latest_document(dossier, "BM.05")
    assert document.signed_by == unit.desk and document.agency == unit.agency
    with document.file.open("rb") as handle:
        text = text_of(handle.read())[1]
    assert dossier.code in text and "/xac-thuc/" in text
    assert "Trực tiếp tại Bộ phận Một cửa" in text or "one-stop counter" in text
