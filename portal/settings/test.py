"""Fast, deterministic tests. DATABASE_URL and REDIS_URL still switch to PostgreSQL and Redis."""

import os
from urllib.parse import urlsplit

# Parallel test processes (pytest -n) each get their own Redis database: cache.clear() empties a
# whole database, and one process must not wipe another's rate-limit counters mid-test.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _redis = urlsplit(os.environ["REDIS_URL"])
    _database = int(_redis.path.strip("/") or 0) + 1 + int(_worker[2:])
    os.environ["REDIS_URL"] = _redis._replace(path=f"/{_database}").geturl()

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
# One test process logs in, looks up and submits from 127.0.0.1 far faster than any citizen, and the
# counters outlive a test in the cache: the limits are set low by the tests that are about them.
os.environ.setdefault("RATE_LIMIT_LOGIN", "100000/m/ip")
os.environ.setdefault("RATE_LIMIT_LOOKUP", "100000/m/ip,100000/m/user")
os.environ.setdefault("RATE_LIMIT_SUBMISSION", "100000/h/ip,100000/h/user")

from .base import *  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not IDP_OIDC_PRIVATE_KEY:
    from portal.keys import new_private_key_pem

    IDP_OIDC_PRIVATE_KEY = new_private_key_pem()
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
if not EMAIL_URL:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process in tests; the Celery integration test talks to a real worker on purpose.
CELERY_TASK_ALWAYS_EAGER = True
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"
# Serve static files from the source folders, as in development: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Figures computed afresh on every request, so a test sees the dossiers it has just made.
STATISTICS_CACHE_SECONDS = 0

# Page views written at once, so a test can read them after one request.
VISIT_COUNT_FLUSH_SECONDS = 0
