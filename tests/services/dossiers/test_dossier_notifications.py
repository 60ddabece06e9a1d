"""E-mail and SMS at receipt, supplement request, refusal, extension, fee request and result:
sent after commit, never twice for one event."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction

from portal import sms
from services.dossiers import notifications
from services.dossiers import tasks as dossier_tasks
from services.dossiers.models import Dossier, Notification
from tests.services.dossiers.factories import ready_draft

pytestmark = pytest.mark.django_db


def sms_lines(tmp_path):
    outbox = tmp_path / "sms" / "outbox.jsonl"
    return [json.loads(line) for line in outbox.read_text().splitlines()] if outbox.exists() else []


def submit(django_capture_on_commit_callbacks):
    from services.dossiers import flows

    draft = ready_draft()
    with django_capture_on_commit_callbacks(execute=True):
        dossier, _problems = flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
    return dossier


def test_receipt_is_announced_by_e_mail_and_sms_after_commit(
    django_capture_on_commit_callbacks, tmp_path
):
    dossier = submit(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert dossier.code in message.subject and dossier.code in message.body
    assert message.to == [dossier.applicant_details()["email"]]
    assert "tiếp nhận" in message.subject.lower() or dossier.code in message.subject
    [line] = sms_lines(tmp_path)
    assert line["phone"] == "0912345678" and dossier.code in line["text"]
    assert Notification.objects.filter(sent_at__isnull=False).count() == 2


def test_a_rolled_back_transition_sends_nothing(django_capture_on_commit_callbacks):
    dossier = submit(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            dossier.start_processing()
            dossier.request_supplement(items=["Bản sao CCCD"])
            raise RuntimeError
    assert mail.outbox == []


def test_running_the_task_again_sends_nothing_twice(django_capture_on_commit_callbacks, tmp_path):
    dossier = submit(django_capture_on_commit_callbacks)
    event = dossier.events.get(action="receive")
    assert dossier_tasks.notify_dossier_event.delay(event.pk).get() == 0
    assert len(mail.outbox) == 1 and len(sms_lines(tmp_path)) == 1


@pytest.mark.parametrize(
    ("transition", "arguments", "words"),
    [
        ("request_supplement", {"items": ["Bản sao sổ hộ khẩu"]}, "Bản sao sổ hộ khẩu"),
        ("extend", {"amount": 1, "unit": "working_day", "reason": "Cần xác minh"}, "Cần xác minh"),
        ("request_payment", {"amount": 1_250_000}, "1.250.000 ₫"),
        ("stop", {"reason": "Không đủ điều kiện"}, "Không đủ điều kiện"),
        ("complete", {}, ""),
    ],
)
def test_each_notified_event_sends_its_message(
    django_capture_on_commit_callbacks, transition, arguments, words
):
    dossier = submit(django_capture_on_commit_callbacks)
    dossier.start_processing()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        getattr(dossier, transition)(**arguments)
    [message] = mail.outbox
    assert dossier.code in message.body and words in message.body


def test_refusal_is_announced(django_capture_on_commit_callbacks, settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = submit(django_capture_on_commit_callbacks)
    assert mail.outbox == []  # submission alone is not a notified event
    with django_capture_on_commit_callbacks(execute=True):
        dossier.refuse(reason="Không thuộc thẩm quyền")
    assert "Không thuộc thẩm quyền" in mail.outbox[0].body


def test_a_failed_sms_is_retried_without_resending_the_e_mail(
    django_capture_on_commit_callbacks, monkeypatch, tmp_path
):
    draft = ready_draft()
    from services.dossiers import flows

    dossier, _ = flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
    event = dossier.events.get(action="receive")
    backend = sms.get_backend()
    original = type(backend).send
    monkeypatch.setattr(
        type(backend), "send", lambda self, phone, text: (_ for _ in ()).throw(sms.SmsError("down"))
    )
    with pytest.raises(sms.SmsError):
        notifications.send_for_event(event.pk)
    assert len(mail.outbox) == 1
    monkeypatch.setattr(type(backend), "send", original)
    assert notifications.send_for_event(event.pk) == 1
    assert len(mail.outbox) == 1 and len(sms_lines(tmp_path)) == 1
    assert set(Notification.objects.values_list("channel", flat=True)) == {"email", "sms"}
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.RECEIVED


def test_messages_are_recorded_with_the_event_before_any_task_runs(
    django_capture_on_commit_callbacks,
):
    draft = ready_draft()
    from services.dossiers import flows

    with django_capture_on_commit_callbacks(execute=False) as queued:
        dossier, _ = flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
    assert queued  # the task only goes out after the commit…
    assert mail.outbox == []
    # …but the messages are already in the database, waiting.
    unsent = Notification.objects.filter(dossier=dossier, sent_at__isnull=True)
    assert sorted(unsent.values_list("channel", flat=True)) == ["email", "sms"]


def test_with_the_broker_down_the_submission_stands_and_the_sweep_sends_once(
    django_capture_on_commit_callbacks, monkeypatch, tmp_path
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(dossier_tasks.notify_dossier_event, "delay", broker_down)
    dossier = submit(django_capture_on_commit_callbacks)  # no exception reaches the citizen
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.RECEIVED
    assert mail.outbox == [] and Notification.objects.filter(sent_at__isnull=True).count() == 2

    assert notifications.send_unsent() == 0  # the task may still be on its way: too early
    assert notifications.send_unsent(older_than=timedelta(0)) == 2
    assert notifications.send_unsent(older_than=timedelta(0)) == 0
    [message] = mail.outbox
    assert dossier.code in message.subject
    assert len(sms_lines(tmp_path)) == 1


def test_the_sweep_goes_on_past_an_event_that_fails(
    django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(
        dossier_tasks.notify_dossier_event, "delay", lambda *args: None
    )  # the queueing is lost for both
    first = submit(django_capture_on_commit_callbacks)
    second = submit(django_capture_on_commit_callbacks)
    original = notifications.send_for_event
    broken = first.events.get(action="receive").pk

    def send(event_id):
        if event_id == broken:
            raise OSError("mail server refused")
        return original(event_id)

    monkeypatch.setattr(notifications, "send_for_event", send)
    assert notifications.send_unsent(older_than=timedelta(0)) == 2
    assert [m.subject for m in mail.outbox] == [mail.outbox[0].subject]
    assert second.code in mail.outbox[0].subject


def test_a_message_that_keeps_failing_is_retried_ever_more_rarely_then_left(
    django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(dossier_tasks.notify_dossier_event, "delay", lambda *args: None)
    submit(django_capture_on_commit_callbacks)
    tries = []

    def refuse(event_id):
        tries.append(timezone.now())
        raise OSError("mail server refused")

    monkeypatch.setattr(notifications, "send_for_event", refuse)
    start = timezone.now()
    clock = {"now": start}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])

    def sweep_at(minutes):
        clock["now"] = start + timedelta(minutes=minutes)
        notifications.send_unsent(older_than=timedelta(0))

    for minute in range(24 * 60):  # a sweep every minute for a day
        sweep_at(minute)
    gaps = [round((b - a).total_seconds() / 60) for a, b in zip(tries, tries[1:], strict=False)]
    assert gaps == [1, 2, 4, 8, 16, 32, 60, 60, 60]  # ten tries, then left for an officer
    assert len(tries) == notifications.MAX_SWEEPS
    assert Notification.objects.filter(sent_at__isnull=True, sweeps=10).count() == 2
