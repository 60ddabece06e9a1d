"""Which dossiers an officer may see beyond their own agency's.

An agency sees another agency's dossier only when it was given a step of it: a consultation
(liên thông cùng cấp) or a transfer across levels (liên thông khác cấp). Both return querysets of
primary keys, to be used as `pk__in=` subqueries by `DossierQuerySet.for_officer`.
"""

from django.db.models import Q

from services.dossiers.models import Dossier

from .models import Consultation, Transfer


def shared_dossier_ids(agency):
    """Dossiers of other agencies that `agency` was consulted on or received by transfer."""
    if agency is None:
        return Dossier.objects.none().values("pk")
    # Two indexed subqueries rather than joining every dossier to its consultations and transfers.
    consulted = Consultation.objects.filter(agency=agency).values("dossier_id")
    transferred = Transfer.objects.filter(to_agency=agency).values("dossier_id")
    return Dossier.objects.filter(Q(pk__in=consulted) | Q(pk__in=transferred)).values("pk")


def assigned_dossier_ids(user):
    """Dossiers currently assigned to `user` as handler."""
    if user is None or not getattr(user, "pk", None):
        return Dossier.objects.none().values("pk")
    return Dossier.objects.filter(
        assignments__handler=user, assignments__ended_at__isnull=True
    ).values("pk")
