import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from services.files.uploads import UploadRefused, accepted_formats_text, inspect_upload

pytestmark = pytest.mark.usefixtures("dummy_scanner")


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("pdf", "application/pdf"), ("jpeg", "image/jpeg"), ("png", "image/png")],
)
def test_good_documents_pass(make_pdf, make_image, kind, content_type):
    content = make_pdf() if kind == "pdf" else make_image(kind.upper())
    # The name and the browser's type are ignored: only the content counts.
    uploaded = upload(content, name="anh.docx", content_type="text/plain")
    inspected = inspect_upload(uploaded)
    assert (inspected.kind, inspected.content_type, inspected.size) == (
        kind,
        content_type,
        len(content),
    )
    assert uploaded.tell() == 0


def upload(content, name="giay-to.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(content, **kwargs):
    with override("en"), pytest.raises(UploadRefused) as error:
        inspect_upload(upload(content), **kwargs)
    return error.value


@pytest.mark.parametrize(
    "content",
    [
        b"\x7fELF\x02\x01\x01" + b"\0" * 200,
        b"MZ\x90\x00\x03" + b"\0" * 200 + b"This program cannot be run in DOS mode",
        b"#!/bin/sh\nrm -rf /\n",
        b"\xcf\xfa\xed\xfe" + b"\0" * 100,
    ],
    ids=["elf", "windows", "script", "macho"],
)
def test_renamed_programs_are_refused(content):
    error = refusal(content)
    assert error.code == "executable"
    assert error.message == (
        "This file is a program, not a document. Only PDF, JPG and PNG files are accepted."
    )


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"\xef\xbb\xbf\n  <html><head></head></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    ],
)
def test_web_pages_named_pdf_are_refused(content):
    assert refusal(content).code == "markup"


def test_other_types_are_refused():
    assert refusal(b"PK\x03\x04 a zip archive").code == "unsupported"
    assert refusal(b"GIF89a" + b"\0" * 50).code == "unsupported"


def test_truncated_pdf_is_refused(make_pdf):
    content = make_pdf()
    error = refusal(content[: len(content) // 2])
    assert error.code == "damaged"
    assert "incomplete or damaged" in error.message


def test_pdf_with_an_end_marker_but_no_body_is_refused():
    assert refusal(b"%PDF-1.7\n garbage garbage\n%%EOF\n").code == "damaged"


def test_truncated_images_are_refused(make_image):
    for image_format in ("JPEG", "PNG"):
        content = make_image(image_format)
        assert refusal(content[: len(content) - 40]).code == "damaged"


def test_oversized_file_is_refused_with_the_limit(make_pdf):
    error = refusal(make_pdf(), max_bytes=100)
    assert error.code == "too_large"
    assert error.message == "The file exceeds the maximum size of 100 bytes."


def test_default_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    content = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    error = refusal(content)
    assert error.message == "The file exceeds the maximum size of 10 MB."


def test_limit_message_in_vietnamese_names_10_mb(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    with override("en"):
        assert accepted_formats_text() == "PDF, JPG, PNG, at most 10 MB"


def test_empty_file_is_refused():
    assert refusal(b"").code == "empty"


def test_infected_document_is_refused(make_pdf, eicar):
    error = refusal(make_pdf(extra=eicar))
    assert error.code == "infected"
    assert "Eicar-Test-Signature" in error.message
