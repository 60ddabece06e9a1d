import contextlib

from django.utils.translation import gettext_lazy as _

from ..pdf import local_time_text, run, sign_bytes_async, timestamper


class SigningFailed(Exception):
    """The backend could not sign; `message` is shown to the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def display_name(subject):
    """The name printed for a signer: an Agency's name or a User's full name."""
    if subject is None:
        return ""
    return getattr(subject, "full_name", "") or getattr(subject, "name", "") or str(subject)


class Signer:
    """The contract of a signing backend.

    `sign()` returns the PDF `data` with one more signature appended as an incremental update
    (the bytes signed are never rewritten). `subject` is whom the signature is made for: an
    `accounts.Agency` for results and forms, a `User` for a citizen's declaration; backends holding
    one certificate (PKCS#12, a token) ignore it. `visible_stamp` adds a stamp with the signer's
    name and the time on the last page.

    Subclasses implement `open_signer(subject)`, an async context manager yielding a pyHanko
    signer. `signs_here` is False for a backend with which people sign outside the portal.
    """

    signs_here = True
    is_test = False
    label = _("Digital signature")

    def __init__(self, **options):
        self.options = options

    def open_signer(self, subject):
        raise NotImplementedError

    def stamp_lines(self, subject):
        lines = [
            f"Ký bởi: {display_name(subject)}",
            f"Thời gian ký: {local_time_text()}",
        ]
        if self.is_test:
            lines.insert(0, "CHỮ KÝ SỐ THỬ NGHIỆM – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ")
        return lines

    def sign(
        self, data: bytes, *, subject, reason: str, location: str, visible_stamp: bool
    ) -> bytes:
        return run(
            self._sign(
                data, subject=subject, reason=reason, location=location, visible=visible_stamp
            )
        )

    async def _sign(self, data, *, subject, reason, location, visible):
        # A test signature is always marked visibly, whatever the caller asked.
        lines = self.stamp_lines(subject) if (visible or self.is_test) else None
        if self.is_test:
            reason = f"[THỬ NGHIỆM] {reason}"
        async with self.open_signer(subject) as pyhanko_signer:
            return await sign_bytes_async(
                data,
                pyhanko_signer,
                reason=reason,
                location=location,
                stamp_lines=lines,
                time_stamper=timestamper(),
                signer_name=display_name(subject),
            )


@contextlib.asynccontextmanager
async def ready(pyhanko_signer):
    yield pyhanko_signer
