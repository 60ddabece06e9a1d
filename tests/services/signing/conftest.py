import pytest

SANDBOX = {"BACKEND": "services.signing.backends.sandbox.SandboxSigner"}


@pytest.fixture(autouse=True)
def _sandbox_backends(settings):
    """Both aliases on the sandbox CA (made in the test's own VAR_DIR), backends made afresh."""
    from services.signing.backends import get_signer

    settings.SIGNING_BACKENDS = {"agency": SANDBOX, "citizen": SANDBOX}
    settings.SIGNING_TIMESTAMP_URL = ""
    get_signer.cache_clear()
    yield
    get_signer.cache_clear()
