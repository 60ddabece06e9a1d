from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "services.sync"
    verbose_name = _("Synchronisation with other systems")

    def ready(self):
        from . import receivers  # noqa: F401 (connects the signal receivers)
