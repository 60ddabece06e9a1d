"""The roles people hold, as Django groups with explicit permissions.

`sync_roles()` creates or corrects the groups; it runs after every migration, so a fresh database
and an upgraded one end up with the same rights.

Sites: the default Wagtail site is the provincial portal; every other site is a component site
(a department or a commune, ND 42/2022 Art. 6). The provincial groups keep the role's plain name.
Each component site gets its own editors, reviewers and administrators groups ("Biên tập viên –
sotuphap.localhost"), whose page rights cover that site's home pages only. The provincial editorial
board reviews and publishes everywhere. Editors never publish: their changes go through the
"Ban biên tập duyệt" workflow of their site (ND 43/2011 Art. 21).
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
    # Permissions limited to one site (Wagtail GroupSitePermission), for component-site groups.
    site_permissions: tuple[str, ...] = ()


ADMIN_ACCESS = "wagtailadmin.access_admin"
MEDIA = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)

# Records the editorial board keeps up to date beside the pages (snippets and admin lists).
CONTENT_RECORDS = (
    "cms.legaldocument",
    "organisation.orgunit",
    "organisation.leader",
    "organisation.administrativearea",
    "organisation.contact",
    "direction.directiondocument",
    "direction.petitionreply",
    "direction.rewardsanction",
    "direction.workscheduleentry",
    "planning.planningdocument",
    "planning.environmentalrecord",
    "planning.project",
    "publications.gazetteissue",
    "publications.consultation",
    "publications.consultationcomment",
    "publications.scienceprogramme",
    "publications.statisticsrelease",
    "feedback.question",
    "search.synonym",  # the search synonyms ("CCCD" = "căn cước công dân")
)
# What the one-stop service depends on: the catalogue, its e-forms and the holiday calendar.
SERVICE_RECORDS = (
    "procedures.procedure",
    "procedures.field",
    "eforms.formdefinition",
    "workdays.calendarday",
)


def model_permissions(models, actions):
    """The permission names "app.action_model" for each model ("app.model") and action."""
    return tuple(
        f"{app_label}.{action}_{model}"
        for app_label, model in (label.split(".") for label in models)
        for action in actions
    )


EDITOR = Role(
    "Biên tập viên",
    _("Editor"),
    permissions=(
        ADMIN_ACCESS,
        "analytics.view_visitcount",
        "search.view_querylog",
        *model_permissions(CONTENT_RECORDS, ("add", "change", "view")),
    ),
    page_permissions=("add", "change"),
    collection_permissions=MEDIA,
)
REVIEWER = Role(
    "Ban biên tập",
    _("Reviewer (editorial board)"),
    permissions=(
        ADMIN_ACCESS,
        "analytics.view_visitcount",
        "search.view_querylog",
        *model_permissions(CONTENT_RECORDS, ("add", "change", "delete", "view")),
    ),
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
        *model_permissions(SERVICE_RECORDS, ("add", "change", "delete", "view")),
        # Payments are read-only records of the gateways; refunds are marked done here.
        *model_permissions(
            ("payments.payment", "payments.refund", "payments.gatewaynotification"), ("view",)
        ),
        "payments.change_refund",
    ),
)

SITE_ADMINISTRATOR = Role(
    "Quản trị cổng thành phần",
    _("Component site administrator"),
    permissions=(ADMIN_ACCESS,),
    collection_permissions=MEDIA,
    # Logo, colours, footer and contacts of that site only.
    site_permissions=("cms.change_portalsettings",),
)

STAFF_ROLES = (EDITOR, REVIEWER, RECEIVING_OFFICER, PROCESSING_OFFICER, AGENCY_HEAD, ADMINISTRATOR)
BACKOFFICE_ROLES = (RECEIVING_OFFICER, PROCESSING_OFFICER, AGENCY_HEAD)
# The groups every component site gets, each limited to that site.
COMPONENT_SITE_ROLES = (EDITOR, REVIEWER, SITE_ADMINISTRATOR)
REVIEW_TASK_NAME = "Ban biên tập duyệt"


def group_name_for(role, site):
    """The group holding `role` on `site`: the plain role name on the provincial (default) site."""
    if site.is_default_site:
        return role.name
    return f"{role.name} – {site.hostname}"


def site_group(role, site):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=group_name_for(role, site))


def site_homes(site):
    """The site's home page in every language (the root page and its translations)."""
    return list(site.root_page.get_translations(inclusive=True))


def sync_roles():
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, Page, Site

    from cms.models import HomePage

    # post_migrate reaches apps one by one: make sure every app's permissions exist already.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    def permission(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    every_home = list(Page.objects.type(HomePage))
    sites = list(Site.objects.select_related("root_page"))
    provincial = next((site for site in sites if site.is_default_site), None)
    components = [site for site in sites if not site.is_default_site]
    provincial_homes = site_homes(provincial) if provincial else every_home
    root_collection = Collection.get_first_root_node()

    def sync_group(name, role, pages, site=None):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([permission(dotted) for dotted in role.permissions])
        _sync_page_permissions(group, role, pages)
        if root_collection:
            for codename in role.collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(codename=codename),
                )
        if site is not None:
            _sync_site_permissions(group, site, [permission(d) for d in role.site_permissions])
        return group

    for role in STAFF_ROLES:
        # The provincial editors stay on the provincial tree; the editorial board sees every site.
        pages = provincial_homes if role is EDITOR else every_home
        sync_group(role.name, role, pages if role.page_permissions else [])
    board = Group.objects.get(name=REVIEWER.name)
    if provincial:
        _sync_review_workflow(REVIEW_TASK_NAME, provincial_homes, [board])
    for site in components:
        homes = site_homes(site)
        groups = {
            role: sync_group(group_name_for(role, site), role, homes, site=site)
            for role in COMPONENT_SITE_ROLES
        }
        _sync_review_workflow(
            f"{REVIEW_TASK_NAME} – {site.hostname}", homes, [groups[REVIEWER], board]
        )


def _sync_page_permissions(group, role, pages):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    wanted = {
        (page.pk, permission.pk)
        for page in pages
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore",
            codename__in=[f"{action}_page" for action in role.page_permissions],
        )
    }
    existing = GroupPagePermission.objects.filter(group=group)
    for row in existing:
        if (row.page_id, row.permission_id) not in wanted:
            row.delete()
    have = set(existing.values_list("page_id", "permission_id"))
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
        for page_id, permission_id in wanted - have
    )


def _sync_site_permissions(group, site, permissions):
    from wagtail.models import GroupSitePermission

    GroupSitePermission.objects.filter(group=group).exclude(
        site=site, permission__in=permissions
    ).delete()
    for permission in permissions:
        GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)


def _sync_review_workflow(name, homes, groups):
    """Attach a one-step "Ban biên tập duyệt" workflow to the home pages that have none.

    A workflow an administrator has since put on a home page is left alone; the review task of
    ours always includes the groups given.
    """
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.add(*groups)
    workflow, _created = Workflow.objects.get_or_create(name=name)
    if not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for home in homes:
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
