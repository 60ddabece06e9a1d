"""Signed PDFs for the tests: made here with keys the tests create, never read from the repository."""

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from services.signing.backends.sandbox import _simple_signer
from services.signing.pdf import sign_bytes
from services.signing.sandbox import SandboxAuthority
from tests.services.dossiers.factories import pdf_bytes


def sandbox_signed(text="Ket qua giai quyet"):
    from services.signing.backends import get_signer

    return get_signer("agency").sign(
        pdf_bytes(text), subject=None, reason="Thử", location="Tỉnh", visible_stamp=True
    )


def signed_with(identity, data, *, reason="Thử", location="Nơi khác"):
    """`data` signed (no stamp) with a sandbox `Identity`, as a citizen's own software would."""
    return sign_bytes(data, _simple_signer(identity), reason=reason, location=location)


def untrusted_signed(folder, data=None):
    """`data` (a small PDF by default) signed by a CA of its own that no trust setting names."""
    identity = SandboxAuthority(folder).identity("stranger", "Người lạ")
    return signed_with(identity, data or pdf_bytes("Ket qua"))


def result_pdf(url):
    """A result document printing its verification address, as issue_document's `render`."""
    from fpdf import FPDF

    pdf = FPDF(format=(148, 210))
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, f"Ket qua giai quyet thu tuc hanh chinh\nXac thuc: {url}")
    return bytes(pdf.output())


def issue_result(dossier):
    """The dossier's result, signed by its agency and registered (a SignedDocument)."""
    from services.signing.flows import issue_document
    from services.signing.models import SignedDocument

    return issue_document(
        kind=SignedDocument.Kind.RESULT,
        agency=dossier.agency,
        title="Kết quả giải quyết",
        render=result_pdf,
        dossier=dossier,
    )


def stored_bytes(document):
    with document.file.open("rb") as handle:
        return handle.read()


def one_byte_changed(data):
    """Flip one bit of one byte inside the signed range (in the first revision's /Producer entry)."""
    position = data.index(b"/Producer")  # in the first revision's info dictionary
    changed = bytearray(data)
    changed[position + 2] ^= 0x01
    return bytes(changed)


def incrementally_updated(data):
    """Draw a line on the first page in an incremental update appended after the signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    stream = generic.StreamObject(stream_data=b"0 0 m 200 200 l S")
    writer.add_stream_to_page(0, writer.add_object(stream))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def encrypted_pdf():
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(pdf_bytes("Mat"))))
    writer.encrypt("chu-so-huu", "nguoi-doc")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
