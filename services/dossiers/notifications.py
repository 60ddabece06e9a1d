"""E-mail and SMS to the applicant about one dossier event (ND 61 Arts. 17, 19, 20; TT 32/2017 Art. 9).

Each (event, channel) pair has one `Notification` row with a unique key. The row is committed before
the provider is called and locked while it is called, so a retried or duplicated task never sends the
same message twice.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from portal import sms

from .models import DossierEvent, Notification

logger = logging.getLogger(__name__)

# The task queued on commit normally sends within seconds; the sweep takes what is older than this.
SWEEP_AFTER = timedelta(minutes=1)
# A message this old is no longer news; it stays unsent on the dossier's record for an officer.
GIVE_UP_AFTER = timedelta(days=3)
MAX_SWEEPS = 10


def when(value):
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "—"


def lookup_url(dossier):
    base = getattr(settings, "DOSSIERS_PUBLIC_BASE_URL", settings.WAGTAILADMIN_BASE_URL)
    return f"{base.rstrip('/')}{reverse('dossiers:lookup')}?ma={dossier.code or ''}"


def money(amount):
    return f"{int(amount):,}".replace(",", ".") + " ₫"


def message_for(event):
    """(subject, text) in the site's language for one event; the SMS uses the text's first line."""
    dossier = event.dossier
    values = {
        "code": dossier.code or "",
        "procedure": dossier.procedure.name,
        "due": when(dossier.due_at),
        "received": when(dossier.received_at),
        "reason": event.note or "—",
        "amount": money(dossier.fees_due),
        "items": "\n".join(f"{n}. {item}" for n, item in enumerate(dossier.supplement_items, 1)),
    }
    texts = {
        "receive": (
            _("Dossier %(code)s has been received"),
            _(
                "Your dossier %(code)s has been received. Result appointment: %(due)s.\n"
                "Procedure: %(procedure)s\nReceived at: %(received)s"
            ),
        ),
        "refuse": (
            _("Dossier %(code)s was not received"),
            _(
                "Your dossier %(code)s was not received.\nProcedure: %(procedure)s\nReason: %(reason)s"
            ),
        ),
        "request_supplement": (
            _("Dossier %(code)s: additional documents requested"),
            _(
                "Your dossier %(code)s needs additional documents. Log in to add them.\n"
                "Procedure: %(procedure)s\nDocuments to add:\n%(items)s\nReason: %(reason)s"
            ),
        ),
        "request_payment": (
            _("Dossier %(code)s: fees to pay"),
            _(
                "Your dossier %(code)s requires fees of %(amount)s. Log in to pay.\n"
                "Procedure: %(procedure)s"
            ),
        ),
        "extend": (
            _("Dossier %(code)s: new appointment date"),
            _(
                "We apologise: your dossier %(code)s needs more time. New appointment: %(due)s.\n"
                "Procedure: %(procedure)s\nReason: %(reason)s"
            ),
        ),
        "stop": (
            _("Dossier %(code)s: processing stopped"),
            _(
                "Processing of your dossier %(code)s has been stopped.\n"
                "Procedure: %(procedure)s\nReason: %(reason)s"
            ),
        ),
        "complete": (
            _("Dossier %(code)s: the result is ready"),
            _("The result of your dossier %(code)s is ready.\nProcedure: %(procedure)s"),
        ),
    }
    subject, body = texts[event.action]
    link = _("Follow your dossier: %(url)s") % {"url": lookup_url(dossier)}
    return subject % values, f"{body % values}\n\n{link}"


def recipients(dossier):
    details = dossier.applicant_details()
    channels = []
    if details["email"]:
        channels.append((Notification.Channel.EMAIL, details["email"]))
    if details["phone"]:
        channels.append((Notification.Channel.SMS, details["phone"]))
    return channels


def queue_for_event(event):
    """Record the event's messages as unsent, in the transaction that records the event, and ask a
    worker to send them once it commits. If the broker is down then, the rows are still there and
    `send_unsent` (every minute) sends them: a notification is never lost with the queue."""
    from portal.tasks import later

    from . import tasks as dossier_tasks

    for channel, recipient in recipients(event.dossier):
        Notification.objects.create(
            key=notification_key(event, channel),
            dossier=event.dossier,
            event=event,
            channel=channel,
            recipient=recipient,
        )
    later(dossier_tasks.notify_dossier_event, event.pk)


def notification_key(event, channel):
    return f"event-{event.pk}-{channel}"


def send_unsent(*, older_than=SWEEP_AFTER, limit=200):
    """Send what no task has sent yet: the queueing was lost, or every retry failed. Returns how
    many were sent; one event's failure is logged and does not hold up the others. Each event is
    tried at most MAX_SWEEPS times, waiting 1, 2, 4… up to 60 minutes between tries."""
    now = timezone.now()
    unsent = Notification.objects.filter(sent_at__isnull=True, event__isnull=False)
    event_ids = list(
        unsent.filter(
            Q(next_sweep_at__isnull=True) | Q(next_sweep_at__lte=now),
            created_at__lt=now - older_than,
            created_at__gt=now - GIVE_UP_AFTER,
            sweeps__lt=MAX_SWEEPS,
        )
        .order_by("created_at")
        .values_list("event_id", flat=True)[:limit]
    )
    sent = 0
    for event_id in dict.fromkeys(event_ids):
        rows = unsent.filter(event_id=event_id)
        tries = 1 + max(rows.values_list("sweeps", flat=True), default=0)
        wait = timedelta(minutes=min(2 ** (tries - 1), 60))
        rows.update(sweeps=tries, next_sweep_at=now + wait)
        try:
            sent += send_for_event(event_id)
        except Exception:
            logger.exception("The notifications of event %s could not be sent yet", event_id)
    return sent


def send_for_event(event_id):
    """Send the messages of one event on every channel the applicant has; return how many were sent."""
    event = DossierEvent.objects.select_related("dossier__procedure", "dossier__applicant").get(
        pk=event_id
    )
    dossier = event.dossier
    if event.action not in dossier.NOTIFIED:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, text = message_for(event)
    sent = 0
    for channel, recipient in recipients(dossier):
        notification, _created = Notification.objects.get_or_create(
            key=notification_key(event, channel),
            defaults={
                "dossier": dossier,
                "event": event,
                "channel": channel,
                "recipient": recipient,
            },
        )
        with transaction.atomic():
            notification = Notification.objects.select_for_update().get(pk=notification.pk)
            if notification.sent_at is not None:
                continue
            if channel == Notification.Channel.EMAIL:
                EmailMessage(subject=subject, body=text, to=[recipient]).send()
                provider_id = ""
            else:
                sms_text = text.split("\n", 1)[0]
                provider_id = sms.get_backend(
                    getattr(settings, "DOSSIERS_SMS_BACKEND", "default")
                ).send(recipient, sms_text)
            notification.sent_at = timezone.now()
            notification.provider_id = provider_id or ""
            notification.save(update_fields=["sent_at", "provider_id"])
            sent += 1
    return sent
