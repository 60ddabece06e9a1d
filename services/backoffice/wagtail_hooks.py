from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .views import can_open_backoffice


class BackofficeMenuItem(MenuItem):
    def is_shown(self, request):
        return can_open_backoffice(request.user)


class BackofficeSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return can_open_backoffice(request.user)


# The back office's screens, in the order an officer's day uses them.
BACKOFFICE_SCREENS = [
    ("inbox", _("Dossier inboxes"), "folder-open-inverse"),
    ("intake", _("Paper dossier intake"), "doc-full-inverse"),
    ("consultations", _("Consultations from other units"), "group"),
    ("register", _("Dossier register (BM.06)"), "list-ul"),
    ("statistics", _("Dossier statistics"), "table"),
    ("scorecard", _("Service quality scorecard"), "tasks"),
]


@hooks.register("register_admin_urls")
def register_backoffice_urls():
    return [path("mot-cua/", include("services.backoffice.admin_urls"))]


@hooks.register("register_admin_menu_item")
def register_backoffice_menu_item():
    items = [
        BackofficeMenuItem(
            label, reverse(f"backoffice:{name}"), name=name, icon_name=icon, order=order
        )
        for order, (name, label, icon) in enumerate(BACKOFFICE_SCREENS)
    ]
    return BackofficeSubmenuItem(
        _("Electronic one-stop"),
        Menu(items=items),
        name="mot-cua",
        icon_name="folder-open-inverse",
        order=150,
    )
