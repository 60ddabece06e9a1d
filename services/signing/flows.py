"""Use cases of digital signing: issuing agency-signed documents, and the applicant's declaration.

`issue_document` is how every other app gets a signed PDF (forms BM.01–BM.05, results, fee
receipts): the document is rendered with the address of its public verification page printed on
it, signed by the agency backend with a visible stamp (and an RFC 3161 timestamp when
SIGNING_TIMESTAMP_URL is set), validated, and registered by the SHA-256 of the final bytes.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from . import declaration
from .backends import AGENCY, CITIZEN, SigningFailed, get_signer
from .models import SignedDocument, new_verification_code, verification_path
from .validation import validate_pdf

__all__ = [
    "SigningFailed",
    "accept_signed_declaration",
    "dossier_needs_signature",
    "issue_document",
    "latest_document",
    "sign_declaration",
]


def verification_url(code):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{verification_path(code)}"


def _location():
    return getattr(settings, "SIGNING_LOCATION", "") or "Việt Nam"


def _register(data, report, *, kind, title, dossier, agency, signed_by, code, source_sha256=""):
    """Store the signed `data` with its validation `report` (validate_pdf(data))."""
    document = SignedDocument(
        kind=kind,
        title=title[:255],
        dossier=dossier,
        agency=agency,
        signed_by=signed_by,
        sha256=report.sha256,
        source_sha256=source_sha256,
        verification_code=code,
        valid=report.is_valid,
        validation=report.as_dict(),
    )
    document.file.save(f"{code}.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def issue_document(*, kind, agency, title, render, dossier=None, signed_by=None) -> SignedDocument:
    """Render, sign on behalf of `agency`, validate and register a document.

    `render(verification_url)` returns the PDF bytes; it prints the URL and its QR code. Raises
    SigningFailed when the agency backend cannot sign (its message can be shown).
    """
    code = new_verification_code()
    data = render(verification_url(code))
    signed = get_signer(AGENCY).sign(
        data, subject=agency, reason=title, location=_location(), visible_stamp=True
    )
    return _register(
        signed,
        validate_pdf(signed),
        kind=kind,
        title=title,
        dossier=dossier,
        agency=agency,
        signed_by=signed_by,
        code=code,
    )


def latest_document(dossier, kind) -> SignedDocument | None:
    return SignedDocument.objects.filter(dossier=dossier, kind=kind).order_by("-created_at").first()


def current_declaration(dossier):
    """The valid signed declaration that matches the dossier's current answers, if any."""
    return (
        SignedDocument.objects.valid()
        .filter(
            dossier=dossier,
            kind=SignedDocument.Kind.DECLARATION,
            source_sha256=declaration.content_hash(dossier),
        )
        .order_by("-created_at")
        .first()
    )


def dossier_needs_signature(dossier) -> bool:
    """The procedure asks for the applicant's signature and the current declaration has none."""
    if not getattr(dossier.procedure, "applicant_signature_required", False):
        return False
    return current_declaration(dossier) is None


def sign_declaration(dossier, *, by) -> SignedDocument:
    """Sign the generated declaration with the citizen backend (sandbox or remote service)."""
    signer = get_signer(CITIZEN)
    if not signer.signs_here:
        raise SigningFailed(_("Sign the declaration with your USB token, then upload it."))
    signed = signer.sign(
        declaration.render(dossier),
        subject=by,
        reason="Ký tờ khai thủ tục hành chính",
        location=_location(),
        visible_stamp=True,
    )
    report = validate_pdf(signed)
    document = _register_declaration(dossier, signed, report, by=by)
    if not document.valid:
        raise SigningFailed(
            _("The signature could not be verified: %(reason)s") % {"reason": report.summary()}
        )
    return document


def _register_declaration(dossier, signed: bytes, report, *, by):
    """Register the citizen's signed declaration with the hash of the answers it was made from."""
    return _register(
        signed,
        report,
        kind=SignedDocument.Kind.DECLARATION,
        title=f"Tờ khai – {dossier.procedure.name}",
        dossier=dossier,
        agency=dossier.agency,
        signed_by=by,
        code=new_verification_code(),
        source_sha256=declaration.content_hash(dossier),
    )


def accept_signed_declaration(dossier, data: bytes, *, by):
    """Check a declaration the citizen signed elsewhere (USB token) and register it.

    Returns (document or None, report, message). Accepted only when every signature is valid and
    trusted and the signed file's first revision is exactly the declaration generated for the
    dossier's current answers.
    """
    report = validate_pdf(data)
    if not report.is_valid:
        return None, report, report.summary()
    if not data.startswith(declaration.render(dossier)):
        return (
            None,
            report,
            _(
                "The signed file is not the declaration generated for this dossier, or it was "
                "changed before signing, or your answers have changed since. Download the "
                "declaration again and sign it without editing it."
            ),
        )
    document = _register_declaration(dossier, data, report, by=by)
    return document, report, ""
