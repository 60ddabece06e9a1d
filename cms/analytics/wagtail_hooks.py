from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import VisitReportView, can_view


class VisitReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_admin_urls")
def register_visit_report_url():
    return [path("thong-ke-truy-cap/", VisitReportView.as_view(), name="analytics_visits")]


@hooks.register("register_reports_menu_item")
def register_visit_report_menu_item():
    return VisitReportMenuItem(
        _("Visit statistics"),
        reverse("analytics_visits"),
        name="visit-statistics",
        icon_name="table",
        order=950,
    )
