"""`calendar_changed` is sent after commit whenever a CalendarDay is saved or deleted (and once
after `seed_holidays`), so open dossiers' due dates can be recomputed."""

from django.dispatch import Signal

calendar_changed = Signal()
