from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LegalDocument


class LegalDocumentViewSet(SnippetViewSet):
    model = LegalDocument
    icon = "doc-full"
    menu_label = _("Legal documents")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["number_symbol", "form", "authority", "issued_on", "status"]
    list_filter = ["form", "status", "authority_code"]
    search_fields = ["number_symbol", "summary"]


register_snippet(LegalDocumentViewSet)
