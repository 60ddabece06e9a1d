"""The officers' inboxes (hộp hồ sơ): which dossiers each box holds, their counts, the deadline cell.

Every box starts from `Dossier.objects.for_officer(user)`, so an officer never sees another agency's
dossier (except those their agency was consulted on or received by transfer). "Due soon" and
"overdue" use the work calendar: a dossier is due soon when at most one working day is left.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from services.dossiers.models import Dossier
from services.workdays import engine

NEW, MINE, SUPPLEMENT, DUE_SOON, OVERDUE, ALL = (
    "moi",
    "cua-toi",
    "bo-sung",
    "sap-den-han",
    "qua-han",
    "tat-ca",
)


@dataclass(frozen=True)
class Box:
    slug: str
    label: str
    description: str


BOXES = (
    Box(NEW, _("New online dossiers"), _("Submitted online, waiting to be checked and received.")),
    Box(MINE, _("Assigned to me"), _("Dossiers you handle now.")),
    Box(SUPPLEMENT, _("Waiting for supplements"), _("The citizen has to add documents.")),
    Box(DUE_SOON, _("Due soon"), _("Open dossiers with at most one working day left.")),
    Box(OVERDUE, _("Overdue"), _("Open dossiers past their appointment.")),
    Box(ALL, _("All dossiers"), _("Every dossier of your agency.")),
)
BOX_BY_SLUG = {box.slug: box for box in BOXES}
# The clock does not run while the citizen supplements: such dossiers are neither due nor late.
RUNNING = Dossier.OPEN - {Dossier.Status.SUPPLEMENT_REQUESTED}


def default_box(user):
    from . import desk

    return NEW if desk.is_receiving_officer(user) and not user.is_superuser else MINE


class Clock:
    """ "Now" and the work calendar, read once per request."""

    def __init__(self, now=None, calendar=None):
        self.now = now or timezone.now()
        self._calendar = calendar

    @cached_property
    def calendar(self):
        if self._calendar is not None:
            return self._calendar
        from services.workdays.models import current_calendar

        return current_calendar()

    @cached_property
    def today(self):
        return self.calendar.local(self.now).date()

    @cached_property
    def due_soon_limit(self):
        """The end of the next working day: due before it means at most one working day left."""
        next_day = engine.add_working_days(self.today, 1, self.calendar)
        return datetime.combine(next_day + timedelta(days=1), datetime.min.time(), self.calendar.tz)


def box_condition(slug, user, clock):
    """What puts a dossier the officer may see into the box `slug` (everything for ALL)."""
    if slug == NEW:
        return Q(status=Dossier.Status.NEW)
    if slug == MINE:
        from .access import assigned_dossier_ids

        return Q(status__in=Dossier.OPEN, pk__in=assigned_dossier_ids(user))
    if slug == SUPPLEMENT:
        return Q(status=Dossier.Status.SUPPLEMENT_REQUESTED)
    if slug == DUE_SOON:
        return Q(status__in=RUNNING, due_at__gte=clock.now, due_at__lt=clock.due_soon_limit)
    if slug == OVERDUE:
        return Q(status__in=RUNNING, due_at__lt=clock.now)
    return Q()


def box_queryset(slug, user, clock):
    return Dossier.objects.for_officer(user).filter(box_condition(slug, user, clock))


def ordered(slug, queryset):
    if slug in (DUE_SOON, OVERDUE, MINE):
        return queryset.order_by("due_at", "pk")
    if slug == NEW:
        return queryset.order_by("submitted_at", "pk")  # first come, first checked
    return queryset.order_by("-submitted_at", "-pk")


def counts(user, clock):
    """Every box's count in one query (the inbox shows them on each request)."""
    return Dossier.objects.for_officer(user).aggregate(
        **{box.slug: Count("pk", filter=box_condition(box.slug, user, clock)) for box in BOXES}
    )


@dataclass(frozen=True)
class Deadline:
    """The appointment as working days left: a level (for the colour) AND a text that says it all."""

    level: str  # "ok", "soon", "late", "paused" or "none"
    text: str
    days: int | None = None


def deadline(dossier, clock):
    if dossier.status == Dossier.Status.SUPPLEMENT_REQUESTED:
        return Deadline("paused", str(_("Clock stopped (supplements)")))
    if dossier.due_at is None or not dossier.is_open:
        return Deadline("none", "—")
    due_day = clock.calendar.local(dossier.due_at).date()
    if dossier.due_at < clock.now:
        late = engine.working_days_between(due_day, clock.today, clock.calendar)
        if late <= 0:
            return Deadline("late", str(_("Overdue since today")), -0)
        return Deadline(
            "late",
            ngettext("Overdue by %(days)d working day", "Overdue by %(days)d working days", late)
            % {"days": late},
            -late,
        )
    left = engine.working_days_between(clock.today, due_day, clock.calendar)
    if left <= 0:
        return Deadline("soon", str(_("Due today")), 0)
    level = "soon" if left <= 1 else "ok"
    return Deadline(
        level,
        ngettext("%(days)d working day left", "%(days)d working days left", left) % {"days": left},
        left,
    )
