"""Checks every uploaded document before it is stored: size, real type (from the content), soundness, viruses.

Only PDF, JPEG and PNG are accepted. The type is read from the bytes, never from the file name or the
browser's Content-Type, so a renamed program or web page is refused.
"""

import io
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

HEAD_BYTES = 8192
# The end-of-file marker must sit near the end: a cut-off upload lacks it.
PDF_TAIL_BYTES = 2048

KINDS = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}

_EXECUTABLE_MAGIC = (
    b"\x7fELF",  # Linux programs and libraries
    b"MZ",  # Windows programs (PE), DOS programs
    b"#!",  # shell, Python, Perl scripts
    b"\xfe\xed\xfa\xce",  # macOS programs (Mach-O)
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Java classes, macOS universal binaries
    b"\x00asm",  # WebAssembly
)
_MARKUP_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<!--",
)


class UploadRefused(Exception):  # noqa: N818 (the contract's name)
    """An upload that must not be stored; `message` tells the person why, in their language."""

    def __init__(self, message, code="refused"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Inspected:
    kind: str
    content_type: str
    size: int


def size_text(num_bytes):
    """A size as "10 MB" (whole megabytes stay whole)."""
    mebibyte = 1024 * 1024
    if num_bytes >= mebibyte and num_bytes % mebibyte == 0:
        return f"{num_bytes // mebibyte} MB"
    return str(filesizeformat(num_bytes)).replace("\xa0", " ")


def accepted_formats_text(max_bytes=None):
    """The hint shown beside every upload field: "PDF, JPG, PNG, tối đa 10 MB"."""
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    return _("PDF, JPG, PNG, at most %(limit)s") % {"limit": size_text(limit)}


def inspect_upload(uploaded_file, *, max_bytes=None):
    """Return what the upload really is, or raise UploadRefused with the reason.

    Runs, cheapest first: size limit, program and web-page detection, type sniffing, a structural
    check of the PDF or image, then the virus scanner (which fails closed). Leaves the file at 0.
    """
    from .scanning import scan

    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size = _size_of(uploaded_file)
    if size > limit:
        raise UploadRefused(
            _("The file exceeds the maximum size of %(limit)s.") % {"limit": size_text(limit)},
            code="too_large",
        )
    if size == 0:
        raise UploadRefused(_("The file is empty."), code="empty")
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    kind = _sniff(head)
    if kind == "pdf":
        _check_pdf(uploaded_file, size)
    else:
        _check_image(uploaded_file, kind)
    scan(uploaded_file)
    uploaded_file.seek(0)
    return Inspected(kind=kind, content_type=KINDS[kind], size=size)


def _size_of(uploaded_file):
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
    return size


def _sniff(head):
    if head.startswith(_EXECUTABLE_MAGIC):
        raise UploadRefused(
            _("This file is a program, not a document. Only PDF, JPG and PNG files are accepted."),
            code="executable",
        )
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_MARKUP_STARTS):
        raise UploadRefused(
            _(
                "This file is a web page (HTML or XML), not a document, whatever its name. "
                "Only PDF, JPG and PNG files are accepted."
            ),
            code="markup",
        )
    if head.startswith(b"%PDF-"):
        return "pdf"
    guessed = filetype.guess(head)
    if guessed is not None and guessed.mime in ("image/jpeg", "image/png"):
        return "jpeg" if guessed.mime == "image/jpeg" else "png"
    raise UploadRefused(
        _("This type of file is not accepted. Only PDF, JPG and PNG files are accepted."),
        code="unsupported",
    )


def _damaged_pdf():
    return UploadRefused(
        _(
            "The PDF file is incomplete or damaged (it may have been cut off while uploading). "
            "Please save it again and upload it once more."
        ),
        code="damaged",
    )


def _check_pdf(uploaded_file, size):
    uploaded_file.seek(max(0, size - PDF_TAIL_BYTES))
    if b"%%EOF" not in uploaded_file.read():
        raise _damaged_pdf()
    uploaded_file.seek(0)
    reader_class, errors = _pdf_reader()
    if reader_class is None:
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = reader_class(uploaded_file, strict=False)
            if reader.is_encrypted:
                raise UploadRefused(
                    _(
                        "The PDF file is protected by a password. Please upload it without a "
                        "password so the agency can read it."
                    ),
                    code="encrypted",
                )
            if len(reader.pages) < 1:
                raise _damaged_pdf()
    except errors as error:
        raise _damaged_pdf() from error
    finally:
        uploaded_file.seek(0)


def _pdf_reader():
    """pypdf when it is installed (development and CI); otherwise only the marker checks run."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        return None, ()
    return PdfReader, (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError)


def _check_image(uploaded_file, kind):
    image_format = {"jpeg": "JPEG", "png": "PNG"}[kind]
    damaged = UploadRefused(
        _(
            "The image is incomplete or damaged (it may have been cut off while uploading). "
            "Please take or save it again and upload it once more."
        ),
        code="damaged",
    )
    try:
        with warnings.catch_warnings():
            # An image with an absurd pixel count is a decompression bomb, not a scan.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded_file.seek(0)
            with Image.open(uploaded_file, formats=[image_format]) as image:
                image.verify()
            uploaded_file.seek(0)
            with Image.open(uploaded_file, formats=[image_format]) as image:
                # verify() does not decode JPEG data; decoding at 1/8 scale still reads every byte.
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise damaged from error
    finally:
        uploaded_file.seek(0)
