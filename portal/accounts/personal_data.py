"""What the portal holds about a person, exported on request (Law 91/2025 on personal data protection)."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from . import audit
from .models import AuditEvent

FONTS = settings.BASE_DIR / "portal" / "fonts"


def collect(user):
    """Everything held about `user`, as plain JSON-ready data."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount
    from allauth.usersessions.models import UserSession

    def when(value):
        return value.astimezone(UTC).isoformat() if value else None

    return {
        "exported_at": when(timezone.now()),
        "account": {
            "username": user.get_username(),
            "full_name": user.full_name,
            "email": user.email,
            "phone": user.phone,
            "agency": str(user.agency) if user.agency else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
            "consented_at": when(user.consented_at),
            "deletion_requested_at": when(user.deletion_requested_at),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "two_step_verification": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "linked_accounts": [
            {"provider": account.provider, "uid": account.uid}
            for account in SocialAccount.objects.filter(user=user)
        ],
        "sessions": [
            {
                "ip": session.ip,
                "user_agent": session.user_agent,
                "last_seen_at": when(session.last_seen_at),
            }
            for session in UserSession.objects.filter(user=user)
        ],
        "security_events": [
            {"at": when(event.at), "action": event.action, "ip": event.ip}
            for event in AuditEvent.objects.filter(subject_id=user.pk).order_by("sequence")
        ],
    }


def export(user, request):
    data = collect(user)
    audit.record(AuditEvent.Action.DATA_EXPORTED, actor=user, subject=user, request=request)
    return data


LABELS = {
    "account": "Tài khoản / Account",
    "email_addresses": "Địa chỉ thư điện tử / E-mail addresses",
    "two_step_verification": "Xác thực hai bước / Two-step verification",
    "linked_accounts": "Tài khoản liên kết / Linked accounts",
    "sessions": "Phiên đăng nhập / Sessions",
    "security_events": "Nhật ký bảo mật / Security events",
}


def render_pdf(data, portal_name):
    """An A4 PDF of the exported data, with a font that carries Vietnamese diacritics."""
    pdf = FPDF(format="A4")
    pdf.set_title("Dữ liệu cá nhân")
    pdf.add_font("Noto", "", FONTS / "NotoSans-Regular.ttf")
    pdf.add_font("Noto", "B", FONTS / "NotoSans-Bold.ttf")
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    pdf.set_font("Noto", "B", 14)
    pdf.multi_cell(0, 8, portal_name, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0, 8, "DỮ LIỆU CÁ NHÂN CỦA BẠN / YOUR PERSONAL DATA", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Noto", "", 10)
    pdf.multi_cell(
        0, 6, f"Thời điểm trích xuất (UTC): {data['exported_at']}", new_x="LMARGIN", new_y="NEXT"
    )
    for key, label in LABELS.items():
        pdf.ln(3)
        pdf.set_font("Noto", "B", 11)
        pdf.multi_cell(0, 7, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Noto", "", 10)
        value = data[key]
        rows = value.items() if isinstance(value, dict) else enumerate(value, start=1)
        for name, item in rows:
            text = (
                ", ".join(f"{k}: {v}" for k, v in item.items()) if isinstance(item, dict) else item
            )
            pdf.multi_cell(
                0,
                6,
                f"{name}: {text if text not in (None, '') else '—'}",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        if not value:
            pdf.multi_cell(0, 6, "—", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def request_deletion(user, request):
    if user.deletion_requested_at is None:
        user.deletion_requested_at = timezone.now()
        user.save(update_fields=["deletion_requested_at"])
        audit.record(
            AuditEvent.Action.DELETION_REQUESTED, actor=user, subject=user, request=request
        )


def complete_deletion(user, *, by, request=None):
    """Erase the person's data and close the account; the audit log keeps only the id and a marker."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount
    from allauth.usersessions.models import UserSession

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    user.username = f"deleted-{user.pk}"
    user.full_name = user.first_name = user.last_name = user.email = user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit.record(AuditEvent.Action.DELETION_COMPLETED, actor=by, subject=user, request=request)
