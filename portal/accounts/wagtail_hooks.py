from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, flows


@hooks.register("after_create_user")
def invite_new_staff(request, user):
    flows.invite_staff(user, request)


@hooks.register("register_admin_urls")
def account_admin_urls():
    return [
        path("tai-khoan/mo-khoa/", admin_views.unlock, name="accounts_admin_unlock"),
        path(
            "tai-khoan/yeu-cau-xoa/", admin_views.deletion_requests, name="accounts_admin_deletions"
        ),
        path(
            "tai-khoan/yeu-cau-xoa/<int:pk>/",
            admin_views.complete_deletion,
            name="accounts_admin_delete",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def unlock_menu_item():
    return PermissionMenuItem(
        _("Unlock accounts"),
        reverse("accounts_admin_unlock"),
        icon_name="lock-open",
        permission="accounts.unlock_accounts",
        order=900,
    )


@hooks.register("register_settings_menu_item")
def deletion_menu_item():
    return PermissionMenuItem(
        _("Deletion requests"),
        reverse("accounts_admin_deletions"),
        icon_name="bin",
        permission="accounts.change_user",
        order=901,
    )
