"""Dossiers (hồ sơ thủ tục hành chính): one citizen's request under one procedure, from draft to result.

The status codes are those of the National Public Service Portal (TrangThaiHoSo 1–10), plus "0" for a
draft the citizen has not submitted yet. Every change of status goes through one method per transition
(`Dossier.TRANSITIONS` is the whole table): guard → change → save → one `DossierEvent` row (the legal
audit trail, QuaTrinhXuLy) → notification after commit.
"""

import secrets
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .signals import dossier_event_recorded


class IllegalTransition(Exception):
    """A transition the current status does not allow; nothing was changed. `message` is Vietnamese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class DossierQuerySet(models.QuerySet):
    def for_citizen(self, user):
        """The dossiers `user` filed, drafts included (none for an anonymous visitor)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(applicant=user)

    def submitted(self):
        return self.exclude(status=Dossier.Status.DRAFT)

    def drafts(self):
        return self.filter(status=Dossier.Status.DRAFT)

    def open(self):
        """Submitted and not yet decided, withdrawn or stopped: the clock may still be running."""
        return self.filter(status__in=Dossier.OPEN)

    def finished(self):
        return self.filter(status__in=Dossier.FINISHED)

    def for_officer(self, user):
        """What a back-office user may see: their agency's submitted dossiers, plus those another
        agency consulted them on or transferred to them; every submitted dossier for a superuser;
        nothing for anyone without the back-office permission or an agency."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        submitted = self.submitted()
        if user.is_superuser:
            return submitted
        if not user.has_perm("accounts.access_backoffice") or user.agency_id is None:
            return self.none()
        from services.backoffice.access import shared_with

        return submitted.filter(models.Q(agency_id=user.agency_id) | shared_with(user.agency))


class Dossier(models.Model):
    class Status(models.TextChoices):
        # Codes of the National Public Service Portal (TrangThaiHoSo); "0" is ours, for drafts.
        DRAFT = "0", pgettext_lazy("dossier status", "Draft (not submitted)")
        NEW = "1", pgettext_lazy("dossier status", "Newly registered")
        RECEIVED = "2", pgettext_lazy("dossier status", "Received")
        NOT_RECEIVED = "3", pgettext_lazy("dossier status", "Not received")
        PROCESSING = "4", pgettext_lazy("dossier status", "Being processed")
        SUPPLEMENT_REQUESTED = (
            "5",
            pgettext_lazy("dossier status", "Additional documents requested"),
        )
        PAYMENT_REQUESTED = "6", pgettext_lazy("dossier status", "Financial obligations requested")
        WITHDRAWN = "7", pgettext_lazy("dossier status", "Withdrawn at the citizen's request")
        STOPPED = "8", pgettext_lazy("dossier status", "Processing stopped")
        COMPLETED = "9", pgettext_lazy("dossier status", "Processing completed")
        RESULT_RETURNED = "10", pgettext_lazy("dossier status", "Result returned")

    class Channel(models.TextChoices):
        # KenhThucHien of the national sync: 1 in person, 2 online, 3 public postal service.
        ONLINE = "online", _("Online")
        COUNTER = "counter", _("At the one-stop counter")
        POST = "post", _("By post")

    S = Status
    # The whole workflow: name → (statuses it may start from, status it leads to). `supplement` has
    # two targets: back to processing, or back to the one-stop unit when asked for at receipt.
    TRANSITIONS = {
        "submit": (frozenset({S.DRAFT}), (S.NEW,)),
        "receive": (frozenset({S.NEW}), (S.RECEIVED,)),
        "refuse": (frozenset({S.NEW}), (S.NOT_RECEIVED,)),
        "start_processing": (frozenset({S.RECEIVED}), (S.PROCESSING,)),
        "request_supplement": (
            frozenset({S.RECEIVED, S.PROCESSING}),
            (S.SUPPLEMENT_REQUESTED,),
        ),
        "supplement": (frozenset({S.SUPPLEMENT_REQUESTED}), (S.PROCESSING, S.NEW)),
        "request_payment": (frozenset({S.RECEIVED, S.PROCESSING}), (S.PAYMENT_REQUESTED,)),
        "payment_done": (frozenset({S.PAYMENT_REQUESTED}), (S.PROCESSING,)),
        "withdraw": (
            frozenset(
                {S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED}
            ),
            (S.WITHDRAWN,),
        ),
        "stop": (frozenset({S.PROCESSING}), (S.STOPPED,)),
        "complete": (frozenset({S.PROCESSING}), (S.COMPLETED,)),
        "return_result": (frozenset({S.COMPLETED}), (S.RESULT_RETURNED,)),
        "extend": (frozenset({S.PROCESSING}), (S.PROCESSING,)),
        "rate": (frozenset({S.RESULT_RETURNED}), (S.RESULT_RETURNED,)),
    }
    # Steps of the handling that keep the status but belong in the timeline (QuaTrinhXuLy, BM.05):
    # name → statuses it may happen in. Recorded by record_step().
    STEPS = {
        # services.backoffice.processing: assignment, appraisal, consultations, transfers, signing.
        "assign": frozenset({S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED}),
        "appraise": frozenset({S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED}),
        "visit": frozenset({S.PROCESSING}),
        "consult": frozenset({S.PROCESSING}),
        "consultation_answered": frozenset(
            {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED}
        ),
        "transfer": frozenset({S.RECEIVED, S.PROCESSING}),
        "transfer_returned": frozenset({S.PROCESSING}),
        "submit_for_signature": frozenset({S.PROCESSING}),
        "return_for_revision": frozenset({S.PROCESSING}),
        "sign_result": frozenset({S.PROCESSING}),
        "propose_extension": frozenset({S.PROCESSING}),
    }
    # Events the citizen is told about by e-mail and SMS (ND 61 Arts. 17, 19, 20).
    NOTIFIED = frozenset(
        {"receive", "refuse", "request_supplement", "request_payment", "extend", "stop", "complete"}
    )
    OPEN = frozenset({S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED})
    FINISHED = frozenset({S.COMPLETED, S.RESULT_RETURNED})
    CLOSED = frozenset({S.NOT_RECEIVED, S.WITHDRAWN, S.STOPPED, S.COMPLETED, S.RESULT_RETURNED})
    del S

    code = models.CharField(
        _("dossier code"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Given at receipt: agency code-YYMMDD-daily number (Circular 01/2018 Art. 19)."
        ),
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("procedure"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("applicant"),
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("receiving agency"),
    )
    status = models.CharField(
        _("status"), max_length=2, choices=Status, default=Status.DRAFT, db_index=True
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.ONLINE)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    current_step = models.PositiveSmallIntegerField(_("current step"), default=0)
    submission_key = models.UUIDField(
        _("submission key"), default=uuid.uuid4, unique=True, editable=False
    )
    holding_unit = models.CharField(_("unit holding the dossier"), max_length=255, blank=True)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_at = models.DateTimeField(_("appointment for the result"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Supplement periods: [{"started_at": iso, "ended_at": iso | None, "from_status": "4"}].
    pauses = models.JSONField(_("supplement periods"), default=list, blank=True)
    supplement_items = models.JSONField(_("items to supplement"), default=list, blank=True)
    supplement_reason = models.TextField(_("reason for the supplement request"), blank=True)
    supplement_contact = models.CharField(_("contact for help"), max_length=255, blank=True)
    decision_reason = models.TextField(_("reason for refusal or stop"), blank=True)

    # One extension at most (ND 61 Art. 19.9).
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extension_amount = models.DecimalField(
        _("extension"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    extension_unit = models.CharField(_("extension unit"), max_length=20, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)

    # Placeholders for the signing and payment apps; see needs_signature() and fees_outstanding().
    requires_signature = models.BooleanField(_("requires the applicant's signature"), default=False)
    signature_status = models.CharField(_("signature status"), max_length=20, blank=True)
    fees_due = models.PositiveBigIntegerField(_("fees due (VND)"), default=0)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        constraints = [
            # One draft per citizen and procedure: reopening the form resumes it.
            models.UniqueConstraint(
                fields=["applicant", "procedure"],
                condition=models.Q(status="0"),
                name="dossiers_one_draft_per_procedure",
            )
        ]
        # The inbox's boxes and procedure filter read one agency's dossiers by status and
        # appointment; with the procedure and submission time in the index, PostgreSQL answers
        # the filter's procedure list from the index alone (half the time over 80,000 dossiers).
        indexes = [
            models.Index(
                fields=["agency", "status", "due_at"],
                include=["procedure", "submitted_at"],
                name="dossiers_agency_status_due",
            )
        ]

    def __str__(self):
        return self.code or _("Draft %(id)s") % {"id": self.pk}

    def get_absolute_url(self):
        if self.status == self.Status.DRAFT:
            return reverse("dossiers:step", args=[self.pk, self.current_step])
        return reverse("dossiers:detail", args=[self.pk])

    # Reading the state ------------------------------------------------------------------------

    @property
    def extension_used(self):
        return self.extended_at is not None

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def is_overdue(self):
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    def can(self, name):
        return self.status in self.TRANSITIONS[name][0]

    @property
    def can_withdraw(self):
        return self.can("withdraw")

    @property
    def can_rate(self):
        return self.can("rate") and not Rating.objects.filter(dossier=self).exists()

    def needs_signature(self):
        """True while the applicant still has to sign the declaration; submit() refuses then."""
        from services.signing.flows import dossier_needs_signature

        return dossier_needs_signature(self)

    def fees_outstanding(self):
        """The amount (VND) still to pay before submission; submit() refuses while it is above 0."""
        from services.payments.flows import amount_due_before_submission

        return amount_due_before_submission(self)

    def pause_list(self):
        from services.workdays import engine

        return [
            engine.Pause(
                started_at=datetime.fromisoformat(pause["started_at"]),
                ended_at=datetime.fromisoformat(pause["ended_at"]) if pause["ended_at"] else None,
            )
            for pause in self.pauses
        ]

    # The catalogue names the channels of ProcessingTime and Fee its own way (cách thức thực hiện).
    PROCEDURE_CHANNELS = {"online": "online", "counter": "direct", "post": "postal"}

    def processing_time(self):
        """The statutory time for this dossier's channel; the online time when the catalogue gives
        none for the counter or the post (most procedures state one time for every channel)."""
        channel = self.PROCEDURE_CHANNELS.get(self.channel, self.channel)
        time = self.procedure.processing_time_for(channel)
        if time is None and channel != "online":
            time = self.procedure.processing_time_for("online")
        return time

    def compute_due_at(self, calendar=None):
        """The appointment for the result from the procedure's processing time and the work calendar."""
        if self.received_at is None:
            return None
        time = self.processing_time()
        if time is None:
            return None
        from services.workdays import engine
        from services.workdays.models import current_calendar

        extension = None
        if self.extension_amount is not None:
            extension = (self.extension_amount, self.extension_unit)
        return engine.due_at(
            self.received_at,
            time.amount,
            time.unit,
            calendar or current_calendar(),
            pauses=self.pause_list(),
            extension=extension,
        )

    def applicant_details(self):
        """Name, identification number, address, phone and e-mail for the forms BM.01–BM.03."""
        answers = self.answers or {}

        def first(*keys):
            for key in keys:
                value = answers.get(key)
                if isinstance(value, dict):
                    from services.eforms.models import display_value

                    value = display_value({"type": "address"}, value)
                if value not in (None, "", [], {}):
                    return str(value)
            return ""

        user = self.applicant
        return {
            "name": first("full_name", "ho_ten", "applicant_name", "name") or str(user),
            "id_number": first("citizen_id", "so_dinh_danh", "cccd", "id_number"),
            "address": first(
                "address", "dia_chi", "residence", "permanent_address", "noi_thuong_tru"
            ),
            "phone": first("phone", "so_dien_thoai", "phone_number") or user.phone,
            "email": first("email", "thu_dien_tu") or user.email,
        }

    # Transitions --------------------------------------------------------------------------------

    def _guard(self, name, to=None):
        sources, targets = self.TRANSITIONS[name]
        target = to or targets[0]
        if self.status not in sources or target not in targets:
            raise IllegalTransition(
                _("This action is not possible for a dossier in the status “%(status)s”.")
                % {"status": self.get_status_display()}
            )
        return target

    def _record(self, name, target, *, by=None, note="", at=None, fields=(), notify=True):
        """Set the status, save, append the event and queue the notification after commit."""
        previous = self.status
        self.status = target
        if self._state.adding:
            self.save()  # a paper dossier, never saved as a draft (submit_paper)
        else:
            self.save(update_fields=["status", "updated_at", *fields])
        event = DossierEvent.objects.create(
            dossier=self,
            actor=by,
            actor_role=actor_role(by),
            actor_agency_id=getattr(by, "agency_id", None),
            at=at or timezone.now(),
            from_status=previous,
            to_status=target,
            action=name,
            note=note,
            holding_unit=self.holding_unit,
        )
        dossier_event_recorded.send(sender=Dossier, dossier=self, event=event)
        if notify and name in self.NOTIFIED:
            from . import notifications

            notifications.queue_for_event(event)
        return event

    @transaction.atomic
    def record_step(self, name, *, by=None, note="", at=None, holding_unit=None):
        """Append an in-status step (assignment, consultation, transfer…) to the event log."""
        if self.status not in self.STEPS[name]:
            raise IllegalTransition(
                _("This action is not possible for a dossier in the status “%(status)s”.")
                % {"status": self.get_status_display()}
            )
        fields = []
        if holding_unit is not None and holding_unit != self.holding_unit:
            self.holding_unit = holding_unit
            fields.append("holding_unit")
        return self._record(name, self.status, by=by, note=note, at=at, fields=fields)

    def _one_stop_unit(self):
        agency = self.agency.name if self.agency_id else ""
        return str(_("One-stop unit – %(agency)s") % {"agency": agency}) if agency else ""

    @transaction.atomic
    def submit(self, *, by=None, at=None):
        """Draft → newly registered. Completeness is checked by flows.submit_draft before this."""
        target = self._guard("submit")
        if self.needs_signature():
            raise IllegalTransition(_("The dossier must be signed before it is submitted."))
        if self.fees_outstanding():
            raise IllegalTransition(_("The fees must be paid before the dossier is submitted."))
        if self.agency_id is None:
            self.agency_id = getattr(self.procedure, "agency_id", None)
        if self.agency_id is None:
            raise IllegalTransition(
                _("This procedure has no receiving agency yet, so it cannot be filed online.")
            )
        self.submitted_at = at or timezone.now()
        self.holding_unit = self._one_stop_unit()
        return self._record(
            "submit",
            target,
            by=by,
            at=self.submitted_at,
            fields=["agency", "submitted_at", "holding_unit", "answers", "current_step"],
        )

    @transaction.atomic
    def submit_paper(self, *, by, at=None):
        """Draft → newly registered for a paper dossier handed in at the counter or sent by post.

        The officer enters it: the applicant signed on paper and pays at the counter, so the online
        signature and prepayment checks of submit() do not apply. The dossier may be unsaved: it
        is then created directly in status 1 (the citizen may have an online draft of the same
        procedure, and one draft per procedure is all the table allows).
        """
        target = self._guard("submit")
        if self.channel == self.Channel.ONLINE:
            raise IllegalTransition(_("An online dossier is submitted by the applicant."))
        if self.agency_id is None:
            self.agency_id = getattr(self.procedure, "agency_id", None)
        if self.agency_id is None:
            raise IllegalTransition(_("This procedure has no receiving agency yet."))
        self.submitted_at = at or timezone.now()
        self.holding_unit = self._one_stop_unit()
        return self._record(
            "submit",
            target,
            by=by,
            at=self.submitted_at,
            fields=["agency", "submitted_at", "holding_unit", "answers", "current_step", "channel"],
        )

    @transaction.atomic
    def receive(self, *, by=None, at=None, note="", notify=True):
        """Newly registered → received: the dossier code (first receipt only) and the appointment.

        notify=False when the same desk action goes on at once (a supplement request at receipt):
        the citizen gets that message, not a receipt they cannot use.
        """
        target = self._guard("receive")
        at = at or timezone.now()
        if self.code is None:
            self.code = DailyCounter.allocate_code(self.agency, at)
            self.received_at = at
        self.holding_unit = self._one_stop_unit()
        self.due_at = self.compute_due_at()
        return self._record(
            "receive",
            target,
            by=by,
            at=at,
            note=note,
            fields=["code", "received_at", "due_at", "holding_unit"],
            notify=notify,
        )

    @transaction.atomic
    def refuse(self, *, by=None, reason):
        return self._close_with_reason("refuse", by=by, reason=reason)

    def _close_with_reason(self, action, *, by, reason):
        """Refusal and stop: a decision with its reason, which ends the dossier."""
        target = self._guard(action)
        self.decision_reason = reason
        self.closed_at = timezone.now()
        return self._record(
            action,
            target,
            by=by,
            note=reason,
            at=self.closed_at,
            fields=["decision_reason", "closed_at"],
        )

    @transaction.atomic
    def start_processing(self, *, by=None, unit=""):
        target = self._guard("start_processing")
        self.holding_unit = unit or (by.agency.name if by and by.agency_id else self.holding_unit)
        return self._record("start_processing", target, by=by, fields=["holding_unit"])

    @transaction.atomic
    def request_supplement(self, *, by=None, items, reason="", contact=""):
        """Ask for missing documents (BM.02): the clock stops until the citizen answers."""
        target = self._guard("request_supplement")
        items = [str(item).strip() for item in items if str(item).strip()]
        if not items:
            raise IllegalTransition(_("List at least one document the citizen must add."))
        now = timezone.now()
        self.pauses = [
            *self.pauses,
            {"started_at": now.isoformat(), "ended_at": None, "from_status": self.status},
        ]
        self.supplement_items, self.supplement_reason = items, reason
        self.supplement_contact = contact
        self.due_at = self.compute_due_at()
        return self._record(
            "request_supplement",
            target,
            by=by,
            at=now,
            note=reason,
            fields=[
                "pauses",
                "supplement_items",
                "supplement_reason",
                "supplement_contact",
                "due_at",
            ],
        )

    @transaction.atomic
    def supplement(self, *, by=None, note=""):
        """The citizen sent what was asked: the clock runs again (the engine restarts the count)."""
        now = timezone.now()
        open_pause = self.pauses[-1] if self.pauses and self.pauses[-1]["ended_at"] is None else {}
        asked_at_receipt = open_pause.get("from_status") == self.Status.RECEIVED
        target = self._guard("supplement", self.Status.NEW if asked_at_receipt else None)
        if open_pause:
            self.pauses = [*self.pauses[:-1], {**open_pause, "ended_at": now.isoformat()}]
        self.due_at = self.compute_due_at()
        return self._record(
            "supplement", target, by=by, at=now, note=note, fields=["pauses", "due_at"]
        )

    @transaction.atomic
    def request_payment(self, *, by=None, amount, note=""):
        target = self._guard("request_payment")
        self.fees_due = int(amount)
        return self._record("request_payment", target, by=by, note=note, fields=["fees_due"])

    @transaction.atomic
    def payment_done(self, *, by=None, note=""):
        target = self._guard("payment_done")
        self.fees_due = 0
        return self._record("payment_done", target, by=by, note=note, fields=["fees_due"])

    @transaction.atomic
    def withdraw(self, *, by=None, reason=""):
        """The citizen withdraws a dossier not yet decided (ND 118 Art. 21)."""
        target = self._guard("withdraw")
        self.closed_at = timezone.now()
        return self._record(
            "withdraw", target, by=by, note=reason, at=self.closed_at, fields=["closed_at"]
        )

    @transaction.atomic
    def stop(self, *, by=None, reason):
        return self._close_with_reason("stop", by=by, reason=reason)

    @transaction.atomic
    def complete(self, *, by=None, note=""):
        target = self._guard("complete")
        self.completed_at = self.closed_at = timezone.now()
        return self._record(
            "complete",
            target,
            by=by,
            note=note,
            at=self.completed_at,
            fields=["completed_at", "closed_at"],
        )

    @transaction.atomic
    def return_result(self, *, by=None, note=""):
        target = self._guard("return_result")
        self.returned_at = timezone.now()
        return self._record(
            "return_result", target, by=by, note=note, at=self.returned_at, fields=["returned_at"]
        )

    @transaction.atomic
    def extend(self, *, by=None, amount, unit, reason=""):
        """Set a new appointment once (ND 61 Art. 19.9), recomputed by the deadline engine."""
        target = self._guard("extend")
        if self.extension_used:
            raise IllegalTransition(_("The appointment can be postponed only once."))
        if Decimal(amount) <= 0:
            raise IllegalTransition(_("The extension must be longer than zero."))
        self.extended_at = timezone.now()
        self.extension_amount, self.extension_unit = Decimal(amount), unit
        self.extension_reason = reason
        self.due_at = self.compute_due_at()
        return self._record(
            "extend",
            target,
            by=by,
            note=reason,
            at=self.extended_at,
            fields=[
                "extended_at",
                "extension_amount",
                "extension_unit",
                "extension_reason",
                "due_at",
            ],
        )

    @transaction.atomic
    def rate(self, *, by=None, level, comment=""):
        """The citizen rates a finished dossier once (TT 32/2017 Art. 12: three levels)."""
        target = self._guard("rate")
        if level not in Rating.Level.values:
            raise IllegalTransition(_("Choose one of the three levels."))
        if Rating.objects.filter(dossier=self).exists():
            raise IllegalTransition(_("This dossier has already been rated."))
        Rating.objects.create(dossier=self, level=level, comment=comment)
        return self._record("rate", target, by=by, note=comment)


def actor_role(user):
    """The staff role(s) `user` holds now, by group name ("Cán bộ tiếp nhận"); "" for a citizen.

    Kept on each event because groups change: the log must say what the person was at the time.
    """
    if user is None or not getattr(user, "pk", None):
        return ""
    from portal.accounts.roles import STAFF_ROLES

    names = [role.name for role in STAFF_ROLES]
    held = sorted(
        {group.name for group in user.groups.all()} & set(names), key=names.index, reverse=True
    )
    return ", ".join(held)[:100]


class DossierEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Dossier events are append-only.")

    def delete(self):
        raise PermissionError("Dossier events are append-only.")


class DossierEvent(models.Model):
    """One step of the handling process (QuaTrinhXuLy): who did what, when, from which status to which."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="events", verbose_name=_("dossier")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    # Who the actor was when acting: roles and agencies change, the log must not.
    actor_role = models.CharField(_("role"), max_length=100, blank=True)
    actor_agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agency"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    from_status = models.CharField(_("from status"), max_length=2, choices=Dossier.Status)
    to_status = models.CharField(_("to status"), max_length=2, choices=Dossier.Status)
    action = models.CharField(_("action"), max_length=30)
    note = models.TextField(_("note"), blank=True)
    holding_unit = models.CharField(_("unit holding the dossier"), max_length=255, blank=True)

    objects = DossierEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["at", "pk"]
        # The timeline and the statistics read one dossier's events in time order.
        indexes = [models.Index(fields=["dossier", "at"], name="dossiers_event_dossier_at")]

    def __str__(self):
        return f"{self.dossier} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Dossier events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Dossier events are append-only.")


def private_storage():
    return storages["private"]


def attachment_path(attachment, filename):
    """dossiers/<dossier id>/<random name>.<ext>: the citizen's file name is never used on disk."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"dossiers/{attachment.dossier_id}/{secrets.token_hex(16)}{suffix}"


class DossierAttachment(models.Model):
    """A file of a dossier. Never served from MEDIA_URL: only through the permission-checked view."""

    class Kind(models.TextChoices):
        APPLICANT = "applicant", _("Filed by the applicant")
        SUPPLEMENT = "supplement", _("Supplement")
        RESULT = "result", _("Result")

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("dossier")
    )
    component = models.ForeignKey(
        "procedures.DossierComponent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dossier component"),
    )
    # The name as it was when filed: the catalogue may rename or drop the component later.
    component_name = models.TextField(_("component name"), blank=True)
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.APPLICANT)
    # A scan of a paper document made at the counter (ND 118 Art. 17.1.c; DuocSoHoa of the sync).
    digitised = models.BooleanField(_("digitised from paper"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier attachment")
        verbose_name_plural = _("dossier attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("dossiers:attachment", args=[self.dossier_id, self.pk])


class Rating(models.Model):
    class Level(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        ACCEPTABLE = "acceptable", _("Acceptable")
        NOT_SATISFIED = "not_satisfied", _("Not satisfied")

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="rating", verbose_name=_("dossier")
    )
    level = models.CharField(_("rating"), max_length=20, choices=Level)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return f"{self.dossier}: {self.get_level_display()}"


class Notification(models.Model):
    """One message about one event on one channel. The unique key stops a second sending."""

    class Channel(models.TextChoices):
        EMAIL = "email", pgettext_lazy("channel", "E-mail")
        SMS = "sms", _("SMS")

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("dossier")
    )
    event = models.ForeignKey(
        DossierEvent,
        null=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
        verbose_name=_("event"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    recipient = models.CharField(_("recipient"), max_length=255)
    key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_id = models.CharField(_("provider message id"), max_length=255, blank=True)
    # The sweep's tries (notifications.send_unsent), spaced out so a number the SMS provider
    # refuses is not retried every minute for days.
    sweeps = models.PositiveSmallIntegerField(_("sweep attempts"), default=0)
    next_sweep_at = models.DateTimeField(_("next sweep attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        # The minute sweep reads the unsent ones, a sliver of the table.
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="dossiers_notification_unsent",
            )
        ]

    def __str__(self):
        return self.key


class DailyCounter(models.Model):
    """The last dossier number an agency handed out on one day (the XXXX of the dossier code)."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("daily dossier counter")
        verbose_name_plural = _("daily dossier counters")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossiers_one_counter_per_day")
        ]

    def __str__(self):
        return f"{self.agency_id} {self.day}: {self.last}"

    @classmethod
    def allocate_code(cls, agency, at):
        """The next code `<agency code>-YYMMDD-XXXX`, inside the caller's transaction.

        The counter row is locked until the receiving transaction commits, so concurrent receipts
        wait for each other and a rolled-back receipt gives its number back: codes are gap-free.
        """
        day = timezone.localdate(at)
        # Create the row without racing: a concurrent creator makes ours a no-op, then both lock it.
        try:
            with transaction.atomic():
                cls.objects.bulk_create(
                    [cls(agency=agency, day=day, last=0)], ignore_conflicts=True
                )
        except IntegrityError:  # pragma: no cover - databases without ON CONFLICT DO NOTHING
            pass
        counter = cls.objects.select_for_update().get(agency=agency, day=day)
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{agency.code}-{day:%y%m%d}-{counter.last:04d}"
