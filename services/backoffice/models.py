"""The processing side of the one-stop back office (ND 61 Art. 19): who handles a dossier, what they
found, which other units were consulted, where the dossier went across levels, the result waiting
for signature and how it was returned.

Every row here is a detail of a step that is also in the dossier's event log (`DossierEvent`, written
by `Dossier.record_step` or a transition), which stays the one timeline of the dossier. `event`
links a row to the step that created it.
"""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from services.dossiers.models import private_storage


def _private_name(folder, instance, filename):
    """backoffice/<folder>/<dossier id>/<random name>.<ext>: the uploader's file name is not used."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"backoffice/{folder}/{instance.dossier_id}/{secrets.token_hex(16)}{suffix}"


def consultation_path(instance, filename):
    return _private_name("consultations", instance, filename)


def result_path(instance, filename):
    return _private_name("results", instance, filename)


class Assignment(models.Model):
    """The handler (chuyên viên thụ lý) an agency head gave a dossier to; reassignment ends it."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("dossier"),
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handled_assignments",
        verbose_name=_("handler"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    event = models.OneToOneField(
        "dossiers.DossierEvent", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-assigned_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "agency"],
                condition=models.Q(ended_at__isnull=True),
                name="backoffice_one_current_handler_per_agency",
            )
        ]

    def __str__(self):
        return f"{self.dossier} → {self.handler}"


class AppraisalNote(models.Model):
    """What the handler found when examining the dossier (thẩm định)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="appraisal_notes",
        verbose_name=_("dossier"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("appraisal"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appraisal note")
        verbose_name_plural = _("appraisal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class VerificationVisit(models.Model):
    """A verification or field check (ND 61 Art. 19.2: time, place, participants, content)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="verification_visits",
        verbose_name=_("dossier"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    visited_on = models.DateField(_("date of the visit"))
    place = models.CharField(_("place"), max_length=255)
    participants = models.TextField(_("participants"), blank=True)
    findings = models.TextField(_("findings"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("verification visit")
        verbose_name_plural = _("verification visits")
        ordering = ["visited_on", "pk"]

    def __str__(self):
        return f"{self.visited_on:%d/%m/%Y} {self.place}"


class ConsultationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=Consultation.State.OPEN)

    def late(self, now):
        return self.open().filter(due_at__lt=now)


class Consultation(models.Model):
    """One consulted unit's task on a dossier (liên thông cùng cấp, ND 61 Art. 19.5–19.6)."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for the answer")
        ANSWERED = "answered", _("Answered")

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("dossier"),
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("consulted agency"),
    )
    question = models.TextField(_("question"))
    working_days = models.PositiveSmallIntegerField(_("deadline (working days)"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    due_at = models.DateTimeField(_("answer due by"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(
        _("attached file"),
        upload_to=consultation_path,
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    answer_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        # "consultation" alone is the public consultation of draft documents (publications).
        verbose_name = pgettext_lazy("one-stop", "consultation")
        verbose_name_plural = pgettext_lazy("one-stop", "consultations")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "agency"],
                condition=models.Q(state="open"),
                name="backoffice_one_open_consultation_per_agency",
            )
        ]

    def __str__(self):
        return f"{self.dossier} – {self.agency}"

    def is_late(self):
        return (self.answered_at or timezone.now()) > self.due_at


class Transfer(models.Model):
    """A dossier sent to another level (liên thông khác cấp, ND 61 Art. 19.7): the higher agency
    processes it and the result comes back to the receiving unit, under the same code."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("dossier"),
    )
    from_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="transfers_received",
        verbose_name=_("to"),
    )
    note = models.TextField(_("note"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"))
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inter-level transfer")
        verbose_name_plural = _("inter-level transfers")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(returned_at__isnull=True),
                name="backoffice_one_open_transfer",
            )
        ]

    def __str__(self):
        return f"{self.dossier}: {self.from_agency} → {self.to_agency}"


class ResultDraft(models.Model):
    """The result the handler submits for signature (trình ký); the head signs or sends it back."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for signature")
        SIGNED = "signed", _("Signed")
        RETURNED = "returned", _("Sent back to the handler")

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="result_drafts",
        verbose_name=_("dossier"),
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    summary = models.TextField(_("content of the result"))
    file = models.FileField(
        _("result file (PDF)"),
        upload_to=result_path,
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    # The services.signing SignedDocument made from this draft (a plain id: the signing app owns it).
    signed_document_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("result submitted for signature")
        verbose_name_plural = _("results submitted for signature")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.dossier}: {self.get_state_display()}"


class ExtensionProposal(models.Model):
    """The handler's proposal of a new appointment, which the head issues as BM.04."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="extension_proposals",
        verbose_name=_("dossier"),
    )
    amount = models.PositiveSmallIntegerField(_("extra working days"))
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("extension proposal")
        verbose_name_plural = _("extension proposals")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self):
        return f"{self.dossier}: +{self.amount}"


class DeadlineWarning(models.Model):
    """The daily task told the handler this appointment is near (once per appointment)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="deadline_warnings"
    )
    due_at = models.DateTimeField(_("appointment"))
    created_at = models.DateTimeField(_("warned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline warning")
        verbose_name_plural = _("deadline warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "due_at"], name="backoffice_one_warning_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.dossier} {self.due_at:%Y-%m-%d}"


class ResultDelivery(models.Model):
    """How the result reached the applicant (BM.06 "cách thức nhận kết quả")."""

    class Method(models.TextChoices):
        ONLINE = "online", _("Online, in the applicant's account")
        COUNTER = "counter", _("At the one-stop counter")
        POST = "post", _("By post")

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="result_delivery",
        verbose_name=_("dossier"),
    )
    method = models.CharField(_("how the result was received"), max_length=10, choices=Method)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("returned at"))

    class Meta:
        verbose_name = _("result delivery")
        verbose_name_plural = _("result deliveries")

    def __str__(self):
        return f"{self.dossier}: {self.get_method_display()}"
