import contextlib

import aiohttp
from django.utils.translation import gettext_lazy as _
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.csc_signer import (
    CSCAuthorizationManager,
    CSCServiceSessionInfo,
    CSCSigner,
    fetch_certs_in_csc_credential,
)

from .base import Signer, SigningFailed


class PinAuthorizationManager(CSCAuthorizationManager):
    """Asks credentials/authorize for a SAD bound to the hashes about to be signed (SCAL 1 or 2)."""

    def __init__(self, session, csc_session_info, credential_info, *, pin=None, timeout=30):
        super().__init__(csc_session_info, credential_info)
        self.session = session
        self.pin = pin
        self.timeout = timeout

    async def authorize_signature(self, hash_b64s):
        request = self.format_csc_auth_request(
            pin=self.pin,
            hash_b64s=hash_b64s,
            description="Ký tờ khai thủ tục hành chính",
        )
        url = self.csc_session_info.endpoint_url("credentials/authorize")
        try:
            async with self.session.post(
                url,
                headers=self.auth_headers,
                json=request,
                raise_for_status=True,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as response:
                return self.parse_csc_auth_response(await response.json())
        except aiohttp.ClientError as error:
            raise SigningError("CSC authorisation failed") from error


class CscSigner(Signer):
    """Remote signing through a Cloud Signature Consortium API (v1) service, with pyHanko's signer.

    OPTIONS: service_url (base URL before /csc/v1/), credential_id, token (OAuth bearer token),
    pin, timeout (seconds).
    """

    label = _("the remote signing service")

    def __init__(self, *, service_url, credential_id, token="", pin="", timeout=30):
        super().__init__()
        self.session_info = CSCServiceSessionInfo(
            service_url=service_url.rstrip("/"),
            credential_id=credential_id,
            oauth_token=token or None,
        )
        self.pin = pin or None
        self.timeout = timeout

    @contextlib.asynccontextmanager
    async def open_signer(self, subject):
        try:
            async with aiohttp.ClientSession() as session:
                info = await fetch_certs_in_csc_credential(
                    session, self.session_info, timeout=self.timeout
                )
                manager = PinAuthorizationManager(
                    session, self.session_info, info, pin=self.pin, timeout=self.timeout
                )
                yield CSCSigner(session, manager, sign_timeout=self.timeout)
        except (SigningError, aiohttp.ClientError, TimeoutError) as error:
            raise SigningFailed(
                _("The remote signing service did not answer. Please try again later.")
            ) from error
