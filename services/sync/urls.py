from django.urls import path

from . import views

app_name = "sync"
urlpatterns = [
    path("mot-cua/trang-thai/", views.StatusWebhookView.as_view(), name="onestop-status"),
    path("tep/<str:token>/", views.FileDownloadView.as_view(), name="file"),
    path("dvcqg-thu-nghiem/", views.TestEndpointView.as_view(), name="test-endpoint"),
]
