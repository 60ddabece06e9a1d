from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import AuditEvent


@dataclass(frozen=True)
class PortalSite:
    name: str
    domain: str


def find_user(login):
    if not login:
        return None
    return (
        get_user_model().objects.filter(Q(username__iexact=login) | Q(email__iexact=login)).first()
    )


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed logins. This account or your network is locked for 15 minutes; "
            "try again later or ask the administrator to unlock it."
        ),
    }

    def send_mail(self, template_prefix, email, context):
        # allauth names the sender by host ("Hello from localhost"); people should read the portal's name.
        request = context.get("request") or self.request
        if request is not None and "current_site" not in context:
            from cms.templatetags.portal_tags import portal_settings_for

            name = portal_settings_for(request).localized("portal_name", translation.get_language())
            context = {
                **context,
                "current_site": PortalSite(name or request.get_host(), request.get_host()),
            }
        super().send_mail(template_prefix, email, context)

    def is_open_for_signup(self, request):
        return settings.CITIZEN_LOCAL_PASSWORDS

    def get_client_ip(self, request):
        # Behind our proxy REMOTE_ADDR is the proxy itself: allauth's per-address limits would
        # count every citizen as one. The audit log's client address is the one to count.
        return audit.client_ip(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys failed logins by the typed login, so an account reachable by both its
        # e-mail address and its username would get twice the allowance. Key by the account.
        login = credentials.get("email", credentials.get("username", ""))
        user = find_user(login)
        return f"user:{user.pk}" if user else f"login:{login.lower()}"

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            audit.record(
                AuditEvent.Action.LOCKED_OUT,
                subject=find_user(credentials.get("email") or credentials.get("username")),
                request=request,
                login=credentials.get("email") or credentials.get("username", ""),
            )
            raise

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if (
            user is not None
            and not settings.CITIZEN_LOCAL_PASSWORDS
            and user.session_role == "citizen"
        ):
            # Citizens must use the national SSO; their local password no longer opens a session.
            return None
        return user

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        login = credentials.get("email") or credentials.get("username", "")
        audit.record(
            AuditEvent.Action.LOGIN_FAILED, subject=find_user(login), request=request, login=login
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = " ".join(part for part in (data.get("last_name"), data.get("first_name")) if part)
        user.full_name = data.get("name") or name
        return user
