"""Submitting and looking up questions: spam defences, double-submit protection, notification."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from portal import ratelimit
from portal.accounts.audit import client_ip

from .models import Question, normalise_tracking_code

DUPLICATE_WINDOW_SECONDS = 10 * 60


@dataclass
class Outcome:
    question: Question | None
    status: int = 200
    refusal: ratelimit.Refusal | None = None


def client_key(request):
    """A keyed hash of the client's address: used for keys in the cache, never stored."""
    address = client_ip(request) or ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def submit_question(request, form, *, status_url):
    """Store the question once and tell the asker its code; `form` carries the errors otherwise.

    A reload or a second click sends the same hidden token, and the same text sent again from the
    same address within minutes is the same question: both lead back to the first one.
    """
    if form.is_robot:
        form.add_error(None, _("Your question could not be sent. Please try again."))
        return Outcome(None, 400)
    if not form.is_valid():
        return Outcome(None, 200)
    token = form.cleaned_data["token"]
    earlier = Question.objects.filter(idempotency_token=token).first()
    if earlier:
        return Outcome(earlier)
    client = client_key(request)
    content = hashlib.sha256(
        "\x00".join([client, form.cleaned_data["title"], form.cleaned_data["text"]]).encode()
    ).hexdigest()
    duplicate_key = f"feedback:content:{content}"
    earlier_code = cache.get(duplicate_key)
    if earlier_code:
        earlier = Question.objects.filter(tracking_code=earlier_code).first()
        if earlier:
            return Outcome(earlier)
    refusal = ratelimit.hit(request, "question")
    if refusal:
        kept = _("What you typed is kept below.")
        form.add_error(None, f"{refusal.message} {kept}")
        return Outcome(None, 429, refusal)
    question = form.save(commit=False)
    question.idempotency_token = token
    question.language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:
        # Two clicks raced: the other request stored it first.
        earlier = Question.objects.filter(idempotency_token=token).first()
        if earlier:
            return Outcome(earlier)
        raise
    cache.set(duplicate_key, question.tracking_code, DUPLICATE_WINDOW_SECONDS)
    if question.email:
        send_tracking_code(question, status_url)
    return Outcome(question)


def send_tracking_code(question, status_url):
    from portal.tasks import later, send_email

    with translation.override(question.language):
        subject = _("Your question was received: %(code)s") % {"code": question.tracking_code}
        body = _(
            "Dear %(name)s,\n\n"
            "The editorial board received your question “%(title)s”.\n"
            "Tracking code: %(code)s\n"
            "The answer is due by %(due)s.\n\n"
            "Follow it at %(url)s?ma=%(code)s\n"
        ) % {
            "name": question.asker_name,
            "title": question.title,
            "code": question.tracking_code,
            "due": question.due_on.strftime("%d/%m/%Y"),
            "url": status_url,
        }
    later(send_email, to=[question.email], subject=subject, body=body)


def look_up(typed):
    """(question, error message) for a tracking code typed by anyone: no personal data leaves."""
    code = normalise_tracking_code(typed)
    question = Question.objects.filter(tracking_code=code).first() if code else None
    if question is None:
        return None, _("No question has this tracking code. Check the code and try again.")
    return question, ""
