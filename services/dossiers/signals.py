"""Signals other apps listen to, so the dossier app does not import them.

`dossier_event_recorded` is sent inside the transaction that changes the dossier, right after its
event row is written: a receiver's writes (the national-portal outbox, a refund record) commit or
roll back together with the change. Receivers must not do network I/O; they queue work instead.
"""

from django.dispatch import Signal

# sender=Dossier, dossier=<Dossier>, event=<DossierEvent>
dossier_event_recorded = Signal()
