from celery import shared_task
from django.conf import settings


@shared_task
def remind_late_consultations():
    """Daily: remind the consulted units whose answer is late (and tell the handler)."""
    from . import processing

    return processing.remind_late_consultations()


@shared_task
def suggest_extensions():
    """Daily: warn the handlers of dossiers due within one working day that BM.04 is possible."""
    from . import processing

    return processing.suggest_extensions()


@shared_task
def warm_statistics():
    """Every few minutes: recompute the public statistics page's default selection (the year so
    far, the whole province), so visitors always find it ready."""
    from . import statistics

    if not settings.STATISTICS_CACHE_SECONDS:
        return None
    start, end = statistics.default_period()
    report = statistics.warm(start, end)
    return report.handled
