"""What the processing tests share: agencies, officers by role, received dossiers (sandbox signing
is tests/conftest.py's `sandbox_signing` fixture)."""

from dataclasses import dataclass

from django.utils import timezone

from portal.accounts import roles
from services.dossiers import flows
from tests.portal.accounts.factories import AgencyFactory, UserFactory, enable_totp
from tests.services.dossiers.factories import ProcedureFactory, ready_draft


@dataclass
class Office:
    agency: object
    desk: object
    head: object
    handler: object
    procedure: object


def office(code, name, *, mfa=False, prefix=""):
    """An agency with a receiving officer, a head and a handler, and one procedure it handles."""
    agency = AgencyFactory(code=code, name=name)
    people = {
        "desk": UserFactory.with_role(
            roles.RECEIVING_OFFICER, agency=agency, mfa=mfa, full_name=f"{prefix}Cán bộ một cửa"
        ),
        "head": UserFactory.with_role(
            roles.AGENCY_HEAD, agency=agency, mfa=mfa, full_name=f"{prefix}Lãnh đạo"
        ),
        "handler": UserFactory.with_role(
            roles.PROCESSING_OFFICER, agency=agency, mfa=mfa, full_name=f"{prefix}Chuyên viên"
        ),
    }
    return Office(agency=agency, procedure=ProcedureFactory(agency=agency), **people)


def log_in(client, user):
    """A staff session past the two-step verification (staff must have TOTP)."""
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        enable_totp(user)
    client.force_login(user)
    return client


def received(unit, *, at=None, channel="online", **kwargs):
    """A dossier filed online to `unit` and received by its desk (status 2, with a code)."""
    dossier = ready_draft(procedure=unit.procedure, channel=channel, **kwargs)
    dossier, problems = flows.submit_draft(dossier.pk, dossier.applicant, dossier.submission_key)
    assert not problems, problems
    if dossier.status == dossier.Status.NEW:
        dossier.receive(by=unit.desk, at=at or timezone.now())
    dossier.refresh_from_db()
    return dossier


def in_processing(unit, **kwargs):
    from services.backoffice import processing

    dossier = received(unit, **kwargs)
    processing.assign(dossier, handler=unit.handler, by=unit.head)
    dossier.refresh_from_db()
    return dossier
