import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PHONE = re.compile(r"^(\+84|0)\d{9,10}$")


CONSENT_LABEL = _(
    "I agree that the provincial People's Committee processes my personal data to handle "
    "my administrative procedures and to contact me about them (Law 91/2025 on personal "
    "data protection)."
)
CONSENT_REQUIRED = _("You must agree to the processing of your data to sign up.")


class ConsentForm(forms.Form):
    consent = forms.BooleanField(label=CONSENT_LABEL, error_messages={"required": CONSENT_REQUIRED})


class SignupDetailsForm(forms.Form):
    """What a citizen adds to e-mail and password when signing up (allauth's signup form mixes it in)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        help_text=_("For text messages about your dossiers, e.g. 0912345678."),
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, error_messages={"required": CONSENT_REQUIRED})

    def clean_phone(self):
        phone = re.sub(r"[\s.\-]", "", self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a Vietnamese phone number, e.g. 0912345678."))
        return phone

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.phone = self.cleaned_data["phone"]
        user.consented_at = timezone.now()
        user.save(update_fields=["full_name", "phone", "consented_at"])
