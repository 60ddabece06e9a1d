app_name = "backoffice_public"
urlpatterns = []
