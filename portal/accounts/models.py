from datetime import UTC
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.Model):
    """A government body staff work for (cơ quan, đơn vị): a department, a commune, a centre."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    code = models.CharField(
        _("agency code"),
        max_length=40,
        unique=True,
        help_text=_("Code in the national catalogue of agencies, e.g. 000.00.01.H99."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent agency"),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        permissions = [
            ("access_backoffice", _("Can open the one-stop back office")),
            ("sign_results", _("Can sign results on behalf of the agency")),
            ("unlock_accounts", _("Can unlock locked-out accounts")),
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """Every person who signs in: citizens, businesses' representatives and staff."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("agency"),
        help_text=_("Required for every staff account."),
    )
    consented_at = models.DateTimeField(
        _("consent to processing given at"),
        null=True,
        blank=True,
        help_text=_("When the person agreed to the processing purposes (Law 91/2025)."),
    )
    dormancy_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    deletion_requested_at = models.DateTimeField(_("deletion requested at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.get_username()

    def get_full_name(self):
        return self.full_name or super().get_full_name()

    @cached_property
    def session_role(self):
        """Which idle-timeout and MFA rules apply: "administrator", "staff" or "citizen"."""
        from .roles import ADMINISTRATOR, STAFF_ROLES

        names = set(self.groups.values_list("name", flat=True))
        if self.is_superuser or ADMINISTRATOR.name in names:
            return "administrator"
        if self.is_staff or names & {role.name for role in STAFF_ROLES}:
            return "staff"
        return "citizen"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One security-relevant event. Append with `portal.accounts.audit.record()`, never edit."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKED_OUT = "locked_out", _("Locked out")
        UNLOCKED = "unlocked", _("Unlocked by an administrator")
        LOGOUT = "logout", _("Logged out")
        LOGOUT_EVERYWHERE = "logout_everywhere", _("Logged out everywhere")
        MFA_ADDED = "mfa_added", _("Two-step verification added")
        MFA_REMOVED = "mfa_removed", _("Two-step verification removed")
        ROLE_CHANGED = "role_changed", _("Role changed")
        AGENCY_CHANGED = "agency_changed", _("Agency changed")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        DATA_EXPORTED = "data_exported", _("Personal data exported")
        DELETION_REQUESTED = "deletion_requested", _("Deletion requested")
        DELETION_COMPLETED = "deletion_completed", _("Deletion completed")
        ACCOUNT_DISABLED = "account_disabled", _("Account disabled")

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time (UTC)"), db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=Action)
    # Plain ids and name snapshots, not foreign keys: deleting a user must not rewrite the log.
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    subject_id = models.BigIntegerField(_("subject id"), null=True, blank=True, db_index=True)
    subject_label = models.CharField(_("subject"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-sequence"]

    def __str__(self):
        return f"{self.sequence} {self.action} {self.actor_label}"

    def save(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only: use portal.accounts.audit.record().")

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def hashed_fields(self):
        return {
            "sequence": self.sequence,
            "at": self.at.astimezone(UTC).isoformat(),
            "action": self.action,
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "subject_id": self.subject_id,
            "subject_label": self.subject_label,
            "ip": self.ip,
            "details": self.details,
        }


class AuditChainHead(models.Model):
    """The newest sequence number and hash; locking this one row serialises appends."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self):
        return f"{self.last_sequence} {self.last_hash[:12]}"
