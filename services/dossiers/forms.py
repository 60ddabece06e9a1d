from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Rating


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Dossier code"),
        max_length=60,
        help_text=_("As printed on the receipt, e.g. 000.00.12.H99-261122-0001."),
    )

    def clean_ma(self):
        return self.cleaned_data["ma"].strip().upper()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=1000, widget=forms.Textarea
    )
    confirm = forms.BooleanField(
        label=_("I understand that the dossier will stop being processed and cannot be reopened."),
    )


class RatingForm(forms.Form):
    level = forms.ChoiceField(
        label=_("How satisfied are you with the handling of this dossier?"),
        choices=Rating.Level.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )
