from django.urls import path

from . import views

app_name = "signing"
urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/<str:code>/", views.verify, name="verify_code"),
    path("van-ban-ky-so/<int:pk>/", views.download, name="download"),
    path("ho-so/<int:pk>/ky-so/to-khai.pdf", views.declaration_pdf, name="declaration"),
    path("ho-so/<int:pk>/ky-so/", views.sign_declaration, name="sign_declaration"),
    path("ho-so/<int:pk>/ky-so/tai-len/", views.upload_declaration, name="upload_declaration"),
]
