"""The editors' search report (Reports menu): what visitors search for most, and what they search
for without finding anything, over a chosen period. The log holds no personal data."""

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.accounts.wagtail_hooks import PermissionMenuItem

from .querylog import top_queries

# Editors and the editorial board hold it (portal/accounts/roles.py).
PERMISSION = "search.view_querylog"

PERIODS = [
    (7, _("Last 7 days")),
    (30, _("Last 30 days")),
    (90, _("Last 90 days")),
    (365, _("Last 365 days")),
]
DEFAULT_DAYS = 30
ROWS = 50


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Period"), choices=PERIODS, coerce=int)


class SearchReportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = PERMISSION
    raise_exception = True  # a 403 for editors without it; Wagtail sends the anonymous to log in
    template_name = "search/admin/report.html"
    page_title = _("Search queries")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET or {"days": DEFAULT_DAYS})
        days = form.cleaned_data["days"] if form.is_valid() else DEFAULT_DAYS
        if not form.is_valid():
            form = PeriodForm({"days": DEFAULT_DAYS})
        context.update(
            {
                "form": form,
                "days": days,
                "top": top_queries(days, limit=ROWS),
                "without_results": top_queries(days, limit=ROWS, without_results=True),
            }
        )
        return context


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("tim-kiem/", SearchReportView.as_view(), name="search_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return PermissionMenuItem(
        _("Search queries"),
        reverse("search_report"),
        name="search-queries",
        icon_name="search",
        permission=PERMISSION,
        order=960,
    )
