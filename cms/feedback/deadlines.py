"""The answer deadline of a question: 15 working days after it arrives (ND 43/2011 Art. 17)."""

from datetime import date, datetime

from django.utils import timezone

from services.workdays.engine import Unit, add_duration
from services.workdays.models import current_calendar

ANSWER_WORKING_DAYS = 15


def answer_due_on(submitted_at: datetime) -> date:
    """The day the answer is due, on the province's calendar (holidays, make-up Saturdays)."""
    due = add_duration(submitted_at, ANSWER_WORKING_DAYS, Unit.WORKING_DAY, current_calendar())
    return timezone.localtime(due).date()
