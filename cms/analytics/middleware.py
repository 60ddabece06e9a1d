"""Counts page views per day, section and language, and nothing about the visitor (T9)."""

import logging
import re

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from .models import VisitCount

logger = logging.getLogger(__name__)

SKIPPED_PREFIXES = (
    "/quan-tri/",
    "/static/",
    "/media/",
    "/api/",
    "/tai-lieu/",
    "/healthz",
    "/sitemap.xml",
    "/favicon",
    "/robots.txt",
    "/.well-known/",
)
# Read, never stored: the user agent only tells robots from people.
ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|scrape|facebookexternalhit|preview|curl|wget|python-|"
    r"httpclient|java/|go-http|monitor|uptime|headlesschrome|lighthouse",
    re.IGNORECASE,
)
HOME_SECTION = "/"


def section_of(path):
    """The first path segment after the language prefix ("/" for the home page)."""
    segments = [segment for segment in path.split("/") if segment]
    languages = {code for code, _name in settings.LANGUAGES}
    if segments and segments[0] in languages:
        segments = segments[1:]
    return segments[0][:100] if segments else HOME_SECTION


def is_counted(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return not ROBOTS.search(request.META.get("HTTP_USER_AGENT", ""))


def count_view(day, section, language):
    updated = VisitCount.objects.filter(date=day, section=section, language=language).update(
        views=F("views") + 1
    )
    if updated:
        return
    try:
        with transaction.atomic():
            VisitCount.objects.create(date=day, section=section, language=language, views=1)
    except IntegrityError:
        # Another request created the row between our update and create.
        VisitCount.objects.filter(date=day, section=section, language=language).update(
            views=F("views") + 1
        )


class VisitCounterMiddleware:
    """Add after LocaleMiddleware: it reads the language that middleware activated."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_counted(request, response):
            language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language()
            try:
                with transaction.atomic():
                    count_view(timezone.localdate(), section_of(request.path_info), language or "")
            except DatabaseError:
                # Statistics must never cost a reader the page.
                logger.exception("Could not count a page view")
        return response
