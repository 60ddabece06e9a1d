from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit
from .models import AuditEvent, User


def staff_accounts():
    return User.objects.filter(is_active=True).filter(Q(is_staff=True) | Q(is_superuser=True))


def last_active(user):
    return user.last_login or user.date_joined


@shared_task
def disable_dormant_staff():
    """Disable staff accounts unused for STAFF_DORMANT_DAYS; warn a week before (security level 3)."""
    now = timezone.now()
    dormant_after = timedelta(days=settings.STAFF_DORMANT_DAYS)
    warn_after = dormant_after - timedelta(days=settings.STAFF_DORMANT_WARNING_DAYS)
    disabled = warned = 0
    for user in staff_accounts():
        idle = now - last_active(user)
        if idle >= dormant_after:
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit.record(
                AuditEvent.Action.ACCOUNT_DISABLED,
                subject=user,
                reason="dormant",
                idle_days=idle.days,
            )
            disabled += 1
        elif idle >= warn_after and (
            user.dormancy_warned_at is None or user.dormancy_warned_at < last_active(user)
        ):
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    _("Your staff account will be disabled soon"),
                    _(
                        "Your account %(username)s has not been used for %(days)s days. It will be "
                        "disabled after %(limit)s days without use. Log in to keep it active."
                    )
                    % {
                        "username": user.get_username(),
                        "days": idle.days,
                        "limit": settings.STAFF_DORMANT_DAYS,
                    },
                    None,
                    [user.email],
                )
            user.dormancy_warned_at = now
            user.save(update_fields=["dormancy_warned_at"])
            warned += 1
    return {"disabled": disabled, "warned": warned}
