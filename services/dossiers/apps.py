from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "services.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        from . import receivers  # noqa: F401 (connects the signal receivers)
