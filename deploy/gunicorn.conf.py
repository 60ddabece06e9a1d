"""Gunicorn settings for the portal: the file the systemd unit and `make bench` both start.

Every value can be changed through an environment variable of the same name in capitals
(GUNICORN_BIND, GUNICORN_WORKERS, ...), so one file serves a 2-core test box and a 16-core node.
"""

import multiprocessing
import os


def _env(name, default):
    return type(default)(os.environ.get(f"GUNICORN_{name}", default))


wsgi_app = "portal.wsgi:application"
# nginx on the same host talks to gunicorn on loopback (or a socket: "unix:/run/portal/web.sock").
bind = _env("BIND", "127.0.0.1:8001")
# Sync workers: the portal's requests are short database round trips. On a 2-core box, more
# workers than cores + 1 only add context switches (measured: 2 workers beat 4 on 2 vCPUs for a
# CPU-bound view); pages waiting on PostgreSQL like a few more, hence cores + 1.
workers = _env("WORKERS", multiprocessing.cpu_count() + 1)
worker_class = "sync"
# A request that takes longer than this is a bug or an attack: the worker is replaced.
timeout = _env("TIMEOUT", 30)
graceful_timeout = _env("GRACEFUL_TIMEOUT", 30)
# Restart each worker after a few thousand requests, staggered, so a slow leak never grows.
max_requests = _env("MAX_REQUESTS", 5000)
max_requests_jitter = _env("MAX_REQUESTS_JITTER", 500)
# Load the code once in the master, so workers start fast and share memory pages.
preload_app = True
# nginx buffers slow clients; gunicorn only ever talks to nginx.
forwarded_allow_ips = _env("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Uploads go through nginx (client_max_body_size) first; this is the header-size guard.
limit_request_line = 8190
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "portal-web"


def post_fork(server, worker):
    # Connections opened in the master before the fork (preload_app) must not be shared.
    from django.db import connections

    connections.close_all()
