"""A simulated gateway on this very site, for development, demos and tests.

It follows the real gateways' flow: our site redirects the browser to the sandbox page
(/payments/sandbox/pay/), the citizen chooses an outcome, the sandbox sends its signed server
notification to our notification handler (in-process, through the same code as
/payments/sandbox/ipn/), then redirects the browser to the return URL with the signed result.
It can also "lose" the notification, so reconciliation can be tried. Messages are signed with
HMAC-SHA256 over the sorted, URL-encoded parameters; the key comes from PAYMENT_SANDBOX_SECRET or
is derived from SECRET_KEY. Never enable it where real money is taken: anyone can "pay" here.
"""

import hmac
import secrets
from datetime import UTC, datetime
from hashlib import sha256
from urllib.parse import quote_plus, urlencode

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.crypto import salted_hmac

from .base import OUTCOME_MESSAGES, GatewayMessage, PaymentBackend, int_or_none

SUCCESS = "00"
CANCELLED = "24"


def canonical(params):
    items = sorted((key, str(value)) for key, value in params.items() if key != "signature")
    return "&".join(f"{key}={quote_plus(value, safe='')}" for key, value in items)


class SandboxBackend(PaymentBackend):
    label = "Cổng thanh toán thử nghiệm (sandbox)"

    def __init__(self, alias, **options):
        super().__init__(alias, **options)
        self.secret = (
            options.get("secret")
            or salted_hmac(
                "services.payments.sandbox", "gateway", secret=settings.SECRET_KEY
            ).hexdigest()
        )

    def sign(self, params):
        return hmac.new(self.secret.encode(), canonical(params).encode(), sha256).hexdigest()

    def signed(self, params):
        params = {key: str(value) for key, value in params.items()}
        return {**params, "signature": self.sign(params)}

    def verify(self, params):
        given = str(params.get("signature", ""))
        return bool(given) and hmac.compare_digest(given, self.sign(params))

    # Our side ---------------------------------------------------------------------------------

    def payment_url(self, payment, *, request):
        params = self.signed(
            {
                "reference": payment.reference,
                "amount": payment.amount,
                "info": str(payment.dossier.code or payment.dossier.pk),
                "expires": payment.expires_at.strftime("%Y%m%d%H%M%S"),
            }
        )
        return f"{reverse('payment_gateways:sandbox_pay')}?{urlencode(params)}"

    def message_from(self, params):
        params = {key: str(value)[:200] for key, value in params.items()}
        paid_at = None
        if params.get("paid_at", "").isdigit():
            paid_at = datetime.fromtimestamp(int(params["paid_at"]), tz=UTC)
        return GatewayMessage(
            reference=params.get("reference", "")[:64],
            signature_valid=self.verify(params),
            amount=int_or_none(params.get("amount")),
            succeeded=params.get("code") == SUCCESS,
            transaction_no=params.get("transaction_no", "")[:64],
            bank_code=params.get("bank_code", "")[:30],
            paid_at=paid_at,
            response_code=params.get("code", "")[:4],
            raw=params,
        )

    def parse_return(self, request):
        return self.message_from(request.GET.dict())

    def parse_notification(self, request):
        return self.message_from(request.POST.dict())

    def notification_response(self, outcome, message=None):
        return JsonResponse({"code": outcome.value, "message": OUTCOME_MESSAGES[outcome]})

    def query(self, payment):
        from ..models import SandboxTransaction

        done = SandboxTransaction.objects.filter(reference=payment.reference).first()
        if done is None:
            return GatewayMessage(
                reference=payment.reference,
                signature_valid=True,
                succeeded=False,
                response_code="91",
            )
        return GatewayMessage(
            reference=done.reference,
            signature_valid=True,
            amount=done.amount,
            succeeded=done.response_code == SUCCESS,
            transaction_no=done.transaction_no,
            bank_code=done.bank_code,
            paid_at=done.paid_at,
            response_code=done.response_code,
            raw={"reference": done.reference, "code": done.response_code},
        )

    # The simulated gateway's side -------------------------------------------------------------

    def complete(self, reference, amount, code):
        """Record the citizen's choice on the gateway; return the signed result message."""
        from ..models import SandboxTransaction

        done, _created = SandboxTransaction.objects.get_or_create(
            reference=reference,
            defaults={
                "amount": amount,
                "response_code": code,
                "transaction_no": f"SB{secrets.randbelow(10**10):010d}",
                "bank_code": "SANDBOX",
            },
        )
        return self.signed(
            {
                "reference": done.reference,
                "amount": done.amount,
                "code": done.response_code,
                "transaction_no": done.transaction_no,
                "bank_code": done.bank_code,
                "paid_at": int(done.paid_at.timestamp()),
            }
        )
