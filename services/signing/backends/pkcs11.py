import contextlib

from django.utils.translation import gettext_lazy as _

from .base import Signer, SigningFailed


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
        from pkcs11 import PKCS11Error
        from pyhanko.sign.general import SigningError
        from pyhanko.sign.pkcs11 import PKCS11SigningContext

        try:
            async with PKCS11SigningContext(self.config()) as signer:
                yield signer
        except (SigningError, PKCS11Error) as error:
            # pyHanko's errors (wrong PIN, no token, no key or certificate with the label, module
            # not loadable) become a message the officer can be shown; the cause stays chained.
            if _pin_refused(error):
                raise SigningFailed(
                    _("The PIN of the agency's signing token was refused (wrong or locked PIN).")
                ) from error
            raise SigningFailed(
                _(
                    "The agency's signing token could not be used: check that it is connected "
                    "and that its PKCS#11 module, labels and PIN are configured."
                )
            ) from error


def _pin_refused(error):
    from pkcs11.exceptions import PinExpired, PinIncorrect, PinInvalid, PinLenRange, PinLocked

    while error is not None:
        if isinstance(error, PinExpired | PinIncorrect | PinInvalid | PinLenRange | PinLocked):
            return True
        error = error.__cause__
    return False
