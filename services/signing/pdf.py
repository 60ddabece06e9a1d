"""Signing PDF bytes with a pyHanko signer: a visible stamp in Vietnamese, PAdES, optional RFC 3161."""

import asyncio
import concurrent.futures
import io
from functools import cache

from django.conf import settings
from django.utils import timezone
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import TextStampStyle

FONT = settings.BASE_DIR / "portal" / "fonts" / "NotoSans-Regular.ttf"
# The stamp sits in the bottom margin of the last page, on the right: 60 % of the width, 52 pt high.
STAMP_HEIGHT = 52
STAMP_MARGIN = 6


def run(coroutine):
    """Run a pyHanko coroutine from sync code, also where an event loop is already running
    (a Playwright test's thread): then in a worker thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@cache
def stamp_font():
    return GlyphAccumulatorFactory(str(FONT), font_size=10)


def stamp_style(lines):
    text = "\n".join(lines).replace("%", "%%")
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=stamp_font(), font_size=6.5, leading=8),
        border_width=1,
    )


def _last_page_box(data):
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    pages = reader.root["/Pages"]
    count = int(pages["/Count"])
    node = reader.find_page_for_modification(count - 1)[0].get_object()
    box = None
    while box is None and node is not None:
        # Page boxes are inheritable from the page tree's nodes.
        box = node.get("/CropBox") or node.get("/MediaBox")
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    box = box or (0, 0, 595, 842)
    x0, y0, x1, y1 = (float(value) for value in box)
    width = x1 - x0
    left = x0 + width * 0.4 - STAMP_MARGIN
    return count - 1, (left, y0 + STAMP_MARGIN, x1 - STAMP_MARGIN, y0 + STAMP_MARGIN + STAMP_HEIGHT)


def field_name(data):
    """A signature field name not used yet in the document (Sig1, Sig2, …)."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    taken = {name for name, *_rest in fields.enumerate_sig_fields(reader, filled_status=None)}
    number = 1
    while f"Sig{number}" in taken:
        number += 1
    return f"Sig{number}"


def timestamper():
    """The RFC 3161 time-stamping client when SIGNING_TIMESTAMP_URL is set, else None."""
    url = getattr(settings, "SIGNING_TIMESTAMP_URL", "")
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=getattr(settings, "SIGNING_TIMESTAMP_TIMEOUT", 10))


def sign_bytes(data: bytes, pyhanko_signer, **kwargs) -> bytes:
    """Append a PAdES signature to `data` (see sign_bytes_async)."""
    return run(sign_bytes_async(data, pyhanko_signer, **kwargs))


async def sign_bytes_async(
    data: bytes,
    pyhanko_signer,
    *,
    reason: str,
    location: str,
    stamp_lines=None,
    time_stamper=None,
    signer_name: str = "",
) -> bytes:
    """Append a PAdES signature to `data`; with `stamp_lines`, a visible stamp on the last page."""
    name = field_name(data)
    field_spec = None
    style = None
    if stamp_lines:
        page, box = _last_page_box(data)
        field_spec = fields.SigFieldSpec(sig_field_name=name, on_page=page, box=box)
        style = stamp_style(stamp_lines)
    else:
        field_spec = fields.SigFieldSpec(sig_field_name=name)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=reason,
        location=location,
        name=signer_name or None,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=pyhanko_signer,
        timestamper=time_stamper,
        stamp_style=style,
        new_field_spec=field_spec,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    output = io.BytesIO()
    await pdf_signer.async_sign_pdf(writer, output=output)
    return output.getvalue()


def local_time_text():
    return timezone.localtime().strftime("%H:%M:%S %d/%m/%Y")
