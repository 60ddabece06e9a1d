"""Text messages through a provider chosen by alias from settings.SMS_BACKENDS.

The console backend is the embedded default; HttpGatewayBackend posts JSON to a provider's gateway.
"""

import json
import logging
import urllib.request
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class BaseBackend:
    """Contract for SMS providers: send one message and return the provider's message id."""

    def __init__(self, **options):
        self.options = options

    def send(self, phone: str, text: str) -> str:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Prints each message and appends it to a JSON-lines file in the configured folder."""

    def send(self, phone, text):
        sent_at = datetime.now(UTC).isoformat()
        line = json.dumps({"phone": phone, "text": text, "sent_at": sent_at}, ensure_ascii=False)
        logger.info("SMS to %s: %s", phone, text)
        folder = Path(self.options.get("folder") or settings.VAR_DIR / "sms")
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "outbox.jsonl").open("a", encoding="utf-8") as outbox:
            outbox.write(line + "\n")
        return f"console-{sent_at}"


class HttpGatewayBackend(BaseBackend):
    """Posts {"to", "text", "sender"} as JSON with a bearer token; expects {"id": ...} back."""

    timeout = 10

    def send(self, phone, text):
        body = json.dumps(
            {"to": phone, "text": text, "sender": self.options.get("sender", "")}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (the URL comes from settings, not users)
            self.options["url"],
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.options.get('token', '')}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return str(json.load(response)["id"])
        except (OSError, ValueError, KeyError) as error:
            raise SmsError(f"SMS gateway refused the message: {error}") from error


@cache
def get_backend(alias="default"):
    conf = settings.SMS_BACKENDS[alias]
    return import_string(conf["BACKEND"])(**conf.get("OPTIONS", {}))
