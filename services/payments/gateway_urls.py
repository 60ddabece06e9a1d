"""Addresses the gateways call, outside the language prefix. The merchant registers the VNPay pair
with VNPay, so they never move: /payments/vnpay/return/ and /payments/vnpay/ipn/."""

from django.urls import path

from . import views

app_name = "payment_gateways"
urlpatterns = [
    path("vnpay/return/", views.gateway_return, {"alias": "vnpay"}, name="vnpay_return"),
    path("vnpay/ipn/", views.gateway_notification, {"alias": "vnpay"}, name="vnpay_ipn"),
    path("dvcqg/return/", views.gateway_return, {"alias": "dvcqg"}, name="dvcqg_return"),
    path("dvcqg/confirm/", views.gateway_notification, {"alias": "dvcqg"}, name="dvcqg_confirm"),
    path("sandbox/pay/", views.sandbox_pay, name="sandbox_pay"),
    path("sandbox/return/", views.gateway_return, {"alias": "sandbox"}, name="sandbox_return"),
    path("sandbox/ipn/", views.gateway_notification, {"alias": "sandbox"}, name="sandbox_ipn"),
]
