from django.urls import include, path

from . import views

urlpatterns = [
    path("du-lieu-cua-toi/", views.my_data, name="my_data"),
    path("du-lieu-cua-toi/tai-ve.json", views.export_json, name="my_data_json"),
    path("du-lieu-cua-toi/tai-ve.pdf", views.export_pdf, name="my_data_pdf"),
    path("du-lieu-cua-toi/yeu-cau-xoa/", views.request_deletion, name="my_data_delete"),
    path("dang-xuat-moi-noi/", views.logout_everywhere, name="logout_everywhere"),
    path("dong-y/", views.consent, name="consent"),
    path("", include("allauth.urls")),
]
