"""Payments, refunds and gateway notifications in the Wagtail admin, for finance and support staff.

Payments and notifications are records of what a gateway said: they are listed and inspected, never
created or edited here. A refund is the one thing staff change: they mark it done once the money
went back to the citizen.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.text import vnd

from .models import GatewayNotification, Payment, Refund


class ActionsLimitedPolicy(ModelPermissionPolicy):
    """The model's permissions, but only for `allowed` actions, even for superusers."""

    def __init__(self, model, allowed):
        super().__init__(model)
        self.allowed = frozenset(allowed)

    def user_has_permission(self, user, action):
        return action in self.allowed and super().user_has_permission(user, action)


for model, allowed in (
    (Payment, ["view"]),
    (GatewayNotification, ["view"]),
    (Refund, ["view", "change"]),
):
    register_permission_policy(model, ActionsLimitedPolicy(model, allowed), exact_class=True)


class AmountColumn(Column):
    def get_value(self, instance):
        return vnd(instance.amount)


class PaymentIndexView(IndexView):
    queryset = Payment.objects.select_related("dossier")  # the dossier column, one query


class PaymentViewSet(ModelViewSet):
    model = Payment
    index_view_class = PaymentIndexView
    icon = "doc-full"
    menu_label = _("Payments")
    url_prefix = "thanh-toan/giao-dich"
    inspect_view_enabled = True
    # Never used: the policy allows no add or change; Wagtail insists on a form definition.
    form_fields = ["status"]
    list_filter = ["status", "stage", "backend"]
    search_fields = ["reference", "transaction_no", "dossier__code"]
    list_display = [
        "reference",
        Column("dossier", label=_("dossier")),
        AmountColumn("amount", label=_("amount (VND)")),
        "status",
        "backend",
        DateColumn("paid_at", label=_("paid at")),
    ]
    inspect_view_fields = [
        "reference",
        "dossier",
        "amount",
        "status",
        "stage",
        "backend",
        "payer",
        "transaction_no",
        "bank_code",
        "created_at",
        "paid_at",
        "expires_at",
    ]


class RefundEditView(EditView):
    def save_instance(self):
        refund = self.form.instance
        if refund.state == Refund.State.REFUNDED and refund.refunded_at is None:
            refund.refunded_at = timezone.now()
        return super().save_instance()


class RefundIndexView(IndexView):
    queryset = Refund.objects.select_related("payment")  # the payment column, one query


class RefundViewSet(ModelViewSet):
    model = Refund
    index_view_class = RefundIndexView
    icon = "undo"
    menu_label = _("Refunds")
    url_prefix = "thanh-toan/hoan-tien"
    edit_view_class = RefundEditView
    form_fields = ["state"]
    list_filter = ["state"]
    search_fields = ["payment__reference", "payment__dossier__code", "reason"]
    list_display = [
        Column("payment", label=_("payment")),
        AmountColumn("amount", label=_("amount (VND)")),
        "state",
        "reason",
        DateColumn("created_at", label=_("created at")),
        DateColumn("refunded_at", label=_("refunded at")),
    ]


class GatewayNotificationViewSet(ModelViewSet):
    model = GatewayNotification
    icon = "list-ul"
    menu_label = _("Gateway notifications")
    url_prefix = "thanh-toan/thong-bao-cong"
    inspect_view_enabled = True
    form_fields = ["result_code"]
    list_filter = ["backend", "source", "signature_valid"]
    search_fields = ["reference"]
    list_display = [
        "reference",
        "backend",
        "source",
        "signature_valid",
        "result_code",
        DateColumn("received_at", label=_("received at")),
    ]


class PaymentsGroup(ViewSetGroup):
    menu_label = _("Online payments")
    menu_icon = "doc-full"
    menu_order = 260
    items = (PaymentViewSet, RefundViewSet, GatewayNotificationViewSet)


@hooks.register("register_admin_viewset")
def register_payments_viewsets():
    return PaymentsGroup()
