"""Use cases around staff accounts that span several models and the request."""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import audit
from .adapters import find_user
from .models import AuditEvent


def invitation_url(request, user):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def invite_staff(user, request):
    """A new staff account gets no password anyone knows: only a one-time link to choose one."""
    user.set_unusable_password()
    user.is_staff = True
    user.save(update_fields=["password", "is_staff"])
    if user.email:
        # The invitation goes to the official address the administrator typed: following its
        # link proves the address as a verification e-mail would.
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"primary": True, "verified": True}
        )
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("Your staff account on the provincial portal"),
            _(
                "An administrator created the account %(username)s for you. Choose your password with "
                "this one-time link, then set up two-step verification:\n\n%(url)s\n\n"
                "The link works once and expires in 3 days."
            )
            % {"username": user.get_username(), "url": invitation_url(request, user)},
            None,
            [user.email],
        )


def unlock(login, *, ip=None, by, request):
    """Lift a failed-login lock on an account (and, when given, on an address)."""
    user = find_user(login)
    key = f"user:{user.pk}" if user else f"login:{login.lower()}"
    ratelimit.clear(request, app="allauth.account", action="login_failed", key=key)
    if ip:
        # The per-address counter is keyed by the client address of the request it is cleared for.
        from_address = HttpRequest()
        from_address.META = {"REMOTE_ADDR": ip}
        ratelimit.clear(from_address, app="allauth.account", action="login_failed", key=key)
    audit.record(
        AuditEvent.Action.UNLOCKED,
        actor=by,
        subject=user,
        request=request,
        login=login,
        ip_unlocked=ip or "",
    )
    return user
