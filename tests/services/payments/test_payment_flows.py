"""Prepayment before submission, payment requested by the agency, the sandbox gateway's whole
path, refunds, reconciliation (acceptance 5) and the end-of-day report."""

import io
import re
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.dossiers import flows as dossier_flows
from services.dossiers.models import IllegalTransition
from services.payments import flows
from services.payments.backends import get_backend
from services.payments.models import GatewayNotification, Payment, Refund, SandboxTransaction
from tests.portal.accounts.factories import UserFactory
from tests.services.dossiers.factories import ready_draft
from tests.services.payments.factories import (
    dossier_in_processing,
    prepaid_draft,
    procedure_with_fees,
)

pytestmark = pytest.mark.django_db


def pay_in_sandbox(client, dossier, outcome="pay"):
    """Citizen: Pay online → the sandbox page → choose → back on our result page."""
    client.force_login(dossier.applicant)
    response = client.post(f"/ho-so/{dossier.pk}/thanh-toan/")
    assert response.status_code == 302
    gateway_url = response["Location"]
    assert gateway_url.startswith("/payments/sandbox/pay/?")
    page = client.get(gateway_url)
    assert page.status_code == 200
    response = client.post(gateway_url, {"outcome": outcome})
    assert response.status_code == 302
    assert response["Location"].startswith("/payments/sandbox/return/?")
    response = client.get(response["Location"])
    assert response.status_code == 302
    reference = dict(parse_qsl(urlsplit(gateway_url).query))["reference"]
    assert response["Location"].startswith(f"/ho-so/{dossier.pk}/thanh-toan/{reference}/")
    return Payment.objects.get(reference=reference), client.get(response["Location"])


def test_a_prepaid_draft_owes_the_online_fees_and_cannot_be_submitted_before_paying():
    dossier = prepaid_draft()
    assert [(line.kind, line.amount) for line in flows.fee_lines(dossier)] == [
        ("fee", 1_250_000),
        ("charge", 50_000),
    ]
    assert dossier.fees_outstanding() == 1_300_000
    assert "Hãy nộp phí, lệ phí trước khi nộp hồ sơ." in [
        p.message for p in dossier_flows.problems(dossier)
    ]
    with pytest.raises(IllegalTransition):
        dossier.submit(by=dossier.applicant)


def test_no_prepayment_when_fees_are_requested_later_or_free():
    assert (
        flows.amount_due_before_submission(ready_draft(procedure=procedure_with_fees("requested")))
        == 0
    )
    assert (
        flows.amount_due_before_submission(ready_draft(procedure=procedure_with_fees(fees=()))) == 0
    )


def test_the_review_step_lists_every_line_and_offers_to_pay(client):
    dossier = prepaid_draft()
    client.force_login(dossier.applicant)
    assert "/buoc/" in dossier.get_absolute_url(), "a draft's URL is its wizard step"
    assert client.get(dossier.get_absolute_url()).status_code == 200
    review = client.get(f"/ho-so/{dossier.pk}/buoc/3/").content.decode()
    for text in (
        "Lệ phí cấp giấy chứng nhận",
        "1.250.000\u00a0₫",
        "Phí thẩm định hồ sơ",
        "50.000\u00a0₫",
        "1.300.000\u00a0₫",
    ):
        assert text in review, text
    assert f'action="/ho-so/{dossier.pk}/thanh-toan/"' in review
    assert "999" not in re.sub(r"\d{4,}", "", review.split("payment-lines")[1].split("</table>")[0])


def test_paying_in_the_sandbox_makes_the_draft_submittable_and_the_receipt_is_issued(
    client, django_capture_on_commit_callbacks
):
    dossier = prepaid_draft()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        payment, result = pay_in_sandbox(client, dossier)
    assert payment.status == Payment.Status.PAID
    assert payment.amount == 1_300_000
    assert [(line.kind, line.amount) for line in payment.lines.all()] == [
        ("fee", 1_250_000),
        ("charge", 50_000),
    ]
    assert result.status_code == 200
    assert "Payment received" in result.content.decode() or "Đã nhận" in result.content.decode()
    assert callbacks, "the receipt is issued after commit"
    dossier.refresh_from_db()
    assert flows.amount_due_before_submission(dossier) == 0
    dossier, problems = dossier_flows.submit_draft(
        dossier.pk, dossier.applicant, dossier.submission_key
    )
    assert problems == [] and not dossier.is_draft
    # The draft's payment stays with the dossier and shows on its page.
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert payment.reference in page and "1.300.000\u00a0₫" in page


def test_starting_twice_reuses_the_pending_payment(client):
    dossier = prepaid_draft()
    client.force_login(dossier.applicant)
    first = client.post(f"/ho-so/{dossier.pk}/thanh-toan/")["Location"]
    second = client.post(f"/ho-so/{dossier.pk}/thanh-toan/")["Location"]
    assert first == second
    assert Payment.objects.count() == 1


def test_a_cancelled_payment_changes_nothing_and_can_be_retried(client):
    dossier = prepaid_draft()
    payment, result = pay_in_sandbox(client, dossier, outcome="cancel")
    assert payment.status == Payment.Status.FAILED
    assert flows.amount_due_before_submission(dossier) == 1_300_000
    again, _result = pay_in_sandbox(client, dossier)
    assert again.pk != payment.pk and again.is_paid


def test_nobody_else_can_pay_or_see_a_payment(client):
    dossier = prepaid_draft()
    payment = flows.start_payment(dossier, by=dossier.applicant)
    other = UserFactory()
    client.force_login(other)
    assert client.post(f"/ho-so/{dossier.pk}/thanh-toan/").status_code == 404
    assert client.get(f"/ho-so/{dossier.pk}/thanh-toan/{payment.reference}/").status_code == 404


def test_a_tampered_sandbox_page_is_refused(client):
    dossier = prepaid_draft()
    client.force_login(dossier.applicant)
    url = client.post(f"/ho-so/{dossier.pk}/thanh-toan/")["Location"]
    tampered = re.sub(r"amount=\d+", "amount=1000", url)
    assert client.get(tampered).status_code == 400
    assert client.post(tampered, {"outcome": "pay"}).status_code == 400
    assert client.post(url, {"outcome": "steal"}).status_code == 400
    assert not Payment.objects.paid().exists()


def test_the_sandbox_is_off_when_not_configured(client, settings):
    settings.PAYMENT_BACKENDS = {}
    assert client.get("/payments/sandbox/pay/?reference=x").status_code == 404
    assert client.post("/payments/sandbox/ipn/", {}).status_code == 404


def test_a_requested_payment_moves_the_dossier_to_6_and_back_to_4_when_paid(client):
    dossier = dossier_in_processing()
    payment = flows.request_payment(dossier, by=None)
    dossier.refresh_from_db()
    assert dossier.status == "6" and dossier.fees_due == 1_300_000
    assert payment.stage == Payment.Stage.REQUESTED and payment.lines.count() == 2
    client.force_login(dossier.applicant)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "1.300.000\u00a0₫" in page and f'action="/ho-so/{dossier.pk}/thanh-toan/"' in page
    paid, _result = pay_in_sandbox(client, dossier)
    assert paid.pk == payment.pk and paid.is_paid
    dossier.refresh_from_db()
    assert dossier.status == "4" and dossier.fees_due == 0
    assert dossier.events.filter(action="payment_done").count() == 1


def test_request_payment_needs_fees():
    dossier = dossier_in_processing()
    dossier.procedure.fees.all().delete()
    with pytest.raises(IllegalTransition):
        flows.request_payment(dossier, by=None)
    dossier.refresh_from_db()
    assert dossier.status == "4"


@pytest.mark.parametrize("close", ["withdraw", "stop"])
def test_closing_a_paid_dossier_records_a_refund_and_cancels_pending_payments(client, close):
    dossier = dossier_in_processing()
    flows.request_payment(dossier, by=None)
    paid, _result = pay_in_sandbox(client, dossier)
    dossier.refresh_from_db()
    pending = flows._new_payment(
        dossier, by=None, stage=Payment.Stage.REQUESTED, lines=flows.fee_lines(dossier)
    )
    if close == "withdraw":
        dossier.withdraw(by=dossier.applicant, reason="Không cần nữa")
    else:
        dossier.stop(by=None, reason="Không đủ điều kiện")
    refund = Refund.objects.get()
    assert refund.payment == paid and refund.amount == 1_300_000
    assert refund.state == Refund.State.TO_REFUND and refund.event.action == close
    pending.refresh_from_db()
    assert pending.status == Payment.Status.CANCELLED


def test_a_refused_prepaid_dossier_is_refunded(client, settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = prepaid_draft()
    pay_in_sandbox(client, dossier)
    dossier, problems = dossier_flows.submit_draft(
        dossier.pk, dossier.applicant, dossier.submission_key
    )
    assert not problems and dossier.status == "1"
    dossier.refuse(by=None, reason="Sai thẩm quyền")
    assert Refund.objects.get().reason


def test_paying_after_cancellation_is_kept_and_owed_back():
    dossier = dossier_in_processing()
    payment = flows.request_payment(dossier, by=None)
    dossier.refresh_from_db()
    dossier.withdraw(by=dossier.applicant)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CANCELLED
    backend = get_backend("sandbox")
    message = backend.message_from(backend.complete(payment.reference, payment.amount, "00"))
    assert flows.receive_notification(backend, message).value == "00"
    payment.refresh_from_db()
    assert payment.is_paid and payment.refunds.count() == 1


def test_reconciliation_settles_a_payment_whose_notification_was_lost(client):
    dossier = prepaid_draft()
    payment, result = pay_in_sandbox(client, dossier, outcome="lose")
    assert payment.is_pending
    assert (
        "Waiting for confirmation" in result.content.decode()
        or "Chờ xác nhận" in result.content.decode()
    )
    assert flows.reconcile_pending() == 0  # not yet 15 minutes
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    assert flows.reconcile_pending() == 1
    payment.refresh_from_db()
    assert payment.is_paid and payment.transaction_no.startswith("SB")
    assert flows.amount_due_before_submission(dossier) == 0
    assert GatewayNotification.objects.filter(source="query", result_code="00").count() == 1


def test_reconciliation_fails_an_expired_payment_the_gateway_never_saw():
    dossier = prepaid_draft()
    payment = flows.start_payment(dossier, by=dossier.applicant)
    Payment.objects.filter(pk=payment.pk).update(
        created_at=timezone.now() - timedelta(hours=1),
        expires_at=timezone.now() - timedelta(minutes=45),
    )
    assert flows.reconcile_pending() == 0
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED


def test_the_end_of_day_report_lists_mismatches():
    dossier = prepaid_draft()
    lost = flows.start_payment(dossier, by=dossier.applicant)
    SandboxTransaction.objects.create(
        reference=lost.reference, amount=lost.amount, response_code="00", transaction_no="SB1"
    )
    fine = flows._new_payment(
        dossier_in_processing(), by=None, stage="requested", lines=flows.fee_lines(dossier)
    )
    Payment.objects.filter(pk=fine.pk).update(status=Payment.Status.FAILED)
    out = io.StringIO()
    call_command("payment_report", "--date", timezone.localdate().isoformat(), stdout=out)
    text = out.getvalue()
    assert "mismatches" in text and ": 1" in text.splitlines()[0]
    assert lost.reference in text and "paid at the gateway only" in text
    assert fine.reference not in text


def test_the_pay_buttons_carry_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    dossier = prepaid_draft()
    strict.force_login(dossier.applicant)
    review = strict.get(f"/ho-so/{dossier.pk}/buoc/3/").content.decode()
    form = review.split('class="payment-form"')[1].split("</form>")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = strict.post(f"/ho-so/{dossier.pk}/thanh-toan/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
