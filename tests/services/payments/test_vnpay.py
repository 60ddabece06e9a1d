"""VNPay 2.1.0: the payment URL and IPN signatures, checked against hashes computed here by hand,
and the IPN answers 00 / 01 / 02 / 04 / 97 / 99 (acceptance 4 of issue 6)."""

import hashlib
import hmac
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection, connections
from django.utils import timezone

from services.dossiers.models import DossierEvent
from services.payments import flows
from services.payments.backends import get_backend
from services.payments.backends import vnpay as vnpay_module
from services.payments.models import GatewayNotification, Payment
from tests.conftest import require_service
from tests.services.payments.factories import SECRET, TMN, dossier_in_processing, prepaid_draft

pytestmark = pytest.mark.django_db


def hand_hash(query):
    return hmac.new(SECRET.encode(), query.encode(), hashlib.sha512).hexdigest()


@pytest.fixture
def vnpay(settings):
    settings.PAYMENT_DEFAULT_BACKEND = "vnpay"
    return get_backend("vnpay")


def vnpay_payment(amount=1_300_000):
    dossier = prepaid_draft()
    created = datetime(2025, 3, 1, 2, 30, 5, tzinfo=UTC)  # 09:30:05 in Vietnam
    payment = Payment.objects.create(
        dossier=dossier,
        reference="HS1T250301ABC",
        amount=amount,
        backend="vnpay",
        created_at=created,
        expires_at=created + timedelta(minutes=15),
    )
    payment.lines.create(kind="fee", description="Lệ phí", amount=amount)
    return payment


def test_payment_url_is_signed_per_protocol_2_1_0(vnpay):
    payment = vnpay_payment()
    params = vnpay.payment_params(
        payment,
        return_url="https://portal.example.vn/payments/vnpay/return/",
        ip_addr="203.0.113.9",
    )
    url = vnpay.build_url(params)

    # Sorted keys, values encoded like PHP's urlencode: spaces as "+", "/" and ":" escaped.
    expected_query = (
        "vnp_Amount=130000000"
        "&vnp_Command=pay"
        "&vnp_CreateDate=20250301093005"
        "&vnp_CurrCode=VND"
        "&vnp_ExpireDate=20250301094505"
        "&vnp_IpAddr=203.0.113.9"
        "&vnp_Locale=vn"
        f"&vnp_OrderInfo=THANH+TOAN+PHI+LE+PHI+HO+SO+NHAP+{payment.dossier.pk}+HS1T250301ABC"
        "&vnp_OrderType=other"
        "&vnp_ReturnUrl=https%3A%2F%2Fportal.example.vn%2Fpayments%2Fvnpay%2Freturn%2F"
        f"&vnp_TmnCode={TMN}"
        "&vnp_TxnRef=HS1T250301ABC"
        "&vnp_Version=2.1.0"
    )
    assert url == (
        "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?"
        f"{expected_query}&vnp_SecureHash={hand_hash(expected_query)}"
    )


def ipn_query(payment, *, amount=None, code="00", txn="14422574", reference=None):
    """An IPN as VNPay sends it, signed here by hand."""
    fields = {
        "vnp_Amount": str((payment.amount if amount is None else amount) * 100),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14422574",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": "THANH TOAN PHI LE PHI",
        "vnp_PayDate": "20250301093512",
        "vnp_ResponseCode": code,
        "vnp_TmnCode": TMN,
        "vnp_TransactionNo": txn,
        "vnp_TransactionStatus": code,
        "vnp_TxnRef": reference or payment.reference,
    }
    signed = "&".join(f"{key}={value.replace(' ', '+')}" for key, value in sorted(fields.items()))
    return {**fields, "vnp_SecureHash": hand_hash(signed)}


def call_ipn(client, params):
    response = client.get("/payments/vnpay/ipn/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_a_valid_ipn_settles_the_payment(client, vnpay):
    payment = vnpay_payment()
    answer = call_ipn(client, ipn_query(payment))
    assert answer == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payment.transaction_no == "14422574"
    assert payment.bank_code == "NCB"
    assert timezone.localtime(payment.paid_at).strftime("%Y%m%d%H%M%S") == "20250301093512"
    assert flows.amount_due_before_submission(payment.dossier) == 0
    log = GatewayNotification.objects.get()
    assert log.signature_valid and log.result_code == "00" and log.payment == payment


def test_a_valid_signature_for_an_unknown_reference_is_01(client, vnpay):
    payment = vnpay_payment()
    answer = call_ipn(client, ipn_query(payment, reference="NOSUCHORDER"))
    assert answer["RspCode"] == "01"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_a_wrong_hash_is_97_logged_and_changes_nothing(client, vnpay):
    payment = vnpay_payment()
    params = ipn_query(payment)
    params["vnp_SecureHash"] = params["vnp_SecureHash"][:-4] + "0000"
    assert call_ipn(client, params)["RspCode"] == "97"
    # A tampered amount under the original hash fails the same way.
    tampered = {**ipn_query(payment), "vnp_Amount": "100"}
    assert call_ipn(client, tampered)["RspCode"] == "97"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    logs = GatewayNotification.objects.all()
    assert [(log.signature_valid, log.result_code) for log in logs] == [(False, "97")] * 2


def test_a_wrong_amount_is_04(client, vnpay):
    payment = vnpay_payment()
    assert call_ipn(client, ipn_query(payment, amount=1_000))["RspCode"] == "04"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_a_replay_is_02_and_changes_nothing(client, vnpay):
    dossier = dossier_in_processing()
    payment = flows.request_payment(dossier, by=None)
    payment.backend = "vnpay"
    payment.save()
    params = ipn_query(payment, txn="111")
    assert call_ipn(client, params)["RspCode"] == "00"
    payment.refresh_from_db()
    first = (payment.status, payment.paid_at, payment.transaction_no)
    events = DossierEvent.objects.filter(dossier=dossier).count()

    assert call_ipn(client, params)["RspCode"] == "02"
    # A later, different success for the same order is refused too.
    assert call_ipn(client, ipn_query(payment, txn="222"))["RspCode"] == "02"
    payment.refresh_from_db()
    assert (payment.status, payment.paid_at, payment.transaction_no) == first
    assert DossierEvent.objects.filter(dossier=dossier).count() == events
    assert DossierEvent.objects.filter(dossier=dossier, action="payment_done").count() == 1


def test_a_failed_payment_is_recorded_as_failed(client, vnpay):
    payment = vnpay_payment()
    assert call_ipn(client, ipn_query(payment, code="24"))["RspCode"] == "00"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED


@pytest.mark.parametrize(
    "params",
    [{}, {"vnp_TxnRef": "x"}, {"vnp_Amount": "abc", "vnp_SecureHash": "zz"}, {"a" * 300: "b"}],
)
def test_nonsense_never_fails_with_a_server_error(client, vnpay, params):
    assert call_ipn(client, params)["RspCode"] == "97"
    assert client.get("/payments/vnpay/return/", params).status_code == 400


def test_the_return_url_only_displays(client, vnpay):
    payment = vnpay_payment()
    client.force_login(payment.dossier.applicant)
    response = client.get("/payments/vnpay/return/", ipn_query(payment))
    assert response.status_code == 302
    assert response["Location"] == f"/ho-so/{payment.dossier.pk}/thanh-toan/{payment.reference}/"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING  # only the IPN settles
    page = client.get(response["Location"])
    assert "Chờ xác nhận" in page.content.decode() or "Waiting" in page.content.decode()


def test_the_citizen_is_sent_to_vnpay_with_a_signed_url(client, vnpay):
    dossier = prepaid_draft()
    client.force_login(dossier.applicant)
    response = client.post(f"/ho-so/{dossier.pk}/thanh-toan/")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.netloc == "sandbox.vnpayment.vn"
    params = dict(parse_qsl(url.query))
    assert params["vnp_Amount"] == str(1_300_000 * 100)
    assert params["vnp_ReturnUrl"] == "http://testserver/payments/vnpay/return/"
    assert vnpay_module.verify(params, SECRET)
    payment = Payment.objects.get(reference=params["vnp_TxnRef"])
    assert payment.backend == "vnpay" and payment.is_pending


def test_querydr_is_signed_and_reconciliation_settles_a_payment_without_ipn(vnpay):
    payment = vnpay_payment()
    Payment.objects.filter(pk=payment.pk).update(
        created_at=timezone.now() - timedelta(minutes=20),
        expires_at=timezone.now() - timedelta(minutes=5),
    )
    payment.refresh_from_db()
    body = vnpay.query_body(payment, request_id="REQ1", now=payment.created_at, ip_addr="10.0.0.1")
    stamp = timezone.localtime(payment.created_at).strftime("%Y%m%d%H%M%S")
    signed = f"REQ1|2.1.0|querydr|{TMN}|{payment.reference}|{stamp}|{stamp}|10.0.0.1|{body['vnp_OrderInfo']}"
    assert body["vnp_SecureHash"] == hand_hash(signed)

    answer = {
        "vnp_ResponseId": "R1",
        "vnp_Command": "querydr",
        "vnp_ResponseCode": "00",
        "vnp_Message": "QueryDR Success",
        "vnp_TmnCode": TMN,
        "vnp_TxnRef": payment.reference,
        "vnp_Amount": str(payment.amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_PayDate": "20250301093512",
        "vnp_TransactionNo": "999",
        "vnp_TransactionType": "01",
        "vnp_TransactionStatus": "00",
        "vnp_OrderInfo": "x",
        "vnp_PromotionCode": "",
        "vnp_PromotionAmount": "",
    }
    answer["vnp_SecureHash"] = hand_hash("|".join(answer.values()))
    with mock.patch.object(vnpay_module, "post_json", return_value=answer) as gateway:
        assert flows.reconcile_pending() == 1
    assert gateway.call_args.args[1]["vnp_Command"] == "querydr"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.transaction_no == "999"
    assert GatewayNotification.objects.get().source == GatewayNotification.Source.QUERY


def test_reconciliation_ignores_an_unsigned_query_answer(vnpay):
    payment = vnpay_payment()
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    answer = {"vnp_ResponseCode": "00", "vnp_TransactionStatus": "00", "vnp_SecureHash": "x"}
    with mock.patch.object(vnpay_module, "post_json", return_value=answer):
        assert flows.reconcile_pending() == 0
    payment.refresh_from_db()
    assert payment.is_pending


def _own_connection(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


@pytest.mark.django_db(transaction=True)
def test_50_concurrent_duplicate_ipns_credit_once(settings):
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    settings.PAYMENT_DEFAULT_BACKEND = "vnpay"
    backend = get_backend("vnpay")
    dossier = dossier_in_processing()
    payment = flows.request_payment(dossier, by=None)
    Payment.objects.filter(pk=payment.pk).update(backend="vnpay")
    params = ipn_query(payment)
    start = threading.Barrier(50)

    @_own_connection
    def deliver(_attempt):
        message = backend.message_from(params)
        start.wait(timeout=30)
        return flows.receive_notification(backend, message).value

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = sorted(pool.map(deliver, range(50)))

    assert answers == ["00"] + ["02"] * 49
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    dossier.refresh_from_db()
    assert dossier.status == "4" and dossier.fees_due == 0
    assert DossierEvent.objects.filter(dossier=dossier, action="payment_done").count() == 1
    assert GatewayNotification.objects.filter(result_code="00").count() == 1
