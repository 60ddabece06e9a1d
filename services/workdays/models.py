from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .engine import WorkCalendar
from .signals import calendar_changed

CACHE_KEY = "workdays:calendar"
CACHE_SECONDS = 60 * 60


class CalendarDayQuerySet(models.QuerySet):
    def holidays(self):
        return self.filter(kind=CalendarDay.Kind.HOLIDAY)

    def working_saturdays(self):
        return self.filter(kind=CalendarDay.Kind.WORKING_SATURDAY)


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday week: a day off, or a make-up working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Day off (holiday)")
        WORKING_SATURDAY = "working_saturday", _("Make-up working day")

    class Source(models.TextChoices):
        SEED = "seed", _("Official schedule (seeded)")
        EDITOR = "editor", _("Entered by an editor")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.HOLIDAY)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source"), max_length=10, choices=Source, default=Source.EDITOR, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("holidays and make-up working days")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"


def _stamp():
    latest = CalendarDay.objects.aggregate(
        count=models.Count("pk"), latest=models.Max("updated_at")
    )
    return f"{latest['count']}:{latest['latest'].isoformat() if latest['latest'] else ''}"


def current_calendar() -> WorkCalendar:
    """The working calendar built from the CalendarDay rows, cached until a row changes.

    The cache entry carries a stamp of the table (row count and latest change), so a change made
    by another process, or rolled back, never leaves a stale calendar behind.
    """
    stamp = _stamp()
    cached = cache.get(CACHE_KEY)
    if cached and cached[0] == stamp:
        return cached[1]
    rows = CalendarDay.objects.values_list("date", "kind")
    calendar = WorkCalendar(
        tz=ZoneInfo(settings.TIME_ZONE),
        holidays=frozenset(day for day, kind in rows if kind == CalendarDay.Kind.HOLIDAY),
        working_saturdays=frozenset(
            day for day, kind in rows if kind == CalendarDay.Kind.WORKING_SATURDAY
        ),
    )
    cache.set(CACHE_KEY, (stamp, calendar), CACHE_SECONDS)
    return calendar


def invalidate_calendar():
    cache.delete(CACHE_KEY)


def announce_calendar_change():
    """Drop the cached calendar now and tell listeners once the transaction commits."""
    invalidate_calendar()

    def send():
        invalidate_calendar()
        calendar_changed.send(sender=CalendarDay)

    transaction.on_commit(send)


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def _calendar_day_changed(sender, **kwargs):
    announce_calendar_change()
