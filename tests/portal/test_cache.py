"""While Redis is unreachable the cache misses instead of failing: pages are served from the
database, and the cache comes back by itself when Redis does."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from chaos.proxy import FaultProxy
from portal import cache as resilient
from tests.conftest import port_open, require_service


@pytest.fixture
def redis_line():
    """The cache talks to the real Redis through a line the test can cut."""
    require_service(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    with FaultProxy("127.0.0.1", 6379) as line:
        caches = {
            "default": {
                "BACKEND": "portal.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{line.port}/11",
                "KEY_PREFIX": "test-resilient",
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
        with override_settings(CACHES=caches):
            resilient._state["retry_at"] = 0.0
            yield line
            resilient._state["retry_at"] = 0.0


@pytest.mark.integration
def test_reads_miss_and_writes_are_dropped_while_redis_is_down(redis_line, monkeypatch):
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0)
    cache.set("kept", "before")
    assert cache.get("kept") == "before"

    redis_line.down()
    assert cache.get("kept") is None
    assert cache.get("kept", "fallback") == "fallback"
    assert cache.get_many(["kept"]) == {}
    cache.set("written", "during")  # no error
    assert cache.add("added", 1) is False
    assert cache.get_or_set("computed", lambda: "from the database") == "from the database"
    cache.delete("kept")  # no error
    with pytest.raises(Exception, match="(?i)connect|unreachable"):
        cache.incr("kept")

    redis_line.up()
    assert cache.get("kept") == "before"  # the dropped delete never reached Redis
    cache.delete("kept")


@pytest.mark.integration
def test_after_a_failure_redis_is_left_alone_for_a_while(redis_line, monkeypatch):
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 60)
    cache.set("kept", "value")
    redis_line.down()
    assert cache.get("kept") is None
    redis_line.up()
    # Redis is back, but this process does not try it again before the pause is over…
    assert cache.get("kept") is None
    with pytest.raises(Exception, match="unreachable"):
        cache.incr("kept")
    # …and uses it again afterwards.
    resilient._state["retry_at"] = 0.0
    assert cache.get("kept") == "value"
    cache.delete("kept")


@pytest.mark.integration
def test_pages_and_rate_limited_forms_work_while_redis_is_down(redis_line, demo_site, client):
    redis_line.down()
    home = client.get("/")
    assert home.status_code == 200
    lookup = client.get(reverse("dossiers:lookup"), {"ma": "000.00.01.H99-261122-0001"})
    assert lookup.status_code == 200
