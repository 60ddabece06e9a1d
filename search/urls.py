"""The search page's helpers, under /tim-kiem/ beside the page itself (named "search" in
portal/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("goi-y/", views.suggestions, name="search-suggest"),
    path("chon/", views.chosen, name="search-chosen"),
]
