"""The electronic receipt lists every fee and charge, the total, the payer, the dossier, the
reference and the gateway, and is signed by the agency through the signing app."""

import io

import pytest
from pypdf import PdfReader

from services.payments import flows, receipts
from services.payments.backends import get_backend
from services.payments.models import Payment
from tests.services.payments.factories import dossier_in_processing, prepaid_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_signing")]


def settle(payment):
    backend = get_backend("sandbox")
    message = backend.message_from(backend.complete(payment.reference, payment.amount, "00"))
    assert flows.receive_notification(backend, message).value == "00"
    payment.refresh_from_db()
    return payment


def text_of(data):
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_the_receipt_lists_every_line_with_the_total_and_the_transaction():
    dossier = dossier_in_processing()
    payment = settle(flows.request_payment(dossier, by=None))
    text = text_of(receipts.render(payment, "https://cong.example.vn/xac-thuc/ABC/"))
    for expected in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ",
        "Lệ phí",
        "Lệ phí cấp giấy chứng nhận",
        "1.250.000 ₫",
        "Phí thẩm định hồ sơ",
        "50.000 ₫",
        "Tổng cộng",
        "1.300.000 ₫",
        dossier.applicant_details()["name"],
        payment.reference,
        payment.transaction_no,
        "sandbox",
        "https://cong.example.vn/xac-thuc/ABC/",
    ):
        assert expected.replace("\u00a0", " ") in text.replace("\u00a0", " "), expected
    assert dossier.code in text


def test_a_receipt_paid_before_submission_names_the_draft():
    dossier = prepaid_draft()
    payment = settle(flows.start_payment(dossier, by=dossier.applicant))
    text = text_of(receipts.render(payment, "https://x/"))
    assert f"Hồ sơ số {dossier.pk}" in text


def test_the_agency_signs_the_receipt_once_and_the_citizen_sees_it(client):
    from services.signing.models import SignedDocument
    from services.signing.validation import validate_pdf

    dossier = dossier_in_processing()
    payment = settle(flows.request_payment(dossier, by=None))
    document_id = receipts.issue(payment.pk)
    assert receipts.issue(payment.pk) == document_id  # once
    payment = Payment.objects.get(pk=payment.pk)
    document = payment.receipt
    assert document.kind == SignedDocument.Kind.PAYMENT_RECEIPT
    assert document.dossier == dossier and document.agency == dossier.agency
    data = document.file.open("rb").read()
    assert validate_pdf(data).is_valid
    assert "1.300.000" in text_of(data)
    client.force_login(dossier.applicant)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert document.get_absolute_url() in page
    assert client.get(document.get_absolute_url()).status_code == 200


def test_the_reconciliation_sweep_issues_missing_receipts():
    from services.payments.tasks import reconcile_pending_payments

    dossier = dossier_in_processing()
    payment = settle(flows.request_payment(dossier, by=None))
    assert payment.receipt is None  # on_commit never ran inside the test's transaction
    reconcile_pending_payments()
    payment.refresh_from_db()
    assert payment.receipt is not None
