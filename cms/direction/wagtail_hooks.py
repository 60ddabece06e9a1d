from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DirectionDocument, PetitionReply, RewardSanction, WorkScheduleEntry


class WorkScheduleEntryViewSet(SnippetViewSet):
    model = WorkScheduleEntry
    icon = "date"
    menu_label = _("Work schedule")
    list_display = ["date", "starts_at", "ends_at", "presiding_name", "content", "location"]
    list_filter = ["date", "leader"]
    search_fields = ["content", "location", "presiding"]
    ordering = ["-date", "starts_at"]


class DirectionDocumentViewSet(SnippetViewSet):
    model = DirectionDocument
    icon = "doc-full"
    menu_label = _("Directions")
    list_display = ["number_symbol", "kind", "title", "issued_on"]
    list_filter = ["kind"]
    search_fields = ["number_symbol", "title", "summary"]


class PetitionReplyViewSet(SnippetViewSet):
    model = PetitionReply
    icon = "help"
    menu_label = _("Petition replies")
    list_display = ["subject", "petitioner", "received_on", "replied_on", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["subject", "petitioner", "reply"]


class RewardSanctionViewSet(SnippetViewSet):
    model = RewardSanction
    icon = "pick"
    menu_label = _("Rewards and sanctions")
    list_display = ["decision_number", "kind", "recipient", "decided_on"]
    list_filter = ["kind"]
    search_fields = ["recipient", "decision_number", "content"]


class DirectionViewSetGroup(SnippetViewSetGroup):
    items = (
        WorkScheduleEntryViewSet,
        DirectionDocumentViewSet,
        PetitionReplyViewSet,
        RewardSanctionViewSet,
    )
    menu_icon = "tasks"
    menu_label = _("Direction and operation")
    menu_name = "direction"
    menu_order = 230


register_snippet(DirectionViewSetGroup)
