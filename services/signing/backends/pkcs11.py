import contextlib

from django.utils.translation import gettext_lazy as _

from .base import Signer


class Pkcs11Signer(Signer):
    """The agency's key on a hardware token or HSM, through its PKCS#11 module (pyHanko).

    OPTIONS: module (path of the vendor's .so), token_label, key_label, cert_label (defaults to
    key_label), pin (SIGNING_PKCS11_PIN), slot (optional number). Needs python-pkcs11.
    """

    label = _("the agency's signing token")

    def __init__(self, *, module, token_label="", key_label="", cert_label="", pin="", slot=None):
        super().__init__()
        self.module = module
        self.token_label = token_label
        self.key_label = key_label
        self.cert_label = cert_label or key_label
        self.pin = pin
        self.slot = slot

    def config(self):
        """pyHanko's PKCS#11 configuration for these options."""
        from pyhanko.config.pkcs11 import PKCS11SignatureConfig, TokenCriteria

        return PKCS11SignatureConfig(
            module_path=self.module,
            slot_no=self.slot,
            token_criteria=TokenCriteria(label=self.token_label) if self.token_label else None,
            cert_label=self.cert_label or None,
            key_label=self.key_label or None,
            user_pin=self.pin or None,
        )

    @contextlib.asynccontextmanager
    async def open_signer(self, subject):
        from pyhanko.sign.pkcs11 import PKCS11SigningContext

        async with PKCS11SigningContext(self.config()) as signer:
            yield signer
