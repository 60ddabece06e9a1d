"""Read deploy-time configuration from environment variables.

Every value has one obvious source: the environment. A value without a default is required, so a
production start without it stops at once with a message that names the variable.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_REQUIRED = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env(name, default=_REQUIRED, *, cast=None):
    """Return the environment variable `name`, cast like its default (bool, int, list, str)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        if default is _REQUIRED:
            raise ImproperlyConfigured(
                f"The environment variable {name} is not set. "
                f"Set it (see .env.example and the README's configuration table) and start again."
            )
        return default
    cast = cast or (type(default) if default not in (_REQUIRED, None) else str)
    if cast is bool:
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
        )
    if cast in (list, tuple):
        return cast(item.strip() for item in raw.split(",") if item.strip())
    if cast is Path:
        return Path(raw)
    try:
        return cast(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} has an invalid value {raw!r}: {error}") from error


def email_settings(url):
    """Translate EMAIL_URL into Django's EMAIL_* settings.

    smtp://user:password@host:587?tls=1, smtps://user:password@host:465, file:///path/to/folder,
    console:// (console only).
    """
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if parts.scheme in ("smtp", "smtps"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": parts.scheme == "smtps",
            "EMAIL_USE_TLS": parts.scheme == "smtp" and query.get("tls", "1").lower() in _TRUE,
            "EMAIL_TIMEOUT": int(query.get("timeout", "10")),
        }
    raise ImproperlyConfigured(
        f"EMAIL_URL must start with smtp://, smtps://, file:// or console://; got {parts.scheme!r}."
    )
