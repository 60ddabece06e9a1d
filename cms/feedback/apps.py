from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "cms.feedback"
    label = "feedback"
    verbose_name = _("Questions and feedback")
