from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FormDefinition


class FormDefinitionViewSet(SnippetViewSet):
    model = FormDefinition
    icon = "form"
    menu_label = _("E-forms")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["procedure", "updated_at"]
    search_fields = []
    ordering = ["procedure__code"]


register_snippet(FormDefinitionViewSet)
