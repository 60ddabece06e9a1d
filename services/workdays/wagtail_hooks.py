from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarDay


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Holidays and working days")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["date", "name", "kind", "source", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["-date"]


register_snippet(CalendarDayViewSet)


@hooks.register("after_edit_snippet")
def mark_seeded_day_as_edited(request, instance):
    # An edited day is the editor's from now on: the list shows it, and seeding never touches it.
    if isinstance(instance, CalendarDay) and instance.source != CalendarDay.Source.EDITOR:
        CalendarDay.objects.filter(pk=instance.pk).update(source=CalendarDay.Source.EDITOR)
