from django.dispatch import receiver

from services.dossiers.signals import dossier_event_recorded


@receiver(dossier_event_recorded, dispatch_uid="payments_record_closure")
def record_refund_on_closure(sender, dossier, event, **kwargs):
    """Runs inside the transition's transaction: the refund row commits with the status change."""
    from .flows import record_closure

    record_closure(dossier, event)
