"""Connector for a province's own one-stop system (for provinces that keep theirs).

Out: dossiers received here, their supplements and withdrawals are queued in the outbox for
EXTERNAL_ONESTOP_URL; the message carries the national record (services/sync/dvcqg.py) with signed
links to download every file.
In: the system reports its status changes to the signed webhook (views.StatusWebhookView); each is
applied through the dossier's own transition, once per event id.
"""

from contextvars import ContextVar

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from services.dossiers.models import Dossier, IllegalTransition

from .dvcqg import dossier_record, format_date
from .models import InboundUpdate

SOURCE = "onestop"
# True while a status update from the external system is being applied: it is not sent back.
applying_external_update = ContextVar("applying_external_update", default=False)

# The transitions the external system may ask for; the citizen's own (submit, rate) stay here.
ALLOWED = (
    "receive",
    "refuse",
    "start_processing",
    "request_supplement",
    "supplement",
    "request_payment",
    "payment_done",
    "withdraw",
    "stop",
    "complete",
    "return_result",
)
NEEDS_REASON = frozenset({"refuse", "stop"})


class UpdateRejected(Exception):
    """The update cannot be applied; `status` is the HTTP status to answer with."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message = message
        self.status = status


def not_possible_now(dossier):
    return UpdateRejected(
        _("This action is not possible for a dossier in the status “%(status)s”.")
        % {"status": dossier.get_status_display()},
        409,
    )


def outgoing_payload(dossier, event):
    return {"SuKien": event.action, "MaSuKien": event.pk, "HoSo": dossier_record(dossier, event)}


def transition_for(dossier, target):
    """The name of the transition that takes `dossier` from its status to `target`, or None."""
    for name in ALLOWED:
        sources, targets = Dossier.TRANSITIONS[name]
        if dossier.status in sources and target in targets:
            return name
    return None


def _arguments(name, update):
    note = update.get("NoiDung", "") or ""
    if name in NEEDS_REASON:
        if not note.strip():
            raise UpdateRejected(_("Give the reason in NoiDung."), 400)
        return {"reason": note}
    if name == "withdraw":
        return {"reason": note}
    if name == "request_supplement":
        return {"items": update.get("DanhSachGiayToBoSung") or [], "reason": note}
    if name == "request_payment":
        try:
            amount = int(update.get("SoTien"))
        except (TypeError, ValueError):
            raise UpdateRejected(_("Give the amount to pay in SoTien."), 400) from None
        return {"amount": amount, "note": note}
    if name == "start_processing":
        return {"unit": update.get("DonViXuLy", "") or ""}
    return {"note": note}


def apply_update(update):
    """Apply one status update {MaSuKien, MaHoSo, TrangThaiHoSo, NoiDung, …}.

    Returns (created, InboundUpdate). A second delivery of the same MaSuKien changes nothing and
    returns the first one: the system retries until it hears 2xx, so a repeat is not an error.
    Raises UpdateRejected (400 bad content, 404 unknown dossier, 409 transition not allowed now).
    """
    event_id = str(update.get("MaSuKien") or "").strip()
    code = str(update.get("MaHoSo") or "").strip()
    target = str(update.get("TrangThaiHoSo") or "").strip()
    if not event_id or not code or target not in Dossier.Status.values:
        raise UpdateRejected(_("MaSuKien, MaHoSo and a valid TrangThaiHoSo are required."), 400)
    done = InboundUpdate.objects.filter(source=SOURCE, external_id=event_id).first()
    if done is not None:
        return False, done
    token = applying_external_update.set(True)
    try:
        with transaction.atomic():
            dossier = Dossier.objects.select_for_update(of=("self",)).filter(code=code).first()
            if dossier is None:
                raise UpdateRejected(_("No dossier has this code."), 404)
            name = transition_for(dossier, target)
            if name is None:
                raise not_possible_now(dossier)
            try:
                event = getattr(dossier, name)(**_arguments(name, update))
            except IllegalTransition as error:
                raise UpdateRejected(str(error.message), 409) from None
            if dossier.status != target:
                # e.g. a supplement that the dossier's history sends back to receipt instead.
                raise not_possible_now(dossier)
            return True, InboundUpdate.objects.create(
                source=SOURCE, external_id=event_id, dossier=dossier, event=event
            )
    except IntegrityError:
        # The same event arrived twice at once: the other request applied it.
        done = InboundUpdate.objects.filter(source=SOURCE, external_id=event_id).first()
        if done is None:
            raise
        return False, done
    finally:
        applying_external_update.reset(token)


def answer(inbound, created):
    dossier = inbound.dossier
    return {
        "KetQua": "applied" if created else "duplicate",
        "MaSuKien": inbound.external_id,
        "MaHoSo": dossier.code,
        "TrangThaiHoSo": dossier.status,
        "ThoiDiem": format_date(inbound.event.at),
    }
