"""VNPay payment URL protocol 2.1.0 (spec §5.4): redirect, return (display only), IPN (authority)
and the querydr merchant API for reconciliation.

The merchant registers two fixed addresses with VNPay: the return URL /payments/vnpay/return/ and
the IPN URL /payments/vnpay/ipn/ (services/payments/gateway_urls.py).
"""

import hmac
import secrets
from hashlib import sha512
from urllib.parse import quote_plus

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone

from .base import (
    OUTCOME_MESSAGES,
    GatewayError,
    GatewayMessage,
    PaymentBackend,
    ascii_text,
    client_ip,
    gmt7,
    parse_gmt7,
    post_json,
)

VERSION = "2.1.0"
UNSIGNED = frozenset({"vnp_SecureHash", "vnp_SecureHashType"})
# Fields of querydr's answer, in the order VNPay hashes them (pipe-joined).
QUERY_RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)


def hash_data(params):
    """The signed string: non-empty vnp_* parameters but the hash, sorted by key, values encoded
    as PHP's urlencode does (space → "+", "/" → "%2F"), joined with "&"."""
    items = sorted(
        (key, str(value))
        for key, value in params.items()
        if key.startswith("vnp_") and key not in UNSIGNED and value not in (None, "")
    )
    return "&".join(f"{key}={quote_plus(value, safe='')}" for key, value in items)


def sign(data, secret):
    return hmac.new(secret.encode(), data.encode(), sha512).hexdigest()


def verify(params, secret):
    given = str(params.get("vnp_SecureHash", "")).lower()
    return bool(given) and hmac.compare_digest(given, sign(hash_data(params), secret))


def amount_of(raw):
    """vnp_Amount is the amount × 100; anything else than whole đồng is not ours."""
    try:
        value = int(str(raw))
    except (TypeError, ValueError):
        return None
    return value // 100 if value >= 0 and value % 100 == 0 else None


class VnpayBackend(PaymentBackend):
    label = "VNPay"

    def __init__(self, alias, **options):
        super().__init__(alias, **options)
        self.tmn_code = options["tmn_code"]
        self.secret = options["hash_secret"]
        self.payment_endpoint = options["payment_url"]
        self.api_url = options.get("api_url", "")
        self.timeout = options.get("timeout", 15)

    # Payment URL ------------------------------------------------------------------------------

    def payment_params(self, payment, *, return_url, ip_addr, locale="vn", bank_code=""):
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": payment.amount * 100,
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.reference,
            "vnp_OrderInfo": self.order_info(payment),
            "vnp_OrderType": "other",
            "vnp_Locale": locale,
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": ip_addr,
            "vnp_CreateDate": gmt7(payment.created_at),
            "vnp_ExpireDate": gmt7(payment.expires_at),
        }
        if bank_code:
            params["vnp_BankCode"] = bank_code
        return params

    def build_url(self, params):
        data = hash_data(params)
        return f"{self.payment_endpoint}?{data}&vnp_SecureHash={sign(data, self.secret)}"

    @staticmethod
    def order_info(payment):
        dossier = payment.dossier
        label = dossier.code or f"NHAP {dossier.pk}"
        return ascii_text(f"Thanh toan phi le phi ho so {label} {payment.reference}")

    def payment_url(self, payment, *, request):
        locale = "en" if getattr(request, "LANGUAGE_CODE", "vi") == "en" else "vn"
        params = self.payment_params(
            payment,
            return_url=request.build_absolute_uri(reverse("payment_gateways:vnpay_return")),
            ip_addr=client_ip(request),
            locale=locale,
        )
        return self.build_url(params)

    # Return and IPN ---------------------------------------------------------------------------

    def message_from(self, params):
        params = {key: str(value) for key, value in params.items() if key.startswith("vnp_")}
        status = params.get("vnp_TransactionStatus", params.get("vnp_ResponseCode"))
        succeeded = params.get("vnp_ResponseCode") == "00" and status == "00"
        return GatewayMessage(
            reference=params.get("vnp_TxnRef", "")[:64],
            signature_valid=verify(params, self.secret),
            amount=amount_of(params.get("vnp_Amount")),
            succeeded=succeeded,
            transaction_no=params.get("vnp_TransactionNo", "")[:64],
            bank_code=params.get("vnp_BankCode", "")[:30],
            paid_at=parse_gmt7(params.get("vnp_PayDate")),
            response_code=params.get("vnp_ResponseCode", "")[:4],
            raw=params,
        )

    def parse_return(self, request):
        return self.message_from(request.GET.dict())

    def parse_notification(self, request):
        # VNPay calls the IPN URL with GET; accept a form POST too.
        return self.message_from({**request.POST.dict(), **request.GET.dict()})

    def notification_response(self, outcome, message=None):
        return JsonResponse({"RspCode": outcome.value, "Message": OUTCOME_MESSAGES[outcome]})

    # querydr ----------------------------------------------------------------------------------

    def query_body(self, payment, *, request_id=None, now=None, ip_addr="127.0.0.1"):
        body = {
            "vnp_RequestId": request_id or secrets.token_hex(16),
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": payment.reference,
            "vnp_OrderInfo": ascii_text(f"Truy van giao dich {payment.reference}"),
            "vnp_TransactionDate": gmt7(payment.created_at),
            "vnp_CreateDate": gmt7(now or timezone.now()),
            "vnp_IpAddr": ip_addr,
        }
        signed = "|".join(
            body[key]
            for key in (
                "vnp_RequestId",
                "vnp_Version",
                "vnp_Command",
                "vnp_TmnCode",
                "vnp_TxnRef",
                "vnp_TransactionDate",
                "vnp_CreateDate",
                "vnp_IpAddr",
                "vnp_OrderInfo",
            )
        )
        body["vnp_SecureHash"] = sign(signed, self.secret)
        return body

    def query(self, payment):
        if not self.api_url:
            raise GatewayError("VNPAY_API_URL is not set.")
        body = self.query_body(payment, ip_addr=self.options.get("server_ip", "127.0.0.1"))
        answer = post_json(self.api_url, body, timeout=self.timeout)
        answer = {key: str(value) for key, value in answer.items()}
        signed = "|".join(answer.get(key, "") for key in QUERY_RESPONSE_FIELDS)
        valid = hmac.compare_digest(
            answer.get("vnp_SecureHash", "").lower(), sign(signed, self.secret)
        )
        code = answer.get("vnp_ResponseCode", "")
        status = answer.get("vnp_TransactionStatus", "")
        if not valid or code not in ("00", "91"):
            raise GatewayError(f"querydr answered {code or 'nothing'} (signature valid: {valid})")
        if code == "91":  # VNPay has no such transaction: the citizen never paid.
            succeeded = False
        elif status == "00":
            succeeded = True
        elif status == "01":
            succeeded = None
        else:
            succeeded = False
        return GatewayMessage(
            reference=payment.reference,
            signature_valid=valid,
            amount=amount_of(answer.get("vnp_Amount")),
            succeeded=succeeded,
            transaction_no=answer.get("vnp_TransactionNo", ""),
            bank_code=answer.get("vnp_BankCode", ""),
            paid_at=parse_gmt7(answer.get("vnp_PayDate")),
            response_code=status or code,
            raw=answer,
        )
