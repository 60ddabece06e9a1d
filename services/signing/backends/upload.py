from django.utils.translation import gettext_lazy as _

from .base import Signer, SigningFailed


class UploadOnly(Signer):
    """Citizens sign the declaration with their own USB token, outside the portal, and upload it.

    The portal never holds their key: `sign()` is refused and the review step offers the upload.
    """

    signs_here = False
    label = _("your own USB token")

    def open_signer(self, subject):
        raise SigningFailed(
            _("Sign the declaration with your USB token, then upload the signed file.")
        )
