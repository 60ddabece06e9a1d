from django.dispatch import receiver

from services.workdays.signals import calendar_changed

from . import tasks as dossier_tasks


@receiver(calendar_changed, dispatch_uid="dossiers_recompute_due_dates")
def recompute_due_dates(sender, **kwargs):
    """A holiday or make-up working day changed: move the appointments of open dossiers."""
    dossier_tasks.recompute_due_dates.delay()
