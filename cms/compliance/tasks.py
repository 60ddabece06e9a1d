from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.accounts import roles
from portal.tasks import send_email

from .report import compliance_report, red_items

# The editorial board (ND 43 Art. 21): reviewers and editors who have an e-mail address.
BOARD_ROLES = (roles.REVIEWER, roles.EDITOR)


def board_emails():
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[role.name for role in BOARD_ROLES])
        .exclude(Q(email="") | Q(email__isnull=True))
    )
    return sorted(set(users.values_list("email", flat=True)))


def weekly_message(results):
    red = red_items(results)
    lines = [
        _("The portal's mandatory content has %(count)d item(s) missing or overdue:")
        % {"count": len(red)},
        "",
    ]
    for result in red:
        lines.append(f"- {result.item.title} ({result.item.legal_ref}): {result.reason}")
    url = settings.WAGTAILADMIN_BASE_URL + reverse("compliance_report")
    lines += ["", _("The full report: %(url)s") % {"url": url}]
    return "\n".join(lines)


@shared_task
def send_weekly_compliance_report():
    """E-mail the editorial board the red items of the compliance report; nothing when all is well."""
    with translation.override(settings.LANGUAGE_CODE):
        results = compliance_report()
        if not red_items(results):
            return 0
        recipients = board_emails()
        if not recipients:
            return 0
        send_email.delay(
            to=recipients,
            subject=_("Portal content compliance: %(count)d item(s) need attention")
            % {"count": len(red_items(results))},
            body=weekly_message(results),
        )
        return len(recipients)
