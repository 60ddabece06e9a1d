"""What the editors learn from the searches: what was asked, how many results it had and which result
was chosen. Nothing about who asked: no user, no address, no session, no cookie."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .documents import documents_for_keys
from .models import QueryLog

MAX_TEXT = QueryLog._meta.get_field("text").max_length


def log_search(results):
    """Record one search (the first page of a query) and return its log row."""
    query = results.query
    return QueryLog.objects.create(
        # Lower case, single spaces: "Khai sinh" and "khai  sinh" are counted as one query.
        text=" ".join(query.text.lower().split())[:MAX_TEXT],
        kind=query.kind,
        result_count=results.total,
        engine=results.engine,
    )


def log_click(log_id, position):
    """Record which result (1 = the first) was chosen after the search `log_id`.

    Only the first choice is kept: it is the one that tells whether the ranking was right.
    Returns whether a row was updated (an unknown or already-clicked log changes nothing).
    """
    if not isinstance(position, int) or position < 1:
        return False
    return bool(
        QueryLog.objects.filter(pk=log_id, clicked_position__isnull=True).update(
            clicked_position=position
        )
    )


def hit_url(key):
    """The address of the searchable item `key`, looked up again from the item itself (whichever
    engine answered), or "" when it is gone or no longer public."""
    found, _gone = documents_for_keys([key])
    return found[0].url if found else ""


def top_queries(days=30, *, limit=20, without_results=False):
    """The most asked queries of the last `days` days with their counts, most asked first.

    `without_results` keeps only the searches that found nothing.
    """
    since = timezone.now() - timedelta(days=days)
    logs = QueryLog.objects.filter(created_at__gte=since)
    if without_results:
        logs = logs.filter(result_count=0)
    return list(
        logs.values("text")
        .annotate(
            searches=Count("id"),
            clicks=Count("id", filter=Q(clicked_position__isnull=False)),
        )
        .order_by("-searches", "text")[:limit]
    )
