from celery import shared_task


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
