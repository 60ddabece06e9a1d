"""The electronic receipt (biên lai điện tử) of one paid payment, as an A5 PDF signed by the agency.

Every fee (lệ phí) and charge (phí) is listed with its amount, then the total, the payer, the
dossier (its code, or the draft's number when it was paid before submission), the transaction
reference, the gateway and the time of payment. Legal text, so written in Vietnamese.
"""

import logging

from django.db import transaction
from django.utils import timezone

from portal.text import vnd
from services.dossiers.receipts import FormPdf, hh_mm_date

from .backends import UnknownBackend, get_backend
from .models import Payment

logger = logging.getLogger(__name__)

KIND_NAMES = {"fee": "Lệ phí", "charge": "Phí"}


def gateway_name(payment):
    try:
        return get_backend(payment.backend).label or payment.backend
    except UnknownBackend:
        return payment.backend


def dossier_label(dossier):
    if dossier.code:
        return dossier.code
    return f"Hồ sơ số {dossier.pk} (nộp trước khi được cấp mã hồ sơ)"


def agency_of(payment):
    dossier = payment.dossier
    return dossier.agency or dossier.procedure.agency


def render(payment, verification_url):
    dossier = payment.dossier
    agency = agency_of(payment)
    unit = agency.name if agency else ""
    parent = agency.parent.name if agency and agency.parent_id else ""
    pdf = FormPdf()
    pdf.set_title(f"Biên lai thu phí, lệ phí {payment.reference}")
    pdf.set_author(unit)
    paid = timezone.localtime(payment.paid_at or timezone.now())
    pdf.header_block(
        parent, unit, payment.reference, f"Ngày {paid:%d} tháng {paid:%m} năm {paid:%Y}"
    )
    pdf.line_text("BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ", size=11, style="B", align="C", height=6)
    pdf.line_text("(Thanh toán trực tuyến)", size=8, align="C")
    pdf.ln(1)
    details = dossier.applicant_details()
    pdf.field("Người nộp", details["name"])
    pdf.field("Số định danh cá nhân/mã số tổ chức", details["id_number"])
    pdf.field("Địa chỉ", details["address"])
    pdf.field("Hồ sơ", dossier_label(dossier))
    pdf.field("Thủ tục", f"{dossier.procedure.code} – {dossier.procedure.name}")
    pdf.ln(1)
    _lines_table(pdf, payment)
    pdf.ln(1)
    pdf.field("Mã tham chiếu giao dịch", payment.reference)
    pdf.field("Số giao dịch tại cổng thanh toán", payment.transaction_no)
    pdf.field("Cổng thanh toán", gateway_name(payment))
    if payment.bank_code:
        pdf.field("Ngân hàng", payment.bank_code)
    pdf.field("Thời điểm thanh toán", hh_mm_date(payment.paid_at))
    pdf.line_text(f"Đơn vị thu: {unit}", size=8)
    pdf.ln(2)
    pdf.qr(verification_url, "Kiểm tra biên lai bằng mã QR hoặc tại địa chỉ:")
    return bytes(pdf.output())


def _lines_table(pdf, payment):
    width = pdf.w - pdf.l_margin - pdf.r_margin
    columns = (10, 20, width - 10 - 20 - 32, 32)
    with pdf.table(
        col_widths=columns,
        text_align=("CENTER", "LEFT", "LEFT", "RIGHT"),
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        pdf.set_font("Noto", "", 8)
        heading = table.row()
        for text in ("STT", "Khoản thu", "Nội dung", "Số tiền"):
            heading.cell(text)
        for number, line in enumerate(payment.lines.all(), start=1):
            row = table.row()
            row.cell(str(number))
            row.cell(KIND_NAMES.get(line.kind, line.kind))
            row.cell(line.description)
            row.cell(vnd(line.amount))
        total = table.row()
        total.cell("")
        total.cell("Tổng cộng", colspan=2)
        total.cell(vnd(payment.amount))


def issue(payment_id):
    """Have the agency sign and register the receipt of a paid payment, once."""
    from services.signing.flows import issue_document
    from services.signing.models import SignedDocument

    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update(of=("self",))
            .select_related("dossier__procedure__agency", "dossier__agency")
            .get(pk=payment_id)
        )
        if payment.receipt_id or payment.status not in (
            Payment.Status.PAID,
            Payment.Status.REFUNDED,
        ):
            return payment.receipt_id
        document = issue_document(
            kind=SignedDocument.Kind.PAYMENT_RECEIPT,
            agency=agency_of(payment),
            title=f"Biên lai thu phí, lệ phí {payment.reference}",
            render=lambda verification_url: render(payment, verification_url),
            dossier=payment.dossier,
        )
        payment.receipt = document
        payment.save(update_fields=["receipt"])
        return document.pk
