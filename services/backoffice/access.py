"""Which dossiers an officer may see beyond their own agency's.

An agency sees another agency's dossier only when it was given a step of it: a consultation
(liên thông cùng cấp) or a transfer across levels (liên thông khác cấp). Both return querysets of
primary keys, to be used as `pk__in=` subqueries by `DossierQuerySet.for_officer`.
"""

from django.db.models import Q

from services.dossiers.models import Dossier

from .models import Consultation, Transfer


def shared_with(agency):
    """The condition on dossiers that puts another agency's dossier in `agency`'s view: it was
    consulted on it or received it by transfer.

    The ids are read first (one small query on the consultations and transfers), so that the
    condition is a plain list PostgreSQL can combine with the agency's index. A subquery on the
    dossiers made the planner rescan it for every dossier (80 s for an inbox count over 1,000,000
    dossiers in `make bench`), and even hashed subqueries forced a scan of the whole table."""
    if agency is None:
        return Q(pk__in=[])
    consulted = Consultation.objects.filter(agency=agency).values_list("dossier_id", flat=True)
    transferred = Transfer.objects.filter(to_agency=agency).values_list("dossier_id", flat=True)
    return Q(pk__in=set(consulted.order_by().union(transferred.order_by())))


def shared_dossier_ids(agency):
    """Dossiers of other agencies that `agency` was consulted on or received by transfer."""
    return Dossier.objects.filter(shared_with(agency)).values("pk")


def assigned_dossier_ids(user):
    """Dossiers currently assigned to `user` as handler."""
    if user is None or not getattr(user, "pk", None):
        return Dossier.objects.none().values("pk")
    return Dossier.objects.filter(
        assignments__handler=user, assignments__ended_at__isnull=True
    ).values("pk")
