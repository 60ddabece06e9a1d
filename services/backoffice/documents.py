"""The processing forms (TT 01/2018 Art. 9; field layout of annexes BM.04–BM.06, regulations §3.6)
and the result document.

BM.04 Phiếu xin lỗi và hẹn lại ngày trả kết quả (A5, signed by the head), BM.05 Phiếu kiểm soát quá
trình giải quyết hồ sơ (A5, built from the event log), BM.06 Sổ theo dõi hồ sơ (A4 landscape, PDF and
spreadsheet). Like the receipts, the forms are legal documents written in Vietnamese.

Signed documents are made by `services.signing.flows.issue_document`, which calls our `render(url)`
with the public verification address; the form prints it with its QR code.
"""

import io
import math
from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from services.dossiers.models import Dossier
from services.dossiers.receipts import FONTS, FormPdf, hh_mm_date
from services.workdays import engine

MANAGING_UNIT = "Ủy ban nhân dân tỉnh Tân Hòa"
VERIFY_CAPTION = "Xác thực văn bản điện tử bằng mã QR hoặc tại địa chỉ:"


def managing_unit():
    """The default site's agency name (PortalSettings); MANAGING_UNIT when it has none."""
    from cms.models import PortalSettings

    settings_ = PortalSettings.objects.filter(site__is_default_site=True).first()
    return (settings_.agency_name if settings_ else "") or MANAGING_UNIT


def _date_line(when=None):
    local = timezone.localtime(when or timezone.now())
    return f"Ngày {local:%d} tháng {local:%m} năm {local:%Y}"


def _start(title, number, agency_name, series, when=None, pdf=None):
    pdf = pdf or FormPdf()
    pdf.set_title(f"{number} {title.capitalize()}")
    pdf.set_author(agency_name)
    pdf.header_block(managing_unit(), agency_name, f"…/{series}", _date_line(when))
    pdf.line_text(title, size=11, style="B", align="C", height=6)
    pdf.line_text(f"Mẫu {number}", size=8, align="C")
    pdf.ln(1)
    return pdf


def _dd_mm_yyyy(value):
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


# The result ------------------------------------------------------------------------------------


def result_renderer(draft, *, signer):
    """render(verification_url) → PDF bytes of the result: the uploaded PDF with a closing page,
    or a generated decision page, both carrying the verification address and its QR code."""

    def render(verification_url):
        dossier = draft.dossier
        if draft.file:
            return _stamped_upload(draft, verification_url)
        pdf = _start(
            "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            "KQ",
            draft.agency.name,
            "KQ",
        )
        details = dossier.applicant_details()
        pdf.field("Mã hồ sơ", dossier.code)
        pdf.field("Thủ tục hành chính", dossier.procedure.name)
        pdf.field("Người đề nghị", details["name"])
        pdf.field("Số định danh cá nhân/mã số tổ chức", details["id_number"])
        pdf.line_text("Nội dung giải quyết:", style="B")
        pdf.line_text(draft.summary)
        pdf.ln(2)
        pdf.line_text(f"THỦ TRƯỞNG CƠ QUAN\n{signer}", style="B", align="R")
        pdf.ln(4)
        pdf.qr(verification_url, VERIFY_CAPTION)
        return bytes(pdf.output())

    return render


def _stamped_upload(draft, verification_url):
    from pypdf import PdfReader, PdfWriter

    with draft.file.open("rb") as handle:
        original = PdfReader(io.BytesIO(handle.read()))
    closing = _start("THÔNG TIN XÁC THỰC KẾT QUẢ", "KQ", draft.agency.name, "KQ")
    closing.field("Mã hồ sơ", draft.dossier.code)
    closing.field("Thủ tục hành chính", draft.dossier.procedure.name)
    closing.line_text(draft.summary)
    closing.qr(verification_url, VERIFY_CAPTION)
    writer = PdfWriter()
    for page in original.pages:
        writer.add_page(page)
    for page in PdfReader(io.BytesIO(bytes(closing.output()))).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# BM.04 -----------------------------------------------------------------------------------------


def bm04_renderer(dossier, *, old_due, new_due, reason, agency, head):
    def render(verification_url):
        pdf = _start(
            "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            "BM.04",
            agency.name,
            "PXL",
        )
        details = dossier.applicant_details()
        pdf.field("Kính gửi", details["name"])
        received = timezone.localtime(dossier.received_at)
        pdf.line_text(
            f"Ngày {received:%d/%m/%Y}, {agency.name} tiếp nhận giải quyết hồ sơ đề nghị "
            f"{dossier.procedure.name} của Ông/Bà {details['name']}."
        )
        pdf.field("Số định danh cá nhân/mã số tổ chức", details["id_number"])
        pdf.field("Mã hồ sơ", dossier.code)
        pdf.field("Thời gian hẹn trả kết quả giải quyết hồ sơ", hh_mm_date(old_due))
        pdf.line_text(
            "Tuy nhiên đến nay, cơ quan, đơn vị chưa trả kết quả giải quyết hồ sơ của Ông/Bà "
            "đúng hẹn như đã ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
        )
        pdf.field("Lý do", reason)
        pdf.line_text(
            "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và "
            "hẹn lại thời gian trả kết quả:"
        )
        pdf.field("Thời gian hẹn trả kết quả mới", hh_mm_date(new_due))
        pdf.line_text("Chúng tôi xin trân trọng cảm ơn sự hợp tác của Ông/Bà.")
        pdf.ln(2)
        pdf.signatures("", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ")
        pdf.line_text(str(head), style="B", align="R")
        pdf.ln(2)
        pdf.qr(verification_url, VERIFY_CAPTION)
        return bytes(pdf.output())

    return render


# BM.05 -----------------------------------------------------------------------------------------

# Events that hand the dossier over from one person or unit to the next.
HANDOVERS = (
    "receive",
    "transfer",
    "assign",
    "consult",
    "consultation_answered",
    "request_supplement",
    "supplement",
    "submit_for_signature",
    "return_for_revision",
    "sign_result",
    "transfer_returned",
    "return_result",
)
TIMELINESS_LABELS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


@dataclass(frozen=True)
class HandOver:
    unit: str
    giver: str
    receiver: str
    at: datetime
    deadline: datetime | None
    timeliness: str  # "early", "on_time", "late" or "" (no deadline: the clock was stopped)
    note: str

    @property
    def timeliness_label(self):
        return TIMELINESS_LABELS.get(self.timeliness, "")


def timeliness(at, deadline):
    """Early when done on an earlier day than the deadline, late after it, on time otherwise."""
    if deadline is None:
        return ""
    if at > deadline:
        return "late"
    if timezone.localdate(at) < timezone.localdate(deadline):
        return "early"
    return "on_time"


def step_deadlines(dossier, count, work=None):
    """The deadline of each of `count` hand-overs: the processing time split evenly over the
    procedure's steps (trình tự thực hiện) and the hand-overs spread over those steps, the last
    at the appointment. Without steps, every hand-over is due at the appointment."""
    if count == 0:
        return []
    time_ = dossier.processing_time()
    if dossier.received_at is None or time_ is None:
        return [dossier.due_at] * count
    steps = dossier.procedure.steps.count()
    if steps <= 1:
        return [dossier.due_at] * count
    from services.workdays.models import current_calendar

    work = work or current_calendar()
    pauses = dossier.pause_list()
    deadlines = []
    for index in range(count):
        share = math.ceil((index + 1) * steps / count)
        if share >= steps:
            deadlines.append(dossier.due_at)
            continue
        deadlines.append(
            engine.due_at(
                dossier.received_at,
                time_.amount * share / steps,
                time_.unit,
                work,
                pauses=[p for p in pauses if p.ended_at is not None],
            )
        )
    return deadlines


def handovers(dossier):
    """BM.05's rows from the dossier's event log."""
    from .models import Assignment, ResultDraft

    events = list(
        dossier.events.filter(action__in=HANDOVERS).select_related("actor").order_by("at", "pk")
    )
    assignments = Assignment.objects.filter(dossier=dossier).select_related("handler")
    handlers = {a.event_id: a.handler for a in assignments}
    drafts = ResultDraft.objects.filter(dossier=dossier).select_related("decided_by")
    signers = {d.submitted_at: d.decided_by for d in drafts}
    applicant = dossier.applicant_details()["name"]
    timed = [e for e in events if e.action not in ("return_result",)]
    deadlines = dict(zip([e.pk for e in timed], step_deadlines(dossier, len(timed)), strict=True))
    rows = []
    current_handler = ""
    for event in events:
        actor = str(event.actor) if event.actor else ""
        giver, receiver = actor or event.holding_unit, event.holding_unit
        if event.action == "receive":
            giver, receiver = applicant, actor or event.holding_unit
        elif event.action == "assign":
            current_handler = str(handlers.get(event.pk) or "")
            receiver = current_handler or event.holding_unit
        elif event.action == "consult":
            receiver = event.note
        elif event.action == "consultation_answered":
            receiver = current_handler or event.holding_unit
        elif event.action == "submit_for_signature":
            signer = signers.get(event.at)
            receiver = f"Lãnh đạo – {signer}" if signer else "Lãnh đạo cơ quan"
        elif event.action == "return_for_revision":
            receiver = current_handler or event.holding_unit
        elif event.action == "request_supplement":
            receiver = applicant
        elif event.action == "supplement":
            giver, receiver = applicant, event.holding_unit
        elif event.action == "return_result":
            giver, receiver = actor or event.holding_unit, applicant
        deadline = deadlines.get(event.pk, dossier.due_at)
        if event.action == "return_result":
            deadline = dossier.due_at
        rows.append(
            HandOver(
                unit=event.holding_unit,
                giver=giver,
                receiver=receiver,
                at=event.at,
                deadline=deadline,
                timeliness=timeliness(event.at, deadline),
                note=event.note,
            )
        )
    return rows


def bm05_renderer(dossier):
    """render(verification_url) for the signed BM.05 kept when the result is returned."""
    return lambda verification_url: render_bm05(dossier, verification_url=verification_url)


def render_bm05(dossier, verification_url=""):
    """BM.05 as PDF bytes, built from the event log whenever it is opened; the copy signed when
    the result is returned carries its verification address."""
    pdf = FormPdf()
    pdf.set_margins(8, 10, 8)
    pdf.set_x(8)
    agency = dossier.agency.name if dossier.agency_id else ""
    _start(
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "BM.05",
        f"Bộ phận Tiếp nhận và Trả kết quả – {agency}",
        "PKS",
        pdf=pdf,
    )
    transfers = list(dossier.transfers.select_related("to_agency"))
    consulted = list(dossier.consultations.select_related("agency"))
    pdf.field("Mã hồ sơ", dossier.code)
    pdf.field(
        "Cơ quan, đơn vị giải quyết", ", ".join([agency] + [t.to_agency.name for t in transfers])
    )
    pdf.field(
        "Cơ quan phối hợp giải quyết",
        ", ".join(dict.fromkeys(c.agency.name for c in consulted)) or "Không",
    )
    pdf.field("Thời gian nhận hồ sơ", hh_mm_date(dossier.received_at))
    pdf.field("Thời gian hẹn trả kết quả", hh_mm_date(dossier.due_at))
    pdf.ln(1)
    pdf.set_font("Noto", "", 6.5)
    headings = ("Tên cơ quan, đơn vị", "Giao", "Nhận", "Thời điểm", "Kết quả", "Ghi chú")
    with pdf.table(
        col_widths=(24, 22, 22, 18, 14, 32),
        headings_style=FontFace(emphasis="BOLD"),
        line_height=3.2,
        text_align="LEFT",
    ) as table:
        table.row(headings)
        for row in handovers(dossier):
            local = timezone.localtime(row.at)
            table.row(
                (
                    row.unit,
                    row.giver,
                    row.receiver,
                    f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}",
                    row.timeliness_label or "—",
                    row.note,
                )
            )
    pdf.ln(2)
    pdf.line_text(
        "Ghi chú: Kết quả giải quyết hồ sơ do bên nhận ghi; việc ghi nhận được hệ thống thông tin "
        "giải quyết thủ tục hành chính thực hiện tự động và thể hiện trên biểu mẫu điện tử.",
        size=7,
    )
    if verification_url:
        pdf.qr(verification_url, VERIFY_CAPTION)
    return bytes(pdf.output())


# BM.06 -----------------------------------------------------------------------------------------

REGISTER_HEADINGS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên người nộp hồ sơ",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày trả kết quả",
    "Cách thức nhận kết quả",
    "Ký nhận",
)


def register_rows(agency, start, end):
    """BM.06's rows: the dossiers `agency` received from `start` to `end` (dates, inclusive)."""
    from services.workdays.engine import TIME_ZONE

    begin = datetime.combine(start, time.min, tzinfo=TIME_ZONE)
    finish = datetime.combine(end, time.max, tzinfo=TIME_ZONE)
    dossiers = (
        Dossier.objects.filter(agency=agency, received_at__gte=begin, received_at__lte=finish)
        .select_related("procedure", "agency", "applicant", "result_delivery")
        .prefetch_related("transfers__to_agency")
        .order_by("received_at", "pk")
    )
    rows = []
    for number, dossier in enumerate(dossiers, start=1):
        details = dossier.applicant_details()
        transfers = list(dossier.transfers.all())
        lead = transfers[-1].to_agency.name if transfers else agency.name
        delivery = getattr(dossier, "result_delivery", None) if dossier.returned_at else None
        rows.append(
            (
                number,
                dossier.code or "",
                dossier.procedure.name,
                details["name"],
                ", ".join(v for v in (details["address"], details["phone"]) if v),
                lead,
                _dd_mm_yyyy(dossier.received_at),
                _dd_mm_yyyy(dossier.due_at),
                _dd_mm_yyyy(dossier.returned_at),
                delivery.get_method_display() if delivery else "",
                "",
            )
        )
    return rows


class RegisterPdf(FPDF):
    def __init__(self):
        super().__init__(orientation="L", format="A4")
        self.add_font("Noto", "", FONTS / "NotoSans-Regular.ttf")
        self.add_font("Noto", "B", FONTS / "NotoSans-Bold.ttf")
        self.set_margins(10, 10, 10)
        self.set_auto_page_break(True, margin=10)
        self.add_page()


def render_bm06_pdf(agency, start, end):
    from django.utils import translation

    pdf = RegisterPdf()
    pdf.set_title(f"BM.06 Sổ theo dõi hồ sơ – {agency.name}")
    pdf.set_author(agency.name)
    pdf.set_font("Noto", "", 9)
    pdf.cell(0, 5, managing_unit().upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "B", 9)
    pdf.cell(0, 5, agency.name.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "B", 13)
    pdf.cell(0, 8, "SỔ THEO DÕI HỒ SƠ", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "", 9)
    pdf.cell(
        0,
        5,
        f"Mẫu BM.06 – Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_font("Noto", "", 7)
    with translation.override("vi"):
        rows = register_rows(agency, start, end)
    with pdf.table(
        col_widths=(8, 38, 45, 25, 30, 30, 18, 18, 18, 27, 20),
        headings_style=FontFace(emphasis="BOLD"),
        line_height=3.6,
        text_align="LEFT",
    ) as table:
        table.row(REGISTER_HEADINGS)
        for row in rows:
            table.row([str(value) for value in row])
    if not rows:
        pdf.ln(2)
        pdf.cell(0, 5, "Không có hồ sơ nào trong kỳ.")
    return bytes(pdf.output())


def render_bm06_xlsx(agency, start, end):
    from django.utils import translation
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with translation.override("vi"):
        rows = register_rows(agency, start, end)
    book = Workbook()
    sheet = book.active
    sheet.title = "BM.06"
    sheet.append(["SỔ THEO DÕI HỒ SƠ (Mẫu BM.06)"])
    sheet.append([f"{agency.name} – từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"])
    sheet.append(list(REGISTER_HEADINGS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=13)
    for row in rows:
        sheet.append(list(row))
    widths = (6, 30, 45, 25, 35, 35, 14, 14, 14, 28, 12)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A4"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
