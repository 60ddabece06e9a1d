"""Local development: the embedded defaults, debug pages and the demo province."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
# ".localhost": component sites such as http://sotuphap.localhost:8000/ in the demo.
os.environ.setdefault("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1,[::1]")
os.environ.setdefault("DEMO_MODE", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SECURE_COOKIES", "0")

from .base import *  # noqa: E402

if not IDP_OIDC_PRIVATE_KEY:
    from portal.keys import local_private_key

    IDP_OIDC_PRIVATE_KEY = local_private_key(VAR_DIR / "oidc-private-key.pem")

# runserver serves static files straight from the source folders.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
