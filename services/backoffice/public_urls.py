"""The public statistics page, mounted at /thong-ke/ (TT 32/2017 Art. 11.3)."""

from django.urls import path

from . import stats_views

app_name = "backoffice_public"
urlpatterns = [
    path("", stats_views.public_statistics, name="index"),
]
