import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import port_open, require_service

ROOT = Path(__file__).resolve().parents[2]
LOCAL_REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
# Nothing listens on port 1: a configured component that cannot be reached.
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def embedded_defaults(settings):
    settings.REDIS_URL = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CELERY_BROKER_URL = ""
    settings.ELASTICSEARCH_URL = ""
    return settings


def components(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def test_bare_machine_reports_optional_components_as_not_configured(client, db, embedded_defaults):
    status, body = components(client)
    assert status == 200
    assert body == {
        "status": "ok",
        "components": {
            "database": "ok",
            "cache": "not configured",
            "broker": "not configured",
            "search": "not configured",
        },
    }


def test_redis_down_is_reported_and_the_site_stays_up(client, db, embedded_defaults):
    embedded_defaults.REDIS_URL = DEAD_REDIS
    embedded_defaults.CELERY_BROKER_URL = DEAD_REDIS
    embedded_defaults.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    status, body = components(client)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["components"]["cache"] == "down"
    assert body["components"]["broker"] == "down"
    assert body["components"]["database"] == "ok"


def test_elasticsearch_unreachable_is_down(client, db, embedded_defaults):
    embedded_defaults.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    status, body = components(client)
    assert status == 200
    assert body["components"]["search"] == "down"


@pytest.mark.integration
def test_live_redis_is_ok_for_cache_and_broker(client, db, embedded_defaults):
    require_service(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    embedded_defaults.REDIS_URL = LOCAL_REDIS
    embedded_defaults.CELERY_BROKER_URL = LOCAL_REDIS
    embedded_defaults.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": LOCAL_REDIS,
        }
    }
    status, body = components(client)
    assert status == 200
    assert body["components"]["cache"] == "ok"
    assert body["components"]["broker"] == "ok"


def test_database_down_answers_503(tmp_path):
    """A server whose PostgreSQL is unreachable must say so, not crash."""
    code = (
        "from django.test import Client; r = Client().get('/healthz');"
        "print(r.status_code); print(r.content.decode())"
    )
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    assert lines[0] == "503"
    body = json.loads(lines[-1])
    assert body["components"]["database"] == "down"
    assert body["status"] == "degraded"
