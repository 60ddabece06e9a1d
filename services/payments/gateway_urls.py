app_name = "payment_gateways"
urlpatterns = []
