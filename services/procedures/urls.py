from django.urls import path

from . import views

app_name = "procedures"
urlpatterns = [path("", views.procedure_list, name="list")]
