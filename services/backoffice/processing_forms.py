"""Forms of the processing screens: plain server-rendered forms, one per officer action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Agency

from . import processing
from .models import ResultDelivery

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _text(rows=4, max_length=4000, **kwargs):
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": rows}), max_length=max_length, **kwargs
    )


class DateField(forms.DateField):
    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("help_text", _("Day/month/year, for example 25/03/2026."))
        super().__init__(**kwargs)


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class AssignForm(forms.Form):
    handler = HandlerChoiceField(
        label=_("Handler"), queryset=Agency.objects.none(), empty_label=_("— choose —")
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = processing.handler_choices(dossier)


class AppraisalForm(forms.Form):
    text = _text(rows=6, label=_("Appraisal findings"))


class VisitForm(forms.Form):
    visited_on = DateField(label=_("Date of the visit"))
    place = forms.CharField(label=_("Place"), max_length=255)
    participants = _text(rows=2, label=_("Participants"), required=False, max_length=1000)
    findings = _text(rows=5, label=_("Findings"))


class ConsultForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label=_("Units to consult"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    question = _text(rows=5, label=_("Question or task"))
    working_days = forms.IntegerField(
        label=_("Deadline for the answer (working days)"),
        min_value=1,
        max_value=processing.MAX_CONSULTATION_DAYS,
        initial=3,
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = processing.consultable_agencies(dossier)


class AnswerForm(forms.Form):
    answer = _text(rows=6, label=_("Answer of your unit"))
    file = forms.FileField(label=_("Attached document (optional)"), required=False)


class TransferForm(forms.Form):
    to_agency = forms.ModelChoiceField(
        label=_("Agency to transfer to"),
        queryset=Agency.objects.none(),
        empty_label=_("— choose —"),
    )
    note = _text(rows=3, label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = processing.transfer_targets(dossier)


class SubmitResultForm(forms.Form):
    summary = _text(rows=6, label=_("Content of the result"))
    file = forms.FileField(
        label=_("Result document (PDF, optional)"),
        required=False,
        help_text=_("Without a file, the result document is generated from the content above."),
    )


class RevisionForm(forms.Form):
    reason = _text(rows=4, label=_("What must be corrected"))


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the result and sign it on behalf of the agency.")
    )


class ExtensionForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Additional working days"),
        min_value=1,
        max_value=processing.MAX_EXTENSION_DAYS,
    )
    reason = _text(rows=4, label=_("Reason for the delay"))


class ReturnForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How the result is returned"),
        choices=[
            (ResultDelivery.Method.COUNTER, ResultDelivery.Method.COUNTER.label),
            (ResultDelivery.Method.POST, ResultDelivery.Method.POST.label),
            (ResultDelivery.Method.ONLINE, ResultDelivery.Method.ONLINE.label),
        ],
        widget=forms.RadioSelect,
    )
    note = _text(rows=2, label=_("Note"), required=False, max_length=1000)


class RegisterForm(forms.Form):
    start = DateField(label=_("From"))
    end = DateField(label=_("To"))
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.all(), required=False
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("PDF (A4)")), ("xlsx", _("Spreadsheet (xlsx)"))],
        widget=forms.RadioSelect,
        initial="pdf",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_superuser:
            del self.fields["agency"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        if start and end and (end - start).days > 366:
            raise forms.ValidationError(_("Choose a period of at most one year."))
        return cleaned
