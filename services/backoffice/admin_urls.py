"""The back office under /quan-tri/mot-cua/ (namespace "backoffice"), registered by wagtail_hooks.

The processing screens and the statistics reports add their own plain urlpatterns lists here.
"""

from django.urls import path

from . import processing_urls, stats_admin_urls, views

app_name = "backoffice"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("tiep-nhan-ho-so-giay/", views.intake, name="intake"),
    path("ho-so/<int:pk>/", views.dossier_screen, name="dossier"),
    path("ho-so/<int:pk>/tiep-nhan/", views.receive, name="receive"),
    path("ho-so/<int:pk>/yeu-cau-bo-sung/", views.request_supplement, name="request_supplement"),
    path("ho-so/<int:pk>/tu-choi/", views.refuse, name="refuse"),
    path("ho-so/<int:pk>/rut-theo-yeu-cau/", views.withdraw, name="withdraw"),
    path("ho-so/<int:pk>/dung-xu-ly/", views.stop, name="stop"),
    *processing_urls.urlpatterns,
    *stats_admin_urls.urlpatterns,
]
