"""{% processing_panel dossier user %}: the processing part of the officer's dossier screen."""

from django import template
from django.urls import reverse

from services.signing.flows import latest_document
from services.signing.models import SignedDocument

from .. import processing
from ..processing_urls import ACTION_PATHS
from ..processing_views import ACTIONS

register = template.Library()

# The order the actions appear in, most likely next step first.
ORDER = (
    "sign_result",
    "return_for_revision",
    "assign",
    "appraise",
    "visit",
    "consult",
    "submit_for_signature",
    "transfer",
    "return_result",
    "extend",
    "propose_extension",
)
EXTENSION = ("extend", "propose_extension")


def panel_context(dossier, user):
    actions = [
        {
            "name": name,
            "label": ACTIONS[name].title,
            "url": reverse(f"backoffice:{name}", args=[dossier.pk]),
        }
        for name in ORDER
        if name in ACTION_PATHS and ACTIONS[name].allowed(user, dossier)
    ]
    extension = processing.extension_state(dossier)
    if extension.suggested:
        # The appointment is near: the new appointment comes first.
        actions.sort(key=lambda action: action["name"] not in EXTENSION)
    involved = processing.is_handler(user, dossier) or processing.is_head(user, dossier)
    return {
        "dossier": dossier,
        "user": user,
        "actions": actions,
        "acting_agency": processing.acting_agency(dossier),
        "handler": processing.current_handler(dossier),
        "consultations": list(dossier.consultations.select_related("agency")),
        "transfers": list(dossier.transfers.select_related("to_agency", "from_agency")),
        "draft": processing.pending_draft(dossier),
        "notes": list(dossier.appraisal_notes.select_related("author")),
        "visits": list(dossier.verification_visits.select_related("officer")),
        "extension": extension,
        "suggest_extension": extension.suggested and involved,
        "proposal": dossier.extension_proposals.first(),
        "bm04": latest_document(dossier, SignedDocument.Kind.BM04),
        "bm05": latest_document(dossier, SignedDocument.Kind.BM05),
        "result": latest_document(dossier, SignedDocument.Kind.RESULT),
        "delivery": getattr(dossier, "result_delivery", None),
        "has_code": bool(dossier.code),
    }


@register.inclusion_tag("backoffice/processing/_panel.html")
def processing_panel(dossier, user):
    return panel_context(dossier, user)
