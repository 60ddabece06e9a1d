from django import forms
from django.utils.translation import gettext_lazy as _

from portal.text import nfc

from .models import Question


class QuestionForm(forms.ModelForm):
    # Hidden from people (the wrapper has the `hidden` attribute); robots that fill every field
    # fill this one too.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    class Meta:
        model = Question
        fields = ["asker_name", "email", "phone", "topic", "title", "text"]
        labels = {"asker_name": _("Your name"), "text": _("Your question")}
        help_texts = {
            "email": _("Optional. We send the tracking code and the answer to this address."),
            "phone": _("Optional. Only the editorial board sees it, to call you if needed."),
            "text": _("Do not write identity card numbers or other personal details here."),
        }
        widgets = {
            "asker_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "title": forms.TextInput(attrs={"maxlength": 200}),
            "text": forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["text"].max_length = 5000
        # Error messages point at their field (aria-describedby), as components/form_field does.
        if self.is_bound:
            for name in self.errors:
                if name in self.fields:
                    described = [f"id_{name}-errors"]
                    if self.fields[name].help_text:
                        described.append(f"id_{name}_helptext")
                    self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)

    def clean_phone(self):
        phone = "".join(self.cleaned_data["phone"].split())
        digits = phone[1:] if phone.startswith("+") else phone
        if phone and (not digits.replace(".", "").isdigit() or not 9 <= len(digits) <= 15):
            raise forms.ValidationError(_("Enter a phone number of 9 to 15 digits."))
        return phone

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Write your question in at least 10 characters."))
        if len(text) > 5000:
            raise forms.ValidationError(_("Write at most 5,000 characters."))
        return text

    def clean_title(self):
        return nfc(self.cleaned_data["title"])

    @property
    def is_robot(self):
        return bool(self.data.get("website", "").strip())
