from django.utils.translation import gettext_lazy as _
from pyhanko.sign import signers

from ..sandbox import authority
from .base import Signer, display_name, ready


def _is_agency(subject):
    return hasattr(subject, "code") and not hasattr(subject, "username")


def subject_slug(subject):
    if subject is None:
        return "portal"
    if _is_agency(subject):
        return f"agency-{subject.code}"
    return f"user-{subject.pk}"


class SandboxSigner(Signer):
    """Test certificates from the local sandbox CA, one per citizen and per agency, made on demand.

    For development, tests and demonstrations only: every document says it is a test signature.
    """

    is_test = True
    label = _("the test signing service (sandbox)")

    def pyhanko_signer(self, subject):
        organisation = "Cơ quan nhà nước (thử nghiệm)" if _is_agency(subject) else ""
        identity = authority().identity(
            subject_slug(subject), display_name(subject) or "Cổng DVC", organisation=organisation
        )
        return _simple_signer(identity)

    def open_signer(self, subject):
        return ready(self.pyhanko_signer(subject))


def _simple_signer(identity):
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    (cert,) = list(load_certs_from_pemder_data(identity.cert_pem))
    chain = [c for data in identity.chain_pem for c in load_certs_from_pemder_data(data)]
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=load_private_key_from_pemder_data(identity.key_pem, None),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )
