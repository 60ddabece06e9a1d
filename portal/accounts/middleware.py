import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LAST_SEEN = "portal_last_seen"
LAST_SEEN_RESOLUTION = 60
STAFF_PREFIXES = ("/quan-tri/",)


def is_account_path(path):
    return "/tai-khoan/" in path or path.startswith(("/static/", "/media/", "/healthz"))


def seen_within_the_minute(request):
    last_seen = request.session.get(LAST_SEEN)
    return last_seen is not None and time.time() - last_seen < LAST_SEEN_RESOLUTION


class UserSessionsMiddleware:
    """allauth's record of a user's sessions (device, address, last seen), brought up to date at
    most once a minute per session, as LAST_SEEN is: allauth's own middleware does it on every
    request, a transaction and a write that cost a signed-in page about a tenth of its time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from allauth.usersessions import app_settings
        from allauth.usersessions.models import UserSession

        if (
            app_settings.TRACK_ACTIVITY
            and request.user.is_authenticated
            and request.session.session_key
            and not seen_within_the_minute(request)
        ):
            UserSession.objects.create_from_request(request)
        return self.get_response(request)


class SessionPolicyMiddleware:
    """Idle timeouts by role; consent before a citizen's first use; MFA before any staff screen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            role = user.session_role
            now = time.time()
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_MINUTES[role] * 60:
                logout(request)
                messages.info(
                    request,
                    _("Your session ended after a period of inactivity. Please log in again."),
                )
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN not in request.session:
                # Writing the session on every request would cost a database write per page view;
                # idle limits are counted in minutes, so a minute's resolution is enough.
                request.session[LAST_SEEN] = now
            if (
                role == "citizen"
                and user.consented_at is None
                and not is_account_path(request.path)
            ):
                # People who arrive through the national SSO skipped the sign-up form and its consent.
                return redirect(f"{reverse('consent')}?next={request.get_full_path()}")
            if (
                role != "citizen"
                and request.path.startswith(STAFF_PREFIXES)
                and not is_mfa_enabled(user)
            ):
                messages.warning(
                    request,
                    _(
                        "Staff accounts must set up two-step verification before using the staff screens."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
