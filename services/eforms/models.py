from decimal import Decimal
from functools import cached_property

from django.db import models
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from . import admin_units
from .blocks import StepsBlock
from .forms import answers_to_data, is_empty, is_empty_row, step_form_class


class FormDefinition(models.Model):
    """The interactive e-form (tờ khai điện tử) of one procedure, laid out in steps by editors.

    Answers are one flat dict keyed by field key; see services/eforms/forms.py for the value shapes.
    """

    procedure = models.OneToOneField(
        "procedures.Procedure",
        on_delete=models.CASCADE,
        related_name="form_definition",
        verbose_name=_("procedure"),
    )
    steps = StreamField(
        StepsBlock(),
        verbose_name=_("steps"),
        help_text=_("Each step is one screen of the form; keep steps short for phones."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [FieldPanel("procedure"), FieldPanel("steps")]

    class Meta:
        verbose_name = _("e-form")
        verbose_name_plural = _("e-forms")

    def __str__(self):
        return gettext("E-form: %(procedure)s") % {"procedure": self.procedure.name}

    def save(self, *args, **kwargs):
        self.__dict__.pop("spec", None)
        super().save(*args, **kwargs)

    @cached_property
    def spec(self):
        """The steps as plain data: [{"title", "help", "fields": [{"type", "key", "label", …}]}]."""
        return [
            {
                "title": step.value["title"],
                "help": step.value["help"],
                "fields": [_field_spec(child) for child in step.value["fields"]],
            }
            for step in self.steps
        ]

    @property
    def step_count(self):
        return len(self.spec)

    def step_title(self, index):
        return self.spec[index]["title"]

    def step_help(self, index):
        return self.spec[index]["help"]

    def step_form(self, index, *, data=None, initial=None, prefix=None):
        """The Django form of step `index` (0-based); its cleaned_data is JSON-serialisable."""
        return step_form_class(self.spec[index])(data, initial=initial or {}, prefix=prefix)

    def fields(self):
        """Every top-level field spec, in order."""
        return [field for step in self.spec for field in step["fields"]]

    def prefill(self, user, earlier_answers=None):
        """Initial answers: the person's earlier answers for this form, then their account's data."""
        earlier = earlier_answers or {}
        answers = {}
        for field in self.fields():
            key = field["key"]
            if not is_empty(earlier.get(key)):
                answers[key] = earlier[key]
            source = field.get("prefill")
            if source and user is not None and getattr(user, "is_authenticated", False):
                value = _profile_value(user, source)
                if value:
                    answers[key] = value
        return answers

    def validate_answers(self, answers):
        """Errors per step index, as "Label: message" lines; an empty dict when every step is complete."""
        answers = answers or {}
        problems = {}
        for index, step in enumerate(self.spec):
            form = self.step_form(index, data=answers_to_data(step["fields"], answers))
            if form.is_valid():
                continue
            messages = []
            for name, errors in form.errors.items():
                if name in form.groups:
                    continue
                label = _error_label(form, name)
                messages.extend(f"{label}: {error}" if label else str(error) for error in errors)
            for formset in form.groups.values():
                label = formset.spec["label"]
                messages.extend(f"{label}: {error}" for error in formset.non_form_errors())
                for number, row in formset.rows:
                    for name, errors in row.errors.items():
                        row_label = _error_label(row, name)
                        messages.extend(
                            f"{label} ({number}) – {row_label}: {error}" for error in errors
                        )
            problems[index] = messages
        return problems

    def summary(self, answers):
        """(label, display value) pairs for a receipt; unanswered optional fields are left out."""
        answers = answers or {}
        lines = []
        for field in self.fields():
            value = answers.get(field["key"])
            if field["type"] == "group":
                rows = [
                    row for row in value or [] if isinstance(row, dict) and not is_empty_row(row)
                ]
                for number, row in enumerate(rows, start=1):
                    parts = [
                        f"{sub['label']}: {display_value(sub, row.get(sub['key']))}"
                        for sub in field["fields"]
                        if not is_empty(row.get(sub["key"]))
                    ]
                    lines.append((f"{field['label']} ({number})", "; ".join(parts)))
            elif not is_empty(value):
                lines.append((field["label"], display_value(field, value)))
        return lines


def _field_spec(child):
    value = child.value
    spec = {"type": child.block_type}
    for name in value:
        item = value[name]
        if name == "fields":
            spec[name] = [_field_spec(sub) for sub in item]
        elif name == "options":
            spec[name] = [str(option) for option in item]
        else:
            spec[name] = item
    return spec


def _profile_value(user, source):
    if source == "full_name":
        return user.get_full_name()
    if source == "phone":
        return getattr(user, "phone", "")
    if source == "email":
        return user.email
    return ""


def _error_label(form, name):
    if name in form.fields:
        return str(form.fields[name].label)
    spec = next((spec for spec in form.specs if spec["key"] == name), None)
    return spec["label"] if spec else ""


def display_value(spec, value):
    """How an answer reads on a receipt: dates dd/mm/yyyy, place names instead of codes."""
    if is_empty(value):
        return ""
    kind = spec["type"]
    if kind == "date":
        day = parse_date(str(value))
        return day.strftime("%d/%m/%Y") if day else str(value)
    if kind == "address" and isinstance(value, dict):
        parts = [
            value.get("street", ""),
            admin_units.commune_name(value.get("commune", "")),
            admin_units.province_name(value.get("province", "")),
        ]
        return ", ".join(part for part in parts if part)
    if kind == "number":
        try:
            return formats.number_format(Decimal(str(value)), use_l10n=True, force_grouping=True)
        except (TypeError, ValueError, ArithmeticError):
            return str(value)
    return str(value)
