"""The production settings module, started the way a server starts it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.base",
    "SECRET_KEY": "k3Y-" + "x7Qp9vLm2Zr8Tn4Wc6Bd1Hs5Jf0Gy3Ue" * 2,
    "ALLOWED_HOSTS": "tanhoa.gov.vn,www.tanhoa.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://tanhoa.gov.vn",
    "PORTAL_BASE_URL": "https://tanhoa.gov.vn",
}


def manage(*args, env):
    """Run manage.py with only the given variables, as a fresh server process would start."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes_with_production_variables(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_start_without_secret_key_fails_with_a_clear_message(tmp_path):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("check", env={**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY is not set" in result.stderr


def test_production_defaults_are_safe(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.DEMO_MODE, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.CELERY_TASK_ALWAYS_EAGER,"
        " s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "False",
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
    ]
