from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Field, Procedure, Subject


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "list-ul"
    menu_label = _("Procedures")
    list_display = ["code", "name", "field", "online_level", "filing_channel", "agency"]
    list_filter = ["filing_channel", "online_level", "online_scope", "status", "for_foreigners"]
    search_fields = ["code", "name"]
    list_per_page = 50
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("code"),
                    FieldPanel("name"),
                    FieldPanel("field"),
                    FieldPanel("status"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("online_level"), FieldPanel("online_scope")]),
                    MultiFieldPanel(
                        [
                            FieldPanel("agency"),
                            FieldPanel("filing_channel"),
                            FieldPanel("applicant_signature_required"),
                            FieldPanel("fees_paid_at"),
                            FieldPanel("national_portal_url"),
                            FieldPanel("sample_dossier_url"),
                            FieldPanel("video_url"),
                        ],
                        heading=_("This province"),
                    ),
                ],
                heading=_("Procedure"),
            ),
            ObjectList(
                [
                    FieldPanel("subjects"),
                    FieldRowPanel(
                        [
                            FieldPanel("for_citizens"),
                            FieldPanel("for_businesses"),
                            FieldPanel("for_foreigners"),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("level_central"),
                            FieldPanel("level_province"),
                            FieldPanel("level_commune"),
                            FieldPanel("level_other"),
                        ]
                    ),
                    FieldPanel("is_sector_managed"),
                    FieldPanel("is_non_territorial"),
                    FieldPanel("promulgating_agency"),
                    FieldPanel("implementing_agencies"),
                    FieldPanel("competent_agencies"),
                    FieldPanel("delegated_agencies"),
                    FieldPanel("coordinating_agencies"),
                    FieldPanel("receiving_address"),
                    FieldPanel("requirements"),
                    FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                ],
                heading=_("Who and where"),
            ),
            ObjectList(
                [
                    InlinePanel("steps", heading=_("Steps"), label=_("step")),
                    InlinePanel(
                        "components", heading=_("Dossier components"), label=_("component")
                    ),
                ],
                heading=_("Steps and dossier"),
            ),
            ObjectList(
                [
                    InlinePanel("processing_times", heading=_("Processing times"), label=_("time")),
                    InlinePanel("fees", heading=_("Fees and charges"), label=_("fee")),
                    InlinePanel("results", heading=_("Results"), label=_("result")),
                    InlinePanel("legal_bases", heading=_("Legal basis"), label=_("document")),
                ],
                heading=_("Time, fees, results"),
            ),
        ]
    )


class FieldViewSet(SnippetViewSet):
    model = Field
    icon = "folder-open-inverse"
    menu_label = _("Fields")
    list_display = ["name", "ministry", "code"]
    search_fields = ["name", "ministry", "code"]


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "group"
    menu_label = _("Applicant types")
    list_display = ["code", "name", "is_foreign"]


class ProcedureGroup(SnippetViewSetGroup):
    items = (ProcedureViewSet, FieldViewSet, SubjectViewSet)
    menu_icon = "list-ul"
    menu_label = _("Administrative procedures")
    menu_order = 220


register_snippet(ProcedureGroup)
