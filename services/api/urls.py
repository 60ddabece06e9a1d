from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from services.dossiers.api import DossierLookupView

from . import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", views.DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("thu-tuc/", views.ProcedureListView.as_view(), name="api-procedure-list"),
    path("thu-tuc/<str:code>/", views.ProcedureDetailView.as_view(), name="api-procedure-detail"),
    path("ngay-lam-viec/", views.WorkingDaysView.as_view(), name="api-working-days"),
    path("ho-so/<str:code>/", DossierLookupView.as_view(), name="api-dossier-lookup"),
    path("thong-ke/", views.StatisticsView.as_view(), name="api-statistics"),
    path("search/", views.SearchView.as_view(), name="api-search"),
]
