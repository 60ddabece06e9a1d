"""Evaluate the mandatory items against what the database holds right now.

An item is red when a source model is not installed, has no rows, or when its newest update is
older than the Art. 17 deadline (counted in working days with services.workdays); amber when the
deadline falls today or on the next working day; green otherwise.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from services.workdays.engine import add_working_days, working_days_between
from services.workdays.models import current_calendar

from .items import ITEMS, Item, Source

GREEN = "green"
AMBER = "amber"
RED = "red"
STATE_LABELS = {GREEN: _("Up to date"), AMBER: _("Due soon"), RED: _("Missing or overdue")}
# Amber when the deadline is today or the next working day.
AMBER_WORKING_DAYS = 2


@dataclass
class SourceResult:
    source: Source
    label: str
    count: int = 0
    last_update: datetime | None = None
    public_url: str = ""
    admin_url: str = ""
    installed: bool = True

    @property
    def missing(self):
        return not self.installed or self.count == 0


@dataclass
class ItemResult:
    item: Item
    sources: list[SourceResult] = field(default_factory=list)
    last_update: datetime | None = None
    due_on: date | None = None
    state: str = GREEN
    reason: str = ""

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    def as_dict(self):
        return {
            "code": self.item.code,
            "title": str(self.item.title),
            "legal_ref": str(self.item.legal_ref),
            "deadline_working_days": self.item.deadline_working_days,
            "state": self.state,
            "reason": str(self.reason),
            "last_update": self.last_update.isoformat() if self.last_update else None,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "sources": [
                {
                    "model": result.source.model,
                    "count": result.count,
                    "installed": result.installed,
                    "last_update": result.last_update.isoformat() if result.last_update else None,
                    "url": result.public_url,
                }
                for result in self.sources
            ],
        }


def _model(dotted):
    try:
        return apps.get_model(dotted)
    except (LookupError, ValueError):
        return None


def _first_page_url(dotted, filters=None):
    model = _model(dotted)
    if model is None or not issubclass(model, Page):
        return ""
    page = model.objects.live().public().filter(**(filters or {})).order_by("path").first()
    return (page.url or "") if page else ""


def _admin_url(model):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    if issubclass(model, Page):
        return ""
    instance = model._default_manager.order_by("-pk").first()
    if instance is None:
        return ""
    try:
        return AdminURLFinder().get_edit_url(instance) or ""
    except Exception:  # noqa: BLE001 - a missing admin registration must not break the report
        return ""


def evaluate_source(source: Source) -> SourceResult:
    model = _model(source.model)
    if model is None:
        return SourceResult(source, source.model, installed=False)
    result = SourceResult(source, str(model._meta.verbose_name_plural))
    is_page = issubclass(model, Page)
    queryset = model.objects.live().public() if is_page else model._default_manager.all()
    try:
        queryset = queryset.filter(**source.filters).exclude(**source.exclude)
        result.count = queryset.count()
    except FieldError:
        result.installed = False
        return result
    date_field = "last_published_at" if is_page else "updated_at"
    if any(f.name == date_field for f in model._meta.get_fields()) and result.count:
        result.last_update = queryset.aggregate(latest=Max(date_field))["latest"]
    if is_page:
        result.public_url = _first_page_url(source.model, source.filters)
    else:
        result.public_url = _first_page_url(source.page) if source.page else ""
        result.admin_url = _admin_url(model)
    return result


def evaluate_item(item: Item, *, today: date, calendar) -> ItemResult:
    result = ItemResult(item, [evaluate_source(source) for source in item.sources])
    if any(source.missing for source in result.sources):
        result.state, result.reason = RED, _("Missing: nothing is published for this item.")
        return result
    dates = [source.last_update for source in result.sources if source.last_update]
    # The stalest source decides: each part of the item must be kept up to date.
    result.last_update = min(dates) if dates else None
    if item.deadline_working_days is None or result.last_update is None:
        return result
    last_day = timezone.localtime(result.last_update).date()
    result.due_on = add_working_days(last_day, item.deadline_working_days, calendar)
    if today > result.due_on:
        result.state, result.reason = RED, _("Overdue: the update deadline has passed.")
    elif working_days_between(today, result.due_on, calendar) < AMBER_WORKING_DAYS:
        result.state, result.reason = AMBER, _("Due within 2 working days.")
    return result


def compliance_report(today: date | None = None) -> list[ItemResult]:
    today = today or timezone.localdate()
    calendar = current_calendar()
    return [evaluate_item(item, today=today, calendar=calendar) for item in ITEMS]


def red_items(results):
    return [result for result in results if result.state == RED]
