"""A Redis cache that a Redis outage turns into a cache miss instead of a server error.

Everything the portal keeps in the cache can be recomputed (the default site, menus, statistics,
rate-limit counters), so while Redis is unreachable a read misses, a write is dropped and a page is
served from the database, a little slower. After a failure the cache is not tried again for
`RETRY_SECONDS`, so a Redis that times out costs one request a timeout, not every call of every
request. `incr` still raises (at once while Redis is known to be down): its one caller,
portal.ratelimit, decides what a lost counter means.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Per process: one outage is one outage for every thread's client.
_state = {"retry_at": 0.0}


def unavailable():
    return time.monotonic() < _state["retry_at"]


def _mark_unreachable(error):
    _state["retry_at"] = time.monotonic() + RETRY_SECONDS
    logger.warning("Cache unreachable (%s); serving without it for %s s", error, RETRY_SECONDS)


def _degrades_to(fallback):
    """Run the Redis call unless Redis is known to be down; on failure, answer `fallback(...)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if not unavailable():
                try:
                    return method(self, *args, **kwargs)
                except UNREACHABLE as error:
                    _mark_unreachable(error)
            return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


class ResilientRedisCacheClient(RedisCacheClient):
    get = _degrades_to(_default)(RedisCacheClient.get)
    get_many = _degrades_to(_empty)(RedisCacheClient.get_many)
    has_key = _degrades_to(_false)(RedisCacheClient.has_key)
    # Not stored: add() answers False, as it does when the key exists.
    add = _degrades_to(_false)(RedisCacheClient.add)
    set = _degrades_to(_nothing)(RedisCacheClient.set)
    set_many = _degrades_to(_nothing)(RedisCacheClient.set_many)
    touch = _degrades_to(_false)(RedisCacheClient.touch)
    delete = _degrades_to(_false)(RedisCacheClient.delete)
    delete_many = _degrades_to(_nothing)(RedisCacheClient.delete_many)

    def incr(self, key, delta=1):
        if unavailable():
            raise RedisConnectionError("The cache is unreachable.")
        try:
            return super().incr(key, delta)
        except UNREACHABLE as error:
            _mark_unreachable(error)
            raise


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
