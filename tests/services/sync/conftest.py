import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import free_port


class FakeReceiver:
    """A stand-in for the national portal (an external system) on a local port.

    Records every request it gets (`hits`, duplicates included) and keeps one copy per
    Idempotency-Key (`accepted`), like a receiver that deduplicates. `up = False` answers 503;
    `stop()` closes the port, so connections are refused; `hold` (an Event) makes the
    `hold_from`-th request and the later ones wait until it is set, after setting `in_flight`.
    """

    def __init__(self, port=None):
        self.port = port or free_port()
        self.hits = []
        self.raw_bodies = []
        self.accepted = {}
        self.up = True
        self.hold = None
        self.hold_from = 1
        self.delay = 0
        self.requests = 0
        self.in_flight = threading.Event()
        self.lock = threading.Lock()
        self.server = None
        self.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/dongbo/"

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                key = self.headers.get("Idempotency-Key")
                with receiver.lock:
                    receiver.requests += 1
                    number = receiver.requests
                time.sleep(receiver.delay)
                if receiver.hold is not None and number >= receiver.hold_from:
                    receiver.in_flight.set()
                    receiver.hold.wait(120)
                if not receiver.up:
                    self.send_response(503)
                    self.end_headers()
                    self.wfile.write(b"maintenance")
                    return
                with receiver.lock:
                    receiver.hits.append((key, dict(self.headers), json.loads(body)))
                    receiver.raw_bodies.append(body)
                    duplicate = key in receiver.accepted
                    receiver.accepted.setdefault(key, json.loads(body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"duplicate": true}' if duplicate else b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def hit_counts(self):
        return Counter(key for key, _headers, _body in self.hits)


@pytest.fixture
def receiver():
    fake = FakeReceiver()
    yield fake
    if fake.hold is not None:
        fake.hold.set()
    fake.stop()


@pytest.fixture
def national(settings, receiver):
    """The national destination pointed at the fake receiver; deliveries run when the test says."""
    settings.SYNC_DESTINATIONS = {
        "dvcqg": {
            "BACKEND": "services.sync.destinations.NationalPortal",
            "OPTIONS": {"url": receiver.url, "token": "token-thu-nghiem", "timeout": 2},
        }
    }
    settings.SYNC_DELIVER_ON_COMMIT = False
    return receiver


@pytest.fixture(autouse=True)
def _sms_in_tmp(settings, tmp_path):
    from portal import sms

    settings.SMS_BACKENDS = {
        "default": {"BACKEND": "portal.sms.ConsoleBackend", "OPTIONS": {"folder": tmp_path / "sms"}}
    }
    sms.get_backend.cache_clear()
    yield
    sms.get_backend.cache_clear()
