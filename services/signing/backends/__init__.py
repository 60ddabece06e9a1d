"""Signing backends chosen by alias, as Django chooses file storages.

settings.SIGNING_BACKENDS = {"agency": {"BACKEND": "...", "OPTIONS": {...}}, "citizen": {...}}:
"agency" signs results, forms and receipts; "citizen" signs the applicant's declaration.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Signer, SigningFailed

SANDBOX_BACKEND = "services.signing.backends.sandbox.SandboxSigner"
AGENCY = "agency"
CITIZEN = "citizen"

__all__ = ["AGENCY", "CITIZEN", "SANDBOX_BACKEND", "Signer", "SigningFailed", "get_signer"]


@cache
def get_signer(alias: str) -> Signer:
    conf = settings.SIGNING_BACKENDS[alias]
    return import_string(conf["BACKEND"])(**conf.get("OPTIONS", {}))
