from datetime import timedelta

from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VisitCountQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(date__gte=day)

    def last_days(self, days=30, today=None):
        today = today or timezone.localdate()
        return self.filter(date__gt=today - timedelta(days=days), date__lte=today)

    def per_section(self):
        """[{"section", "language", "views"}] summed over the rows, most visited first."""
        return (
            self.values("section", "language")
            .annotate(total=Sum("views"))
            .order_by("-total", "section", "language")
        )

    def per_day(self):
        return self.values("date").annotate(total=Sum("views")).order_by("date")


class VisitCount(models.Model):
    """How many pages were viewed on one day, in one section, in one language (T9).

    Deliberately nothing else: no address, cookie, account or browser is stored, so the counts
    are not personal data (ND 13/2023).
    """

    date = models.DateField(_("date"))
    section = models.CharField(_("section"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    views = models.PositiveBigIntegerField(_("page views"), default=0)

    objects = VisitCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit count")
        verbose_name_plural = _("visit counts")
        ordering = ["-date", "section", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "section", "language"], name="analytics_one_count_per_day"
            )
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.section} ({self.language}): {self.views}"
