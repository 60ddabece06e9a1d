"""Forms of the back office: inbox filters and the receiving desk's actions."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.choices import LongModelChoiceField
from services.dossiers.models import Dossier
from services.procedures.models import Field, Procedure

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")
PHONE = re.compile(r"^\+?\d{8,15}$")


class DateInput(forms.DateInput):
    """A plain text box in dd/mm/yyyy: the office PCs' old browsers have no date picker."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})},
            format="%d/%m/%Y",
        )


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Dossier code or applicant"), required=False, max_length=100)
    procedure = LongModelChoiceField(
        label=_("Procedure"),
        queryset=Procedure.objects.none(),
        label_fields=("code", "name"),
        label_format="{} – {}",
        required=False,
    )
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    submitted_from = forms.DateField(
        label=_("Submitted from"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    submitted_to = forms.DateField(
        label=_("Submitted until"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once as a list: as a subquery it was planned twice, each time over every dossier
        # of the agency (250 ms of the inbox over 1,000,000 dossiers in make bench).
        procedure_ids = set(dossiers.order_by().values_list("procedure_id", flat=True).distinct())
        self.fields["procedure"].queryset = Procedure.objects.filter(pk__in=procedure_ids).order_by(
            "name"
        )
        self.fields["field"].queryset = Field.objects.filter(
            procedures__pk__in=procedure_ids
        ).distinct()
        any_choice = [("", _("Any"))]
        self.fields["status"].choices = any_choice + [
            (value, label) for value, label in Dossier.Status.choices if value != "0"
        ]
        self.fields["channel"].choices = any_choice + list(Dossier.Channel.choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", _("The end date is before the start date."))
        return data

    def filter(self, queryset, calendar_tz):
        """The queryset narrowed by the valid filters (an invalid form narrows nothing)."""
        from datetime import datetime, time, timedelta

        from . import desk

        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        queryset = desk.find_by_code_or_name(queryset, data.get("q") or "")
        if data.get("procedure"):
            queryset = queryset.filter(procedure=data["procedure"])
        if data.get("field"):
            queryset = queryset.filter(procedure__field=data["field"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("channel"):
            queryset = queryset.filter(channel=data["channel"])
        if data.get("submitted_from"):
            start = datetime.combine(data["submitted_from"], time.min, calendar_tz)
            queryset = queryset.filter(submitted_at__gte=start)
        if data.get("submitted_to"):
            end = datetime.combine(data["submitted_to"] + timedelta(days=1), time.min, calendar_tz)
            queryset = queryset.filter(submitted_at__lt=end)
        return queryset

    def active(self):
        return self.is_valid() and any(value for value in self.cleaned_data.values())


class ReceiveForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SupplementItemForm(forms.Form):
    item = forms.CharField(label=_("Document to add or correct"), required=False, max_length=500)
    reason = forms.CharField(label=_("Why"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("reason") and not data.get("item"):
            self.add_error("item", _("Name the document this reason is about."))
        return data


SupplementItemFormSet = forms.formset_factory(SupplementItemForm, extra=4, max_num=30)


class SupplementForm(forms.Form):
    reason = forms.CharField(
        label=_("General reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact = forms.CharField(
        label=_("Contact person and phone for help"),
        max_length=255,
        error_messages={"required": _("Give a contact person and phone number for help.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reasons.")},
    )


class ProcedureChoiceForm(forms.Form):
    procedure = forms.ModelChoiceField(
        label=_("Procedure"),
        queryset=Procedure.objects.none(),
        error_messages={"required": _("Choose the procedure.")},
    )
    channel = forms.ChoiceField(
        label=_("How the dossier arrived"),
        choices=[
            (Dossier.Channel.COUNTER, _("At the one-stop counter")),
            (Dossier.Channel.POST, _("By post")),
        ],
        widget=forms.RadioSelect,
        initial=Dossier.Channel.COUNTER,
    )

    def __init__(self, *args, procedures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = procedures


class IntakeForm(forms.Form):
    """The applicant, as on the paper form, and one scan per dossier component."""

    full_name = forms.CharField(
        label=_("Applicant's full name"),
        max_length=150,
        error_messages={"required": _("Enter the applicant's full name.")},
    )
    id_number = forms.CharField(
        label=_("Personal identification number"),
        max_length=12,
        help_text=_("12 digits (citizen ID) or 9 digits (old ID card)."),
        error_messages={"required": _("Enter the identification number.")},
    )
    phone = forms.CharField(label=_("Phone number"), max_length=16, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, procedure, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.components = list(procedure.components_for())
        for component in self.components:
            self.fields[f"component-{component.pk}"] = forms.FileField(
                label=component.name,
                required=False,
                help_text=_("Required") if component.is_required else _("If handed in"),
            )

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip()
        if not ID_NUMBER.match(value):
            raise forms.ValidationError(
                _("An identification number has 12 digits (or 9 on an old ID card).")
            )
        return value

    def clean_phone(self):
        value = re.sub(r"[\s.-]", "", self.cleaned_data["phone"])
        if value and not PHONE.match(value):
            raise forms.ValidationError(_("Enter a phone number of 8 to 15 digits."))
        return value

    def clean(self):
        from services.files.uploads import UploadRefused, inspect_upload

        data = super().clean()
        self.scans = []
        for component in self.components:
            name = f"component-{component.pk}"
            uploaded = data.get(name)
            if not uploaded:
                if component.is_required:
                    self.add_error(name, _("Scan this required document."))
                continue
            try:
                inspect_upload(uploaded)
            except UploadRefused as refusal:
                self.add_error(name, refusal.message)
            else:
                self.scans.append((component, uploaded))
        return data

    def component_fields(self):
        return [self[f"component-{component.pk}"] for component in self.components]

    def applicant_fields(self):
        return [self[name] for name in ("full_name", "id_number", "phone", "email", "address")]
