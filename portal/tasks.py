from celery import shared_task
from django.core.mail import EmailMessage
from django.core.management import call_command


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_email(self, *, to, subject, body):
    """Send one plain-text e-mail. Retried with back-off when the mail server cannot be reached."""
    return EmailMessage(subject=subject, body=body, to=to).send()


@shared_task
def publish_scheduled_pages():
    """Publish the pages and snippets whose "go live" time has come, unpublish expired ones."""
    call_command("publish_scheduled")
