from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.templatetags.portal_tags import portal_settings_for
from portal import ratelimit
from services.procedures.models import Procedure

from . import flows, receipts
from .forms import LookupForm, RatingForm, WithdrawForm
from .models import Dossier, DossierAttachment, IllegalTransition


def owned_dossier(request, pk):
    """The citizen's own dossier; anybody else's is a 404, never a 403 (no existence leak)."""
    return get_object_or_404(
        Dossier.objects.for_citizen(request.user).select_related("procedure", "agency"), pk=pk
    )


def is_staff_of(user, dossier):
    """True when `user` may handle `dossier` in the back office (DossierQuerySet.for_officer)."""
    return Dossier.objects.for_officer(user).filter(pk=dossier.pk).exists()


def visible_dossier(request, pk):
    """The owner's dossier or, for the back office, one the officer may see (for_officer)."""
    dossier = get_object_or_404(Dossier.objects.select_related("procedure", "agency"), pk=pk)
    if dossier.applicant_id == request.user.pk or is_staff_of(request.user, dossier):
        return dossier
    raise Http404


def procedure_url(procedure):
    try:
        return procedure.get_absolute_url()
    except NoReverseMatch:
        return ""


def lookup_url(request, dossier):
    return request.build_absolute_uri(f"{reverse('dossiers:lookup')}?ma={dossier.code or ''}")


def upload_hint():
    from services.files.uploads import accepted_formats_text

    return accepted_formats_text()


@login_required
def start(request, procedure_code):
    procedure = get_object_or_404(Procedure, code=procedure_code)
    if not procedure.accepts_online_filing:
        return render(
            request,
            "dossiers/not_online.html",
            {"procedure": procedure, "procedure_url": procedure_url(procedure)},
            status=404,
        )
    draft = flows.start_or_resume(request.user, procedure)
    last = len(flows.wizard_steps(draft)) - 1
    return redirect("dossiers:step", draft.pk, min(draft.current_step, last))


@login_required
@require_http_methods(["GET", "POST"])
def step(request, pk, index):
    dossier = owned_dossier(request, pk)
    if not dossier.is_draft:
        return redirect("dossiers:detail", dossier.pk)
    steps = flows.wizard_steps(dossier)
    if index >= len(steps):
        return redirect("dossiers:step", dossier.pk, len(steps) - 1)
    current = steps[index]
    context = {
        "dossier": dossier,
        "steps": steps,
        "current": current,
        "number": index + 1,
        "total": len(steps),
        "previous": steps[index - 1] if index else None,
    }
    handler = {"form": _form_step, "attachments": _attachments_step, "review": _review_step}
    return handler[current.kind](request, dossier, current, context)


def _form_step(request, dossier, current, context):
    action = request.POST.get("action", "next")
    if request.method == "POST":
        form = flows.step_form(dossier, current.form_index, data=request.POST)
        if form.is_valid():
            flows.save_step(dossier, current.form_index, form.cleaned_data)
            target = current.index - 1 if action == "back" and current.index else current.index + 1
            flows.go_to_step(dossier, target)
            return redirect("dossiers:step", dossier.pk, target)
        if action == "back" and current.index:
            # Going back never loses the other steps; what was typed here is shown again later.
            return redirect("dossiers:step", dossier.pk, current.index - 1)
    else:
        form = flows.step_form(dossier, current.form_index)
        flows.go_to_step(dossier, current.index)
    definition = flows.form_definition(dossier.procedure)
    return render(
        request,
        "dossiers/step_form.html",
        {**context, "form": form, "guidance": definition.step_help(current.form_index)},
    )


def _attachment_rows(dossier, kind=DossierAttachment.Kind.APPLICANT):
    files = list(dossier.attachments.filter(kind=kind))
    return [
        {
            "component": component,
            "field": f"component-{component.pk}",
            "files": [file for file in files if file.component_id == component.pk],
        }
        for component in flows.components(dossier)
    ]


def _attachments_step(request, dossier, current, context):
    from services.files.uploads import UploadRefused

    refusals = {}
    if request.method == "POST":
        if request.POST.get("remove"):
            flows.remove_attachment(dossier, request.POST["remove"])
            return redirect("dossiers:step", dossier.pk, current.index)
        for component in flows.components(dossier):
            uploaded = request.FILES.get(f"component-{component.pk}")
            if uploaded is None:
                continue
            try:
                flows.add_attachment(dossier, component, uploaded)
            except UploadRefused as refusal:
                refusals[component.pk] = refusal.message
        if not refusals:
            action = request.POST.get("action", "upload")
            target = {"next": current.index + 1, "back": current.index - 1}.get(action)
            target = current.index if target is None or target < 0 else target
            flows.go_to_step(dossier, target)
            return redirect("dossiers:step", dossier.pk, target)
    else:
        flows.go_to_step(dossier, current.index)
    rows = _attachment_rows(dossier)
    for row in rows:
        row["error"] = refusals.get(row["component"].pk, "")
    return render(
        request,
        "dossiers/step_attachments.html",
        {**context, "rows": rows, "hint": upload_hint()},
        status=400 if refusals else 200,
    )


def _review_step(request, dossier, current, context):
    problems = []
    if request.method == "POST":
        refusal = ratelimit.hit(request, "submission")
        if refusal:
            return ratelimit.page(
                request,
                refusal,
                note=_(
                    "Your dossier has not been submitted yet. Nothing is lost: your answers and "
                    "documents are kept in the draft, ready to submit once the wait is over."
                ),
                back_url=reverse("dossiers:step", args=[dossier.pk, current.index]),
            )
        dossier, problems = flows.submit_draft(
            dossier.pk, request.user, request.POST.get("submission_key", "")
        )
        if not problems:
            if dossier.code:
                messages.success(
                    request,
                    _("Your dossier has been received. Its code is %(code)s.")
                    % {"code": dossier.code},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Your dossier has been submitted. The one-stop unit will check it; you "
                        "will get its code and the appointment for the result when it is received."
                    ),
                )
            return redirect("dossiers:detail", dossier.pk)
    else:
        flows.go_to_step(dossier, current.index)
        problems = flows.problems(dossier)
    definition = flows.form_definition(dossier.procedure)
    summary = definition.summary(dossier.answers) if definition else []
    return render(
        request,
        "dossiers/step_review.html",
        {
            **context,
            "summary": summary,
            "rows": _attachment_rows(dossier),
            "problems": problems,
            "submitted_problems": request.method == "POST",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_dossiers(request):
    dossiers = Dossier.objects.for_citizen(request.user).select_related("procedure")
    page = Paginator(dossiers, 20).get_page(request.GET.get("page"))
    return render(request, "dossiers/my_dossiers.html", {"page_obj": page})


@login_required
def detail(request, pk):
    dossier = visible_dossier(request, pk)
    if dossier.is_draft:
        return redirect(dossier.get_absolute_url())
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "events": dossier.events.select_related("actor"),
            "rows": dossier.attachments.all(),
            "forms": receipts.available_forms(dossier),
            "is_owner": dossier.applicant_id == request.user.pk,
            "procedure_url": procedure_url(dossier.procedure),
            "rating": getattr(dossier, "rating", None) if dossier.status == "10" else None,
        },
    )


@login_required
def attachment(request, pk, attachment_pk):
    dossier = visible_dossier(request, pk)
    item = get_object_or_404(DossierAttachment, pk=attachment_pk, dossier=dossier)
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def receipt(request, pk, form):
    """BM.01–BM.03 signed by the agency (services.signing), with the QR code of the public
    verification page; unsigned only when the agency's signing backend is unavailable."""
    dossier = visible_dossier(request, pk)
    kind = receipts.FORMS.get(form)
    if kind is None or kind not in receipts.available_forms(dossier):
        raise Http404
    settings_ = portal_settings_for(request)
    options = {
        "lookup_url": lookup_url(request, dossier),
        "managing_unit": settings_.agency_name or settings_.portal_name or "",
    }
    document = receipts.issued_form(dossier, kind, **options)
    if document is not None:
        with document.file.open("rb") as handle:
            pdf = handle.read()
    else:
        pdf = receipts.render(dossier, kind, **options)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind.number}-{dossier.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def lookup(request):
    """Public lookup by code or QR (TT 01/2018 Art. 16.2.d): without login only the procedure and
    the completion stage; the owner, logged in, is taken to the full dossier."""
    form = LookupForm(request.GET or None)
    dossier = None
    refusal = ratelimit.hit(request, "lookup") if form.is_bound else None
    if refusal is None and form.is_valid():
        dossier = (
            Dossier.objects.select_related("procedure")
            .filter(code__iexact=form.cleaned_data["ma"])
            .first()
        )
        if dossier and dossier.applicant_id == request.user.pk:
            return redirect("dossiers:detail", dossier.pk)
    response = render(
        request,
        "dossiers/lookup.html",
        {
            "form": form,
            "dossier": dossier,
            "searched": refusal is None and form.is_bound and form.is_valid(),
            "refusal": refusal,
        },
    )
    return refusal.respond(response) if refusal else response


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    dossier = owned_dossier(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier.withdraw(by=request.user, reason=form.cleaned_data["reason"])
        except IllegalTransition as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your dossier has been withdrawn."))
        return redirect("dossiers:detail", dossier.pk)
    if not dossier.can_withdraw:
        messages.error(request, _("This dossier can no longer be withdrawn."))
        return redirect("dossiers:detail", dossier.pk)
    return render(request, "dossiers/withdraw.html", {"dossier": dossier, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, pk):
    dossier = owned_dossier(request, pk)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier.rate(
                by=request.user,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
            )
        except IllegalTransition as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you for your rating."))
        return redirect("dossiers:detail", dossier.pk)
    if not dossier.can_rate:
        messages.error(
            request, _("Only a dossier whose result has been returned can be rated, once.")
        )
        return redirect("dossiers:detail", dossier.pk)
    return render(request, "dossiers/rate.html", {"dossier": dossier, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def supplement(request, pk):
    from services.files.uploads import UploadRefused

    dossier = owned_dossier(request, pk)
    if dossier.status != Dossier.Status.SUPPLEMENT_REQUESTED:
        return redirect("dossiers:detail", dossier.pk)
    error = ""
    if request.method == "POST":
        if request.POST.get("remove"):
            flows.remove_attachment(
                dossier, request.POST["remove"], DossierAttachment.Kind.SUPPLEMENT
            )
            return redirect("dossiers:supplement", dossier.pk)
        uploaded = request.FILES.get("file")
        if uploaded is not None:
            try:
                flows.add_attachment(dossier, None, uploaded, DossierAttachment.Kind.SUPPLEMENT)
            except UploadRefused as refusal:
                error = refusal.message
        if not error and request.POST.get("action") == "send":
            try:
                flows.answer_supplement(dossier, request.user)
            except IllegalTransition as problem:
                error = problem.message
            else:
                messages.success(request, _("The documents have been sent. Processing resumes."))
                return redirect("dossiers:detail", dossier.pk)
        if not error:
            return redirect("dossiers:supplement", dossier.pk)
    return render(
        request,
        "dossiers/supplement.html",
        {
            "dossier": dossier,
            "files": dossier.attachments.filter(kind=DossierAttachment.Kind.SUPPLEMENT),
            "error": error,
            "hint": upload_hint(),
        },
        status=400 if error else 200,
    )
