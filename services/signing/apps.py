from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "services.signing"
    verbose_name = _("Digital signatures")
