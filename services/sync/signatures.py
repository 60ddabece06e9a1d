"""HMAC-SHA256 signatures of request bodies, both ways between the portal and another system.

The signed text is "<unix timestamp>.<raw body>", so a captured request cannot be replayed later
with a fresh timestamp; the receiver refuses timestamps outside its replay window.
"""

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-Signature-Timestamp"
SIGNATURE_HEADER = "X-Signature"


class BadSignature(Exception):
    pass


def sign(secret, timestamp, body):
    """The header value "sha256=<hex>" for `body` (bytes) sent at `timestamp` (unix seconds)."""
    message = str(int(timestamp)).encode() + b"." + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(secret, body, now=None):
    timestamp = int(now if now is not None else time.time())
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign(secret, timestamp, body)}


def verify(secret, timestamp, signature, body, *, window, now=None):
    """Raise BadSignature unless `signature` is ours for `body` and `timestamp` is recent enough."""
    if not secret:
        raise BadSignature("No shared secret is configured.")
    try:
        timestamp = int(timestamp)
    except (TypeError, ValueError):
        raise BadSignature("The timestamp header is missing or not a number.") from None
    now = time.time() if now is None else now
    if abs(now - timestamp) > window:
        raise BadSignature("The timestamp is outside the replay window.")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature or ""):
        raise BadSignature("The signature does not match the body.")
