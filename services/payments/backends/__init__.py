"""Payment gateways chosen by alias from settings.PAYMENT_BACKENDS (like Django's storages).

    PAYMENT_BACKENDS = {"sandbox": {"BACKEND": "services.payments.backends.sandbox.SandboxBackend",
                                    "OPTIONS": {...}}}
    PAYMENT_DEFAULT_BACKEND = "sandbox"

In tests, change the settings and call get_backend.cache_clear().
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


class UnknownBackend(LookupError):
    pass


@cache
def get_backend(alias=None):
    alias = alias or settings.PAYMENT_DEFAULT_BACKEND
    try:
        conf = settings.PAYMENT_BACKENDS[alias]
    except KeyError:
        raise UnknownBackend(alias) from None
    return import_string(conf["BACKEND"])(alias, **conf.get("OPTIONS", {}))


def is_configured(alias):
    return alias in settings.PAYMENT_BACKENDS
