from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal import ratelimit
from services.dossiers.views import is_staff_of, owned_dossier

from . import declaration, flows
from .backends import SigningFailed
from .forms import PdfUploadForm
from .models import SignedDocument
from .validation import validate_pdf


def may_see(user, document):
    """The dossier's owner, the back office of its agency, or a superuser; 404 for anybody else."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    dossier = document.dossier
    if dossier is None:
        return user.has_perm("accounts.access_backoffice") and user.agency_id == document.agency_id
    return dossier.applicant_id == user.pk or is_staff_of(user, dossier)


@login_required
def download(request, pk):
    document = get_object_or_404(SignedDocument.objects.select_related("dossier"), pk=pk)
    if not may_see(request.user, document):
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _draft(request, pk):
    dossier = owned_dossier(request, pk)
    if not dossier.is_draft:
        raise Http404
    return dossier


def _review_step(dossier):
    from services.dossiers.flows import wizard_steps

    return redirect("dossiers:step", dossier.pk, len(wizard_steps(dossier)) - 1)


@login_required
def declaration_pdf(request, pk):
    """The declaration to sign with a USB token: the exact bytes the upload is compared with."""
    dossier = _draft(request, pk)
    response = HttpResponse(declaration.render(dossier), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="to-khai-{dossier.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def sign_declaration(request, pk):
    dossier = _draft(request, pk)
    try:
        flows.sign_declaration(dossier, by=request.user)
    except SigningFailed as failure:
        messages.error(request, failure.message)
    else:
        messages.success(request, _("The declaration is signed. You can now submit the dossier."))
    return _review_step(dossier)


@login_required
@require_POST
def upload_declaration(request, pk):
    dossier = _draft(request, pk)
    form = PdfUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("file", [])))
        return _review_step(dossier)
    document, _report, message = flows.accept_signed_declaration(
        dossier, form.cleaned_data["data"], by=request.user
    )
    if document is None:
        messages.error(
            request, _("The signed declaration was not accepted: %(reason)s") % {"reason": message}
        )
    else:
        messages.success(
            request, _("Your signed declaration was accepted. You can now submit the dossier.")
        )
    return _review_step(dossier)


def _outcome(report, registered, expected=None):
    """What the public page says: authentic, valid but not ours, or not valid (with why)."""
    if expected is not None and registered != expected:
        return "different", _(
            "This file is not the document registered under this code: it differs from the "
            "issued document, even if only by one byte."
        )
    if registered and report.is_valid:
        return "authentic", _(
            "This is an authentic document issued by this portal: its content is registered and "
            "its signatures are valid and trusted."
        )
    if report.is_valid:
        return "unregistered", _(
            "The signatures are valid, but this document was not issued by this portal."
        )
    return "invalid", report.summary()


@require_http_methods(["GET", "POST"])
def verify(request, code=None):
    """The public verification page: upload a PDF, or open the address printed on a document."""
    expected = None
    if code is not None:
        expected = (
            SignedDocument.objects.select_related("dossier", "agency")
            .filter(verification_code=code)
            .first()
        )
        if expected is None:
            return render(
                request,
                "signing/verify.html",
                {"form": PdfUploadForm(), "unknown_code": True},
                status=404,
            )
    form = PdfUploadForm()
    context = {"form": form, "expected": expected, "code": code}
    status = 200
    if request.method == "POST":
        form = PdfUploadForm(request.POST, request.FILES)
        context["form"] = form
        # PDF validation costs CPU: a light limit per client address (portal.ratelimit).
        rate = f"{settings.SIGNING_VERIFICATIONS_PER_HOUR}/h/ip"
        if ratelimit.hit(request, "signature_check", rates=rate):
            context["limited"] = True
            return render(request, "signing/verify.html", context, status=429)
        if form.is_valid():
            data = form.cleaned_data["data"]
            report = validate_pdf(data)
            registered = (
                SignedDocument.objects.select_related("dossier", "agency")
                .filter(sha256=report.sha256)
                .first()
            )
            context.update(report=report, registered=registered, checked=True)
            context["outcome"], context["explanation"] = _outcome(report, registered, expected)
        else:
            status = 400
    elif expected is not None:
        with expected.file.open("rb") as handle:
            report = validate_pdf(handle.read())
        context.update(report=report, registered=expected, checked=True)
        context["outcome"], context["explanation"] = _outcome(report, expected)
    return render(request, "signing/verify.html", context, status=status)
