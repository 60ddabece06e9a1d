"""Security events from Django, allauth and Wagtail, written to the audit log."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed, post_migrate, pre_save
from django.dispatch import receiver

from . import audit
from .models import AuditEvent

User = get_user_model()


@receiver(account_signals.user_logged_in)
def logged_in(request, user, **kwargs):
    audit.record(AuditEvent.Action.LOGIN, actor=user, subject=user, request=request)


@receiver(user_logged_out)
def logged_out(request, user, **kwargs):
    if user is not None:
        audit.record(AuditEvent.Action.LOGOUT, actor=user, subject=user, request=request)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def password_changed(request, user, **kwargs):
    audit.record(AuditEvent.Action.PASSWORD_CHANGED, actor=user, subject=user, request=request)


@receiver(account_signals.password_reset)
def password_reset(request, user, **kwargs):
    audit.record(AuditEvent.Action.PASSWORD_RESET, subject=user, request=request)


@receiver(mfa_signals.authenticator_added)
def mfa_added(request, user, authenticator, **kwargs):
    audit.record(
        AuditEvent.Action.MFA_ADDED,
        actor=user,
        subject=user,
        request=request,
        kind=authenticator.type,
    )


@receiver(mfa_signals.authenticator_removed)
def mfa_removed(request, user, authenticator, **kwargs):
    audit.record(
        AuditEvent.Action.MFA_REMOVED,
        actor=user,
        subject=user,
        request=request,
        kind=authenticator.type,
    )


@receiver(m2m_changed, sender=User.groups.through)
def roles_changed(instance, action, pk_set, reverse, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    audit.record(
        AuditEvent.Action.ROLE_CHANGED,
        subject=instance,
        change=action.removeprefix("post_"),
        groups=sorted(pk_set or []),
        now=sorted(instance.groups.values_list("name", flat=True)),
    )


@receiver(pre_save, sender=User)
def agency_changed(instance, **kwargs):
    if instance.pk is None:
        return
    before = User.objects.filter(pk=instance.pk).values_list("agency_id", flat=True).first()
    if before != instance.agency_id:
        audit.record(
            AuditEvent.Action.AGENCY_CHANGED,
            subject=instance,
            before=before,
            after=instance.agency_id,
        )


def sync_roles_after_migrate(sender, **kwargs):
    if sender.label == "accounts":
        from .roles import sync_roles

        sync_roles()


post_migrate.connect(sync_roles_after_migrate)
