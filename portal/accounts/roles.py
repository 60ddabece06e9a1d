"""The roles people hold, as Django groups with explicit permissions.

`sync_roles()` creates or corrects the groups; it runs after every migration, so a fresh database
and an upgraded one end up with the same rights.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    name: str
    label: str
    permissions: tuple[str, ...] = ()
    # Wagtail page permissions on every home page: "add", "change", "publish", "lock", "unlock".
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = field(default=())


ADMIN_ACCESS = "wagtailadmin.access_admin"
MEDIA = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)

EDITOR = Role(
    "Biên tập viên",
    _("Editor"),
    permissions=(ADMIN_ACCESS,),
    page_permissions=("add", "change"),
    collection_permissions=MEDIA,
)
REVIEWER = Role(
    "Ban biên tập",
    _("Reviewer (editorial board)"),
    permissions=(ADMIN_ACCESS,),
    page_permissions=("add", "change", "publish", "lock", "unlock"),
    collection_permissions=MEDIA + ("delete_image", "delete_document"),
)
RECEIVING_OFFICER = Role(
    "Cán bộ tiếp nhận",
    _("One-stop receiving officer"),
    permissions=(ADMIN_ACCESS, "accounts.access_backoffice"),
)
PROCESSING_OFFICER = Role(
    "Cán bộ xử lý",
    _("Processing officer"),
    permissions=(ADMIN_ACCESS, "accounts.access_backoffice"),
)
AGENCY_HEAD = Role(
    "Lãnh đạo cơ quan",
    _("Agency head"),
    permissions=(ADMIN_ACCESS, "accounts.access_backoffice", "accounts.sign_results"),
)
ADMINISTRATOR = Role(
    "Quản trị hệ thống",
    _("System administrator"),
    permissions=(
        ADMIN_ACCESS,
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.view_group",
        "accounts.add_agency",
        "accounts.change_agency",
        "accounts.view_agency",
        "accounts.unlock_accounts",
        "accounts.view_auditevent",
        "cms.change_portalsettings",
    ),
)

STAFF_ROLES = (EDITOR, REVIEWER, RECEIVING_OFFICER, PROCESSING_OFFICER, AGENCY_HEAD, ADMINISTRATOR)
BACKOFFICE_ROLES = (RECEIVING_OFFICER, PROCESSING_OFFICER, AGENCY_HEAD)


def sync_roles():
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    from cms.models import HomePage

    # post_migrate reaches apps one by one: make sure every app's permissions exist already.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    homes = list(Page.objects.type(HomePage))
    root_collection = Collection.get_first_root_node()
    for role in STAFF_ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        wanted = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)

        GroupPagePermission.objects.filter(group=group).exclude(page__in=homes).delete()
        for home in homes:
            for action in role.page_permissions:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=permission
                )
        if root_collection:
            for codename in role.collection_permissions:
                permission = Permission.objects.get(codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
