from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EnvironmentalRecord, PlanningDocument, Project


class PlanningDocumentViewSet(SnippetViewSet):
    model = PlanningDocument
    icon = "doc-full"
    list_display = ["title", "kind", "decision", "approved_on", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "decision", "summary"]


class EnvironmentalRecordViewSet(SnippetViewSet):
    model = EnvironmentalRecord
    icon = "site"
    list_display = ["name", "kind", "location", "status", "recorded_on", "updated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "location", "code"]


class ProjectViewSet(SnippetViewSet):
    model = Project
    icon = "cogs"
    list_display = ["name", "stage", "field", "start_year", "updated_at"]
    list_filter = ["stage"]
    search_fields = ["name", "investor", "field"]


class PlanningGroup(SnippetViewSetGroup):
    items = (PlanningDocumentViewSet, EnvironmentalRecordViewSet, ProjectViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Plans and projects")
    menu_name = "planning"
    menu_order = 220


register_snippet(PlanningGroup)
