from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ConsultationComment


class CommentForm(forms.ModelForm):
    """A public comment on a draft. `website` is a trap for robots: people never see it."""

    comment = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ConsultationComment
        fields = ["name", "organisation", "email", "comment"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "email": _("Optional. Only the editors see it; it is never published."),
            "organisation": _("Optional."),
        }

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""
