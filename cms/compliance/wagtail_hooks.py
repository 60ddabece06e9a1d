from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import can_view_report
from .views import ComplianceReportView


class ComplianceReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [path("reports/compliance/", ComplianceReportView.as_view(), name="compliance_report")]


@hooks.register("register_reports_menu_item")
def register_compliance_menu_item():
    return ComplianceReportMenuItem(
        _("Legal content compliance"),
        reverse("compliance_report"),
        name="compliance",
        icon_name="tasks",
        order=100,
    )
