"""Django forms built from a form definition's steps.

Answers are one flat dict keyed by field key, JSON-serialisable: text as str, dates as ISO strings,
numbers as decimal strings, an address as {"province", "commune", "street"}, a repeatable group as a
list of row dicts. Empty answers are "" (or [] for a group).

Buttons that only change the form (add or remove a group row, refresh the commune list) are submit
buttons named ACTION: they work without JavaScript. A form posted with one of them re-renders with
the typed data kept and reports `is_valid() == False` without showing errors (`form.rerender`).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import admin_units
from .validators import (
    normalise_citizen_id,
    normalise_phone,
    validate_citizen_id,
    validate_phone,
)

ACTION = "_eforms_action"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
ADDRESS_PARTS = ("province", "commune", "street")
_GROUPED_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def is_empty(value):
    return value in (None, "", [], {})


class DateField(forms.DateField):
    """Typed as dd/mm/yyyy (the browser's yyyy-mm-dd date input is accepted too); cleans to ISO."""

    widget = forms.DateInput(
        format="%d/%m/%Y",
        attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off"},
    )
    default_error_messages = {
        "invalid": _("Enter a date as dd/mm/yyyy, for example 05/09/2025."),
    }

    def __init__(self, *, period="any", **kwargs):
        self.period = period
        super().__init__(input_formats=DATE_INPUT_FORMATS, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                return value
        return value

    def validate(self, value):
        super().validate(value)
        today = timezone.localdate()
        if value and self.period == "past" and value > today:
            raise ValidationError(_("The date cannot be later than today."), code="future")
        if value and self.period == "future" and value < today:
            raise ValidationError(_("The date cannot be earlier than today."), code="past")

    def clean(self, value):
        value = super().clean(value)
        return value.isoformat() if value else ""


class NumberField(forms.DecimalField):
    """Accepts "1.250", "1250,5" (Vietnamese separators) and "1250.5"; cleans to a decimal string."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "").replace("\xa0", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _GROUPED_THOUSANDS.match(text) and (get_language() or "vi").startswith("vi"):
            text = text.replace(".", "")
        return super().to_python(text)

    def clean(self, value):
        value = super().clean(value)
        return "" if value is None else str(value)


class CitizenIdField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [validate_citizen_id])
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": 15})

    def to_python(self, value):
        return normalise_citizen_id(super().to_python(value))


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [validate_phone])
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel", "maxlength": 20})

    def to_python(self, value):
        return normalise_phone(super().to_python(value))


class CommuneField(forms.ChoiceField):
    """Its choices follow the chosen province; membership is checked by the form, with a clear message."""

    def valid_value(self, value):
        return True


def _province_choices():
    return [("", _("— Choose a province or city —")), *admin_units.provinces()]


def _commune_choices(province_code):
    if not province_code:
        return [("", _("— Choose the province first —"))]
    return [("", _("— Choose a commune or ward —")), *admin_units.communes(province_code)]


def _help(spec, extra=""):
    parts = [spec.get("help_text") or "", str(extra) if extra else ""]
    return " ".join(part for part in parts if part)


def build_field(spec):
    """One Django form field for a simple field spec (addresses are expanded by the form)."""
    kind = spec["type"]
    common = {"label": spec["label"], "required": bool(spec.get("required"))}
    help_text = spec.get("help_text") or ""
    if kind == "text":
        field = forms.CharField(max_length=spec.get("max_length") or 200, **common)
        if spec.get("prefill") == "full_name":
            field.widget.attrs["autocomplete"] = "name"
    elif kind == "long_text":
        field = forms.CharField(
            max_length=spec.get("max_length") or 2000,
            widget=forms.Textarea(attrs={"rows": 4}),
            **common,
        )
    elif kind == "number":
        places = spec.get("decimal_places") or 0
        field = NumberField(
            min_value=_decimal(spec.get("min_value")),
            max_value=_decimal(spec.get("max_value")),
            decimal_places=places,
            **common,
        )
    elif kind == "date":
        field = DateField(period=spec.get("period") or "any", **common)
        help_text = _help(spec, _("Format: dd/mm/yyyy."))
    elif kind == "choice":
        options = [(option, option) for option in spec.get("options") or []]
        if len(options) <= 4:
            field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        else:
            field = forms.ChoiceField(choices=[("", _("— Choose —")), *options], **common)
    elif kind == "citizen_id":
        field = CitizenIdField(**common)
        help_text = _help(spec, _("The 12 digits on the citizen ID card."))
    elif kind == "phone":
        field = PhoneField(**common)
    elif kind == "email":
        field = forms.EmailField(max_length=254, **common)
        field.widget.attrs["autocomplete"] = "email"
    else:
        raise ValueError(f"Unknown field type {kind!r}")
    field.help_text = help_text
    return field


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def address_parts(key):
    return {part: f"{key}__{part}" for part in ADDRESS_PARTS}


class FieldsForm(forms.Form):
    """A form for a list of simple field specs (a step without groups, or one group row)."""

    specs = ()
    template_name = "eforms/fields_form.html"

    def __init__(self, data=None, files=None, *, initial=None, **kwargs):
        initial = self.expand_initial(initial or {})
        super().__init__(data, files, initial=initial, **kwargs)
        for spec in self.specs:
            if spec["type"] == "address":
                self._set_commune_choices(spec)

    @classmethod
    def expand_initial(cls, answers):
        """Answers as the form's fields expect them: address dicts split into their parts."""
        initial = {}
        for spec in cls.specs:
            key = spec["key"]
            if key not in answers:
                continue
            value = answers[key]
            if spec["type"] == "address":
                value = value if isinstance(value, dict) else {}
                for part, name in address_parts(key).items():
                    initial[name] = value.get(part, "")
            else:
                initial[key] = value
        return initial

    def _set_commune_choices(self, spec):
        names = address_parts(spec["key"])
        if self.is_bound:
            province = self.data.get(self.add_prefix(names["province"]), "")
        else:
            province = self.initial.get(names["province"], "")
        province = province if admin_units.province_name(province) else ""
        self.fields[names["commune"]].choices = _commune_choices(province)
        province_widget = self.fields[names["province"]].widget
        province_widget.attrs["data-eforms-commune"] = self[names["commune"]].auto_id

    def clean(self):
        cleaned = super().clean()
        for spec in self.specs:
            if spec["type"] == "address":
                self._clean_address(spec, cleaned)
        return cleaned

    def _clean_address(self, spec, cleaned):
        key, names = spec["key"], address_parts(spec["key"])
        parts = {part: cleaned.pop(name, "") or "" for part, name in names.items()}
        if any(name in self.errors for name in names.values()):
            return
        if not any(parts.values()):
            cleaned[key] = ""
            return
        missing = False
        for part in ("province", "commune", "street"):
            if not parts[part]:
                self.add_error(names[part], _("This field is required."))
                missing = True
        if missing:
            return
        if not admin_units.commune_in_province(parts["commune"], parts["province"]):
            self.add_error(
                names["commune"],
                _("The chosen commune or ward does not belong to %(province)s.")
                % {"province": admin_units.province_name(parts["province"])},
            )
            return
        cleaned[key] = parts

    def full_clean(self):
        super().full_clean()
        # Errors point at their field for screen readers, as components/form_field.html lays them out.
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = [f"{bound.auto_id}-errors"]
                if self.fields[name].help_text:
                    described.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def layout(self):
        """What the template draws, in order: plain fields and address fieldsets."""
        items = []
        for spec in self.specs:
            if spec["type"] == "address":
                names = address_parts(spec["key"])
                items.append(
                    {
                        "kind": "address",
                        "spec": spec,
                        "label": spec["label"],
                        "help_text": spec.get("help_text") or "",
                        "required": bool(spec.get("required")),
                        "parts": [self[names[part]] for part in ADDRESS_PARTS],
                    }
                )
            elif spec["type"] != "group":
                items.append({"kind": "field", "field": self[spec["key"]]})
        return items


def fields_form_class(specs, name="FieldsForm", base=FieldsForm):
    attrs = {"specs": tuple(specs)}
    for spec in specs:
        if spec["type"] == "address":
            names = address_parts(spec["key"])
            required = bool(spec.get("required"))
            attrs[names["province"]] = forms.ChoiceField(
                label=_("Province or city"), choices=_province_choices, required=required
            )
            attrs[names["commune"]] = CommuneField(
                label=_("Commune or ward"), choices=(), required=required
            )
            attrs[names["commune"]].widget.attrs.update(
                {
                    "data-eforms-choose": _("— Choose a commune or ward —"),
                    "data-eforms-choose-province": _("— Choose the province first —"),
                }
            )
            attrs[names["street"]] = forms.CharField(
                label=_("House number, street, hamlet"),
                max_length=200,
                required=required,
                widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
            )
            attrs[names["province"]].widget.attrs["data-eforms-province"] = ""
        elif spec["type"] != "group":
            attrs[spec["key"]] = build_field(spec)
    return type(name, (base,), attrs)


class GroupFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("Fill in at least %(num)d row."),
        "too_many_forms": _("Fill in at most %(num)d rows."),
    }

    def initial_form_count(self):
        # Every row may be emptied or removed: none is an "existing" row in Django's sense.
        return 0 if not self.is_bound else super().initial_form_count()

    def total_form_count(self):
        if self.is_bound:
            return super().total_form_count()
        return min(max(len(self.initial or ()), self.min_num, 1), self.max_num)

    @property
    def rows(self):
        """The rows' forms, each with its 1-based number."""
        return [(number, form) for number, form in enumerate(self.forms, start=1)]

    def row_values(self):
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not is_empty_row(form.cleaned_data)
        ]


def is_empty_row(row):
    return all(is_empty(value) for value in row.values())


class StepForm(FieldsForm):
    """One step: simple fields, addresses and repeatable groups (as formsets)."""

    template_name = "eforms/step_form.html"
    step = None

    def __init__(self, data=None, files=None, *, initial=None, **kwargs):
        answers = initial or {}
        self.action = ""
        if data is not None:
            self.action = str(data.get(ACTION, ""))
            if self.action:
                data = self._apply_action(data, kwargs.get("prefix"))
        super().__init__(data, files, initial=answers, **kwargs)
        self.groups = {}
        for spec in self.specs:
            if spec["type"] == "group":
                self.groups[spec["key"]] = self._formset(spec, answers.get(spec["key"]))

    @property
    def rerender(self):
        """True when the post only asked to add or remove a row or refresh the commune list."""
        return bool(self.is_bound and self.action)

    @staticmethod
    def _group_prefix(key, prefix):
        return f"{prefix}-{key}" if prefix else key

    def _formset(self, spec, rows):
        row_form = fields_form_class(spec["fields"], name=f"Row_{spec['key']}")
        max_rows = spec.get("max_rows") or 10
        formset_class = forms.formset_factory(
            row_form,
            formset=GroupFormSet,
            extra=0,
            min_num=1 if spec.get("required") else 0,
            validate_min=True,
            max_num=max_rows,
            validate_max=True,
            absolute_max=max_rows,
        )
        prefix = self._group_prefix(spec["key"], self.prefix)
        if self.is_bound:
            formset = formset_class(self.data, prefix=prefix)
        else:
            initial = [row for row in rows or [] if isinstance(row, dict)]
            formset = formset_class(
                initial=[row_form.expand_initial(row) for row in initial] or None, prefix=prefix
            )
        formset.spec = spec
        return formset

    def _apply_action(self, data, prefix):
        """Add a blank row, remove row n, or just re-render (commune list), on a copy of the data."""
        data = data.copy()
        data.pop(ACTION, None)
        verb, _sep, rest = self.action.partition(":")
        for spec in self.specs:
            if spec["type"] != "group":
                continue
            group = self._group_prefix(spec["key"], prefix)
            total_name = f"{group}-TOTAL_FORMS"
            try:
                total = max(0, int(data.get(total_name, 0)))
            except (TypeError, ValueError):
                total = 0
            if verb == "add" and rest == spec["key"]:
                data[total_name] = str(min(total + 1, spec.get("max_rows") or 10))
            elif verb == "remove" and rest.startswith(f"{spec['key']}:"):
                try:
                    removed = int(rest.rpartition(":")[2])
                except ValueError:
                    continue
                if not 0 <= removed < total:
                    continue
                names = list(fields_form_class(spec["fields"]).base_fields)
                for index in range(removed, total - 1):
                    for name in names:
                        data[f"{group}-{index}-{name}"] = data.get(
                            f"{group}-{index + 1}-{name}", ""
                        )
                for name in names:
                    data.pop(f"{group}-{total - 1}-{name}", None)
                data[total_name] = str(total - 1)
        return data

    def full_clean(self):
        if self.rerender:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()
        if not self.is_bound:
            return
        for key, formset in self.groups.items():
            if formset.is_valid():
                self.cleaned_data[key] = formset.row_values()
            else:
                self._errors[key] = self.error_class(
                    [_("Check the rows of “%(label)s”.") % {"label": formset.spec["label"]}]
                )
                self.cleaned_data.pop(key, None)

    def is_valid(self):
        return not self.rerender and super().is_valid()

    @property
    def error_summary(self):
        """(input id, "Label: message") for every error of the step, group rows included, in order,
        for an error summary whose links move the focus to the field."""
        lines = [(None, str(error)) for error in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name in self.fields:
                bound = self[name]
                lines.extend((bound.id_for_label, f"{bound.label}: {error}") for error in errors)
        for formset in self.groups.values():
            label = formset.spec["label"]
            anchor = f"{formset.prefix}-group"
            lines.extend((anchor, f"{label}: {error}") for error in formset.non_form_errors())
            for number, row in formset.rows:
                for name, errors in row.errors.items():
                    bound = row[name] if name in row.fields else None
                    lines.extend(
                        (
                            bound.id_for_label if bound else anchor,
                            f"{label} ({number}) – {bound.label if bound else ''}: {error}",
                        )
                        for error in errors
                    )
        return lines

    @property
    def layout(self):
        items = super().layout
        result, plain = [], iter(items)
        for spec in self.specs:
            if spec["type"] == "group":
                result.append({"kind": "group", "spec": spec, "formset": self.groups[spec["key"]]})
            else:
                result.append(next(plain))
        return result


def step_form_class(step):
    form_class = fields_form_class(step["fields"], name="StepForm", base=StepForm)
    form_class.step = step
    return form_class


def answers_to_data(specs, answers, prefix=""):
    """POST-shaped data for the answers, so stored answers are validated by the same rules."""
    data = {}

    def name(key):
        return f"{prefix}-{key}" if prefix else key

    for spec in specs:
        key, value = spec["key"], answers.get(spec["key"], "")
        if spec["type"] == "address":
            value = value if isinstance(value, dict) else {}
            for part, part_name in address_parts(key).items():
                data[name(part_name)] = value.get(part, "") or ""
        elif spec["type"] == "group":
            rows = [row for row in value or [] if isinstance(row, dict)]
            group = name(key)
            data[f"{group}-TOTAL_FORMS"] = str(len(rows))
            data[f"{group}-INITIAL_FORMS"] = "0"
            for index, row in enumerate(rows):
                data.update(answers_to_data(spec["fields"], row, prefix=f"{group}-{index}"))
        elif spec["type"] == "number" and value not in (None, ""):
            # A decimal comma is read the same way in every language; "1.500" is not.
            data[name(key)] = str(value).replace(".", ",")
        elif value is not None:
            data[name(key)] = str(value)
    return data
