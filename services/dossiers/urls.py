from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.my_dossiers, name="mine"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("nop/<str:procedure_code>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/buoc/<int:index>/", views.step, name="step"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/phieu/<slug:form>.pdf", views.receipt, name="receipt"),
    path("<int:pk>/rut/", views.withdraw, name="withdraw"),
    path("<int:pk>/danh-gia/", views.rate, name="rate"),
    path("<int:pk>/bo-sung/", views.supplement, name="supplement"),
]
