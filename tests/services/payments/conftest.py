import pytest

from services.payments import backends
from tests.services.payments.factories import SECRET, TMN


@pytest.fixture(autouse=True)
def _gateways(settings, tmp_path):
    """The sandbox and a VNPay terminal with a known secret; SMS into the test's folder."""
    from portal import sms

    settings.SMS_BACKENDS = {
        "default": {"BACKEND": "portal.sms.ConsoleBackend", "OPTIONS": {"folder": tmp_path / "sms"}}
    }
    settings.PAYMENT_BACKENDS = {
        "sandbox": {
            "BACKEND": "services.payments.backends.sandbox.SandboxBackend",
            "OPTIONS": {"secret": "sandbox-test-secret"},
        },
        "vnpay": {
            "BACKEND": "services.payments.backends.vnpay.VnpayBackend",
            "OPTIONS": {
                "tmn_code": TMN,
                "hash_secret": SECRET,
                "payment_url": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
                "api_url": "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
            },
        },
    }
    settings.PAYMENT_DEFAULT_BACKEND = "sandbox"
    sms.get_backend.cache_clear()
    backends.get_backend.cache_clear()
    yield
    sms.get_backend.cache_clear()
    backends.get_backend.cache_clear()
