"""Validation of signed PDFs with pyHanko: one code for the public page, the officers and verify_pdf.

`validate_pdf(data)` never raises for bad input: a corrupted, encrypted, oversized or unsigned file
gives a report with a Vietnamese `message` and `is_valid` False. Trust comes from the Vietnamese
root certificates shipped in services/signing/trust/ (public certificates), the files named in
SIGNING_TRUST_ROOTS, and the sandbox test CA only while a sandbox backend is configured.
"""

import hashlib
import io
import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .pdf import run

logger = logging.getLogger(__name__)

TRUST_DIR = Path(__file__).resolve().parent / "trust"
REPORT_KEYS = (
    "signer",
    "issuer",
    "serial",
    "signing_time",
    "intact",
    "trusted",
    "covers_whole_document",
    "revocation",
)
# Modifications a later signature may make to an earlier signature's document: filling the next
# signature field, and adding validation data or a document timestamp.
HARMLESS = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclass
class ValidationReport:
    signatures: list = field(default_factory=list)
    message: str = ""  # why the file could not be checked at all, in the reader's language
    sha256: str = ""
    size: int = 0

    @property
    def is_valid(self):
        return bool(
            not self.message
            and self.signatures
            and all(
                item["intact"] and item["trusted"] and item["covers_whole_document"]
                for item in self.signatures
            )
        )

    def summary(self):
        """One sentence for people: why the document is or is not valid."""
        if self.message:
            return self.message
        if self.is_valid:
            return _("Every signature is intact, trusted and covers the whole document.")
        for item in self.signatures:
            if not item["intact"]:
                return _("The document was changed after it was signed: the signature is broken.")
        for item in self.signatures:
            if not item["covers_whole_document"]:
                return _(
                    "The document was modified after it was signed: the signature does not cover "
                    "the whole document."
                )
        return _("The signature is intact but its certificate is not from a trusted authority.")

    def as_json(self):
        """The per-signature objects of `manage.py verify_pdf`, in a stable key order."""
        return [{key: item[key] for key in REPORT_KEYS} for item in self.signatures]

    def as_dict(self):
        """What is stored with a signed document (JSON field)."""
        return {
            "is_valid": self.is_valid,
            "message": self.message,
            "sha256": self.sha256,
            "signatures": self.signatures,
        }

    def dumps(self):
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2)


def sandbox_enabled():
    from .backends import SANDBOX_BACKEND

    return any(
        conf.get("BACKEND") == SANDBOX_BACKEND
        for conf in getattr(settings, "SIGNING_BACKENDS", {}).values()
    )


def _certificates(path: Path):
    data = path.read_bytes()
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, True)]
    return [asn1_x509.Certificate.load(data)]


@lru_cache(maxsize=8)
def _load(paths):
    roots, intermediates = [], []
    for name in paths:
        path = Path(name)
        files = sorted(path.glob("*.crt")) + sorted(path.glob("*.pem")) if path.is_dir() else [path]
        for file in files:
            for cert in _certificates(file):
                (roots if cert.self_signed else intermediates).append(cert)
    return tuple(roots), tuple(intermediates)


def trust_sources():
    sources = [str(TRUST_DIR), *map(str, getattr(settings, "SIGNING_TRUST_ROOTS", []))]
    if sandbox_enabled():
        from .sandbox import authority

        sandbox = authority()
        sandbox.root()
        sources.append(str(sandbox.root_cert_path))
    return tuple(sources)


def validation_context():
    roots, intermediates = _load(trust_sources())
    return ValidationContext(
        trust_roots=list(roots),
        other_certs=list(intermediates),
        allow_fetching=getattr(settings, "SIGNING_FETCH_REVOCATION", False),
        revocation_mode="soft-fail",
    )


def _name(name):
    native = name.native
    return native.get("common_name") or name.human_friendly


def _has_revocation_pointers(cert):
    return bool(cert.crl_distribution_points or cert.ocsp_urls)


def _revocation(status):
    if status.revocation_details is not None:
        return _("revoked")
    if (
        getattr(settings, "SIGNING_FETCH_REVOCATION", False)
        and status.trusted
        and _has_revocation_pointers(status.signing_cert)
    ):
        return _("good")
    return _("not checked")


def _entry(status, embedded, *, covered_later):
    cert = status.signing_cert
    coverage = status.coverage
    level = status.modification_level
    whole = coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        coverage == SignatureCoverageLevel.ENTIRE_REVISION and level in HARMLESS and covered_later
    )
    signing_time = status.signer_reported_dt
    timestamp = status.timestamp_validity
    return {
        "signer": _name(cert.subject),
        "issuer": _name(cert.issuer),
        "serial": format(cert.serial_number, "X"),
        "signing_time": signing_time.isoformat() if signing_time else None,
        "intact": bool(status.intact and status.valid),
        "trusted": bool(status.trusted),
        "covers_whole_document": bool(whole),
        "revocation": _revocation(status),
        "coverage": coverage.name if coverage is not None else None,
        "modification_level": level.name if level is not None else None,
        "timestamp": timestamp.timestamp.isoformat() if timestamp else None,
        "field": embedded.field_name,
    }


def _broken_entry(embedded):
    cert = None
    try:
        cert = embedded.signer_cert
    except Exception:  # noqa: BLE001 - a malformed signature still gets a row
        logger.info("Unreadable signer certificate in %s", embedded.field_name)
    return {
        "signer": _name(cert.subject) if cert else "",
        "issuer": _name(cert.issuer) if cert else "",
        "serial": format(cert.serial_number, "X") if cert else "",
        "signing_time": None,
        "intact": False,
        "trusted": False,
        "covers_whole_document": False,
        "revocation": _("not checked"),
        "coverage": None,
        "modification_level": None,
        "timestamp": None,
        "field": embedded.field_name,
    }


def too_large_message():
    """Why a file over SIGNING_MAX_PDF_BYTES is refused (the upload form and validate_pdf)."""
    return _("The file is larger than %(size)s MB, the most that can be checked.") % {
        "size": settings.SIGNING_MAX_PDF_BYTES // (1024 * 1024)
    }


def validate_pdf(data: bytes) -> ValidationReport:
    """Check every signature of the PDF `data`; see the module docstring."""
    report = ValidationReport(sha256=hashlib.sha256(data or b"").hexdigest(), size=len(data or b""))
    if not data:
        report.message = _("The file is empty.")
        return report
    if len(data) > settings.SIGNING_MAX_PDF_BYTES:
        report.message = too_large_message()
        return report
    if b"%PDF-" not in data[:1024]:
        report.message = _("The file is not a PDF document.")
        return report
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            report.message = _(
                "The PDF is encrypted (protected with a password); it cannot be checked. "
                "Send the document without a password."
            )
            return report
        embedded = list(reader.embedded_regular_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        logger.info("Unreadable PDF (%s): %s", report.sha256, error)
        report.message = _("The PDF file is damaged and cannot be read.")
        return report
    except Exception:  # noqa: BLE001 - never a server error on a visitor's file
        logger.warning("Unexpected error reading a PDF (%s)", report.sha256, exc_info=True)
        report.message = _("The PDF file is damaged and cannot be read.")
        return report
    if not embedded:
        report.message = _("The PDF has no digital signature.")
        return report
    context = validation_context()
    statuses = []
    for signature in embedded:
        try:
            statuses.append(
                run(async_validate_pdf_signature(signature, signer_validation_context=context))
            )
        except Exception:  # noqa: BLE001 - a malformed signature is reported, not raised
            logger.info("Signature %s could not be validated", signature.field_name, exc_info=True)
            statuses.append(None)
    for index, (signature, status) in enumerate(zip(embedded, statuses, strict=True)):
        if status is None:
            report.signatures.append(_broken_entry(signature))
            continue
        covered_later = any(
            later is not None
            and later.coverage == SignatureCoverageLevel.ENTIRE_FILE
            and later.intact
            and later.valid
            for later in statuses[index + 1 :]
        )
        report.signatures.append(_entry(status, signature, covered_later=covered_later))
    return report
