"""A stand-in for the national portal's dossier-sync endpoint: it records every message it is sent
by its Idempotency-Key, so a scenario can tell "everything arrived" from "something arrived twice"."""

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from chaos.proxy import free_port


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A sender killed mid-request (scenario 2) is expected, not worth a traceback."""


class Receiver:
    def __init__(self, *, delay=0.0):
        self.port = free_port()
        self.delay = delay
        self.keys = Counter()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                if receiver.delay:
                    time.sleep(receiver.delay)
                with receiver.lock:
                    receiver.keys[self.headers.get("Idempotency-Key", "")] += 1
                body = b'{"error_code": "0"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = QuietServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def received(self, prefix=""):
        """(messages received, distinct keys) for keys starting with `prefix`."""
        with self.lock:
            matching = {key: n for key, n in self.keys.items() if key.startswith(prefix)}
        return sum(matching.values()), len(matching)
