import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from services.files.scanning import EICAR


def pdf_bytes(extra=b""):
    """A valid one-page PDF; `extra` sits verbatim in the page's uncompressed content stream."""
    stream = b"%" + extra + b"\nBT /F1 12 Tf 72 720 Td (Giay to) Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def image_bytes(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(content, name="giay-to.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def dummy_scanner(settings):
    settings.VIRUS_SCANNERS = {"default": {"BACKEND": "services.files.scanning.EicarTestScanner"}}


@pytest.fixture
def eicar():
    return EICAR


@pytest.fixture
def make_pdf():
    return pdf_bytes


@pytest.fixture
def make_image():
    return image_bytes


@pytest.fixture
def make_upload():
    return upload
