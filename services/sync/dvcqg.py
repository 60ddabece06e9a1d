"""The dossier record in the field set of the National Public Service Portal's sync (regulations §3.9).

`dossier_record(dossier, event)` is a snapshot taken when the event happens: the dossier as it is at
that moment, its files, fees and whole process log (QuaTrinhXuLy) up to and including the event.
Dates are `yyyyMMddHHmmss` in Vietnam time (GMT+7); an unknown date is null.
"""

from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext_lazy as _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"

# KenhThucHien: 1 in person, 2 online, 3 public postal service.
CHANNEL_CODES = {"counter": 1, "online": 2, "post": 3}
# LoaiDoiTuong: 1 citizen, 2 enterprise, 3 state agency, 4 organisation or other.
CITIZEN, ENTERPRISE = 1, 2
ENTERPRISE_KEYS = ("ma_so_doanh_nghiep", "enterprise_code", "tax_code", "ma_so_thue")
# HinhThucThu of a fee: 1 collected online, 2 collected directly.
COLLECTED_ONLINE, COLLECTED_DIRECTLY = 1, 2
# LoaiPhiLePhi: 1 fee (lệ phí), 2 charge (phí).
FEE_KINDS = {"fee": 1, "charge": 2}
# DuocThanhToanTrucTuyen: 0 not paid online, 1 paid on DVCQG, 2 paid through the province's gateway.
PAID_THROUGH_PROVINCE = 2

ACTIONS = {
    "submit": _("Submitted online"),
    "receive": _("Received"),
    "refuse": _("Refused at receipt"),
    "start_processing": _("Sent for processing"),
    "request_supplement": _("Additional documents requested"),
    "supplement": _("Additional documents provided"),
    "request_payment": _("Payment of fees requested"),
    "payment_done": _("Fees paid"),
    "withdraw": _("Withdrawn at the citizen's request"),
    "stop": _("Processing stopped"),
    "complete": _("Processing completed"),
    "return_result": _("Result returned"),
    "extend": _("Appointment postponed"),
    "rate": _("Rated by the citizen"),
    "assign": _("Assigned to a handler"),
    "appraise": _("Appraised"),
    "visit": _("Verification visit"),
    "consult": _("Sent for consultation"),
    "consultation_answered": _("Consultation answered"),
    "transfer": _("Transferred to another level"),
    "transfer_returned": _("Returned from another level"),
    "submit_for_signature": _("Submitted for signature"),
    "return_for_revision": _("Returned for revision"),
    "sign_result": _("Result signed"),
    "propose_extension": _("Extension proposed"),
}


def format_date(value):
    """yyyyMMddHHmmss in GMT+7, or None."""
    if value is None:
        return None
    return value.astimezone(VIETNAM).strftime(DATE_FORMAT)


def channel_code(dossier):
    return CHANNEL_CODES[dossier.channel]


def applicant_kind(dossier):
    answers = dossier.answers or {}
    return ENTERPRISE if any(answers.get(key) for key in ENTERPRISE_KEYS) else CITIZEN


def identity_documents(number):
    """DinhDanhCHS: 1 = citizen identity card (12 digits), 2 = old identity card (9 digits)."""
    digits = "".join(character for character in number if character.isdigit())
    if len(digits) == 12:
        return [{"LoaiDinhDanh": 1, "SoDinhDanh": digits}]
    if len(digits) == 9:
        return [{"LoaiDinhDanh": 2, "SoDinhDanh": digits}]
    return []


def national_account(user):
    """The applicant's VNeID identifier when they signed in with it (MaDoiTuong), else ""."""
    account = user.socialaccount_set.order_by("pk").first()
    return account.uid if account else ""


def action_label(action):
    return str(ACTIONS.get(action, action))


def process_log(dossier, upto):
    """QuaTrinhXuLy: every event up to and including `upto`, oldest first."""
    events = dossier.events.filter(pk__lte=upto.pk).select_related("actor").order_by("at", "pk")
    log = []
    for event in events:
        content = action_label(event.action)
        if event.note:
            content = f"{content}: {event.note}"
        log.append(
            {
                "NguoiXuLy": event.actor.get_full_name() if event.actor else "",
                "ChucDanh": event.actor_role,
                "ThoiDiemXuLy": format_date(event.at),
                "PhongBanXuLy": event.holding_unit,
                "NoiDungXuLy": content,
                "TrangThai": event.to_status,
                "NgayBatDau": format_date(event.at),
                "NgayKetThucTheoQuyDinh": None,
            }
        )
    return log


def file_entry(attachment):
    component = attachment.component
    return {
        "MaTep": attachment.pk,
        "TenTepDinhKem": attachment.original_name,
        "MaThanhPhanHoSo": (component.code if component else "") or "",
        "TenThanhPhanHoSo": attachment.component_name,
        # Filled in with a signed, expiring link when the message is sent (services/sync/files.py).
        "DuongDanTaiTepTin": None,
        "DuocSoHoa": int(attachment.digitised),
        "DuocTaiSuDung": 0,
        "DuocLayTuKhoDMQG": 0,
        "MaKetQuaThayThe": "",
        "KichThuoc": attachment.size,
        "SHA256": attachment.sha256,
    }


def paid_payments(dossier):
    """The dossier's paid payments, with their lines."""
    return list(dossier.payments.filter(status="paid").prefetch_related("lines"))


def fee_list(dossier, payments):
    """DanhSachLePhi: the lines actually paid online when there are some, else the catalogue's
    fees for the dossier's channel (to be collected at the counter)."""
    lines = [line for payment in payments for line in payment.lines.all()]
    if lines:
        return [
            {
                "TenPhiLePhi": line.description,
                "MaPhiLePhi": "",
                "HinhThucThu": COLLECTED_ONLINE,
                "Gia": line.amount,
                "LoaiPhiLePhi": FEE_KINDS.get(line.kind, 1),
            }
            for line in lines
        ]
    fees = dossier.procedure.fees_for(
        dossier.PROCEDURE_CHANNELS.get(dossier.channel, dossier.channel)
    )
    return [
        {
            "TenPhiLePhi": fee.description or fee.get_kind_display(),
            "MaPhiLePhi": "",
            "HinhThucThu": COLLECTED_DIRECTLY,
            "Gia": fee.amount,
            "LoaiPhiLePhi": FEE_KINDS.get(fee.kind, 1),
        }
        for fee in fees
    ]


def supplement_list(dossier, upto):
    """DanhSachHoSoBoSung: each supplement request, with when it was answered."""
    requests = dossier.events.filter(pk__lte=upto.pk, action="request_supplement")
    answered = dossier.events.filter(pk__lte=upto.pk, action="supplement")
    answers = list(answered.order_by("at", "pk"))
    entries = []
    for request in requests.select_related("actor").order_by("at", "pk"):
        answer = next((event for event in answers if event.at >= request.at), None)
        if answer is not None:
            answers.remove(answer)
        entries.append(
            {
                "NguoiYeuCauBoSung": request.actor.get_full_name() if request.actor else "",
                "NoiDungBoSung": request.note,
                "NgayYeuCauBoSung": format_date(request.at),
                "NgayTiepNhanBoSung": format_date(answer.at) if answer else None,
            }
        )
    if entries and dossier.supplement_items:
        entries[-1]["DanhSachGiayToBoSung"] = list(dossier.supplement_items)
    return entries


def end_of_processing(dossier):
    """NgayKetThucXuLy: completion first, then the closing of a refused, stopped or withdrawn one."""
    return dossier.completed_at or dossier.closed_at


def dossier_record(dossier, event):
    """The DVCQG record of `dossier` right after `event` (a JSON-able dict)."""
    with translation.override("vi"):
        return _dossier_record(dossier, event)


def _dossier_record(dossier, event):
    procedure, agency = dossier.procedure, dossier.agency
    details = dossier.applicant_details()
    attachments = list(dossier.attachments.select_related("component"))
    submitted = [file for file in attachments if file.kind != "result"]
    results = [file for file in attachments if file.kind == "result"]
    payments = paid_payments(dossier)
    account = national_account(dossier.applicant)
    refused = dossier.status == dossier.Status.NOT_RECEIVED
    return {
        "MaHoSo": dossier.code or "",
        # Before receipt a dossier has no code yet; this identifies it until then.
        "MaHoSoTamThoi": str(dossier.submission_key),
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field.code if procedure.field_id else "",
        "TenLinhVuc": procedure.field.name if procedure.field_id else "",
        "KenhThucHien": channel_code(dossier),
        "ChuHoSo": details["name"],
        "LoaiDoiTuong": applicant_kind(dossier),
        "MaDoiTuong": account,
        "SoGiayToChuHoSo": details["id_number"],
        "DinhDanhCHS": identity_documents(details["id_number"]),
        "DiaChiChuHoSo": details["address"],
        "Email": details["email"],
        "Fax": "",
        "SoDienThoai": details["phone"],
        "TrichYeuHoSo": procedure.name,
        "NgayNopHoSo": format_date(dossier.submitted_at),
        "NgayTiepNhan": format_date(dossier.received_at),
        "NgayHenTra": format_date(dossier.due_at),
        "NgayTra": format_date(dossier.returned_at),
        "NgayKetThucXuLy": format_date(end_of_processing(dossier)),
        "NgayTuChoi": format_date(dossier.closed_at) if refused else None,
        "TrangThaiHoSo": int(dossier.status),
        "DonViXuLy": dossier.holding_unit or (agency.name if agency else ""),
        "MaDonViXuLy": agency.code if agency else "",
        "NoiNopHoSo": agency.name if agency else "",
        "HoSoCoThanhPhanSoHoa": int(any(file.digitised for file in submitted)),
        "TaiKhoanDuocXacThucVoiVNeID": int(bool(account)),
        "DuocThanhToanTrucTuyen": PAID_THROUGH_PROVINCE if payments else 0,
        "TaiLieuNop": [file_entry(file) for file in submitted],
        "DanhSachLePhi": fee_list(dossier, payments),
        "DanhSachHoSoBoSung": supplement_list(dossier, event),
        "DanhSachGiayToKetQua": [file_entry(file) for file in results],
        "QuaTrinhXuLy": process_log(dossier, event),
        "SuKien": {
            "MaSuKien": event.pk,
            "HanhDong": event.action,
            "TuTrangThai": event.from_status,
            "DenTrangThai": event.to_status,
            "ThoiDiem": format_date(event.at),
        },
    }
