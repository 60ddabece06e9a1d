from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .permissions import can_view_report
from .report import AMBER, GREEN, RED, compliance_report


class ComplianceReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "compliance/report.html"
    page_title = _("Legal content compliance")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("compliance_report"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        results = compliance_report()
        counts = {
            state: sum(result.state == state for result in results) for state in (GREEN, AMBER, RED)
        }
        return super().get_context_data(results=results, counts=counts, **kwargs)
