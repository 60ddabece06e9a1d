from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AdministrativeArea, Contact, Leader, OrgUnit


class OrgUnitViewSet(SnippetViewSet):
    model = OrgUnit
    icon = "group"
    menu_label = _("Organisational units")
    list_display = ["name", "kind", "parent", "phone", "email", "position"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]


class LeaderViewSet(SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = _("Leaders")
    list_display = ["full_name", "position", "unit", "position_order"]
    search_fields = ["full_name", "position"]


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "mail"
    menu_label = _("Official contacts")
    list_display = ["full_name", "position", "unit", "phone", "email"]
    list_filter = ["unit"]
    search_fields = ["full_name", "position", "email"]


class AdministrativeAreaViewSet(SnippetViewSet):
    model = AdministrativeArea
    icon = "site"
    menu_label = _("Administrative areas")
    list_display = ["code", "name", "kind", "area_km2", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


class OrganisationViewSetGroup(SnippetViewSetGroup):
    items = (OrgUnitViewSet, LeaderViewSet, ContactViewSet, AdministrativeAreaViewSet)
    menu_icon = "group"
    menu_label = _("Organisation")
    menu_name = "organisation"
    menu_order = 220


register_snippet(OrganisationViewSetGroup)
