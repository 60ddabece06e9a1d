"""The DVCQG payment platform: SHA-256 checksums of INIT, confirm, the reply and QUERY, computed
independently here (spec §5.3)."""

import hashlib
import json
from datetime import UTC, datetime
from unittest import mock

import pytest

from services.payments import flows
from services.payments.backends import dvcqg as dvcqg_module
from services.payments.backends import get_backend
from services.payments.models import Payment
from tests.services.payments.factories import dossier_in_processing

pytestmark = pytest.mark.django_db
SECRET = "dvcqg-secret"
NOW = datetime(2025, 3, 1, 2, 30, 5, tzinfo=UTC)


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def dvcqg(settings):
    settings.PAYMENT_BACKENDS = {
        **settings.PAYMENT_BACKENDS,
        "dvcqg": {
            "BACKEND": "services.payments.backends.dvcqg.DvcqgBackend",
            "OPTIONS": {
                "url": "https://dvcqg.example/payment",
                "partner_code": "TANHOA",
                "secret": SECRET,
                "token": "t",
            },
        },
    }
    settings.PAYMENT_DEFAULT_BACKEND = "dvcqg"
    get_backend.cache_clear()
    return get_backend("dvcqg")


@pytest.fixture
def payment(dvcqg):
    return flows.request_payment(dossier_in_processing(), by=None)


def test_init_checksum_and_receipt_lines(dvcqg, payment):
    message = dvcqg.init_message(payment, ip="203.0.113.9", now=NOW)
    info = message["ThongTinGiaoDich"]
    expected = sha(
        f"INIT|1.0.6|TANHOA|{payment.reference}|1300000|PAY|1|1|vi-VN|VND|PAYMENT|{info}|"
        f"20250301093005|203.0.113.9|{SECRET}"
    )
    assert message["MaXacThuc"] == expected
    fees = message["ThongTinBienLai"]["PhiLePhi"]
    assert [(fee["TenPhiLePhi"], fee["SoTien"]) for fee in fees] == [
        ("Lệ phí cấp giấy chứng nhận", 1_250_000),
        ("Phí thẩm định hồ sơ", 50_000),
    ]


def test_the_citizen_is_sent_to_the_platforms_address(client, dvcqg, payment):
    answer = {"error_code": "0", "message": json.dumps({"UrlThanhToan": "https://pay.example/x"})}
    client.force_login(payment.dossier.applicant)
    with mock.patch.object(dvcqg_module, "post_json", return_value=answer) as platform:
        response = client.post(f"/ho-so/{payment.dossier.pk}/thanh-toan/")
    assert response["Location"] == "https://pay.example/x"
    assert platform.call_args.kwargs["headers"] == {"Authorization": "Bearer t"}


def test_a_platform_failure_is_a_message_not_a_server_error(client, dvcqg, payment):
    client.force_login(payment.dossier.applicant)
    with mock.patch.object(dvcqg_module, "post_json", side_effect=dvcqg_module.GatewayError("x")):
        response = client.post(f"/ho-so/{payment.dossier.pk}/thanh-toan/", follow=True)
    assert response.status_code == 200


def confirm(payment, *, amount=None, secret=SECRET, code="00"):
    fields = {
        "LoaiBanTin": "CONFIRM",
        "MaLoi": code,
        "MaDoiTac": "TANHOA",
        "MaThamChieu": payment.reference,
        "SoTien": str(payment.amount if amount is None else amount),
        "MaTienTe": "VND",
        "MaGiaoDich": "GD123",
        "MaNganHang": "VCB",
        "ThoiGianGD": "20250301093512",
        "ThongTinGiaoDich": "THANH TOAN",
    }
    fields["MaXacThuc"] = sha("|".join(fields.values()) + "|" + secret)
    return fields


def post_confirm(client, body):
    response = client.post(
        "/payments/dvcqg/confirm/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def test_confirm_settles_and_the_reply_is_signed(client, dvcqg, payment):
    reply = post_confirm(client, confirm(payment))
    assert reply["MaLoi"] == "00" and reply["MaDoiTac"] == "TANHOA"
    assert reply["MaXacThuc"] == sha(f"00|TANHOA|{reply['ThoiGianGD']}|{SECRET}")
    payment.refresh_from_db()
    assert payment.is_paid and payment.transaction_no == "GD123"
    assert post_confirm(client, confirm(payment))["MaLoi"] == "02"


def test_confirm_with_a_wrong_checksum_or_amount_is_refused(client, dvcqg, payment):
    assert post_confirm(client, confirm(payment, secret="wrong"))["MaLoi"] == "97"
    assert post_confirm(client, confirm(payment, amount=1))["MaLoi"] == "04"
    response = client.post(
        "/payments/dvcqg/confirm/", b"\xff not json", content_type="application/json"
    )
    assert response.json()["MaLoi"] == "97"
    payment.refresh_from_db()
    assert payment.is_pending


def test_query_checksum_and_reconciliation(dvcqg, payment):
    message = dvcqg.query_message(payment, now=NOW)
    assert message["MaXacThuc"] == sha(
        f"QUERY|1.0.6|TANHOA|{payment.reference}|20250301093005|{SECRET}"
    )
    bill = dvcqg.query_message(payment, "GET_BILL", now=NOW)
    assert bill["MaXacThuc"] == sha(
        f"GET_BILL|1.0.6|TANHOA|{payment.reference}|20250301093005|{SECRET}"
    )
    answer = {
        "error_code": "0",
        "message": {"MaLoi": "00", "SoTien": payment.amount, "MaGiaoDich": "Q1"},
    }
    with mock.patch.object(dvcqg_module, "post_json", return_value=answer):
        flows.reconcile_payment(payment)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.transaction_no == "Q1"


def test_the_return_carries_only_the_reference_and_shows_our_state(client, dvcqg, payment):
    response = client.get("/payments/dvcqg/return/", {"MaThamChieu": payment.reference})
    assert response["Location"] == f"/ho-so/{payment.dossier.pk}/thanh-toan/{payment.reference}/"
    assert client.get("/payments/dvcqg/return/", {"MaThamChieu": "NOSUCH"}).status_code == 400
