from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Consultation,
    ConsultationComment,
    GazetteIssue,
    ScienceProgramme,
    StatisticsRelease,
)


class GazetteIssueViewSet(SnippetViewSet):
    model = GazetteIssue
    icon = "doc-full"
    list_display = ["__str__", "published_on", "updated_at"]
    search_fields = ["number"]


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    icon = "comment"
    list_display = ["title", "opens_on", "closes_on", "receiving_unit", "updated_at"]
    search_fields = ["title", "summary"]


class ConsultationCommentViewSet(SnippetViewSet):
    """Moderation: comments arrive unpublished; tick "published" to show one on the portal."""

    model = ConsultationComment
    icon = "comment"
    list_display = ["name", "consultation", "created_at", "is_published"]
    list_filter = ["is_published", "consultation"]
    search_fields = ["name", "organisation", "comment"]
    ordering = ["is_published", "-created_at"]


class ScienceProgrammeViewSet(SnippetViewSet):
    model = ScienceProgramme
    icon = "pick"
    list_display = ["code", "name", "level", "status", "updated_at"]
    list_filter = ["level", "status"]
    search_fields = ["code", "name", "lead_unit"]


class StatisticsReleaseViewSet(SnippetViewSet):
    model = StatisticsRelease
    icon = "table"
    list_display = ["title", "kind", "period", "published_on", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "period"]


class PublicationsGroup(SnippetViewSetGroup):
    items = (
        GazetteIssueViewSet,
        ConsultationViewSet,
        ConsultationCommentViewSet,
        ScienceProgrammeViewSet,
        StatisticsReleaseViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Gazette, consultations, statistics")
    menu_name = "publications"
    menu_order = 230


register_snippet(PublicationsGroup)
