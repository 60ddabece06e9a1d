"""/healthz: what a load balancer or an operator needs to know, in one JSON answer.

The database is essential (503 without it). The cache, broker and search are optional components:
each is reported as "ok", "down" or "not configured" (running on its embedded default).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

OK, DOWN, NOT_CONFIGURED = "ok", "down", "not configured"
TIMEOUT_SECONDS = 2


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 (any failure means the database does not answer)
        logger.exception("Health check: database down")
        return DOWN
    return OK


def check_cache():
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    try:
        cache.set("healthz", "1", timeout=10)
        return OK if cache.get("healthz") == "1" else DOWN
    except Exception:  # noqa: BLE001
        logger.warning("Health check: cache down", exc_info=True)
        return DOWN


def check_broker():
    if not settings.CELERY_BROKER_URL:
        return NOT_CONFIGURED
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=TIMEOUT_SECONDS) as conn:
            conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("Health check: broker down", exc_info=True)
        return DOWN
    return OK


def check_search():
    if not settings.ELASTICSEARCH_URL:
        return NOT_CONFIGURED
    from elasticsearch import Elasticsearch

    try:
        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=TIMEOUT_SECONDS)
        return OK if client.ping() else DOWN
    except Exception:  # noqa: BLE001
        logger.warning("Health check: search down", exc_info=True)
        return DOWN


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "search": check_search,
}


@never_cache
def healthz(request):
    components = {name: check() for name, check in CHECKS.items()}
    healthy = all(state != DOWN for state in components.values())
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "components": components},
        status=200 if components["database"] == OK else 503,
    )
