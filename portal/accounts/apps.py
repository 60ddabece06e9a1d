from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # Two configs live here (see UsersConfig): this one is what "portal.accounts" means.
    default = True
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user management with the portal's staff forms (agency, invitation, no password)."""

    user_viewset = "portal.accounts.viewsets.UserViewSet"
