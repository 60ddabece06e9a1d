"""allauth's two-step verification forms, where ours must differ (MFA_FORMS in the settings)."""

from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django.utils.translation import gettext_lazy as _


class AddSecurityKeyForm(AddWebAuthnForm):
    """allauth leaves the key's name unlabelled, so Django would show its English field name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of the security key")
