"""Download links for dossier files sent to other systems: signed, expiring, no sign-in needed.

The token is Django's TimestampSigner (HMAC-SHA256 with SECRET_KEY and a salt of our own) over the
attachment id; it expires SYNC_FILE_LINK_MAX_AGE seconds after it was made. Links are made when a
message is sent, not when it is queued, so a delivery delayed by an outage still carries fresh ones.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "services.sync.files"


def _signer():
    return signing.TimestampSigner(salt=SALT, algorithm="sha256")


def download_token(attachment_id):
    return _signer().sign(str(attachment_id))


def attachment_id_from(token):
    """The attachment id in `token`; raises signing.SignatureExpired or signing.BadSignature."""
    value = _signer().unsign(token, max_age=settings.SYNC_FILE_LINK_MAX_AGE)
    return int(value)


def download_url(attachment_id):
    path = reverse("sync:file", args=[download_token(attachment_id)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def with_download_links(payload):
    """A copy of `payload` where every file entry ({"MaTep": id, "DuongDanTaiTepTin": …}) gets a
    fresh signed link."""
    if isinstance(payload, list):
        return [with_download_links(item) for item in payload]
    if not isinstance(payload, dict):
        return payload
    result = {key: with_download_links(value) for key, value in payload.items()}
    if "MaTep" in result and "DuongDanTaiTepTin" in result and result["MaTep"]:
        result["DuongDanTaiTepTin"] = download_url(result["MaTep"])
    return result
