from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("ho-so/<int:pk>/thanh-toan/", views.pay, name="pay"),
    path("ho-so/<int:pk>/thanh-toan/<str:reference>/", views.result, name="result"),
]
