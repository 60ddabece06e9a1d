"""Which dossiers an officer may see beyond their own agency's (placeholder; see /tmp/contracts.md)."""

from services.dossiers.models import Dossier


def shared_dossier_ids(agency):
    """Dossiers of other agencies that `agency` was consulted on or received by transfer."""
    return Dossier.objects.none().values("pk")


def assigned_dossier_ids(user):
    """Dossiers currently assigned to `user` as handler."""
    return Dossier.objects.none().values("pk")
