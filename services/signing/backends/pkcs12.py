from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from pyhanko.sign import signers

from .base import Signer, ready


class Pkcs12Signer(Signer):
    """The agency's certificate and key from a PKCS#12 (.p12/.pfx) file outside the repository.

    OPTIONS: path (SIGNING_PKCS12_FILE), passphrase (SIGNING_PKCS12_PASSPHRASE). The file is read
    once per process.
    """

    label = _("the agency's certificate")

    def __init__(self, *, path="", passphrase="", **options):
        super().__init__(**options)
        if not path:
            raise ImproperlyConfigured(
                "The pkcs12 signing backend needs SIGNING_PKCS12_FILE (the .p12/.pfx file's path)."
            )
        self.path = str(path)
        self.passphrase = passphrase.encode() if isinstance(passphrase, str) else passphrase
        self._signer = None

    def pyhanko_signer(self):
        if self._signer is None:
            signer = signers.SimpleSigner.load_pkcs12(self.path, passphrase=self.passphrase or None)
            if signer is None:
                raise ImproperlyConfigured(
                    f"The PKCS#12 file {self.path} could not be read (wrong passphrase?)."
                )
            self._signer = signer
        return self._signer

    def open_signer(self, subject):
        return ready(self.pyhanko_signer())
