"""validate_pdf: valid and trusted, broken, untrusted, modified after signing, and bad input."""

import pytest

from services.signing.validation import validate_pdf
from tests.services.dossiers.factories import pdf_bytes
from tests.services.signing.helpers import (
    encrypted_pdf,
    incrementally_updated,
    one_byte_changed,
    sandbox_signed,
    untrusted_signed,
)


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_sandbox_signed_pdf_is_valid_and_trusted():
    report = validate_pdf(sandbox_signed())
    assert report.is_valid, report.signatures
    (signature,) = report.signatures
    assert signature["intact"] and signature["trusted"] and signature["covers_whole_document"]
    assert "THỬ NGHIỆM" in signature["signer"]
    assert "THỬ NGHIỆM" in signature["issuer"]
    assert signature["serial"] and signature["signing_time"]
    assert signature["revocation"] == "not checked"


def test_one_byte_changed_breaks_the_signature():
    report = validate_pdf(one_byte_changed(sandbox_signed()))
    assert not report.is_valid
    assert report.signatures and not report.signatures[0]["intact"]
    assert "changed after it was signed" in report.summary()


def test_a_pdf_signed_by_an_unknown_ca_is_intact_but_untrusted(tmp_path):
    report = validate_pdf(untrusted_signed(tmp_path / "other-ca"))
    (signature,) = report.signatures
    assert signature["intact"] and not signature["trusted"]
    assert not report.is_valid
    assert "not from a trusted authority" in report.summary()


def test_the_sandbox_root_is_trusted_only_while_a_sandbox_backend_is_on(settings):
    signed = sandbox_signed()
    settings.SIGNING_BACKENDS = {
        "agency": {"BACKEND": "services.signing.backends.upload.UploadOnly"},
        "citizen": {"BACKEND": "services.signing.backends.upload.UploadOnly"},
    }
    (signature,) = validate_pdf(signed).signatures
    assert signature["intact"] and not signature["trusted"]


def test_an_incremental_update_after_signing_does_not_cover_the_whole_document():
    report = validate_pdf(incrementally_updated(sandbox_signed()))
    (signature,) = report.signatures
    assert signature["intact"] and signature["trusted"]
    assert not signature["covers_whole_document"]
    assert not report.is_valid
    assert "does not cover the whole document" in report.summary()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"GIF89a not a pdf", "not a PDF"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref", "damaged"),
        (pdf_bytes("Khong ky"), "no digital signature"),
    ],
)
def test_bad_input_gives_a_clear_result(data, expected):
    report = validate_pdf(data)
    assert not report.is_valid
    assert expected in report.message
    assert report.as_json() == []


def test_a_truncated_signed_pdf_is_not_valid():
    data = sandbox_signed()
    report = validate_pdf(data[: len(data) // 2])
    assert not report.is_valid
    assert report.message or not all(s["intact"] for s in report.signatures)


def test_an_encrypted_pdf_is_refused_clearly():
    report = validate_pdf(encrypted_pdf())
    assert not report.is_valid
    assert "encrypted" in report.message


def test_a_file_over_the_limit_is_not_read(settings):
    settings.SIGNING_MAX_PDF_BYTES = 1024 * 1024
    report = validate_pdf(b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    assert not report.is_valid
    assert "larger than 1 MB" in report.message


def test_messages_are_in_vietnamese_for_vietnamese_readers():
    from django.utils import translation

    with translation.override("vi"):
        assert validate_pdf(b"").message != "The file is empty."
