"""Rate limits for the portal's own views: counters per client address and per account in the cache.

`settings.RATE_LIMITS` maps a scope to its rates in allauth's notation, "60/m/ip,30/m/user": an
amount, a period (s, m, h or d, with an optional multiple: "15m") and what is counted, the client's
address ("ip", the default) or the signed-in account ("user"; anonymous visitors have none). Each
rate is a fixed window, staggered per counter so that everybody's windows do not end at once.

A cache that fails lets the request through: a dead Redis must not lock citizens out.
"""

import hashlib
import ipaddress
import logging
import math
import time
import zlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from portal.accounts.audit import client_ip

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str


def parse_rates(text):
    """ "60/m/ip,30/m/user" as a list of Rates."""
    rates = []
    for part in filter(None, (item.strip() for item in (text or "").split(","))):
        try:
            amount, period, *per = part.split("/")
            seconds = int(period[:-1] or 1) * PERIODS[period[-1]]
            rates.append(Rate(int(amount), seconds, per[0] if per else "ip"))
        except (ValueError, KeyError, IndexError) as error:
            raise ImproperlyConfigured(
                f"A rate limit must read like 30/m, 5/h/ip or 20/h/user; got {part!r}."
            ) from error
    return rates


@dataclass(frozen=True)
class Refusal:
    """A request over its limit, and the seconds until the fullest window ends."""

    retry_after: int

    @property
    def message(self):
        # Rounded up to the minute: "until 10:46" must not send anyone back at 10:45:30.
        until = timezone.localtime() + timedelta(seconds=self.retry_after + 59)
        return _(
            "Too many requests came from your connection or your account in a short time. "
            "Please wait %(minutes)d min (until %(time)s) and try again."
        ) % {"minutes": math.ceil(self.retry_after / 60), "time": until.strftime("%H:%M")}

    def respond(self, response):
        """`response` turned into this refusal: 429, Retry-After, never kept by a shared cache."""
        response.status_code = 429
        response["Retry-After"] = str(self.retry_after)
        patch_cache_control(response, private=True, no_store=True)
        return response


def _counted(request, per):
    """Who a rate counts: a keyed hash of the client's address (an IPv6 client's /64, which one
    machine can rotate through), or the account; None for an account rate and a visitor."""
    if per == "user":
        return f"user:{request.user.pk}" if request.user.is_authenticated else None
    if per != "ip":
        raise ImproperlyConfigured(f"A rate limit counts per ip or per user, not per {per!r}.")
    address = client_ip(request) or "unknown"
    if ":" in address:
        address = str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return "ip:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def _increment(key, timeout):
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout)
        return 1


def hit(request, scope, rates=None):
    """Count one request in `scope` against each of its rates (`rates`, or the scope's entry in
    RATE_LIMITS): a Refusal when one is exceeded, else None. When the cache fails, the request is
    let through and a warning logged."""
    now = time.time()
    waits = []
    for rate in parse_rates(rates if rates is not None else settings.RATE_LIMITS.get(scope)):
        counted = _counted(request, rate.per)
        if counted is None:
            continue
        name = f"ratelimit:{scope}:{rate.amount}/{rate.seconds}:{counted}"
        offset = zlib.crc32(name.encode()) % rate.seconds
        window = int((now - offset) // rate.seconds)
        try:
            count = _increment(f"{name}:{window}", rate.seconds)
        except Exception as error:  # noqa: BLE001 - whatever the cache raises, fail open
            logger.warning("Rate limit %r not counted, request let through: %r", scope, error)
            return None
        if count > rate.amount:
            waits.append(math.ceil(offset + (window + 1) * rate.seconds - now))
    return Refusal(max(waits)) if waits else None


def page(request, refusal, *, note="", back_url=""):
    """The portal's 429 page: what happened, how long to wait, and (`note`) what became of the
    visitor's work."""
    response = render(request, "429.html", {"refusal": refusal, "note": note, "back_url": back_url})
    return refusal.respond(response)


def allauth_refused(request):
    """allauth's own refusals (too many logins, sign-ups, …) on the portal's page. Its windows
    slide, so no one waits longer than the longest period of the action's rates."""
    from allauth.account import app_settings

    match = request.resolver_match
    action = match.url_name.removeprefix("account_") if match and match.url_name else ""
    rates = parse_rates(app_settings.RATE_LIMITS.get(action))
    seconds = max((rate.seconds for rate in rates), default=60)
    return page(request, Refusal(seconds), back_url=request.get_full_path())
