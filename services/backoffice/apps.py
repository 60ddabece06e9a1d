from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "services.backoffice"
    verbose_name = _("One-stop back office")
