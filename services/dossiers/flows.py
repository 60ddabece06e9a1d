"""Use cases of online filing and tracking (levels 3–4). Views call one of these per request.

Filing: `start_or_resume` → `save_step` per form step (saved on the server every time) →
`add_attachment` per uploaded file → `submit_draft` (idempotent, with a completeness check).

Online submission (ND 61 Art. 17.2): the dossier goes to status 1 ("Mới đăng ký") and waits in the
receiving desk's inbox; the one-stop officer checks it and receives it (code, receipt time,
appointment, BM.01), asks for supplements once, or refuses it (services.backoffice.desk). A province
that lets the electronic one-stop system take online dossiers straight from the portal (ND 61 Art. 18,
TT 01/2018 Art. 17.1.a) sets DOSSIERS_AUTO_RECEIVE_ONLINE = True: `submit_draft` then runs submit
(0 → 1) and an automatic receive (1 → 2) in one transaction, writing both events as the national
model has them.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Dossier, DossierAttachment, IllegalTransition


@dataclass(frozen=True)
class WizardStep:
    index: int
    kind: str  # "form", "attachments" or "review"
    title: str
    form_index: int | None = None


@dataclass(frozen=True)
class Problem:
    message: str
    step: int


def form_definition(procedure):
    try:
        return procedure.form_definition
    except (ObjectDoesNotExist, AttributeError):
        return None


def wizard_steps(dossier):
    """The e-form's steps, then the attachments, then the review: what "Bước 2/4" counts."""
    definition = form_definition(dossier.procedure)
    count = definition.step_count if definition else 0
    steps = [
        WizardStep(index, "form", str(definition.step_title(index)), index)
        for index in range(count)
    ]
    steps.append(WizardStep(count, "attachments", _("Attached documents")))
    steps.append(WizardStep(count + 1, "review", _("Review and submit")))
    return steps


def components(dossier):
    return list(dossier.procedure.components_for())


def auto_receives(dossier):
    return dossier.channel == Dossier.Channel.ONLINE and getattr(
        settings, "DOSSIERS_AUTO_RECEIVE_ONLINE", False
    )


def start_or_resume(user, procedure):
    """The citizen's draft for this procedure, created on the first visit (one per procedure)."""
    draft = Dossier.objects.drafts().filter(applicant=user, procedure=procedure).first()
    if draft:
        return draft
    try:
        with transaction.atomic():
            return Dossier.objects.create(
                applicant=user, procedure=procedure, agency_id=procedure.agency_id
            )
    except IntegrityError:
        # A second tab created it at the same moment (the one-draft constraint).
        return Dossier.objects.drafts().get(applicant=user, procedure=procedure)


def earlier_answers(dossier):
    """The answers of the citizen's latest submitted dossier, same procedure first (once-only)."""
    earlier = Dossier.objects.for_citizen(dossier.applicant).submitted().exclude(pk=dossier.pk)
    latest = earlier.filter(procedure=dossier.procedure).first() or earlier.first()
    return latest.answers if latest else None


def step_initial(dossier, form_index):
    """What a form step shows: the saved answers over the profile and earlier-dossier prefill."""
    definition = form_definition(dossier.procedure)
    prefill = definition.prefill(dossier.applicant, earlier_answers(dossier)) or {}
    return {**prefill, **dossier.answers}


def step_form(dossier, form_index, data=None):
    definition = form_definition(dossier.procedure)
    initial = step_initial(dossier, form_index) if data is None else None
    return definition.step_form(form_index, data=data, initial=initial)


def save_step(dossier, form_index, cleaned_data):
    """Keep one step's answers on the server and move the resume point past it."""
    dossier.answers = {**dossier.answers, **cleaned_data}
    dossier.current_step = max(dossier.current_step, form_index + 1)
    dossier.save(update_fields=["answers", "current_step", "updated_at"])


def go_to_step(dossier, index):
    if dossier.current_step != index:
        dossier.current_step = index
        dossier.save(update_fields=["current_step", "updated_at"])


def add_attachment(
    dossier, component, uploaded_file, kind=DossierAttachment.Kind.APPLICANT, digitised=False
):
    """Check the upload (size, real type, soundness, viruses) and store it privately.

    Raises services.files.uploads.UploadRefused, whose `message` is shown next to the component.
    `inspect_upload` runs the virus scanner itself (fail closed).
    """
    from services.files.uploads import inspect_upload

    inspected = inspect_upload(uploaded_file)
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in iter(lambda: uploaded_file.read(64 * 1024), b""):
        digest.update(chunk)
    uploaded_file.seek(0)
    attachment = DossierAttachment(
        dossier=dossier,
        component=component,
        component_name=component.name if component else "",
        original_name=(uploaded_file.name or "tep")[-255:],
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=digest.hexdigest(),
        kind=kind,
        digitised=digitised,
    )
    attachment.file.save(uploaded_file.name or "tep", uploaded_file, save=False)
    attachment.save()
    dossier.save(update_fields=["updated_at"])
    return attachment


def remove_attachment(dossier, attachment_id, kind=DossierAttachment.Kind.APPLICANT):
    attachment = dossier.attachments.filter(pk=attachment_id, kind=kind).first()
    if attachment:
        attachment.file.delete(save=False)
        attachment.delete()


def problems(dossier):
    """What stops submission: unanswered questions (with their step) and missing documents."""
    found = []
    steps = wizard_steps(dossier)
    definition = form_definition(dossier.procedure)
    if definition:
        for form_index, errors in sorted(definition.validate_answers(dossier.answers).items()):
            found.extend(Problem(str(error), form_index) for error in errors)
    attachments_step = steps[-2].index
    provided = set(
        dossier.attachments.filter(kind=DossierAttachment.Kind.APPLICANT).values_list(
            "component_id", flat=True
        )
    )
    for component in components(dossier):
        if component.is_required and component.pk not in provided:
            found.append(
                Problem(
                    _("Missing document: %(name)s") % {"name": component.name}, attachments_step
                )
            )
    review_step = steps[-1].index
    if dossier.needs_signature():
        found.append(Problem(_("Sign the declaration before you submit."), review_step))
    if dossier.fees_outstanding():
        found.append(Problem(_("Pay the fees before you submit."), review_step))
    return found


def submit_draft(dossier_id, user, submission_key):
    """Submit once, whatever the number of clicks, retries or back-button resubmissions.

    Returns (dossier, problems). The draft row is locked, so concurrent posts queue; a post for a
    dossier already submitted returns it unchanged. Nothing is submitted while problems remain.
    """
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("procedure", "agency")
            .get(pk=dossier_id, applicant=user)
        )
        if not dossier.is_draft:
            return dossier, []
        if str(dossier.submission_key) != str(submission_key):
            return dossier, [
                Problem(_("This page was out of date. Check the dossier and submit again."), -1)
            ]
        found = problems(dossier)
        if found:
            return dossier, found
        dossier.submit(by=user)
        if auto_receives(dossier):
            dossier.receive(note=_("Received automatically from the online public service portal."))
    return dossier, []


def answer_supplement(dossier, user):
    """The citizen has added the requested documents: the clock runs again."""
    added = dossier.attachments.filter(kind=DossierAttachment.Kind.SUPPLEMENT)
    if dossier.pauses:
        added = added.filter(uploaded_at__gte=dossier.pauses[-1]["started_at"])
    if not added.exists():
        raise IllegalTransition(_("Add at least one of the requested documents first."))
    with transaction.atomic():
        dossier.supplement(by=user, note=_("Documents added by the applicant."))
        if dossier.status == Dossier.Status.NEW and auto_receives(dossier):
            dossier.receive(note=_("Received automatically from the online public service portal."))
    return dossier


def recompute_open_due_dates():
    """Recompute the appointment of every open dossier; return how many changed."""
    from services.workdays.models import current_calendar

    calendar = current_calendar()
    changed = []
    open_dossiers = Dossier.objects.open().filter(received_at__isnull=False)
    for dossier in open_dossiers.select_related("procedure").iterator(chunk_size=500):
        due = dossier.compute_due_at(calendar)
        if due != dossier.due_at:
            dossier.due_at = due
            changed.append(dossier)
    Dossier.objects.bulk_update(changed, ["due_at"], batch_size=500)
    return len(changed)
