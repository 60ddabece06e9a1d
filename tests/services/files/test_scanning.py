import io
import socket
import struct
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import override

from services.files.scanning import ClamdScanner, EicarTestScanner, get_scanner, scan
from services.files.uploads import UploadRefused, inspect_upload
from tests.conftest import free_port


def test_dummy_scanner_flags_eicar_anywhere(eicar):
    scanner = EicarTestScanner(chunk_size=16)
    assert scanner.scan(io.BytesIO(b"x" * 1000 + eicar + b"y" * 1000)) == "Eicar-Test-Signature"
    assert scanner.scan(io.BytesIO(b"clean content" * 100)) is None


def test_scan_resets_the_file_position(dummy_scanner):
    fileobj = io.BytesIO(b"clean")
    fileobj.seek(3)
    scan(fileobj)
    assert fileobj.tell() == 0


def test_backend_chosen_by_alias(settings):
    settings.VIRUS_SCANNERS = {
        "default": {"BACKEND": "services.files.scanning.EicarTestScanner"},
        "clamd": {
            "BACKEND": "services.files.scanning.ClamdScanner",
            "OPTIONS": {"url": "tcp://127.0.0.1:3310", "timeout": 2},
        },
    }
    assert isinstance(get_scanner(), EicarTestScanner)
    clamd = get_scanner("clamd")
    assert (clamd.address, clamd.timeout) == (("127.0.0.1", 3310), 2.0)
    with pytest.raises(ImproperlyConfigured):
        get_scanner("missing")


@pytest.mark.parametrize("url", ["", "http://clamd", "tcp://host-without-port", "unix://"])
def test_bad_clamd_urls(url):
    with pytest.raises(ImproperlyConfigured):
        ClamdScanner(url)


def use_clamd(settings, url, timeout=2):
    settings.VIRUS_SCANNERS = {
        "default": {
            "BACKEND": "services.files.scanning.ClamdScanner",
            "OPTIONS": {"url": url, "timeout": timeout},
        }
    }


@pytest.mark.parametrize("where", ["unix", "tcp"])
def test_stopped_clamd_refuses_every_upload(settings, tmp_path, where, make_pdf, make_upload):
    url = f"unix://{tmp_path}/clamd.ctl" if where == "unix" else f"tcp://127.0.0.1:{free_port()}"
    use_clamd(settings, url)
    with override("en"), pytest.raises(UploadRefused) as error:
        inspect_upload(make_upload(make_pdf()))
    assert error.value.code == "scanner_unavailable"
    assert error.value.message == (
        "The virus scan is unavailable at the moment, so the file was not accepted. "
        "Please try again in a few minutes."
    )


def test_silent_clamd_times_out_and_refuses(settings):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        use_clamd(settings, f"tcp://127.0.0.1:{server.getsockname()[1]}", timeout=0.3)
        with pytest.raises(UploadRefused) as error:
            scan(io.BytesIO(b"clean"))
    assert error.value.code == "scanner_unavailable"


class FakeClamd:
    """Speaks INSTREAM like clamd and answers with a fixed reply."""

    def __init__(self, reply):
        self.reply = reply
        self.received = b""
        self.command = b""
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.url = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, conn, size):
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def _serve(self):
        conn, _ = self.server.accept()
        with conn:
            self.command = self._read(conn, len(b"zINSTREAM\0"))
            while True:
                (length,) = struct.unpack("!L", self._read(conn, 4))
                if not length:
                    break
                self.received += self._read(conn, length)
            conn.sendall(self.reply)

    def close(self):
        self.thread.join(timeout=5)
        self.server.close()


@pytest.mark.parametrize(
    ("reply", "outcome"),
    [
        (b"stream: OK\0", None),
        (b"stream: Win.Test.EICAR_HDB-1 FOUND\0", "infected"),
        (b"INSTREAM size limit exceeded. ERROR\0", "scanner_unavailable"),
        (b"", "scanner_unavailable"),
    ],
)
def test_clamd_protocol(settings, reply, outcome):
    fake = FakeClamd(reply)
    use_clamd(settings, fake.url)
    content = b"a" * 200_000
    try:
        if outcome is None:
            scan(io.BytesIO(content))
        else:
            with pytest.raises(UploadRefused) as error:
                scan(io.BytesIO(content))
            assert error.value.code == outcome
    finally:
        fake.close()
    assert fake.command == b"zINSTREAM\0"
    assert fake.received == content
    if outcome == "infected":
        assert "Win.Test.EICAR_HDB-1" in error.value.message
