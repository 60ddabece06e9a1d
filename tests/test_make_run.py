"""`make run` on a fresh copy of the repository serves the demo province in both languages."""

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
# Only what the repository tracks, so a file someone forgot to commit makes this test fail.
TRACKED = subprocess.run(
    ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False
).stdout.split(b"\0")


def fresh_copy(target):
    for name in filter(None, TRACKED):
        source = ROOT / name.decode()
        if source.is_file():
            destination = target / name.decode()
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    # Reuse the installed virtualenv: installing packages again is not what this test is about.
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def fetch(url):
    # Only ever the local server this test started.
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.read().decode()


@pytest.mark.slow
def test_make_run_serves_the_demo_on_a_fresh_copy(tmp_path):
    if not TRACKED[0]:
        pytest.skip("Not a git checkout.")
    checkout = fresh_copy(tmp_path / "checkout")
    port = free_port()
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=checkout,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                status, html = fetch(base + "/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace")
                    pytest.fail(f"make run did not serve the site:\n{output[-4000:]}")
                time.sleep(1)
        # The Accept-Language header asks for English, yet "/" is the Vietnamese portal.
        assert status == 200
        assert '<html lang="vi">' in html
        assert "Ủy ban nhân dân tỉnh Tân Hòa" in html
        assert "Bỏ qua, đến nội dung chính" in html
        status, html_en = fetch(base + "/en/")
        assert status == 200
        assert '<html lang="en">' in html_en
        assert "Tan Hoa Province e-Portal" in html_en
        assert "Skip to main content" in html_en
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode(errors="replace")
    assert "quantri" in output, "make run must print the demo accounts"
