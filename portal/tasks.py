from celery import shared_task
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import transaction


def later(task, *args, **kwargs):
    """Queue `task` once the current transaction commits.

    Robustly: when the broker is down, the citizen's request has already succeeded and must still
    answer, so the error is logged, not raised. Work that must not be lost is also recorded in the
    database and swept by a beat task (notifications, receipts, the outbox); this only makes it
    arrive sooner.
    """

    def send():
        task.delay(*args, **kwargs)

    # Django names the failed callback by its __qualname__, which a functools.partial lacks: the
    # log line itself would raise and undo the robustness.
    send.__qualname__ = f"{task.name}.delay"
    transaction.on_commit(send, robust=True)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_email(self, *, to, subject, body):
    """Send one plain-text e-mail. Retried with back-off when the mail server cannot be reached."""
    return EmailMessage(subject=subject, body=body, to=to).send()


@shared_task
def publish_scheduled_pages():
    """Publish the pages and snippets whose "go live" time has come, unpublish expired ones."""
    call_command("publish_scheduled")
