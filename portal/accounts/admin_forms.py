from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

EXTRA_FIELDS = ("full_name", "phone", "agency")


class FullNameMixin:
    """Vietnamese names are one field (họ và tên); Wagtail's first and last name become optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False
        self.fields["full_name"].required = True


class StaffCreationForm(FullNameMixin, UserCreationForm):
    """Administrators create staff without a password: the person gets an invitation link."""

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(EXTRA_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email"):
            self.add_error(
                "email", _("Staff accounts need an official e-mail address for the invitation.")
            )
        if not cleaned.get("agency") and not cleaned.get("is_superuser"):
            self.add_error("agency", _("Every staff account belongs to an agency."))
        return cleaned


class StaffEditForm(FullNameMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(EXTRA_FIELDS)


class UnlockForm(forms.Form):
    login = forms.CharField(label=_("Username or e-mail address"), max_length=254)
    ip = forms.GenericIPAddressField(label=_("IP address (optional)"), required=False)
