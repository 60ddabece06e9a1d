"""The production nginx configuration (deploy/nginx/), rendered by deploy/nginx/render and run by a
real nginx in front of a small stand-in application: what it caches, what it never caches, how
Wagtail's PURGE empties it and how it covers for an application that fails."""

import http.server
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.stack import NGINX_MAIN, ROOT, render_nginx, wait_for
from tests.conftest import free_port, require_service

PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


class App(http.server.BaseHTTPRequestHandler):
    """Answers every path with how many times it was asked; fails while `failing` is set."""

    hits = {}
    failing = False

    def do_GET(self):
        App.hits[self.path] = App.hits.get(self.path, 0) + 1
        if App.failing:
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"boom")
            return
        body = f"{self.path} #{App.hits[self.path]}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path.startswith("/private"):
            self.send_header("Cache-Control", "private, no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def front(tmp_path):
    require_service(shutil.which("nginx") and PURGE_MODULE.exists(), "nginx with the purge module")
    App.hits, App.failing = {}, False
    app_port, front_port = free_port(), free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", app_port), App)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.css").write_text("body{}")
    shutil.copytree(ROOT / "portal" / "static" / "errors", static / "errors")
    run = tmp_path / "run"
    run.mkdir()
    conf = tmp_path / "conf"
    render_nginx(
        conf,
        PORTAL_UPSTREAM=f"127.0.0.1:{app_port}",
        PORTAL_STATIC_ROOT=str(static),
        PORTAL_MEDIA_ROOT=str(tmp_path / "media"),
        PORTAL_CACHE_DIR=str(run / "cache"),
        # A short freshness, so that a test can outlive it.
        PORTAL_CACHE_TTL="1s",
    )
    main = run / "nginx.conf"
    main.write_text(NGINX_MAIN.format(run=run, conf=conf, port=front_port))
    nginx = subprocess.Popen(
        ["nginx", "-p", str(run), "-c", str(main)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(f"http://127.0.0.1:{front_port}/static/css/site.css", seconds=10)
        yield f"http://127.0.0.1:{front_port}", conf, server
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        server.shutdown()
        server.server_close()


def get(url, *, cookie="", method="GET"):
    request = urllib.request.Request(
        url, method=method, headers={"Cookie": cookie} if cookie else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_the_rendered_files_leave_no_placeholder(front):
    _url, conf, _app = front
    for file in conf.iterdir():
        assert "${PORTAL_" not in file.read_text(), file.name


def test_anonymous_pages_are_served_from_the_cache(front):
    url, _conf, _app = front
    first = get(url + "/tin-tuc/")
    second = get(url + "/tin-tuc/")
    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] == "MISS" and second[1]["X-Cache-Status"] == "HIT"
    assert second[2] == "/tin-tuc/ #1"
    assert App.hits["/tin-tuc/"] == 1


def test_signed_in_visitors_and_private_answers_always_reach_the_application(front):
    url, _conf, _app = front
    for _ in range(2):
        get(url + "/ho-so/", cookie="sessionid=abc")
        get(url + "/ho-so/", cookie="__Host-sessionid=abc; csrftoken=x")
        get(url + "/private/lookup")
    assert App.hits["/ho-so/"] == 4
    assert App.hits["/private/lookup"] == 2
    # A signed-in visitor's page was not stored for the next anonymous one either.
    assert get(url + "/ho-so/")[2] == "/ho-so/ #5"


def test_purge_from_the_application_host_empties_a_page(front):
    url, _conf, _app = front
    get(url + "/gioi-thieu/")
    assert get(url + "/gioi-thieu/")[1]["X-Cache-Status"] == "HIT"
    status, _headers, _body = get(url + "/gioi-thieu/", method="PURGE")
    assert status == 200
    refreshed = get(url + "/gioi-thieu/")
    assert refreshed[1]["X-Cache-Status"] == "MISS" and refreshed[2] == "/gioi-thieu/ #2"


def test_a_failing_application_gets_the_last_good_copy(front):
    url, _conf, _app = front
    get(url + "/lich-cong-tac/")
    # Past the freshness (nginx counts whole seconds from a cached clock: wait two of them).
    time.sleep(2.5)
    App.failing = True
    status, headers, body = get(url + "/lich-cong-tac/")
    assert status == 200 and body == "/lich-cong-tac/ #1"
    assert headers["X-Cache-Status"] in {"STALE", "UPDATING"}
    # Nothing stored for this address: the failure shows.
    assert get(url + "/lich-cong-tac/?tuan=2")[0] == 500


def test_static_files_come_from_the_static_root_with_a_long_lifetime(front):
    url, _conf, _app = front
    status, headers, body = get(url + "/static/css/site.css")
    assert status == 200 and body == "body{}"
    assert "immutable" in headers["Cache-Control"]
    assert "/static/css/site.css" not in App.hits


def test_a_stopped_application_gives_a_vietnamese_503_page(front):
    url, _conf, app = front
    app.shutdown()
    app.server_close()
    status, headers, body = get(url + "/ho-so/nop/1.004194/", cookie="sessionid=abc")
    assert status == 503
    assert "Hệ thống đang tạm gián đoạn" in body and "không bị mất" in body


def test_the_production_site_file_passes_nginx_own_check(tmp_path):
    """portal-site.conf (HTTPS, the redirect and the purge listener) as Debian's nginx reads it."""
    require_service(shutil.which("nginx") and PURGE_MODULE.exists(), "nginx with the purge module")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=congthongtin.tanhoa.gov.vn",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    conf = tmp_path / "conf"
    render_nginx(
        conf,
        PORTAL_STATIC_ROOT=str(tmp_path / "static"),
        PORTAL_MEDIA_ROOT=str(tmp_path / "media"),
        PORTAL_CACHE_DIR=str(tmp_path / "cache"),
        PORTAL_SERVER_NAMES="congthongtin.tanhoa.gov.vn dichvucong.tanhoa.gov.vn",
        PORTAL_TLS_CERTIFICATE=str(tmp_path / "cert.pem"),
        PORTAL_TLS_CERTIFICATE_KEY=str(tmp_path / "key.pem"),
    )
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"load_module {PURGE_MODULE};\n"
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; include {conf}/portal-site.conf; }}\n"
    )
    check = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
