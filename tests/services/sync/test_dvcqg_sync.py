"""The national record: field names and codes of the DVCQG sync (regulations §3.9), dates in GMT+7."""

from datetime import UTC, datetime

import pytest
import time_machine

from services.dossiers.models import Dossier
from services.procedures.models import Fee, Field
from services.sync.dvcqg import channel_code, dossier_record, format_date, identity_documents
from services.sync.models import OutboxMessage
from tests.services.sync.helpers import received

pytestmark = pytest.mark.django_db


def test_dates_are_vietnam_time_without_separators():
    # 20:30:05 UTC is 03:30:05 the next morning in Vietnam (GMT+7).
    assert format_date(datetime(2026, 11, 23, 20, 30, 5, tzinfo=UTC)) == "20261124033005"
    assert format_date(None) is None


@pytest.mark.parametrize(
    ("channel", "code"),
    [(Dossier.Channel.COUNTER, 1), (Dossier.Channel.ONLINE, 2), (Dossier.Channel.POST, 3)],
)
def test_channel_codes(channel, code):
    assert channel_code(Dossier(channel=channel)) == code


def test_identity_documents():
    assert identity_documents("001099012345") == [{"LoaiDinhDanh": 1, "SoDinhDanh": "001099012345"}]
    assert identity_documents("123 456 789") == [{"LoaiDinhDanh": 2, "SoDinhDanh": "123456789"}]
    assert identity_documents("") == []


@pytest.fixture
def dossier(national):
    with time_machine.travel(datetime(2026, 11, 23, 2, 15, 30, tzinfo=UTC), tick=False):
        dossier = received()
    procedure = dossier.procedure
    procedure.field = Field.objects.create(name="Hộ tịch", ministry="Bộ Tư pháp", code="G01-TP01")
    procedure.save()
    Fee.objects.create(
        procedure=procedure,
        channel="online",
        kind="fee",
        amount=8_000,
        description="Lệ phí cấp bản sao",
    )
    with time_machine.travel(datetime(2026, 11, 24, 8, 0, tzinfo=UTC), tick=False):
        dossier.start_processing(unit="Phòng Hộ tịch")
    return dossier


def test_the_record_of_a_status_change(dossier):
    message = OutboxMessage.objects.filter(dossier=dossier).order_by("pk").last()
    record = message.payload
    procedure = dossier.procedure
    assert record["MaHoSo"] == dossier.code and record["MaHoSo"].startswith(procedure.agency.code)
    assert record["MaTTHC"] == procedure.code
    assert record["TenTTHC"] == procedure.name
    assert (record["MaLinhVuc"], record["TenLinhVuc"]) == ("G01-TP01", "Hộ tịch")
    assert record["KenhThucHien"] == 2
    assert record["ChuHoSo"] == "Nguyễn Văn An"
    assert record["LoaiDoiTuong"] == 1
    assert record["SoGiayToChuHoSo"] == "001099012345"
    assert record["DinhDanhCHS"] == [{"LoaiDinhDanh": 1, "SoDinhDanh": "001099012345"}]
    assert record["SoDienThoai"] == "0912345678"
    # Submitted and received at 02:15:30 UTC = 09:15:30 in Vietnam.
    assert record["NgayNopHoSo"] == "20261123091530"
    assert record["NgayTiepNhan"] == "20261123091530"
    assert record["NgayHenTra"] == format_date(dossier.due_at)
    assert len(record["NgayHenTra"]) == 14 and record["NgayHenTra"] > "20261123091530"
    assert record["NgayTra"] is None and record["NgayKetThucXuLy"] is None
    assert record["TrangThaiHoSo"] == 4
    assert record["DonViXuLy"] == "Phòng Hộ tịch"
    assert record["MaDonViXuLy"] == procedure.agency.code
    assert record["DuocThanhToanTrucTuyen"] == 0
    assert record["DanhSachLePhi"] == [
        {
            "TenPhiLePhi": "Lệ phí cấp bản sao",
            "MaPhiLePhi": "",
            "HinhThucThu": 2,
            "Gia": 8000,
            "LoaiPhiLePhi": 1,
        }
    ]
    assert [file["TenTepDinhKem"] for file in record["TaiLieuNop"]] == [
        attachment.original_name for attachment in dossier.attachments.order_by("pk")
    ]
    assert all(file["DuongDanTaiTepTin"] is None for file in record["TaiLieuNop"])
    assert [step["TrangThai"] for step in record["QuaTrinhXuLy"]] == ["1", "2", "4"]
    assert record["QuaTrinhXuLy"][-1]["ThoiDiemXuLy"] == "20261124150000"
    assert record["QuaTrinhXuLy"][-1]["PhongBanXuLy"] == "Phòng Hộ tịch"
    assert record["SuKien"]["HanhDong"] == "start_processing"
    assert record["SuKien"]["TuTrangThai"] == "2" and record["SuKien"]["DenTrangThai"] == "4"


def test_the_submission_record_is_a_snapshot_before_receipt(dossier):
    first = OutboxMessage.objects.filter(dossier=dossier).order_by("pk").first()
    assert first.payload["TrangThaiHoSo"] == 1
    assert first.payload["MaHoSo"] == ""  # no code before receipt
    assert first.payload["MaHoSoTamThoi"] == str(dossier.submission_key)
    assert first.payload["NgayTiepNhan"] is None
    assert len(first.payload["QuaTrinhXuLy"]) == 1


def test_files_get_signed_links_when_sent(dossier, national):
    from services.sync import outbox

    with time_machine.travel(datetime(2026, 11, 24, 9, 0, tzinfo=UTC)):
        outbox.deliver_due()
    body = national.hits[-1][2]
    links = [file["DuongDanTaiTepTin"] for file in body["TaiLieuNop"]]
    assert links and all(link.startswith("http://testserver/api/lien-thong/tep/") for link in links)


def test_supplement_requests_and_closing_dates(dossier):
    with time_machine.travel(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), tick=False):
        dossier.request_supplement(items=["Bản sao giấy khai sinh"], reason="Thiếu giấy tờ.")
    with time_machine.travel(datetime(2026, 11, 25, 1, 0, tzinfo=UTC), tick=False):
        dossier.supplement(note="Đã bổ sung.")
    with time_machine.travel(datetime(2026, 11, 25, 3, 0, tzinfo=UTC), tick=False):
        event = dossier.complete()
    record = dossier_record(dossier, event)
    assert record["DanhSachHoSoBoSung"] == [
        {
            "NguoiYeuCauBoSung": "",
            "NoiDungBoSung": "Thiếu giấy tờ.",
            "NgayYeuCauBoSung": "20261124160000",
            "NgayTiepNhanBoSung": "20261125080000",
            "DanhSachGiayToBoSung": ["Bản sao giấy khai sinh"],
        }
    ]
    assert record["TrangThaiHoSo"] == 9
    assert record["NgayKetThucXuLy"] == "20261125100000"
