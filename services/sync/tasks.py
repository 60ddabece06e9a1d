from celery import shared_task


@shared_task
def deliver_pending():
    """Deliver the outbox's due messages (every minute, and right after a transition commits).

    Safe to run in several workers at once and to kill at any moment: see services/sync/outbox.py.
    """
    from . import outbox

    return outbox.deliver_due()
