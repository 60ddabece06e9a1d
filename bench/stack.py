"""The production stack on loopback: PostgreSQL and Redis (already running), gunicorn with
deploy/gunicorn.conf.py, a Celery worker started as deploy/systemd/portal-worker.service starts it,
and nginx with the files deploy/nginx/render makes from deploy/nginx/. `make bench` (and the fault
scenarios) run against this, so the deployment's own configuration is what gets measured.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
NGINX_MAIN = """
# Debian's nginx loads its modules from /etc/nginx/modules-enabled/ with paths relative to
# /usr/share/nginx; this nginx has a prefix of its own, so the one module we need is named here.
load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
user root;
worker_processes auto;
daemon off;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log off;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {conf}/portal-http.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name _;
        include {conf}/portal-locations.conf;
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, *, seconds=60, expect=200, processes=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{name} stopped (exit {process.returncode}) before {url} answered"
                )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == expect:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def render_nginx(folder, **values):
    """deploy/nginx/render into `folder`, with these PORTAL_... values."""
    subprocess.run(
        [str(ROOT / "deploy" / "nginx" / "render"), str(folder)],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **values},
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Stack:
    """One portal deployment in a folder of its own: database, Redis database, ports."""

    def __init__(self, folder, *, database="bench", redis_db=9):
        self.folder = Path(folder).resolve()
        self.server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        self.database = database
        self.app_port = free_port()
        self.front_port = free_port()
        self.processes = {}
        var = self.folder / "var"
        # Sessions made by the seed must stay valid for a later run on the same data (--keep-data).
        self.key_file = self.folder / "secret-key"
        key = self.key_file.read_text() if self.key_file.exists() else secrets.token_urlsafe(50)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.base",
            "SECRET_KEY": key,
            "DEBUG": "0",
            "DEMO_MODE": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_COOKIES": "0",
            "DATABASE_URL": f"{self.server}/{database}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
            "VAR_DIR": str(var),
            "MEDIA_ROOT": str(var / "media"),
            "STATIC_ROOT": str(var / "static"),
            "PRIVATE_MEDIA_ROOT": str(self.folder / "private"),
            "FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{self.front_port}",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{self.app_port}",
            "GUNICORN_ERRORLOG": str(self.folder / "gunicorn.log"),
            "PYTHONUNBUFFERED": "1",
            # Every simulated citizen comes from 127.0.0.1 and files back to back: the limits
            # that protect a real province from one abusive address would refuse the benchmark.
            "RATE_LIMIT_SUBMISSION": "1000000/m/ip,1000000/m/user",
            "RATE_LIMIT_LOOKUP": "1000000/m/ip,1000000/m/user",
            "API_THROTTLE_RATE": "1000000/minute",
        }

    @property
    def app_url(self):
        return f"http://127.0.0.1:{self.app_port}"

    @property
    def front_url(self):
        return f"http://127.0.0.1:{self.front_port}"

    @property
    def offline_env(self):
        """For commands run while the front cache is stopped: nothing to purge."""
        return {**self.env, "FRONTEND_CACHE_PURGE_URL": ""}

    def manage(self, *args, **kwargs):
        return self.python("manage.py", *args, **kwargs)

    def python(self, *args, **kwargs):
        env = self.env if self.processes.get("front") else self.offline_env
        return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, **kwargs)

    def psql(self, sql):
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{self.server}/postgres", "-c", sql],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def create(self):
        """A new empty database and folder, then the schema and the static files."""
        if self.folder.exists():
            shutil.rmtree(self.folder)
        (self.folder / "run").mkdir(parents=True)
        self.key_file.write_text(self.env["SECRET_KEY"])
        self.psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self.psql(f'CREATE DATABASE "{self.database}"')
        subprocess.run(
            ["redis-cli", "-n", self.env["REDIS_URL"].rsplit("/", 1)[1], "flushdb"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")

    def render_nginx(self):
        conf = self.folder / "nginx"
        render_nginx(
            conf,
            PORTAL_UPSTREAM=self.env["GUNICORN_BIND"],
            PORTAL_STATIC_ROOT=self.env["STATIC_ROOT"],
            PORTAL_MEDIA_ROOT=self.env["MEDIA_ROOT"],
            PORTAL_CACHE_DIR=str(self.folder / "run" / "cache"),
        )
        main = self.folder / "run" / "nginx.conf"
        main.write_text(NGINX_MAIN.format(run=self.folder / "run", conf=conf, port=self.front_port))
        return main

    def start(self, *, worker=True):
        main = self.render_nginx()
        log = open(self.folder / "stack.log", "ab")  # noqa: SIM115 (closed with the stack)
        self.processes["web"] = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        self.processes["front"] = subprocess.Popen(
            ["nginx", "-p", str(self.folder / "run"), "-c", str(main)],
            stdout=log,
            stderr=log,
        )
        if worker:
            self.start_worker()
        alive = list(self.processes.items())
        wait_for(f"{self.app_url}/healthz", processes=alive)
        wait_for(f"{self.front_url}/healthz", processes=alive)

    def start_worker(self):
        log = open(self.folder / "worker.log", "ab")  # noqa: SIM115
        # The command of deploy/systemd/portal-worker.service.
        self.processes["worker"] = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "--app",
                "portal",
                "worker",
                "--loglevel",
                "WARNING",
                "--hostname",
                f"worker-{self.database}@%h",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )

    def stop(self, name, sig=signal.SIGTERM):
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self):
        for name in list(self.processes):
            self.stop(name, signal.SIGQUIT if name == "front" else signal.SIGTERM)


@contextmanager
def running(stack, **kwargs):
    stack.start(**kwargs)
    try:
        yield stack
    finally:
        stack.stop_all()
