from django import template

register = template.Library()


@register.simple_tag
def signing_state(dossier):
    """What the review panel shows: whether a signature is needed, the current signed declaration,
    whether the citizen backend signs in the portal, and the upload limits."""
    from ..backends import CITIZEN, get_signer
    from ..flows import current_declaration
    from ..forms import PdfUploadForm

    required = bool(getattr(dossier.procedure, "applicant_signature_required", False))
    if not required:
        return {"required": False}
    signer = get_signer(CITIZEN)
    return {
        "required": True,
        "document": current_declaration(dossier),
        "signs_here": signer.signs_here,
        "is_test": signer.is_test,
        "backend_label": signer.label,
        "form": PdfUploadForm(),
        "limit": PdfUploadForm.limit_text(),
    }


@register.simple_tag
def signed_documents(dossier):
    return list(dossier.signed_documents.select_related("agency").order_by("-created_at"))


@register.filter
def signature_time(value):
    """An ISO time from a validation report as hh:mm dd/mm/yyyy, local time."""
    import datetime

    from django.utils import timezone

    if not value:
        return "—"
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")
