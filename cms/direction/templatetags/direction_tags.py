"""Reuse the leaders' work schedule anywhere: {% load direction_tags %}{% work_schedule_this_week %}."""

from datetime import timedelta

from django import template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from cms.direction.models import WorkScheduleEntry, WorkSchedulePage
from cms.direction.weeks import monday_of

register = template.Library()


def schedule_page_for_language(language_code=None):
    """The live work-schedule page in this language, else the one in any language (or None)."""
    pages = WorkSchedulePage.objects.live().public()
    language_code = language_code or translation.get_language()
    locale = Locale.objects.filter(language_code=language_code).first()
    return (locale and pages.filter(locale=locale).first()) or pages.first()


@register.inclusion_tag("direction/includes/work_schedule_this_week.html")
def work_schedule_this_week(limit=6, heading=""):
    """The engagements from today to Sunday (next Sunday at the weekend), at most `limit`."""
    today = timezone.localdate()
    last = monday_of(today) + timedelta(days=6)
    if today.weekday() >= 5:
        # At the weekend the week that matters to readers is the one about to start.
        last += timedelta(days=7)
    entries = list(WorkScheduleEntry.objects.between(today, last))
    return {
        "entries": entries[:limit],
        "more": max(0, len(entries) - limit),
        "schedule_page": schedule_page_for_language(),
        "heading": heading,
    }


@register.simple_tag
def vietnamese_data():
    """` lang="vi"` on the English site, for text editors only write in Vietnamese."""
    return "" if translation.get_language() == "vi" else mark_safe(' lang="vi"')  # noqa: S308
