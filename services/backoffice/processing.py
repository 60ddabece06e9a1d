"""Use cases of processing a received dossier (ND 61 Art. 19; regulations spec §3.3): the head
assigns a handler; the handler appraises, records verification visits, consults units of the same
level and may have the dossier transferred to another level; the handler submits the result for
signature; the head signs it (services.signing); the result is returned online, at the counter or
by post. Also the one extension (BM.04) and the deadline warnings.

Every use case checks who may do it (role and agency), runs in one transaction and writes one step
of the dossier's event log, so the timeline and the control sheet (BM.05) follow from the log.
Refusals raise `IllegalTransition` whose `message` is shown to the officer.

The agency acting on a dossier is the receiving agency, or the agency it was transferred to while
the transfer is open (`acting_agency`).
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts import roles
from portal.accounts.models import Agency
from portal.tasks import later, send_email
from services.dossiers.models import Dossier, DossierAttachment, IllegalTransition
from services.files.uploads import UploadRefused, inspect_upload
from services.signing.flows import issue_document
from services.signing.models import SignedDocument
from services.workdays import engine
from services.workdays.models import current_calendar

from . import documents
from .models import (
    AppraisalNote,
    Assignment,
    Consultation,
    DeadlineWarning,
    ExtensionProposal,
    ResultDelivery,
    ResultDraft,
    Transfer,
    VerificationVisit,
)

S = Dossier.Status
MAX_CONSULTATION_DAYS = 30
# How the steps of this module read in the officer's timeline.
STEP_LABELS = {
    "assign": gettext_lazy("Assigned to a handler"),
    "appraise": gettext_lazy("Appraisal"),
    "visit": gettext_lazy("Verification visit"),
    "consult": gettext_lazy("Consultation of other units"),
    "consultation_answered": gettext_lazy("Consulted unit answered"),
    "transfer": gettext_lazy("Transferred to another level"),
    "transfer_returned": gettext_lazy("Result back at the receiving unit"),
    "submit_for_signature": gettext_lazy("Submitted for signature"),
    "return_for_revision": gettext_lazy("Sent back for correction"),
    "sign_result": gettext_lazy("Result signed"),
    "propose_extension": gettext_lazy("New appointment proposed"),
}
MAX_EXTENSION_DAYS = 30


# Who is who ------------------------------------------------------------------------------------


def holds(user, role):
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(group.name == role.name for group in user.groups.all())


def staff_of(agency, role):
    """Active accounts of `agency` holding `role`."""
    return (
        get_user_model()
        .objects.filter(agency=agency, is_active=True, groups__name=role.name)
        .order_by("full_name", "username")
        .distinct()
    )


def open_transfer(dossier):
    return dossier.transfers.filter(returned_at__isnull=True).select_related("to_agency").first()


def acting_agency(dossier):
    transfer = open_transfer(dossier)
    return transfer.to_agency if transfer else dossier.agency


def current_assignment(dossier, agency=None):
    agency = agency or acting_agency(dossier)
    return (
        dossier.assignments.filter(agency=agency, ended_at__isnull=True)
        .select_related("handler")
        .first()
    )


def current_handler(dossier):
    assignment = current_assignment(dossier)
    return assignment.handler if assignment else None


def _of(user, agency):
    return user.is_superuser or (agency is not None and user.agency_id == agency.pk)


def is_head(user, dossier):
    return holds(user, roles.AGENCY_HEAD) and _of(user, acting_agency(dossier))


def is_handler(user, dossier):
    handler = current_handler(dossier)
    return handler is not None and user.pk == handler.pk


def is_desk(user, dossier):
    """A receiving officer or head of the receiving agency (the one-stop unit of the dossier)."""
    return (holds(user, roles.RECEIVING_OFFICER) or holds(user, roles.AGENCY_HEAD)) and _of(
        user, dossier.agency
    )


def _refuse(message):
    raise IllegalTransition(message)


def _require(condition, message=None):
    if not condition:
        _refuse(message or _("You cannot do this on this dossier."))


def _locked(dossier):
    """The dossier row, locked for the rest of the transaction, with fresh values."""
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("agency", "procedure")
        .get(pk=dossier.pk)
    )


def _mail(users, subject, body):
    """Staff e-mails leave through the mail task once the step is committed."""
    recipients = sorted({user.email for user in users if user.email})
    if recipients:
        later(send_email, to=recipients, subject=subject, body=body)


def _unit_staff(agency):
    """Who is told about a consultation put to `agency`: its handlers and heads."""
    return [
        *staff_of(agency, roles.PROCESSING_OFFICER),
        *staff_of(agency, roles.AGENCY_HEAD),
    ]


def _absolute(name, pk):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(f"backoffice:{name}", args=[pk])


def officer_url(dossier):
    return _absolute("dossier", dossier.pk)


def consultation_url(consultation):
    return _absolute("consultation", consultation.pk)


def _inspected(upload):
    """The upload checked by services.files.uploads; a refusal becomes IllegalTransition."""
    try:
        return inspect_upload(upload)
    except UploadRefused as refused:
        _refuse(refused.message)


# Assignment, appraisal, visits -------------------------------------------------------------------


def can_assign(user, dossier):
    return is_head(user, dossier) and (
        dossier.status == S.RECEIVED or dossier.status in Dossier.STEPS["assign"]
    )


def handler_choices(dossier):
    return staff_of(acting_agency(dossier), roles.PROCESSING_OFFICER)


@transaction.atomic
def assign(dossier, *, handler, by):
    """The head gives the dossier to a handler (again: reassignment); starts processing if needed."""
    dossier = _locked(dossier)
    _require(can_assign(by, dossier))
    agency = acting_agency(dossier)
    _require(
        handler_choices(dossier).filter(pk=handler.pk).exists(),
        _("Choose a processing officer of %(agency)s.") % {"agency": agency},
    )
    if dossier.status == S.RECEIVED:
        dossier.start_processing(by=by, unit=agency.name)
    now = timezone.now()
    previous = current_assignment(dossier, agency)
    if previous and previous.handler_id == handler.pk:
        _refuse(_("The dossier is already assigned to %(name)s.") % {"name": handler})
    dossier.assignments.filter(agency=agency, ended_at__isnull=True).update(ended_at=now)
    note = (
        _("Reassigned to %(name)s.") if previous else _("Assigned to %(name)s for processing.")
    ) % {"name": handler}
    event = dossier.record_step("assign", by=by, note=note, at=now, holding_unit=agency.name)
    assignment = Assignment.objects.create(
        dossier=dossier,
        agency=agency,
        handler=handler,
        assigned_by=by,
        assigned_at=now,
        event=event,
    )
    _mail(
        [handler],
        _("Dossier %(code)s assigned to you") % {"code": dossier.code},
        _(
            "%(head)s assigned dossier %(code)s (%(procedure)s) to you. Appointment: %(due)s.\n%(url)s"
        )
        % {
            "head": by,
            "code": dossier.code,
            "procedure": dossier.procedure.name,
            "due": _when(dossier.due_at),
            "url": officer_url(dossier),
        },
    )
    return assignment


def can_work(user, dossier):
    """The handler (or the head) of the acting agency while the dossier is being processed."""
    return dossier.status in Dossier.STEPS["appraise"] and (
        is_handler(user, dossier) or is_head(user, dossier)
    )


@transaction.atomic
def add_appraisal(dossier, *, by, text):
    dossier = _locked(dossier)
    _require(can_work(by, dossier))
    text = text.strip()
    _require(text, _("Write the appraisal."))
    note = AppraisalNote.objects.create(dossier=dossier, author=by, text=text)
    dossier.record_step("appraise", by=by, note=_("Appraisal recorded."))
    return note


@transaction.atomic
def record_visit(dossier, *, by, visited_on, place, findings, participants=""):
    dossier = _locked(dossier)
    _require(can_work(by, dossier) and dossier.status in Dossier.STEPS["visit"])
    visit = VerificationVisit.objects.create(
        dossier=dossier,
        officer=by,
        visited_on=visited_on,
        place=place,
        participants=participants,
        findings=findings,
    )
    dossier.record_step(
        "visit",
        by=by,
        note=_("Verification visit on %(date)s at %(place)s.")
        % {"date": visited_on.strftime("%d/%m/%Y"), "place": place},
    )
    return visit


# Consultations (liên thông cùng cấp) -----------------------------------------------------------


def can_consult(user, dossier):
    return dossier.status in Dossier.STEPS["consult"] and (
        is_handler(user, dossier) or is_head(user, dossier)
    )


def consultable_agencies(dossier):
    busy = dossier.consultations.open().values("agency_id")
    return Agency.objects.exclude(pk=acting_agency(dossier).pk).exclude(pk__in=busy)


@transaction.atomic
def consult(dossier, *, by, agencies, question, working_days):
    """Ask each agency in `agencies` the same question, each with its own task and deadline."""
    dossier = _locked(dossier)
    _require(can_consult(by, dossier))
    agencies = list(agencies)
    question = question.strip()
    _require(agencies, _("Choose at least one unit to consult."))
    _require(question, _("Write what the consulted units must answer."))
    _require(
        1 <= int(working_days) <= MAX_CONSULTATION_DAYS,
        _("The deadline must be between 1 and %(max)s working days.")
        % {"max": MAX_CONSULTATION_DAYS},
    )
    allowed = set(consultable_agencies(dossier).values_list("pk", flat=True))
    for agency in agencies:
        _require(
            agency.pk in allowed,
            _("%(agency)s cannot be consulted on this dossier now.") % {"agency": agency},
        )
    now = timezone.now()
    work = current_calendar()
    due = engine.add_duration(
        engine.counting_starts(now, work), working_days, engine.Unit.WORKING_DAY, work
    )
    consultations = [
        Consultation.objects.create(
            dossier=dossier,
            agency=agency,
            question=question,
            working_days=working_days,
            requested_by=by,
            requested_at=now,
            due_at=due,
        )
        for agency in agencies
    ]
    dossier.record_step(
        "consult",
        by=by,
        at=now,
        note=_("Opinion requested from %(agencies)s, answer due by %(due)s.")
        % {"agencies": ", ".join(str(a) for a in agencies), "due": _when(due)},
    )
    asking = acting_agency(dossier)
    for consultation in consultations:
        _mail(
            _unit_staff(consultation.agency),
            _("Opinion requested on dossier %(code)s") % {"code": dossier.code},
            _(
                "%(agency)s asks for your unit's opinion on dossier %(code)s (%(procedure)s) "
                "by %(due)s.\n\n%(question)s\n\n%(url)s"
            )
            % {
                "agency": asking,
                "code": dossier.code,
                "procedure": dossier.procedure.name,
                "due": _when(due),
                "question": question,
                "url": consultation_url(consultation),
            },
        )
    return consultations


def consultations_for(user):
    """The consultations put to the user's agency, open ones first."""
    if user.agency_id is None and not user.is_superuser:
        return Consultation.objects.none()
    found = Consultation.objects.select_related("dossier", "dossier__procedure", "agency")
    if not user.is_superuser:
        found = found.filter(agency_id=user.agency_id)
    return found.order_by("state", "due_at")


def can_answer(user, consultation):
    return (
        consultation.state == Consultation.State.OPEN
        and user.has_perm("accounts.access_backoffice")
        and _of(user, consultation.agency)
    )


@transaction.atomic
def answer_consultation(consultation, *, by, answer, upload=None):
    dossier = _locked(consultation.dossier)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _require(can_answer(by, consultation), _("This consultation cannot be answered any more."))
    answer = answer.strip()
    _require(answer, _("Write your unit's answer."))
    if upload is not None:
        _inspected(upload)
        consultation.answer_file.save(upload.name or "tep", upload, save=False)
        consultation.answer_file_name = (upload.name or "tep")[-255:]
    consultation.answer = answer
    consultation.answered_by = by
    consultation.answered_at = timezone.now()
    consultation.state = Consultation.State.ANSWERED
    consultation.save()
    late = consultation.is_late()
    dossier.record_step(
        "consultation_answered",
        by=by,
        at=consultation.answered_at,
        note=(
            _("%(agency)s answered the consultation (late).")
            if late
            else _("%(agency)s answered the consultation.")
        )
        % {"agency": consultation.agency},
    )
    handler = current_handler(dossier)
    if handler:
        _mail(
            [handler],
            _("Answer on dossier %(code)s") % {"code": dossier.code},
            _("%(agency)s answered your consultation on dossier %(code)s.\n\n%(answer)s\n\n%(url)s")
            % {
                "agency": consultation.agency,
                "code": dossier.code,
                "answer": answer,
                "url": officer_url(dossier),
            },
        )
    return consultation


def remind_late_consultations(now=None):
    """E-mail the officers of each unit late with its answer (once a day); return how many."""
    now = now or timezone.now()
    today_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    count = 0
    late = Consultation.objects.late(now).select_related("dossier", "dossier__procedure", "agency")
    for consultation in late.exclude(reminded_at__gte=today_start):
        with transaction.atomic():
            dossier = consultation.dossier
            days = engine.working_days_between(
                timezone.localdate(consultation.due_at), timezone.localdate(now), current_calendar()
            )
            _mail(
                _unit_staff(consultation.agency),
                _("Reminder: your opinion on dossier %(code)s is late") % {"code": dossier.code},
                _(
                    "Your unit's opinion on dossier %(code)s (%(procedure)s) was due by %(due)s "
                    "(%(days)s working day(s) ago). Please answer.\n\n%(question)s\n\n%(url)s"
                )
                % {
                    "code": dossier.code,
                    "procedure": dossier.procedure.name,
                    "due": _when(consultation.due_at),
                    "days": max(days, 0),
                    "question": consultation.question,
                    "url": consultation_url(consultation),
                },
            )
            # ND 61 Art. 19.5: the lead unit's handler learns that the reply is late as well.
            handler = current_handler(dossier)
            if handler:
                _mail(
                    [handler],
                    _("Consultation on dossier %(code)s is late") % {"code": dossier.code},
                    _("%(agency)s has not answered by %(due)s; a reminder was sent.\n%(url)s")
                    % {
                        "agency": consultation.agency,
                        "due": _when(consultation.due_at),
                        "url": officer_url(dossier),
                    },
                )
            Consultation.objects.filter(pk=consultation.pk).update(
                reminded_at=now, reminders=consultation.reminders + 1
            )
            count += 1
    return count


# Transfers across levels (liên thông khác cấp) ---------------------------------------------------


def can_transfer(user, dossier):
    return (
        dossier.status in Dossier.STEPS["transfer"]
        and is_desk(user, dossier)
        and open_transfer(dossier) is None
        and not dossier.transfers.exists()
    )


def transfer_targets(dossier):
    return Agency.objects.exclude(pk=dossier.agency_id)


@transaction.atomic
def transfer(dossier, *, by, to_agency, note=""):
    """Send the dossier to another level's agency; the code and the timeline stay the same."""
    dossier = _locked(dossier)
    _require(can_transfer(by, dossier))
    _require(to_agency.pk != dossier.agency_id, _("Choose another agency."))
    now = timezone.now()
    # The receiving agency's handler, if any, hands the dossier over with it.
    dossier.assignments.filter(agency=dossier.agency, ended_at__isnull=True).update(ended_at=now)
    sent = Transfer.objects.create(
        dossier=dossier,
        from_agency=dossier.agency,
        to_agency=to_agency,
        note=note,
        sent_by=by,
        sent_at=now,
    )
    dossier.record_step(
        "transfer",
        by=by,
        at=now,
        note=_("Transferred to %(agency)s for processing.") % {"agency": to_agency}
        + (f" {note}" if note else ""),
        holding_unit=to_agency.name,
    )
    _mail(
        list(staff_of(to_agency, roles.AGENCY_HEAD)),
        _("Dossier %(code)s transferred to your agency") % {"code": dossier.code},
        _("%(agency)s transferred dossier %(code)s (%(procedure)s) to your agency.\n%(url)s")
        % {
            "agency": dossier.agency,
            "code": dossier.code,
            "procedure": dossier.procedure.name,
            "url": officer_url(dossier),
        },
    )
    return sent


# Signature and result ----------------------------------------------------------------------------


def pending_draft(dossier):
    return dossier.result_drafts.filter(state=ResultDraft.State.PENDING).first()


def can_submit_for_signature(user, dossier):
    return (
        dossier.status in Dossier.STEPS["submit_for_signature"]
        and (is_handler(user, dossier) or is_head(user, dossier))
        and pending_draft(dossier) is None
    )


@transaction.atomic
def submit_for_signature(dossier, *, by, summary, upload=None):
    """The handler submits the result: an uploaded PDF, or one generated from `summary`."""
    dossier = _locked(dossier)
    _require(can_submit_for_signature(by, dossier))
    summary = summary.strip()
    _require(summary, _("Write the content of the result."))
    waiting = dossier.consultations.open()
    _require(
        not waiting.exists(),
        _("Wait for the answers of the consulted units first: %(agencies)s.")
        % {"agencies": ", ".join(str(c.agency) for c in waiting)},
    )
    draft = ResultDraft(
        dossier=dossier,
        agency=acting_agency(dossier),
        summary=summary,
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    if upload is not None:
        inspected = _inspected(upload)
        _require(inspected.content_type == "application/pdf", _("The result must be a PDF file."))
        draft.file.save(upload.name or "ket-qua.pdf", upload, save=False)
        draft.original_name = (upload.name or "ket-qua.pdf")[-255:]
    draft.save()
    dossier.record_step(
        "submit_for_signature",
        by=by,
        at=draft.submitted_at,
        note=_("Result submitted for signature."),
    )
    _mail(
        staff_of(draft.agency, roles.AGENCY_HEAD),
        _("Dossier %(code)s waits for your signature") % {"code": dossier.code},
        _("%(name)s submitted the result of dossier %(code)s for signature.\n%(url)s")
        % {"name": by, "code": dossier.code, "url": officer_url(dossier)},
    )
    return draft


def can_sign(user, dossier):
    draft = pending_draft(dossier)
    return (
        draft is not None
        and dossier.status in Dossier.STEPS["sign_result"]
        and holds(user, roles.AGENCY_HEAD)
        and user.has_perm("accounts.sign_results")
        and _of(user, draft.agency)
    )


@transaction.atomic
def return_for_revision(dossier, *, by, reason):
    dossier = _locked(dossier)
    _require(can_sign(by, dossier))
    _require(reason.strip(), _("Say what must be corrected."))
    draft = pending_draft(dossier)
    draft.state = ResultDraft.State.RETURNED
    draft.decided_by, draft.decided_at, draft.decision_note = by, timezone.now(), reason.strip()
    draft.save()
    dossier.record_step(
        "return_for_revision",
        by=by,
        note=_("Result sent back for correction: %(reason)s") % {"reason": reason.strip()},
    )
    return draft


@transaction.atomic
def sign_result(dossier, *, by):
    """The head signs the result with the agency's certificate; processing is complete.

    A transferred dossier goes back to the receiving unit, which returns the result; a dossier
    filed online is returned at once in the applicant's account.
    """
    dossier = _locked(dossier)
    _require(can_sign(by, dossier))
    draft = pending_draft(dossier)
    document = issue_document(
        kind=SignedDocument.Kind.RESULT,
        agency=draft.agency,
        title=_("Result of dossier %(code)s") % {"code": dossier.code},
        render=documents.result_renderer(draft, signer=by),
        dossier=dossier,
        signed_by=by,
    )
    now = timezone.now()
    draft.state = ResultDraft.State.SIGNED
    draft.decided_by, draft.decided_at = by, now
    draft.signed_document_id = document.pk
    draft.save()
    attach_result(dossier, document)
    transfer_ = open_transfer(dossier)
    dossier.record_step(
        "sign_result",
        by=by,
        at=now,
        note=_("Result signed by %(name)s.") % {"name": by},
        holding_unit=(dossier.holding_unit if transfer_ else dossier._one_stop_unit()),
    )
    if transfer_:
        transfer_.returned_at, transfer_.returned_by = now, by
        transfer_.save(update_fields=["returned_at", "returned_by"])
        dossier.record_step(
            "transfer_returned",
            by=by,
            at=now,
            note=_("Result sent back to %(agency)s, which returns it to the applicant.")
            % {"agency": dossier.agency},
            holding_unit=dossier._one_stop_unit(),
        )
        _mail(
            list(staff_of(dossier.agency, roles.RECEIVING_OFFICER)),
            _("Result of dossier %(code)s is back") % {"code": dossier.code},
            _("%(agency)s sent back the signed result of dossier %(code)s. Return it.\n%(url)s")
            % {"agency": draft.agency, "code": dossier.code, "url": officer_url(dossier)},
        )
    dossier.complete(by=by, note=_("Processing completed; the result is signed."))
    if dossier.channel == Dossier.Channel.ONLINE and not dossier.transfers.exists():
        _deliver(dossier, by=None, method=ResultDelivery.Method.ONLINE, note="")
    return document


def attach_result(dossier, document):
    """Copy the signed PDF into the dossier's files, where the applicant downloads it."""
    with document.file.open("rb") as handle:
        data = handle.read()
    name = f"ket-qua-{dossier.code}.pdf"
    attachment = DossierAttachment(
        dossier=dossier,
        component_name=str(_("Result of the procedure")),
        original_name=name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        kind=DossierAttachment.Kind.RESULT,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment


def can_return(user, dossier):
    return dossier.status == S.COMPLETED and is_desk(user, dossier)


@transaction.atomic
def return_result(dossier, *, by, method, note=""):
    """The receiving unit hands the result over (counter or post, or online) → status 10."""
    dossier = _locked(dossier)
    _require(can_return(by, dossier))
    _require(method in ResultDelivery.Method.values, _("Choose how the result was returned."))
    return _deliver(dossier, by=by, method=method, note=note)


def _deliver(dossier, *, by, method, note):
    """Status 10, how the result went, and the final control sheet BM.05, signed and kept."""
    delivery = ResultDelivery.objects.create(
        dossier=dossier, method=method, note=note, by=by, at=timezone.now()
    )
    label = ResultDelivery.Method(method).label
    dossier.return_result(by=by, note=f"{label}. {note}".strip() if note else str(label))
    issue_document(
        kind=SignedDocument.Kind.BM05,
        agency=dossier.agency,
        title=_("BM.05 control sheet – %(code)s") % {"code": dossier.code},
        render=documents.bm05_renderer(dossier),
        dossier=dossier,
        signed_by=by,
    )
    return delivery


# Deadlines and the one extension (BM.04) --------------------------------------------------------


@dataclass(frozen=True)
class ExtensionState:
    possible: bool
    suggested: bool
    message: str = ""
    latest_day: object = None


def extension_state(dossier, now=None):
    """Whether BM.04 may still be issued (once, at the latest one day before the appointment,
    ND 61 Art. 19.9) and whether to suggest it (the appointment is within one working day)."""
    now = now or timezone.now()
    if dossier.status != S.PROCESSING or dossier.due_at is None:
        return ExtensionState(False, False)
    if dossier.extension_used:
        return ExtensionState(False, False, _("The appointment has already been postponed once."))
    due_day = timezone.localdate(dossier.due_at)
    latest = due_day - timedelta(days=1)
    today = timezone.localdate(now)
    if today > latest:
        return ExtensionState(
            False,
            False,
            _(
                "The apology and new appointment (BM.04) must be issued at the latest one day "
                "before the appointment of %(due)s, that is by %(latest)s. That date has passed."
            )
            % {"due": due_day.strftime("%d/%m/%Y"), "latest": latest.strftime("%d/%m/%Y")},
            latest,
        )
    suggested = due_day <= engine.add_working_days(today, 1, current_calendar())
    return ExtensionState(True, suggested, "", latest)


def can_propose_extension(user, dossier):
    return is_handler(user, dossier) and extension_state(dossier).possible


def can_extend(user, dossier):
    return (
        is_head(user, dossier)
        and user.has_perm("accounts.sign_results")
        and extension_state(dossier).possible
    )


def _check_days(amount):
    _require(
        1 <= int(amount) <= MAX_EXTENSION_DAYS,
        _("The extension must be between 1 and %(max)s working days.")
        % {"max": MAX_EXTENSION_DAYS},
    )


@transaction.atomic
def propose_extension(dossier, *, by, amount, reason):
    dossier = _locked(dossier)
    state = extension_state(dossier)
    _require(state.possible, state.message)
    _require(is_handler(by, dossier))
    _check_days(amount)
    _require(reason.strip(), _("Give the reason for the delay."))
    proposal = ExtensionProposal.objects.create(
        dossier=dossier, amount=amount, reason=reason.strip(), proposed_by=by
    )
    dossier.record_step(
        "propose_extension",
        by=by,
        note=_("New appointment proposed: %(days)s more working day(s).") % {"days": amount},
    )
    _mail(
        staff_of(acting_agency(dossier), roles.AGENCY_HEAD),
        _("Extension proposed for dossier %(code)s") % {"code": dossier.code},
        _(
            "%(name)s proposes %(days)s more working day(s) for dossier %(code)s: %(reason)s\n%(url)s"
        )
        % {
            "name": by,
            "days": amount,
            "code": dossier.code,
            "reason": reason,
            "url": officer_url(dossier),
        },
    )
    return proposal


@transaction.atomic
def issue_extension(dossier, *, by, amount, reason):
    """The head sets the new appointment once and signs the apology BM.04 (old and new dates)."""
    dossier = _locked(dossier)
    state = extension_state(dossier)
    _require(state.possible, state.message)
    _require(can_extend(by, dossier))
    _check_days(amount)
    reason = reason.strip()
    _require(reason, _("Give the reason for the delay."))
    old_due = dossier.due_at
    dossier.extend(by=by, amount=amount, unit=engine.Unit.WORKING_DAY, reason=reason)
    agency = acting_agency(dossier)
    return issue_document(
        kind=SignedDocument.Kind.BM04,
        agency=agency,
        title=_("BM.04 apology and new appointment – %(code)s") % {"code": dossier.code},
        render=documents.bm04_renderer(
            dossier, old_due=old_due, new_due=dossier.due_at, reason=reason, agency=agency, head=by
        ),
        dossier=dossier,
        signed_by=by,
    )


def due_soon(now=None):
    """Dossiers being processed, not yet extended, whose appointment is within one working day."""
    now = now or timezone.now()
    work = current_calendar()
    limit = work.closing(engine.add_working_days(timezone.localdate(now), 1, work))
    return Dossier.objects.filter(
        status=S.PROCESSING, extended_at__isnull=True, due_at__gt=now, due_at__lte=limit
    ).select_related("procedure", "agency")


def suggest_extensions(now=None):
    """Warn the handler (or the heads, when nobody is assigned) of each dossier due within one
    working day that an extension is still possible; once per appointment. Returns how many."""
    now = now or timezone.now()
    count = 0
    for dossier in due_soon(now):
        if not extension_state(dossier, now).possible:
            continue
        with transaction.atomic():
            _warning, created = DeadlineWarning.objects.get_or_create(
                dossier=dossier, due_at=dossier.due_at
            )
            if not created:
                continue
            handler = current_handler(dossier)
            recipients = (
                [handler] if handler else staff_of(acting_agency(dossier), roles.AGENCY_HEAD)
            )
            _mail(
                recipients,
                _("Dossier %(code)s is due %(due)s")
                % {"code": dossier.code, "due": _when(dossier.due_at)},
                _(
                    "Dossier %(code)s (%(procedure)s) is due %(due)s. If it cannot be completed in "
                    "time, propose a new appointment today: the apology form BM.04 can be issued "
                    "once, at the latest one day before the appointment.\n%(url)s"
                )
                % {
                    "code": dossier.code,
                    "procedure": dossier.procedure.name,
                    "due": _when(dossier.due_at),
                    "url": officer_url(dossier),
                },
            )
            count += 1
    return count


def _when(value):
    if not value:
        return "—"
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
