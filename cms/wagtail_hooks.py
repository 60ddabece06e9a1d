from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


@hooks.register("insert_global_admin_js")
def admin_accessibility_fixes():
    """Names the rich-text editors after their labels (see portal/static/js/admin-a11y.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-a11y.js"))
