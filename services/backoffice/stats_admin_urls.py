"""Statistics screens of the back office, included by admin_urls under the "backoffice" namespace."""

from django.urls import path

from . import stats_views

urlpatterns = [
    path("thong-ke/", stats_views.report, name="statistics"),
    path("thong-ke/chi-so/", stats_views.scorecard, name="scorecard"),
]
