"""The contract every payment gateway implements (sandbox, VNPay, the DVCQG payment platform), and
the helpers the gateways share (Vietnam's timestamps, unaccented text, the JSON call)."""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from portal.text import fold


class Outcome(StrEnum):
    """Our verdict on a server notification; the codes are VNPay's IPN answers (RspCode)."""

    CONFIRMED = "00"
    NOT_FOUND = "01"
    ALREADY_CONFIRMED = "02"
    INVALID_AMOUNT = "04"
    INVALID_SIGNATURE = "97"
    ERROR = "99"


OUTCOME_MESSAGES = {
    Outcome.CONFIRMED: "Confirm Success",
    Outcome.NOT_FOUND: "Order not found",
    Outcome.ALREADY_CONFIRMED: "Order already confirmed",
    Outcome.INVALID_AMOUNT: "Invalid amount",
    Outcome.INVALID_SIGNATURE: "Invalid signature",
    Outcome.ERROR: "Unknown error",
}


@dataclass(frozen=True)
class GatewayMessage:
    """A return, notification or query answer, once its signature has been checked.

    `succeeded` is True when the gateway says the money was taken, False when it says the payment
    failed or was cancelled, None when it does not know (still pending, or not found).
    """

    reference: str
    signature_valid: bool
    amount: int | None = None
    succeeded: bool | None = None
    transaction_no: str = ""
    bank_code: str = ""
    paid_at: datetime | None = None
    response_code: str = ""
    raw: dict = field(default_factory=dict)


class GatewayError(Exception):
    """The gateway could not be reached or answered nonsense; nothing was changed."""


class PaymentBackend:
    """One payment gateway. Subclasses are configured by alias in settings.PAYMENT_BACKENDS.

    The flow is the same for every gateway: `payment_url` sends the citizen's browser to the
    gateway; the gateway sends the browser back to our return URL (`parse_return`, display only)
    and, server to server, a notification (`parse_notification`, the authority), which we answer
    with `notification_response`; `query` asks the gateway about one payment (reconciliation).
    """

    #: The gateway's name on the electronic receipt, e.g. "VNPay".
    label = ""
    #: False when the browser's return carries no signed result (only the reference).
    signed_return = True

    def __init__(self, alias, **options):
        self.alias = alias
        self.options = options

    def payment_url(self, payment, *, request) -> str:
        """The address to redirect the citizen to; may call the gateway (INIT)."""
        raise NotImplementedError

    def parse_return(self, request) -> GatewayMessage:
        """Read the browser's return; the result is shown, never stored."""
        raise NotImplementedError

    def parse_notification(self, request) -> GatewayMessage:
        """Read and verify a server notification (never raises on bad input)."""
        raise NotImplementedError

    def notification_response(self, outcome: Outcome, message: GatewayMessage | None = None):
        """The HttpResponse the gateway expects for our verdict."""
        raise NotImplementedError

    def query(self, payment) -> GatewayMessage:
        """Ask the gateway for the state of `payment`; raises GatewayError when it cannot tell."""
        raise NotImplementedError


# Helpers shared by the gateways -----------------------------------------------------------------

GMT7 = ZoneInfo("Asia/Ho_Chi_Minh")


def gmt7(moment):
    """yyyyMMddHHmmss in Vietnam's time, as VNPay and the DVCQG platform write every date."""
    return moment.astimezone(GMT7).strftime("%Y%m%d%H%M%S")


def parse_gmt7(text):
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=GMT7)
    except (TypeError, ValueError):
        return None


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def ascii_text(text):
    """Order information: Vietnamese without diacritics and without special characters."""
    folded = fold(text).upper()
    return "".join(char for char in folded if char.isalnum() or char == " ")[:255]


def client_ip(request):
    # The last proxy hop is ours; REMOTE_ADDR is what the WSGI server saw.
    return (request.META.get("REMOTE_ADDR") or "127.0.0.1")[:45]


def post_json(url, body, *, timeout, headers=None):
    request = urllib.request.Request(  # noqa: S310 (the URL comes from settings)
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            answer = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        raise GatewayError(f"{url}: {error}") from error
    if not isinstance(answer, dict):
        raise GatewayError(f"{url}: not a JSON object")
    return answer
