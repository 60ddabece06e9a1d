"""Virus scanning of uploads, with the backend chosen by alias from `settings.VIRUS_SCANNERS`.

    VIRUS_SCANNERS = {"default": {"BACKEND": "services.files.scanning.ClamdScanner",
                                  "OPTIONS": {"url": "unix:///run/clamav/clamd.ctl"}}}

Scanning fails closed: when the scanner cannot give a clear answer the file is refused.
"""

import logging
import socket
import struct
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .uploads import UploadRefused

logger = logging.getLogger(__name__)

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class ScannerUnavailable(OSError):
    """The scanner could not be asked or gave no clear answer."""


class Scanner:
    """The contract of a virus scanner backend."""

    def scan(self, fileobj):
        """Read `fileobj` from its start; return None when clean or the name of what was found.

        Raise ScannerUnavailable (or any OSError) when no clear verdict can be given.
        """
        raise NotImplementedError

    def ping(self):
        """Return True when the scanner answers (for health checks)."""
        return True


class EicarTestScanner(Scanner):
    """Development and test dummy: flags content holding the EICAR test string, passes the rest."""

    def __init__(self, chunk_size=64 * 1024):
        self.chunk_size = chunk_size

    def scan(self, fileobj):
        overlap = len(EICAR) - 1
        tail = b""
        while chunk := fileobj.read(self.chunk_size):
            if EICAR in tail + chunk:
                return "Eicar-Test-Signature"
            tail = (tail + chunk)[-overlap:]
        return None


class ClamdScanner(Scanner):
    """Talks to clamd's INSTREAM command over a unix socket or TCP.

    `url` is `unix:///run/clamav/clamd.ctl` or `tcp://127.0.0.1:3310`.
    """

    def __init__(self, url, timeout=15.0, chunk_size=64 * 1024):
        parts = urlsplit(url or "")
        if parts.scheme == "unix" and parts.path:
            self.family, self.address = socket.AF_UNIX, parts.path
        elif parts.scheme == "tcp" and parts.hostname and parts.port:
            self.family, self.address = socket.AF_INET, (parts.hostname, parts.port)
        else:
            raise ImproperlyConfigured(
                f"CLAMD_URL must look like unix:///path/to/clamd.ctl or tcp://host:3310, got {url!r}."
            )
        self.url = url
        self.timeout = float(timeout)
        self.chunk_size = chunk_size

    def _connect(self):
        if self.family == socket.AF_UNIX:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            try:
                sock.connect(self.address)
            except OSError:
                sock.close()
                raise
            return sock
        return socket.create_connection(self.address, timeout=self.timeout)

    @staticmethod
    def _reply(sock):
        reply = b""
        while not reply.endswith(b"\0"):
            data = sock.recv(4096)
            if not data:
                break
            reply += data
        return reply.rstrip(b"\0").decode("utf-8", "replace").strip()

    def ping(self):
        try:
            with self._connect() as sock:
                sock.sendall(b"zPING\0")
                return self._reply(sock) == "PONG"
        except OSError:
            return False

    def scan(self, fileobj):
        with self._connect() as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := fileobj.read(self.chunk_size):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = self._reply(sock)
        # "stream: OK", "stream: Eicar-Test-Signature FOUND", "INSTREAM size limit exceeded. ERROR"
        if reply == "stream: OK":
            return None
        if reply.startswith("stream: ") and reply.endswith(" FOUND"):
            return reply.removeprefix("stream: ").removesuffix(" FOUND").strip()
        raise ScannerUnavailable(f"clamd gave no verdict: {reply!r}")


@cache
def get_scanner(alias="default"):
    try:
        config = settings.VIRUS_SCANNERS[alias]
    except KeyError:
        raise ImproperlyConfigured(f"VIRUS_SCANNERS has no scanner named {alias!r}.") from None
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


@receiver(setting_changed)
def _forget_scanners(*, setting, **kwargs):
    if setting == "VIRUS_SCANNERS":
        get_scanner.cache_clear()


def scan(fileobj, *, alias="default"):
    """Raise UploadRefused unless the scanner says the file is clean; leaves the file at 0."""
    scanner = get_scanner(alias)
    fileobj.seek(0)
    try:
        found = scanner.scan(fileobj)
    except OSError as error:
        logger.error("Virus scan failed with %s: %s", type(scanner).__name__, error)
        raise UploadRefused(
            _(
                "The virus scan is unavailable at the moment, so the file was not accepted. "
                "Please try again in a few minutes."
            ),
            code="scanner_unavailable",
        ) from error
    finally:
        fileobj.seek(0)
    if found:
        logger.warning("Upload refused: the virus scanner found %s", found)
        raise UploadRefused(
            _("The file contains a virus or malicious code (%(name)s) and was not accepted.")
            % {"name": found},
            code="infected",
        )
