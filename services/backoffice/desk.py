"""The receiving desk (Bộ phận Một cửa, ND 61/2018 Art. 17; ND 118/2025 Art. 17): use cases.

An online dossier waits in status 1 until an officer checks it and either receives it (→ 2, the
dossier code, the appointment and BM.01), asks once for everything missing (→ 5, BM.02), or refuses
it (→ 3, BM.03). Paper dossiers handed in at the counter or sent by post are entered by the officer,
their documents scanned (digitised, ND 118 Art. 17.1.c) and received at once. The officer also
records a citizen's request to stop (→ 7) and the agency head stops processing (→ 8).

Every function locks the dossier row, checks who may act, runs the model transition (which writes
the event with the actor, role and agency) and raises IllegalTransition with a Vietnamese message
when the action is not possible. Views call exactly one of them per request.
"""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from portal.accounts import roles
from services.dossiers import flows as dossier_flows
from services.dossiers.models import Dossier, DossierAttachment, IllegalTransition

RECEIVE, SUPPLEMENT, REFUSE, WITHDRAW, STOP = (
    "receive",
    "request_supplement",
    "refuse",
    "withdraw",
    "stop",
)


def _in_group(user, role):
    return user.groups.filter(name=role.name).exists()


def is_receiving_officer(user):
    """The one-stop desk: receiving officers (and superusers) receive, refuse and take in dossiers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        user.has_perm("accounts.access_backoffice")
        and user.agency_id is not None
        and _in_group(user, roles.RECEIVING_OFFICER)
    )


def is_agency_head(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        user.has_perm("accounts.access_backoffice")
        and user.has_perm("accounts.sign_results")
        and user.agency_id is not None
    )


def acts_for(user, dossier):
    """Desk actions belong to the receiving agency: a consulted agency only sees the dossier."""
    return user.is_superuser or (user.agency_id is not None and user.agency_id == dossier.agency_id)


def may(user, action, dossier):
    """Whether `user`'s role and agency allow `action` on `dossier`, whatever its status."""
    if not acts_for(user, dossier):
        return False
    if action in (RECEIVE, SUPPLEMENT, REFUSE):
        return is_receiving_officer(user)
    if action == WITHDRAW:
        return is_receiving_officer(user) or is_agency_head(user)
    if action == STOP:
        return is_agency_head(user)
    return False


def possible(action, dossier):
    """Whether the dossier's status allows `action` now."""
    if action == SUPPLEMENT:
        # Once and completely (ND 61 Art. 15): a dossier back from supplements is received or
        # refused, never sent back a second time.
        return dossier.status == Dossier.Status.NEW and not dossier.supplement_items
    if action in (RECEIVE, REFUSE):
        return dossier.status == Dossier.Status.NEW
    return dossier.can(action)


ACTIONS = (RECEIVE, SUPPLEMENT, REFUSE, WITHDRAW, STOP)


def available_actions(user, dossier):
    """The desk actions `user` may take on `dossier` now, in the order the screen shows them."""
    return [
        action for action in ACTIONS if may(user, action, dossier) and possible(action, dossier)
    ]


def _locked(dossier, user, action):
    """The dossier row, locked until the action commits: two officers never act on it at once."""
    locked = (
        Dossier.objects.select_for_update(of=("self",)).select_related("agency").get(pk=dossier.pk)
    )
    if not may(user, action, locked):
        raise IllegalTransition(_("You may not take this action on this dossier."))
    if not possible(action, locked):
        if action == SUPPLEMENT and locked.status == Dossier.Status.NEW:
            raise IllegalTransition(
                _("Supplements have already been requested once for this dossier.")
            )
        if locked.status != dossier.status:
            raise IllegalTransition(
                _("Someone else has just changed this dossier. Check it again.")
            )
        raise IllegalTransition(
            _("This action is not possible for a dossier in the status “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    return locked


def receive(dossier, *, by, note=""):
    """Receive a checked online dossier: code, receipt time, appointment; the citizen is told."""
    with transaction.atomic():
        dossier = _locked(dossier, by, RECEIVE)
        dossier.receive(by=by, note=note or _("Checked and received by the one-stop unit."))
    return dossier


@dataclass(frozen=True)
class SupplementItem:
    item: str
    reason: str = ""

    def text(self):
        return f"{self.item} – {self.reason}" if self.reason else self.item


def request_supplement(dossier, *, by, items, reason="", contact=""):
    """Ask once for everything missing (ND 61 Art. 15: "một lần, đầy đủ"), with BM.02.

    The dossier is received first (so BM.02 carries its code and the supplement period is
    recorded against the receipt); when the citizen has supplemented it comes back to the desk in
    status 1 to be checked again. The citizen is told about the request, not about the receipt.
    """
    items = [entry for entry in items if entry.item.strip()]
    if not items:
        raise IllegalTransition(_("List at least one document the citizen must add."))
    if not contact.strip():
        raise IllegalTransition(_("Give a contact person and phone number for help."))
    with transaction.atomic():
        dossier = _locked(dossier, by, SUPPLEMENT)
        dossier.receive(by=by, note=_("Checked: documents are missing."), notify=False)
        dossier.request_supplement(
            by=by, items=[entry.text() for entry in items], reason=reason, contact=contact
        )
    return dossier


def _decide_with_reason(dossier, *, by, action, reason, missing):
    """A desk decision that must state its reason: the row locked, then the dossier's transition."""
    if not reason.strip():
        raise IllegalTransition(missing)
    with transaction.atomic():
        dossier = _locked(dossier, by, action)
        getattr(dossier, action)(by=by, reason=reason.strip())
    return dossier


def refuse(dossier, *, by, reason):
    """Refuse to receive (→ 3) with the reasons printed on BM.03."""
    return _decide_with_reason(
        dossier, by=by, action=REFUSE, reason=reason, missing=_("Give the reasons for the refusal.")
    )


def withdraw_on_request(dossier, *, by, reason):
    """Record the citizen's request, made at the counter or by post, to stop (→ 7)."""
    return _decide_with_reason(
        dossier,
        by=by,
        action=WITHDRAW,
        reason=reason,
        missing=_("Give the citizen's request and its reason."),
    )


def stop(dossier, *, by, reason):
    """The agency head stops processing (→ 8) with the notice's reason."""
    return _decide_with_reason(
        dossier,
        by=by,
        action=STOP,
        reason=reason,
        missing=_("Give the reason stated in the notice."),
    )


# Paper dossiers ------------------------------------------------------------------------------


def procedures_for_desk(user):
    """The procedures an officer may take in: those their agency receives (all for a superuser)."""
    from services.procedures.models import Procedure

    procedures = Procedure.objects.filter(agency__isnull=False).order_by("name")
    if user.is_superuser:
        return procedures
    return procedures.filter(agency_id=user.agency_id)


@dataclass(frozen=True)
class Applicant:
    full_name: str
    id_number: str
    phone: str = ""
    email: str = ""
    address: str = ""

    def answers(self):
        return {
            "full_name": self.full_name,
            "citizen_id": self.id_number,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
        }


def applicant_account(applicant):
    """The citizen's own account when one matches the e-mail or phone, else a stand-in account.

    The stand-in cannot log in (no usable password, inactive); it only carries the dossier so the
    citizen can be given the code, and an administrator may later merge it with a real account.
    """
    from portal.accounts.models import User

    citizens = User.objects.filter(is_active=True, is_staff=False, agency__isnull=True)
    match = None
    if applicant.email:
        match = citizens.filter(email__iexact=applicant.email).order_by("pk").first()
    if match is None and applicant.phone:
        match = citizens.filter(phone=applicant.phone).order_by("pk").first()
    if match is not None:
        return match
    stand_in = User(
        username=f"nguoinop-{secrets.token_hex(6)}",
        full_name=applicant.full_name[:150],
        phone=applicant.phone[:20],
        is_active=False,
    )
    stand_in.set_unusable_password()
    stand_in.save()
    return stand_in


def missing_scans(procedure, scans):
    """The required components without a scan: a received paper dossier is digitised in full."""
    given = {component.pk for component, _file in scans}
    return [
        component
        for component in procedure.components_for()
        if component.is_required and component.pk not in given
    ]


def take_in(*, by, procedure, channel, applicant, scans, note=""):
    """Enter a paper dossier (counter or post), attach the scans marked digitised, receive it.

    `scans` is a list of (DossierComponent, uploaded file), already inspected by the caller's form
    (services.files.uploads). Returns the received dossier, with its code and appointment.
    """
    if channel not in (Dossier.Channel.COUNTER, Dossier.Channel.POST):
        raise IllegalTransition(_("Choose the counter or the post."))
    if not is_receiving_officer(by):
        raise IllegalTransition(_("You may not take this action on this dossier."))
    if not procedures_for_desk(by).filter(pk=procedure.pk).exists():
        raise IllegalTransition(_("Your agency does not receive dossiers for this procedure."))
    missing = missing_scans(procedure, scans)
    if missing:
        raise IllegalTransition(
            _("Scan every required document: %(names)s")
            % {"names": "; ".join(component.name for component in missing)}
        )
    with transaction.atomic():
        dossier = Dossier(
            procedure=procedure,
            applicant=applicant_account(applicant),
            agency_id=procedure.agency_id,
            channel=channel,
            answers=applicant.answers(),
        )
        dossier.submit_paper(by=by)
        for component, uploaded in scans:
            dossier_flows.add_attachment(
                dossier, component, uploaded, DossierAttachment.Kind.APPLICANT, digitised=True
            )
        dossier.receive(
            by=by,
            note=note
            or (
                _("Received at the counter.")
                if channel == Dossier.Channel.COUNTER
                else _("Received by post.")
            ),
        )
    return dossier


def find_by_code_or_name(queryset, text):
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(Q(code__icontains=text) | Q(applicant__full_name__icontains=text))
