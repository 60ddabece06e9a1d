from django.dispatch import receiver

from services.dossiers.signals import dossier_event_recorded

from . import outbox


@receiver(dossier_event_recorded, dispatch_uid="sync_queue_dossier_event")
def queue_dossier_event(sender, dossier, event, **kwargs):
    """Write the outbox messages inside the transition's transaction: they commit or roll back
    with it."""
    outbox.enqueue(dossier, event)
