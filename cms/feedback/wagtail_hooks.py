"""Moderation of questions in the Wagtail admin: filters by status and deadline, the answer form."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Question


class DeadlineFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Question.Status.choices)
    deadline = django_filters.ChoiceFilter(
        label=_("Deadline"),
        choices=[("overdue", _("Overdue")), ("due_soon", _("Due within 3 days"))],
        method="filter_deadline",
        empty_label=_("Any"),
    )
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Question.Topic.choices)
    is_published = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = Question
        fields = ["status", "deadline", "topic", "is_published"]

    def filter_deadline(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        if value == "due_soon":
            return queryset.due_soon()
        return queryset


class DueColumn(DateColumn):
    """The 15-working-day deadline, flagged when an open question passed it."""

    cell_template_name = "feedback/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_overdue(timezone.localdate())
        return context


class AnsweringMixin:
    def save_instance(self):
        question = self.form.instance
        if question.status == Question.Status.ANSWERED and question.answered_by_id is None:
            question.answered_by = self.request.user
        return super().save_instance()


class QuestionEditView(AnsweringMixin, EditView):
    pass


class QuestionCreateView(AnsweringMixin, CreateView):
    pass


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions and answers")
    menu_order = 220
    add_to_admin_menu = True
    url_prefix = "hoi-dap"
    inspect_view_enabled = True
    inspect_view_fields = [
        "tracking_code",
        "asker_name",
        "email",
        "phone",
        "topic",
        "title",
        "text",
        "language",
        "submitted_at",
        "due_on",
        "status",
        "answer",
        "answered_by",
        "answered_at",
        "is_published",
        "updated_at",
    ]
    filterset_class = DeadlineFilterSet
    search_fields = ["tracking_code", "title", "text", "asker_name"]
    list_display = [
        Column("tracking_code", label=_("Tracking code")),
        "title",
        "status",
        DateColumn("submitted_at", label=_("Submitted on")),
        DueColumn("due_on", label=_("Answer due on")),
        Column("is_published", label=_("Published")),
    ]
    ordering = ["due_on"]
    edit_view_class = QuestionEditView
    add_view_class = QuestionCreateView
    list_export = [
        "tracking_code",
        "title",
        "topic",
        "status",
        "submitted_at",
        "due_on",
        "answered_at",
    ]


question_viewset = QuestionViewSet("feedback_questions")


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return question_viewset
