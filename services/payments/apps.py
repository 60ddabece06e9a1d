from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "services.payments"
    verbose_name = _("Online payments")
    label = "payments"

    def ready(self):
        from . import receivers  # noqa: F401 (refunds when a paid dossier is closed)
