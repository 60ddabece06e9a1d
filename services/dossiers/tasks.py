from celery import shared_task

from portal.sms import SmsError

from . import notifications


@shared_task(
    autoretry_for=(OSError, SmsError),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def notify_dossier_event(event_id):
    """Tell the applicant about one event by e-mail and SMS; safe to run twice (nothing is resent)."""
    return notifications.send_for_event(event_id)


@shared_task
def send_unsent_notifications():
    """Every minute: send the notifications whose task was lost (broker down) or gave up."""
    return notifications.send_unsent()


@shared_task
def recompute_due_dates():
    """Recompute the appointment of every open dossier (after the work calendar changed)."""
    from . import flows

    return flows.recompute_open_due_dates()
