from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectionConfig(AppConfig):
    name = "cms.direction"
    label = "direction"
    verbose_name = _("Direction and operation")
