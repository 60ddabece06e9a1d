"""The systems dossier events are sent to, chosen by alias from settings.SYNC_DESTINATIONS.

Each destination decides which events it wants, builds the payload when the event happens (inside
the transition's transaction) and sends one message over HTTP when the outbox delivers it.
"""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from . import signatures

# Answers worth trying again: the receiver is busy, rate-limiting, or not sure yet. Any other 4xx
# means it will never accept this payload, so the message fails permanently for an operator to see.
RETRYABLE_STATUSES = frozenset({401, 403, 404, 408, 409, 425, 429})


class DeliveryError(Exception):
    def __init__(self, message, *, retryable=True, status=None, unreachable=False):
        super().__init__(message)
        self.retryable = retryable
        self.status = status
        # The system could not be reached at all: the rest of its batch is not even tried.
        self.unreachable = unreachable


@dataclass
class Delivered:
    status: int


class Destination:
    """Contract for a system the outbox delivers to.

    `wants(dossier, event)` → bool: queue a message for this event?
    `build_payload(dossier, event)` → JSON-able dict, called inside the transition's transaction;
    it must not do network I/O.
    `send(message)` → Delivered, or raises DeliveryError (retryable or not). It must send
    `message.key` so that the receiver can drop duplicates.
    """

    def __init__(self, alias, **options):
        self.alias = alias
        self.options = options

    @property
    def configured(self):
        return True

    def wants(self, dossier, event):
        return True

    def build_payload(self, dossier, event):
        raise NotImplementedError

    def send(self, message):
        raise NotImplementedError


class HttpDestination(Destination):
    """POSTs the payload as JSON with a bearer token, the Idempotency-Key header and, when a secret
    is configured, an HMAC-SHA256 signature (services/sync/signatures.py)."""

    @property
    def configured(self):
        return bool(self.options.get("url"))

    def body_for(self, message):
        """The payload as sent; file links are signed now, so they are fresh at every attempt."""
        from .files import with_download_links
        from .outbox import REBUILD

        payload = message.payload
        if payload.get(REBUILD):
            try:
                payload = self.build_payload(message.dossier, message.event)
            except Exception as error:  # noqa: BLE001 (kept on the message for the operator)
                raise DeliveryError(f"The payload could not be built: {error!r}") from error
        return with_download_links(payload)

    def send(self, message):
        body = json.dumps(self.body_for(message), cls=DjangoJSONEncoder, ensure_ascii=False)
        body = body.encode()
        headers = {"Content-Type": "application/json", "Idempotency-Key": message.key}
        if self.options.get("token"):
            headers["Authorization"] = f"Bearer {self.options['token']}"
        if self.options.get("secret"):
            headers |= signatures.signed_headers(self.options["secret"], body)
        request = urllib.request.Request(  # noqa: S310 (the URL comes from settings)
            self.options["url"], data=body, method="POST", headers=headers
        )
        timeout = self.options.get("timeout", 10)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return Delivered(status=response.status)
        except urllib.error.HTTPError as error:
            status = error.code
            detail = error.read(500).decode(errors="replace")
            raise DeliveryError(
                f"HTTP {status}: {detail}".strip(),
                retryable=status >= 500 or status in RETRYABLE_STATUSES,
                status=status,
            ) from None
        except OSError as error:  # refused, reset, timed out, DNS: the system is not reachable
            raise DeliveryError(str(error) or type(error).__name__, unreachable=True) from None


class NationalPortal(HttpDestination):
    """The National Public Service Portal (DVCQG): every event of every dossier, in the field set
    of its dossier sync (DongBoHoSo, regulations §3.9)."""

    def build_payload(self, dossier, event):
        from .dvcqg import dossier_record

        return dossier_record(dossier, event)


class ExternalOneStop(HttpDestination):
    """A province's own one-stop system: dossiers received here (with their files), supplements
    and withdrawals. Its status updates come back through the signed webhook (views.py)."""

    EVENTS = frozenset({"receive", "supplement", "withdraw"})

    def wants(self, dossier, event):
        from .onestop import applying_external_update

        # An update that came from that system is not echoed back to it.
        return event.action in self.EVENTS and not applying_external_update.get()

    def build_payload(self, dossier, event):
        from .onestop import outgoing_payload

        return outgoing_payload(dossier, event)


@cache
def get_destination(alias):
    conf = settings.SYNC_DESTINATIONS[alias]
    return import_string(conf["BACKEND"])(alias, **conf.get("OPTIONS", {}))


def destinations():
    return [get_destination(alias) for alias in settings.SYNC_DESTINATIONS]


def configured_aliases():
    return [destination.alias for destination in destinations() if destination.configured]


@receiver(setting_changed)
def _forget_destinations(setting, **kwargs):
    if setting == "SYNC_DESTINATIONS":
        get_destination.cache_clear()
