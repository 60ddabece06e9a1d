"""Processing screens of the back office (/quan-tri/mot-cua/…): one form page per officer action,
the consultation inbox, and the BM.04/05/06 downloads.

Thin views: each reads its form, calls one use case of `processing`, and goes back to the officer's
dossier screen. Dossiers are looked up through `Dossier.objects.for_officer(user)` (another
agency's dossier is a 404); an action the user's role or agency may not take is a 403.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from services.dossiers.models import Dossier, IllegalTransition
from services.signing.flows import SigningFailed

from . import documents, processing
from . import processing_forms as forms
from .models import Consultation, ResultDraft
from .views import backoffice_view, officer_dossier, screen


@dataclass(frozen=True)
class Action:
    title: str
    form: type
    allowed: object  # (user, dossier) -> bool
    run: object  # (dossier, user, cleaned_data) -> None
    done: str
    intro: str = ""
    with_dossier: bool = False  # the form needs the dossier (choices)
    multipart: bool = False


def _assign(dossier, user, data):
    processing.assign(dossier, handler=data["handler"], by=user)


def _appraise(dossier, user, data):
    processing.add_appraisal(dossier, by=user, text=data["text"])


def _visit(dossier, user, data):
    processing.record_visit(
        dossier,
        by=user,
        visited_on=data["visited_on"],
        place=data["place"],
        participants=data["participants"],
        findings=data["findings"],
    )


def _consult(dossier, user, data):
    processing.consult(
        dossier,
        by=user,
        agencies=data["agencies"],
        question=data["question"],
        working_days=data["working_days"],
    )


def _transfer(dossier, user, data):
    processing.transfer(dossier, by=user, to_agency=data["to_agency"], note=data["note"])


def _submit(dossier, user, data):
    processing.submit_for_signature(dossier, by=user, summary=data["summary"], upload=data["file"])


def _sign(dossier, user, data):
    processing.sign_result(dossier, by=user)


def _revise(dossier, user, data):
    processing.return_for_revision(dossier, by=user, reason=data["reason"])


def _return(dossier, user, data):
    processing.return_result(dossier, by=user, method=data["method"], note=data["note"])


def _propose(dossier, user, data):
    processing.propose_extension(dossier, by=user, amount=data["amount"], reason=data["reason"])


def _extend(dossier, user, data):
    processing.issue_extension(dossier, by=user, amount=data["amount"], reason=data["reason"])


ACTIONS = {
    "assign": Action(
        gettext_lazy("Assign a handler"),
        forms.AssignForm,
        processing.can_assign,
        _assign,
        gettext_lazy("The handler has been assigned and told by e-mail."),
        with_dossier=True,
    ),
    "appraise": Action(
        gettext_lazy("Record the appraisal"),
        forms.AppraisalForm,
        processing.can_work,
        _appraise,
        gettext_lazy("The appraisal has been recorded."),
    ),
    "visit": Action(
        gettext_lazy("Record a verification visit"),
        forms.VisitForm,
        processing.can_work,
        _visit,
        gettext_lazy("The verification visit has been recorded."),
        intro=gettext_lazy("Record the date, place, participants and findings of the visit."),
    ),
    "consult": Action(
        gettext_lazy("Consult other units"),
        forms.ConsultForm,
        processing.can_consult,
        _consult,
        gettext_lazy("The consulted units have their task and deadline and have been told."),
        intro=gettext_lazy(
            "Each unit gets its own task with the deadline in working days; late answers are "
            "reminded every day."
        ),
        with_dossier=True,
    ),
    "transfer": Action(
        gettext_lazy("Transfer to another level"),
        forms.TransferForm,
        processing.can_transfer,
        _transfer,
        gettext_lazy("The dossier has been transferred; its code and history stay the same."),
        intro=gettext_lazy(
            "The receiving agency processes the dossier and sends the signed result back to your "
            "desk, which returns it to the applicant under the original receipt."
        ),
        with_dossier=True,
    ),
    "submit_for_signature": Action(
        gettext_lazy("Submit the result for signature"),
        forms.SubmitResultForm,
        processing.can_submit_for_signature,
        _submit,
        gettext_lazy("The result waits for the head's signature."),
        multipart=True,
    ),
    "sign_result": Action(
        gettext_lazy("Sign the result"),
        forms.SignForm,
        processing.can_sign,
        _sign,
        gettext_lazy("The result has been signed; processing is complete."),
    ),
    "return_for_revision": Action(
        gettext_lazy("Send the result back for correction"),
        forms.RevisionForm,
        processing.can_sign,
        _revise,
        gettext_lazy("The result has been sent back to the handler."),
    ),
    "return_result": Action(
        gettext_lazy("Return the result"),
        forms.ReturnForm,
        processing.can_return,
        _return,
        gettext_lazy("The result has been returned to the applicant."),
    ),
    "propose_extension": Action(
        gettext_lazy("Propose a new appointment"),
        forms.ExtensionForm,
        processing.can_propose_extension,
        _propose,
        gettext_lazy("The proposal has been sent to the head."),
        intro=gettext_lazy(
            "The head issues the apology and new appointment (BM.04); it can be issued once, at "
            "the latest one day before the appointment."
        ),
    ),
    "extend": Action(
        gettext_lazy("Issue the apology and new appointment (BM.04)"),
        forms.ExtensionForm,
        processing.can_extend,
        _extend,
        gettext_lazy("BM.04 has been signed; the applicant has been told the new appointment."),
        intro=gettext_lazy(
            "The new appointment can be set only once, at the latest one day before the current "
            "appointment. BM.04 carries the old and the new date and is signed by you."
        ),
    ),
}


@require_http_methods(["GET", "POST"])
@backoffice_view
def action(request, pk, name):
    spec = ACTIONS[name]
    dossier = officer_dossier(request, pk)
    if not spec.allowed(request.user, dossier):
        state = processing.extension_state(dossier)
        if name in ("extend", "propose_extension") and state.message:
            messages.error(request, state.message)
            return redirect("backoffice:dossier", dossier.pk)
        raise PermissionDenied
    kwargs = {"dossier": dossier} if spec.with_dossier else {}
    initial = {}
    if name == "extend":
        proposal = dossier.extension_proposals.first()
        if proposal:
            initial = {"amount": proposal.amount, "reason": proposal.reason}
    if request.method == "POST":
        form = spec.form(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                spec.run(dossier, request.user, form.cleaned_data)
            except (IllegalTransition, SigningFailed) as error:  # both carry a message to show
                form.add_error(None, error.message)
            else:
                messages.success(request, spec.done)
                return redirect("backoffice:dossier", dossier.pk)
    else:
        form = spec.form(initial=initial, **kwargs)
    return screen(
        request,
        "backoffice/processing/action.html",
        str(spec.title),
        {
            "dossier": dossier,
            "form": form,
            "intro": spec.intro,
            "multipart": spec.multipart,
            "draft": processing.pending_draft(dossier) if name in ("sign_result",) else None,
            "submit_label": spec.title,
        },
        status=400 if request.method == "POST" else 200,
        subtitle=dossier.procedure.name,
    )


# Downloads ---------------------------------------------------------------------------------------


def _pdf(data, filename, inline=False):
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@backoffice_view
def control_sheet(request, pk):
    dossier = officer_dossier(request, pk)
    if not dossier.code:
        raise Http404
    return _pdf(documents.render_bm05(dossier), f"bm05-{dossier.code}.pdf")


@backoffice_view
def draft_file(request, pk, draft_id):
    dossier = officer_dossier(request, pk)
    draft = get_object_or_404(ResultDraft, pk=draft_id, dossier=dossier)
    if not draft.file:
        data = documents.result_renderer(draft, signer="")(
            _("(verification address after signing)")
        )
        return _pdf(data, f"du-thao-ket-qua-{dossier.code}.pdf")
    return FileResponse(
        draft.file.open("rb"), as_attachment=True, filename=draft.original_name or "ket-qua.pdf"
    )


# Consultations ---------------------------------------------------------------------------------


@backoffice_view
def consultations(request):
    rows = list(processing.consultations_for(request.user)[:200])
    now = timezone.now()
    return screen(
        request,
        "backoffice/processing/consultations.html",
        _("Consultations from other units"),
        {
            "open_rows": [c for c in rows if c.state == Consultation.State.OPEN],
            "answered_rows": [c for c in rows if c.state != Consultation.State.OPEN][:50],
            "now": now,
        },
    )


def _consultation(request, consultation_id):
    consultation = get_object_or_404(
        Consultation.objects.select_related("dossier", "dossier__procedure", "agency"),
        pk=consultation_id,
    )
    user = request.user
    mine = user.is_superuser or consultation.agency_id == user.agency_id
    asking = Dossier.objects.for_officer(user).filter(pk=consultation.dossier_id).exists()
    if not (mine or asking):
        raise Http404
    return consultation


@require_http_methods(["GET", "POST"])
@backoffice_view
def consultation(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    can_answer = processing.can_answer(request.user, consultation)
    form = None
    status = 200
    if can_answer:
        form = forms.AnswerForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    processing.answer_consultation(
                        consultation,
                        by=request.user,
                        answer=form.cleaned_data["answer"],
                        upload=form.cleaned_data["file"],
                    )
                except IllegalTransition as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Your unit's answer has been sent."))
                    return redirect("backoffice:consultations")
            status = 400
    elif request.method == "POST":
        raise PermissionDenied
    dossier = consultation.dossier
    return screen(
        request,
        "backoffice/processing/consultation.html",
        _("Consultation on dossier %(code)s") % {"code": dossier.code},
        {
            "consultation": consultation,
            "dossier": dossier,
            "details": dossier.applicant_details(),
            "attachments": dossier.attachments.filter(kind="applicant"),
            "form": form,
            "late": consultation.is_late(),
        },
        status=status,
        subtitle=dossier.procedure.name,
    )


@backoffice_view
def consultation_file(request, consultation_id):
    consultation = _consultation(request, consultation_id)
    if not consultation.answer_file:
        raise Http404
    return FileResponse(
        consultation.answer_file.open("rb"),
        as_attachment=True,
        filename=consultation.answer_file_name or "tep",
    )


# BM.06 register --------------------------------------------------------------------------------


@backoffice_view
def register(request):
    user = request.user
    form = forms.RegisterForm(request.GET if "start" in request.GET else None, user=user)
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            agency = data.get("agency") or user.agency
            if agency is None:
                form.add_error(None, _("Choose an agency."))
            else:
                start, end = data["start"], data["end"]
                name = f"bm06-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}"
                if data["format"] == "xlsx":
                    response = HttpResponse(
                        documents.render_bm06_xlsx(agency, start, end),
                        content_type=(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        ),
                    )
                    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
                    return response
                return _pdf(documents.render_bm06_pdf(agency, start, end), f"{name}.pdf")
        status = 400
    return screen(
        request,
        "backoffice/processing/register.html",
        _("Dossier register (BM.06)"),
        {"form": form},
        status=status,
    )
