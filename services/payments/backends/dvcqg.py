"""The National Public Service Portal's payment platform ("paymentplatform", spec §5.3).

JSON messages, protocol 1.0.6, a Bearer token, and a SHA-256 checksum (MaXacThuc) over pipe-joined
fields ending with the partner's secret:

- INIT   LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|SoTien|LoaiHinhThanhToan|MaKenhThanhToan|
         MaThietBi|NgonNgu|MaTienTe|MaNganHang|ThongTinGiaoDich|ThoiGianGD|Ip|Secret
- confirm (platform → us, /payments/dvcqg/confirm/)
         LoaiBanTin|MaLoi|MaDoiTac|MaThamChieu|SoTien|MaTienTe|MaGiaoDich|MaNganHang|ThoiGianGD|
         ThongTinGiaoDich|Secret; MaLoi "00" is success; we answer MaLoi, MaDoiTac, ThoiGianGD and
         MaXacThuc = SHA-256(MaLoi|MaDoiTac|ThoiGianGD|Secret)
- QUERY and GET_BILL  LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|ThoiGianGD|Secret

The protocol was read from production code, not an official specification: check the field list
with the platform's operator before going live.
"""

import hmac
import json
from hashlib import sha256

from django.http import JsonResponse
from django.utils import timezone

from .base import (
    GatewayError,
    GatewayMessage,
    PaymentBackend,
    ascii_text,
    client_ip,
    gmt7,
    int_or_none,
    parse_gmt7,
    post_json,
)

VERSION = "1.0.6"
INIT_FIELDS = (
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "LoaiHinhThanhToan",
    "MaKenhThanhToan",
    "MaThietBi",
    "NgonNgu",
    "MaTienTe",
    "MaNganHang",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "Ip",
)
CONFIRM_FIELDS = (
    "LoaiBanTin",
    "MaLoi",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaTienTe",
    "MaGiaoDich",
    "MaNganHang",
    "ThoiGianGD",
    "ThongTinGiaoDich",
)
QUERY_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
REPLY_FIELDS = ("MaLoi", "MaDoiTac", "ThoiGianGD")


def checksum(message, fields, secret):
    joined = "|".join([*(str(message.get(name, "")) for name in fields), secret])
    return sha256(joined.encode("utf-8")).hexdigest()


class DvcqgBackend(PaymentBackend):
    label = "Nền tảng thanh toán DVCQG"
    signed_return = False

    def __init__(self, alias, **options):
        super().__init__(alias, **options)
        self.url = options["url"]
        self.partner = options["partner_code"]
        self.secret = options["secret"]
        self.token = options.get("token", "")
        self.timeout = options.get("timeout", 15)

    def call(self, message):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        answer = post_json(self.url, message, timeout=self.timeout, headers=headers)
        if str(answer.get("error_code")) != "0":
            raise GatewayError(
                f"DVCQG answered {answer.get('error_code')}: {answer.get('message')}"
            )
        content = answer.get("message")
        if isinstance(content, str):
            try:
                content = json.loads(content)
            except ValueError as error:
                raise GatewayError("DVCQG answered a message that is not JSON") from error
        if not isinstance(content, dict):
            raise GatewayError("DVCQG answered an empty message")
        return content

    # INIT -------------------------------------------------------------------------------------

    def init_message(self, payment, *, ip, now=None):
        dossier = payment.dossier
        procedure = dossier.procedure
        applicant = dossier.applicant_details()
        agency = dossier.agency or procedure.agency
        lines = list(payment.lines.all())
        message = {
            "LoaiBanTin": "INIT",
            "PhienBan": VERSION,
            "MaDoiTac": self.partner,
            "MaThamChieu": payment.reference,
            "SoTien": payment.amount,
            "LoaiHinhThanhToan": "PAY",
            "MaKenhThanhToan": "1",
            "MaThietBi": "1",
            "NgonNgu": "vi-VN",
            "MaTienTe": "VND",
            "MaNganHang": "PAYMENT",
            "ThongTinGiaoDich": ascii_text(f"THANH TOAN HO SO {dossier.code or dossier.pk}"),
            "ThoiGianGD": gmt7(now or timezone.now()),
            "Ip": ip,
        }
        message["MaXacThuc"] = checksum(message, INIT_FIELDS, self.secret)
        message["ThongTinBienLai"] = {
            "MaDVC": f"{procedure.code}.01",
            "TenDVC": procedure.name,
            "MaTTHC": procedure.code,
            "TenTTHC": procedure.name,
            "MaDonVi": agency.code if agency else "",
            "TenDonVi": agency.name if agency else "",
            "MaHoSo": dossier.code or str(dossier.pk),
            "TKThuHuong": self.options.get("beneficiary_account", ""),
            "MaNHThuHuong": self.options.get("beneficiary_bank", ""),
            "TenTKThuHuong": self.options.get("beneficiary_name", ""),
            "HoTenNguoiNop": applicant["name"],
            "SoCMNDNguoiNop": applicant["id_number"],
            "DiaChiNguoiNop": applicant["address"],
            "NoiDungThanhToan": message["ThongTinGiaoDich"],
            "PhiLePhi": [
                {
                    "LoaiPhiLePhi": "2" if line.kind == "charge" else "1",
                    "MaPhiLePhi": str(line.position + 1),
                    "TenPhiLePhi": line.description,
                    "SoTien": line.amount,
                }
                for line in lines
            ],
            "DSKhoanNop": [{"NoiDung": line.description, "SoTien": line.amount} for line in lines],
        }
        return message

    def payment_url(self, payment, *, request):
        content = self.call(self.init_message(payment, ip=client_ip(request)))
        url = content.get("UrlThanhToan")
        if not url:
            raise GatewayError("DVCQG gave no payment address")
        return url

    # Return and confirm -----------------------------------------------------------------------

    def message_from(self, data):
        data = {key: str(value)[:500] for key, value in data.items() if not isinstance(value, dict)}
        valid = bool(data.get("MaXacThuc")) and hmac.compare_digest(
            data.get("MaXacThuc", "").lower(), checksum(data, CONFIRM_FIELDS, self.secret)
        )
        valid = valid and data.get("MaDoiTac") == self.partner
        return GatewayMessage(
            reference=data.get("MaThamChieu", "")[:64],
            signature_valid=valid,
            amount=int_or_none(data.get("SoTien")),
            succeeded=data.get("MaLoi") == "00",
            transaction_no=data.get("MaGiaoDich", "")[:64],
            bank_code=data.get("MaNganHang", "")[:30],
            paid_at=parse_gmt7(data.get("ThoiGianGD")),
            response_code=data.get("MaLoi", "")[:4],
            raw=data,
        )

    def parse_return(self, request):
        # The browser comes back with the reference only; its result is never trusted.
        reference = request.GET.get("MaThamChieu", "")[:64]
        return GatewayMessage(reference=reference, signature_valid=False, raw={})

    def parse_notification(self, request):
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            data = {}
        return self.message_from(data if isinstance(data, dict) else {})

    def reply(self, outcome, *, now=None):
        body = {
            "MaLoi": outcome.value,
            "MaDoiTac": self.partner,
            "ThoiGianGD": gmt7(now or timezone.now()),
        }
        body["MaXacThuc"] = checksum(body, REPLY_FIELDS, self.secret)
        return body

    def notification_response(self, outcome, message=None):
        return JsonResponse(self.reply(outcome))

    # QUERY and GET_BILL -----------------------------------------------------------------------

    def query_message(self, payment, kind="QUERY", *, now=None):
        message = {
            "LoaiBanTin": kind,
            "PhienBan": VERSION,
            "MaDoiTac": self.partner,
            "MaThamChieu": payment.reference,
            "ThoiGianGD": gmt7(now or timezone.now()),
        }
        message["MaXacThuc"] = checksum(message, QUERY_FIELDS, self.secret)
        return message

    def query(self, payment):
        content = self.call(self.query_message(payment))
        code = str(content.get("MaLoi", ""))
        return GatewayMessage(
            reference=payment.reference,
            signature_valid=True,
            amount=int_or_none(content.get("SoTien")),
            succeeded=True if code == "00" else (None if code in ("", "01") else False),
            transaction_no=str(content.get("MaGiaoDich", ""))[:64],
            bank_code=str(content.get("MaNganHang", ""))[:30],
            paid_at=parse_gmt7(content.get("ThoiGianGD")),
            response_code=code[:4],
            raw=content,
        )

    def get_bill(self, payment):
        """The platform's own receipt for this payment (GET_BILL), as the platform returns it."""
        return self.call(self.query_message(payment, "GET_BILL"))
