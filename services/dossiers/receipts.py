"""The one-stop forms as A5 PDFs (TT 01/2018 Art. 9; field layout of annexes BM.01–BM.03, §3.6).

BM.01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả, BM.02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ and
BM.03 Phiếu từ chối tiếp nhận giải quyết hồ sơ. The forms are legal documents in Vietnamese whatever
the reader's language, so their wording is written here in Vietnamese, as on the paper forms. Each
carries a QR code of the public lookup address (TT 01/2018 Art. 19.2) and, once issued through
`issued_form`, the agency's digital signature with a visible stamp and a QR code of its public
verification page (services.signing).
"""

import io
import logging
from dataclasses import dataclass

import qrcode
from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from .models import Dossier, DossierEvent

FONTS = settings.BASE_DIR / "portal" / "fonts"
logger = logging.getLogger(__name__)
# Room kept free at the foot of the last page for the signature stamp (services.signing.pdf).
STAMP_ROOM_MM = 24


@dataclass(frozen=True)
class FormKind:
    slug: str
    number: str
    title: str
    series: str


BM01 = FormKind("bm01", "BM.01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "TNHS")
BM02 = FormKind("bm02", "BM.02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "PBS")
BM03 = FormKind("bm03", "BM.03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "PTC")
FORMS = {form.slug: form for form in (BM01, BM02, BM03)}


def available_forms(dossier):
    """The forms this dossier has: BM.01 once received, BM.02 after a supplement request, BM.03 if refused."""
    forms = []
    if dossier.code and dossier.received_at:
        forms.append(BM01)
    if dossier.supplement_items:
        forms.append(BM02)
    if dossier.status in (Dossier.Status.NOT_RECEIVED, Dossier.Status.STOPPED):
        forms.append(BM03)
    return forms


def hh_mm_date(value):
    if not value:
        return "…"
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def dotted(value):
    return value or "…………………………"


def duration_text(time):
    if time is None:
        return "theo quy định"
    units = {"day": "ngày", "working_day": "ngày làm việc", "hour": "giờ làm việc"}
    amount = time.amount.normalize()
    return f"{amount:f}".replace(".", ",") + f" {units.get(time.unit, time.unit)}"


class FormPdf(FPDF):
    def __init__(self):
        # A5 (148 × 210 mm), given in millimetres: the "a5" name warns on this fpdf2 version.
        super().__init__(format=(148, 210))
        self.add_font("Noto", "", FONTS / "NotoSans-Regular.ttf")
        self.add_font("Noto", "B", FONTS / "NotoSans-Bold.ttf")
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(True, margin=12)
        self.add_page()

    def line_text(self, text, size=9, style="", align="L", height=5):
        self.set_font("Noto", style, size)
        self.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def field(self, label, value):
        self.set_font("Noto", "B", 9)
        self.write(5, f"{label}: ")
        self.set_font("Noto", "", 9)
        self.multi_cell(0, 5, dotted(value), new_x="LMARGIN", new_y="NEXT")

    def header_block(self, managing_unit, unit, number, place_date):
        half = (self.w - self.l_margin - self.r_margin) / 2
        top = self.get_y()
        self.set_font("Noto", "", 8)
        self.multi_cell(half, 4, managing_unit.upper(), align="C", new_x="LEFT", new_y="NEXT")
        self.set_font("Noto", "B", 8)
        self.multi_cell(half, 4, unit.upper(), align="C", new_x="LEFT", new_y="NEXT")
        self.set_font("Noto", "", 8)
        self.multi_cell(half, 4, f"Số: {number}", align="C", new_x="LEFT", new_y="NEXT")
        left_bottom = self.get_y()
        self.set_xy(self.l_margin + half, top)
        self.set_font("Noto", "B", 8)
        self.multi_cell(
            half, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LEFT", new_y="NEXT"
        )
        self.multi_cell(
            half, 4, "Độc lập - Tự do - Hạnh phúc", align="C", new_x="LEFT", new_y="NEXT"
        )
        self.set_font("Noto", "", 8)
        self.multi_cell(half, 4, place_date, align="C", new_x="LEFT", new_y="NEXT")
        self.set_xy(self.l_margin, max(left_bottom, self.get_y()) + 3)

    def qr(self, url, caption):
        image = qrcode.make(url, box_size=6, border=2).get_image()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        size = 24
        if self.get_y() + size + 10 > self.h - self.b_margin:
            self.add_page()
        y = self.get_y() + 2
        self.image(buffer, x=self.l_margin, y=y, w=size, h=size)
        self.set_xy(self.l_margin + size + 3, y + 4)
        self.set_font("Noto", "", 8)
        self.multi_cell(0, 4, f"{caption}\n{url}", new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y(), y + size) + 2)

    def leave_room_for_stamp(self):
        if self.get_y() > self.h - STAMP_ROOM_MM:
            self.add_page()

    def signatures(self, left, right):
        half = (self.w - self.l_margin - self.r_margin) / 2
        self.ln(2)
        y = self.get_y()
        for index, title in enumerate((left, right)):
            self.set_xy(self.l_margin + index * half, y)
            self.set_font("Noto", "B", 8)
            self.multi_cell(half, 4, title, align="C", new_x="LEFT", new_y="NEXT")
            self.set_font("Noto", "", 7)
            self.multi_cell(
                half,
                4,
                "(Ký và ghi rõ họ tên; ký số nếu là biểu mẫu điện tử)",
                align="C",
                new_x="LEFT",
                new_y="NEXT",
            )


def _common(dossier, form, lookup_url, managing_unit, when):
    pdf = FormPdf()
    pdf.set_title(f"{form.number} {form.title.capitalize()} – {dossier.code or ''}")
    pdf.set_author(dossier.agency.name if dossier.agency_id else managing_unit)
    local = timezone.localtime(when or timezone.now())
    place_date = f"Ngày {local:%d} tháng {local:%m} năm {local:%Y}"
    sequence = (dossier.code or "").rsplit("-", 1)[-1] or "…"
    pdf.header_block(
        managing_unit,
        f"Bộ phận Tiếp nhận và Trả kết quả – {dossier.agency.name if dossier.agency_id else ''}",
        f"{sequence}/{form.series}",
        place_date,
    )
    pdf.line_text(form.title, size=11, style="B", align="C", height=6)
    pdf.line_text(f"Mẫu {form.number}", size=8, align="C")
    pdf.ln(1)
    return pdf


def render(dossier, form, *, lookup_url, managing_unit, verification_url=""):
    """The PDF bytes of one form for one dossier; with `verification_url`, its QR code too."""
    renderers = {"bm01": _bm01, "bm02": _bm02, "bm03": _bm03}
    pdf = renderers[form.slug](dossier, lookup_url, managing_unit)
    if verification_url:
        pdf.qr(verification_url, "Xác thực văn bản điện tử có chữ ký số tại:")
    pdf.leave_room_for_stamp()
    return bytes(pdf.output())


def form_date(dossier, form):
    """When the dossier's current version of the form came to be."""
    if form is BM01:
        return dossier.received_at
    if form is BM02:
        event = _last_event(dossier, "request_supplement")
    else:
        event = _last_event(
            dossier, "stop" if dossier.status == Dossier.Status.STOPPED else "refuse"
        )
    return event.at if event else None


def issued_form(dossier, form, *, lookup_url, managing_unit):
    """The agency-signed form (a services.signing SignedDocument), issued once per occasion: a new
    supplement request or refusal issues a new one. None when the agency cannot sign now."""
    from services.signing.flows import SigningFailed, issue_document, latest_document

    since = form_date(dossier, form)
    existing = latest_document(dossier, form.number)
    if existing and (since is None or existing.created_at >= since):
        return existing
    try:
        return issue_document(
            kind=form.number,
            agency=dossier.agency,
            title=f"{form.number} {form.title.capitalize()} – {dossier.code or ''}",
            render=lambda url: render(
                dossier,
                form,
                lookup_url=lookup_url,
                managing_unit=managing_unit,
                verification_url=url,
            ),
            dossier=dossier,
        )
    except SigningFailed:
        logger.warning("The agency could not sign %s of dossier %s", form.number, dossier.pk)
        return None


def _applicant(pdf, details):
    pdf.field("Ông/Bà/Tổ chức", details["name"])
    pdf.field("Số định danh cá nhân/mã số tổ chức", details["id_number"])
    pdf.field("Địa chỉ", details["address"])
    pdf.field("Số điện thoại", details["phone"])
    pdf.field("Thư điện tử", details["email"])


def _bm01(dossier, lookup_url, managing_unit):
    pdf = _common(dossier, BM01, lookup_url, managing_unit, dossier.received_at)
    unit = dossier.agency.name if dossier.agency_id else ""
    pdf.field("Mã hồ sơ", dossier.code)
    pdf.line_text(f"Bộ phận Tiếp nhận và Trả kết quả – {unit} tiếp nhận hồ sơ của:")
    _applicant(pdf, dossier.applicant_details())
    pdf.field("Nội dung yêu cầu giải quyết", dossier.procedure.name)
    pdf.line_text("1. Thành phần hồ sơ nộp gồm:", style="B")
    names = []
    for attachment in dossier.attachments.filter(kind="applicant"):
        name = attachment.component_name or attachment.original_name
        if name not in names:
            names.append(name)
    for number, name in enumerate(names or ["(không có)"], start=1):
        pdf.line_text(f"{number}. {name}")
    pdf.field("2. Số lượng hồ sơ", "01 bộ")
    pdf.field(
        "3. Thời gian giải quyết hồ sơ theo quy định", duration_text(dossier.processing_time())
    )
    pdf.field("4. Thời gian nhận hồ sơ", hh_mm_date(dossier.received_at))
    pdf.field("5. Thời gian trả kết quả giải quyết hồ sơ", hh_mm_date(dossier.due_at))
    pdf.field(
        "6. Đăng ký nhận kết quả tại",
        "Cổng Dịch vụ công trực tuyến (tài khoản của người nộp) hoặc Bộ phận Tiếp nhận và Trả kết "
        f"quả – {unit}",
    )
    sequence = (dossier.code or "").rsplit("-", 1)[-1]
    pdf.field(
        "Vào Sổ theo dõi hồ sơ",
        f"Quyển số {timezone.localtime(dossier.received_at):%Y}, Số thứ tự {sequence}",
    )
    pdf.signatures("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")
    pdf.ln(10)
    pdf.qr(lookup_url, "Tra cứu tình trạng hồ sơ bằng mã QR hoặc tại địa chỉ:")
    return pdf


def _last_event(dossier, action):
    return DossierEvent.objects.filter(dossier=dossier, action=action).order_by("-at").first()


def _bm02(dossier, lookup_url, managing_unit):
    event = _last_event(dossier, "request_supplement")
    pdf = _common(dossier, BM02, lookup_url, managing_unit, event.at if event else None)
    details = dossier.applicant_details()
    pdf.field("Mã hồ sơ", dossier.code)
    pdf.field("Hồ sơ của", details["name"])
    pdf.field("Nội dung yêu cầu giải quyết", dossier.procedure.name)
    pdf.field("Địa chỉ", details["address"])
    pdf.field("Số điện thoại", details["phone"])
    pdf.field("Thư điện tử", details["email"])
    pdf.line_text("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", style="B")
    for number, item in enumerate(dossier.supplement_items, start=1):
        pdf.line_text(f"{number}. {item}")
    pdf.field("Lý do", dossier.supplement_reason)
    pdf.field("Cần liên hệ để được hướng dẫn", dossier.supplement_contact)
    pdf.line_text(
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ theo thông tin trên "
        "để được hướng dẫn. Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ."
    )
    pdf.signatures("", "NGƯỜI HƯỚNG DẪN")
    pdf.ln(10)
    pdf.qr(lookup_url, "Tra cứu tình trạng hồ sơ bằng mã QR hoặc tại địa chỉ:")
    return pdf


def _bm03(dossier, lookup_url, managing_unit):
    event = _last_event(dossier, dossier.status == Dossier.Status.STOPPED and "stop" or "refuse")
    pdf = _common(dossier, BM03, lookup_url, managing_unit, event.at if event else None)
    unit = dossier.agency.name if dossier.agency_id else ""
    pdf.line_text(f"Bộ phận Tiếp nhận và Trả kết quả – {unit} tiếp nhận hồ sơ của:")
    _applicant(pdf, dossier.applicant_details())
    pdf.field("Mã hồ sơ", dossier.code)
    pdf.field("Nội dung yêu cầu giải quyết", dossier.procedure.name)
    pdf.line_text(
        "Cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        style="B",
    )
    pdf.line_text(dotted(dossier.decision_reason))
    pdf.line_text("Xin thông báo để ông/bà được biết và thực hiện.")
    pdf.signatures("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")
    pdf.ln(10)
    pdf.qr(lookup_url, "Tra cứu tình trạng hồ sơ bằng mã QR hoặc tại địa chỉ:")
    return pdf
