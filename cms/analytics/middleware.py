"""Counts page views per day, section and language, and nothing about the visitor (T9)."""

import atexit
import logging
import re
import threading
import time
from collections import Counter

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


def count_views(day, section, language, views=1):
    updated = VisitCount.objects.filter(date=day, section=section, language=language).update(
        views=F("views") + views
    )
    if updated:
        return
    try:
        with transaction.atomic():
            VisitCount.objects.create(date=day, section=section, language=language, views=views)
    except IntegrityError:
        # Another process created the row between our update and create.
        VisitCount.objects.filter(date=day, section=section, language=language).update(
            views=F("views") + views
        )


class ViewBuffer:
    """Page views counted in memory and written every VISIT_COUNT_FLUSH_SECONDS.

    Writing each view would make every page a write and a commit, and every reader of the home
    page would queue for the lock on the same row: under load the counter, not the page, set the
    pace. A process writes its counts in one transaction (rows in a fixed order, so two processes
    never deadlock), keeps them when the database refuses, and writes the rest when it exits.
    """

    def __init__(self):
        self.counts = Counter()
        self.lock = threading.Lock()
        self.written_at = time.monotonic()
        atexit.register(self.flush)

    def add(self, day, section, language):
        with self.lock:
            self.counts[(day, section, language)] += 1
            due = time.monotonic() - self.written_at >= settings.VISIT_COUNT_FLUSH_SECONDS
        if due:
            self.flush()

    def flush(self):
        with self.lock:
            counts, self.counts = self.counts, Counter()
            self.written_at = time.monotonic()
        if not counts:
            return
        try:
            with transaction.atomic():
                for (day, section, language), views in sorted(counts.items()):
                    count_views(day, section, language, views)
        except DatabaseError:
            # Statistics must never cost a reader the page; the counts wait for the next write.
            logger.exception("Could not write %s page views yet", sum(counts.values()))
            with self.lock:
                self.counts.update(counts)


buffer = ViewBuffer()


class VisitCounterMiddleware:
    """Add after LocaleMiddleware: it reads the language that middleware activated."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_counted(request, response):
            language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language()
            buffer.add(timezone.localdate(), section_of(request.path_info), language or "")
        return response
