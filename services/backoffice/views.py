"""The back office's inboxes, officer dossier screen and receiving desk (Wagtail admin, /quan-tri/mot-cua/).

Thin views: each reads its form, calls one function of `desk`, and shows the result. Every dossier
is looked up through `Dossier.objects.for_officer(user)`, so another agency's dossier is a 404;
a role that may not take an action gets a 403.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from services.dossiers import flows as dossier_flows
from services.dossiers import receipts
from services.dossiers.models import Dossier, IllegalTransition

from . import desk, inboxes, satisfaction
from .forms import (
    InboxFilterForm,
    IntakeForm,
    ProcedureChoiceForm,
    ReasonForm,
    ReceiveForm,
    SupplementForm,
    SupplementItemFormSet,
)

PAGE_SIZE = 25


def can_open_backoffice(user):
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.has_perm("accounts.access_backoffice"))
    )


def backoffice_view(view):
    """Only back-office users; everyone else (editors, citizens) gets a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_open_backoffice(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def screen(request, template, title, context, status=200, subtitle=""):
    return render(
        request,
        template,
        {"page_title": title, "header_title": title, "page_subtitle": subtitle, **context},
        status=status,
    )


def officer_dossier(request, pk):
    return get_object_or_404(
        Dossier.objects.for_officer(request.user).select_related(
            "procedure", "procedure__field", "agency", "applicant"
        ),
        pk=pk,
    )


@backoffice_view
def inbox(request):
    user = request.user
    clock = inboxes.Clock()
    slug = request.GET.get("hop") or inboxes.default_box(user)
    if slug not in inboxes.BOX_BY_SLUG:
        slug = inboxes.default_box(user)
    box = inboxes.BOX_BY_SLUG[slug]
    dossiers = inboxes.box_queryset(slug, user, clock)
    form = InboxFilterForm(
        request.GET if "filter" in request.GET else None,
        dossiers=Dossier.objects.for_officer(user),
    )
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters are not valid; they were not applied."))
    dossiers = form.filter(dossiers, clock.calendar.tz).select_related("procedure", "applicant")
    page = Paginator(inboxes.ordered(slug, dossiers), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"dossier": dossier, "deadline": inboxes.deadline(dossier, clock)}
        for dossier in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    counts = inboxes.counts(user, clock)
    return screen(
        request,
        "backoffice/inbox.html",
        _("Electronic one-stop"),
        {
            "boxes": [(candidate, counts[candidate.slug]) for candidate in inboxes.BOXES],
            "box": box,
            "form": form,
            "page_obj": page,
            "rows": rows,
            "query": query.urlencode(),
            "can_take_in": desk.is_receiving_officer(user),
        },
        subtitle=box.label,
    )


ACTION_LABELS = {
    desk.RECEIVE: gettext_lazy("Receive"),
    desk.SUPPLEMENT: gettext_lazy("Request supplements (BM.02)"),
    desk.REFUSE: gettext_lazy("Refuse to receive (BM.03)"),
    desk.WITHDRAW: gettext_lazy("Stop at the citizen's request"),
    desk.STOP: gettext_lazy("Stop processing"),
}
ACTION_URLS = {
    desk.SUPPLEMENT: "backoffice:request_supplement",
    desk.REFUSE: "backoffice:refuse",
    desk.WITHDRAW: "backoffice:withdraw",
    desk.STOP: "backoffice:stop",
}


EVENT_LABELS = {
    "submit": gettext_lazy("Submitted"),
    "receive": gettext_lazy("Received"),
    "refuse": gettext_lazy("Refused at receipt"),
    "start_processing": gettext_lazy("Sent for processing"),
    "request_supplement": gettext_lazy("Supplements requested"),
    "supplement": gettext_lazy("Documents supplemented"),
    "request_payment": gettext_lazy("Fees requested"),
    "payment_done": gettext_lazy("Fees paid"),
    "withdraw": gettext_lazy("Withdrawn at the citizen's request"),
    "stop": gettext_lazy("Processing stopped"),
    "complete": gettext_lazy("Processing completed"),
    "return_result": gettext_lazy("Result returned"),
    "extend": gettext_lazy("Appointment postponed"),
    "rate": gettext_lazy("Rated by the citizen"),
}


def timeline(dossier):
    from .processing import STEP_LABELS

    labels = {**EVENT_LABELS, **STEP_LABELS}
    events = list(dossier.events.select_related("actor", "actor_agency"))
    for event in events:
        event.label = labels.get(event.action, event.action.replace("_", " "))
    return events


@backoffice_view
def dossier_screen(request, pk):
    dossier = officer_dossier(request, pk)
    definition = dossier_flows.form_definition(dossier.procedure)
    actions = desk.available_actions(request.user, dossier)
    return screen(
        request,
        "backoffice/dossier.html",
        _("Dossier %(code)s") % {"code": dossier.code or _("(no code yet)")},
        {
            "dossier": dossier,
            "details": dossier.applicant_details(),
            "summary": definition.summary(dossier.answers) if definition else [],
            "attachments": dossier.attachments.select_related("component"),
            "events": timeline(dossier),
            "forms": receipts.available_forms(dossier),
            "deadline": inboxes.deadline(dossier, inboxes.Clock()),
            "indices": satisfaction.dossier_indices(dossier),
            "can_receive": desk.RECEIVE in actions,
            "receive_form": ReceiveForm(),
            "other_actions": [
                {"name": name, "label": ACTION_LABELS[name], "url": ACTION_URLS[name]}
                for name in actions
                if name != desk.RECEIVE
            ],
        },
        subtitle=dossier.procedure.name,
    )


def _guard(request, dossier, action):
    """403 for a role that may never do it; back to the dossier when its status does not allow it."""
    if not desk.may(request.user, action, dossier):
        raise PermissionDenied
    if not desk.possible(action, dossier):
        if action == desk.SUPPLEMENT and dossier.status == Dossier.Status.NEW:
            messages.error(
                request, _("Supplements have already been requested once for this dossier.")
            )
        else:
            messages.error(
                request,
                _("This action is not possible for a dossier in the status “%(status)s”.")
                % {"status": dossier.get_status_display()},
            )
        return redirect("backoffice:dossier", dossier.pk)
    return None


@require_POST
@backoffice_view
def receive(request, pk):
    dossier = officer_dossier(request, pk)
    refused = _guard(request, dossier, desk.RECEIVE)
    if refused:
        return refused
    form = ReceiveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        dossier = desk.receive(dossier, by=request.user, note=note)
    except IllegalTransition as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Dossier received. Code %(code)s; the receipt (BM.01) is ready to print.")
            % {"code": dossier.code},
        )
    return redirect("backoffice:dossier", dossier.pk)


def _with_more_rows(data, prefix="form", more=3):
    data = data.copy() if isinstance(data, QueryDict) else dict(data)
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(min(int(data.get(key, 0)) + more, 30))
    except ValueError:
        data[key] = "4"
    return data


@require_http_methods(["GET", "POST"])
@backoffice_view
def request_supplement(request, pk):
    dossier = officer_dossier(request, pk)
    refused = _guard(request, dossier, desk.SUPPLEMENT)
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        more_rows = "more_rows" in request.POST
        data = _with_more_rows(request.POST) if more_rows else request.POST
        form = SupplementForm(data)
        items = SupplementItemFormSet(data)
        if not more_rows and form.is_valid() and items.is_valid():
            entries = [
                desk.SupplementItem(row.get("item", ""), row.get("reason", ""))
                for row in items.cleaned_data
            ]
            try:
                desk.request_supplement(
                    dossier,
                    by=request.user,
                    items=entries,
                    reason=form.cleaned_data["reason"],
                    contact=form.cleaned_data["contact"],
                )
            except IllegalTransition as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Supplements requested; the citizen has been told. BM.02 is ready to print."),
                )
                return redirect("backoffice:dossier", dossier.pk)
        if not more_rows:
            status = 400
    else:
        form, items = SupplementForm(), SupplementItemFormSet()
    return screen(
        request,
        "backoffice/request_supplement.html",
        _("Request supplements"),
        {"dossier": dossier, "form": form, "items": items},
        status=status,
        subtitle=dossier.procedure.name,
    )


def _reason_action(request, pk, action, run, title, intro, done):
    dossier = officer_dossier(request, pk)
    refused = _guard(request, dossier, action)
    if refused:
        return refused
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                run(dossier, by=request.user, reason=form.cleaned_data["reason"])
            except IllegalTransition as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, done)
                return redirect("backoffice:dossier", dossier.pk)
    return screen(
        request,
        "backoffice/reason_action.html",
        title,
        {"dossier": dossier, "form": form, "intro": intro, "submit_label": title},
        status=400 if request.method == "POST" else 200,
        subtitle=dossier.procedure.name,
    )


@require_http_methods(["GET", "POST"])
@backoffice_view
def refuse(request, pk):
    return _reason_action(
        request,
        pk,
        desk.REFUSE,
        desk.refuse,
        _("Refuse to receive"),
        _(
            "The reasons are printed on the refusal form (BM.03) and sent to the citizen. "
            "Give each reason precisely."
        ),
        _("The dossier has been refused; the citizen has been told. BM.03 is ready to print."),
    )


@require_http_methods(["GET", "POST"])
@backoffice_view
def withdraw(request, pk):
    return _reason_action(
        request,
        pk,
        desk.WITHDRAW,
        desk.withdraw_on_request,
        _("Stop at the citizen's request"),
        _(
            "Record the citizen's request, made at the counter or by post, to stop handling this "
            "dossier (ND 118/2025 Art. 21). Note how the request was made and its reason."
        ),
        _("The dossier has been stopped at the citizen's request."),
    )


@require_http_methods(["GET", "POST"])
@backoffice_view
def stop(request, pk):
    return _reason_action(
        request,
        pk,
        desk.STOP,
        desk.stop,
        _("Stop processing"),
        _(
            "Stopping processing ends the dossier. The reason is written in the notice sent to "
            "the citizen."
        ),
        _("Processing has been stopped; the citizen has been told."),
    )


@require_http_methods(["GET", "POST"])
@backoffice_view
def intake(request):
    if not desk.is_receiving_officer(request.user):
        raise PermissionDenied
    procedures = desk.procedures_for_desk(request.user)
    chooser = ProcedureChoiceForm(
        request.GET if "procedure" in request.GET else None, procedures=procedures
    )
    context = {"chooser": chooser, "form": None}
    title = _("Take in a paper dossier")
    if not chooser.is_bound or not chooser.is_valid():
        return screen(request, "backoffice/intake.html", title, context)
    procedure = chooser.cleaned_data["procedure"]
    channel = chooser.cleaned_data["channel"]
    form = IntakeForm(request.POST or None, request.FILES or None, procedure=procedure)
    context.update({"form": form, "procedure": procedure, "channel": channel})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            applicant = desk.Applicant(
                full_name=data["full_name"].strip(),
                id_number=data["id_number"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"].strip(),
            )
            try:
                dossier = desk.take_in(
                    by=request.user,
                    procedure=procedure,
                    channel=channel,
                    applicant=applicant,
                    scans=form.scans,
                    note=data["note"],
                )
            except IllegalTransition as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Dossier received. Code %(code)s; print the receipt (BM.01) for the applicant."
                    )
                    % {"code": dossier.code},
                )
                return redirect("backoffice:dossier", dossier.pk)
        return screen(request, "backoffice/intake.html", title, context, status=400)
    return screen(request, "backoffice/intake.html", title, context)
