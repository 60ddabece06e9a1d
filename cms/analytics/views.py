from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .export import export
from .middleware import HOME_SECTION
from .models import VisitCount

REPORT_DAYS = 30
PERMISSION = "analytics.view_visitcount"


def can_view(user):
    return user.is_active and user.has_perm(PERMISSION)


class VisitReportView(WagtailAdminTemplateMixin, TemplateView):
    """Page views of the last 30 days per section: a bar chart, the table behind it, exports."""

    template_name = "analytics/report.html"
    page_title = _("Visit statistics")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def first_day(self):
        return timezone.localdate() - timedelta(days=REPORT_DAYS - 1)

    def get(self, request, *args, **kwargs):
        output_format = request.GET.get("format")
        if output_format in ("csv", "json"):
            since = self.first_day()
            content_type = "text/csv" if output_format == "csv" else "application/json"
            response = HttpResponse(
                export(since, output_format), content_type=f"{content_type}; charset=utf-8"
            )
            filename = f"luot-truy-cap-{since:%Y%m%d}-{timezone.localdate():%Y%m%d}.{output_format}"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = self.first_day()
        counts = VisitCount.objects.since(since)
        sections = {}
        for row in counts.per_section():
            entry = sections.setdefault(
                row["section"], {"section": row["section"], "vi": 0, "en": 0, "total": 0}
            )
            entry[row["language"] if row["language"] in ("vi", "en") else "vi"] += row["total"]
            entry["total"] += row["total"]
        rows = sorted(sections.values(), key=lambda entry: (-entry["total"], entry["section"]))
        top = max((entry["total"] for entry in rows), default=0)
        for index, entry in enumerate(rows):
            entry["label"] = (
                _("Home page") if entry["section"] == HOME_SECTION else entry["section"]
            )
            entry["bar"] = round(entry["total"] * 600 / top, 1) if top else 0
            entry["y"] = index * 28
            entry["text_y"] = index * 28 + 17
            entry["value_x"] = 300 + entry["bar"] + 8
        per_day = {row["date"]: row["total"] for row in counts.per_day()}
        days = [
            (day, per_day.get(day, 0))
            for day in (since + timedelta(days=offset) for offset in range(REPORT_DAYS))
        ]
        context.update(
            {
                "since": since,
                "until": timezone.localdate(),
                "rows": rows,
                "chart_height": len(rows) * 28,
                "total": sum(entry["total"] for entry in rows),
                "days": days,
            }
        )
        return context
