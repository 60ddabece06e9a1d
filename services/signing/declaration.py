"""The applicant's declaration (tờ khai) as a PDF, generated from the dossier's form answers.

The bytes depend only on what the declaration says (`content()`), never on the time it is made: the
citizen may download it, sign it with a USB token the next day and upload it, and the portal checks
that the signed file's first revision is exactly the declaration it generates now. Like the
one-stop forms, it is a legal document written in Vietnamese whatever the reader's language.
"""

import datetime
import hashlib
import json

from services.dossiers.receipts import FormPdf

FIXED_DATE = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def content(dossier):
    """Everything the declaration prints, as plain data."""
    from services.dossiers.flows import form_definition

    definition = form_definition(dossier.procedure)
    summary = definition.summary(dossier.answers) if definition else []
    details = dossier.applicant_details()
    return {
        "procedure_code": dossier.procedure.code,
        "procedure": dossier.procedure.name,
        "agency": dossier.agency.name if dossier.agency_id else "",
        "applicant": details["name"],
        "id_number": details["id_number"],
        "answers": [[str(label), str(value)] for label, value in summary],
        "dossier": dossier.pk,
    }


def content_hash(dossier):
    encoded = json.dumps(content(dossier), ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def render(dossier):
    """The PDF bytes of the declaration; the same bytes for the same content."""
    data = content(dossier)
    pdf = FormPdf()
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(f"Tờ khai – {data['procedure']}")
    pdf.set_author(data["applicant"])
    pdf.set_subject(f"Tờ khai điện tử, hồ sơ số {data['dossier']}")
    pdf.line_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=9, style="B", align="C", height=4)
    pdf.line_text("Độc lập - Tự do - Hạnh phúc", size=9, style="B", align="C", height=4)
    pdf.ln(3)
    pdf.line_text("TỜ KHAI", size=12, style="B", align="C", height=6)
    pdf.line_text(data["procedure"], size=10, style="B", align="C", height=5)
    pdf.line_text(f"(Mã thủ tục: {data['procedure_code']})", size=8, align="C")
    pdf.ln(2)
    if data["agency"]:
        pdf.field("Kính gửi", data["agency"])
    pdf.field("Người khai", data["applicant"])
    if data["id_number"]:
        pdf.field("Số định danh cá nhân", data["id_number"])
    pdf.ln(1)
    pdf.line_text("Nội dung kê khai:", style="B")
    for label, value in data["answers"]:
        pdf.field(label, value)
    if not data["answers"]:
        pdf.line_text("(Thủ tục không có biểu mẫu kê khai.)")
    pdf.ln(2)
    pdf.line_text(
        "Tôi cam đoan nội dung kê khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật "
        "về nội dung đã kê khai."
    )
    pdf.ln(2)
    pdf.line_text("NGƯỜI KHAI", size=9, style="B", align="R")
    pdf.line_text("(Ký số)", size=8, align="R")
    pdf.leave_room_for_stamp()
    return bytes(pdf.output())
