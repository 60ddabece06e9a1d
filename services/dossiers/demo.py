"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site.

One dossier in every status (0–10) for the demo citizen `congdan` (cms.demo.DEMO_ACCOUNTS), with its
events, code and appointment. The account exists only in demo mode; without it the dossiers belong to
a demo person who cannot log in.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from services.procedures.models import COMPUTABLE_UNITS, Channel, Procedure

from .models import DailyCounter, Dossier, DossierEvent

CITIZEN = "congdan"
STAND_IN = "congdan-hoso-mau"
S = Dossier.Status
# status: the transitions that led there, from a draft.
PATHS = {
    S.DRAFT: [],
    S.NEW: ["submit"],
    S.RECEIVED: ["submit", "receive"],
    S.NOT_RECEIVED: ["submit", "refuse"],
    S.PROCESSING: ["submit", "receive", "start_processing"],
    S.SUPPLEMENT_REQUESTED: ["submit", "receive", "start_processing", "request_supplement"],
    S.PAYMENT_REQUESTED: ["submit", "receive", "start_processing", "request_payment"],
    S.WITHDRAWN: ["submit", "receive", "withdraw"],
    S.STOPPED: ["submit", "receive", "start_processing", "stop"],
    S.COMPLETED: ["submit", "receive", "start_processing", "complete"],
    S.RESULT_RETURNED: ["submit", "receive", "start_processing", "complete", "return_result"],
}
NOTES = {
    "refuse": "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.",
    "request_supplement": "Bản chụp giấy tờ tùy thân bị mờ, không đọc được.",
    "stop": "Người đề nghị không đủ điều kiện theo quy định.",
    "withdraw": "Nộp nhầm thủ tục.",
    "receive": "Tiếp nhận tự động từ Cổng dịch vụ công trực tuyến.",
}
ANSWERS = {
    "full_name": "Nguyễn Văn Dân",
    "citizen_id": "001099012345",
    "phone": "0912345678",
    "address": "Số 12 đường Lê Lợi, phường Tân An, tỉnh Tân Hòa",
}


def demo_citizen():
    User = get_user_model()
    user = User.objects.filter(username=CITIZEN).first()
    if user:
        return user
    user, created = User.objects.get_or_create(
        username=STAND_IN,
        defaults={"full_name": "Nguyễn Văn Dân", "consented_at": timezone.now()},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def demo_procedure():
    """A procedure filed here, preferably one whose online processing time gives an appointment."""
    filed_here = Procedure.objects.filter(
        filing_channel=Procedure.FilingChannel.HERE, agency__isnull=False
    ).exclude(online_level="")
    timed = filed_here.filter(
        processing_times__channel=Channel.ONLINE, processing_times__unit__in=COMPUTABLE_UNITS
    )
    return timed.order_by("code").first() or filed_here.order_by("code").first()


@transaction.atomic
def populate(home, home_en):
    """Create the demo dossiers once (idempotent); only in demo mode, as they belong to demo people."""
    if not settings.DEMO_MODE:
        return
    procedure = demo_procedure()
    user = demo_citizen()
    if user.username == CITIZEN:
        # load_site runs before the demo accounts exist: the stand-in's dossiers pass to them.
        Dossier.objects.filter(applicant__username=STAND_IN).update(applicant=user)
    if procedure is None or Dossier.objects.filter(applicant=user, procedure=procedure).exists():
        return
    one_stop = f"Bộ phận Một cửa – {procedure.agency.name}"
    now = timezone.now()
    events = []
    for number, (status, path) in enumerate(PATHS.items()):
        started = now - timedelta(days=2 * (len(PATHS) - number), hours=number)
        dossier = Dossier(
            procedure=procedure,
            applicant=user,
            agency=procedure.agency,
            status=status,
            answers=dict(ANSWERS),
            current_step=0,
        )
        at = started
        previous = S.DRAFT
        for action in path:
            at += timedelta(hours=1)
            target = Dossier.TRANSITIONS[action][1][0]
            if action == "submit":
                dossier.submitted_at, dossier.holding_unit = at, one_stop
            elif action == "receive":
                dossier.received_at = at
                dossier.code = DailyCounter.allocate_code(procedure.agency, at)
            elif action == "start_processing":
                dossier.holding_unit = "Phòng chuyên môn"
            elif action == "request_supplement":
                dossier.supplement_items = ["Bản chụp Căn cước công dân (rõ nét, hai mặt)"]
                dossier.supplement_reason = NOTES[action]
                dossier.supplement_contact = "Bộ phận Một cửa, điện thoại 0270 3822 111"
                dossier.pauses = [
                    {"started_at": at.isoformat(), "ended_at": None, "from_status": previous}
                ]
            elif action == "request_payment":
                dossier.fees_due = 50_000
            elif action in ("refuse", "stop"):
                dossier.decision_reason, dossier.closed_at = NOTES[action], at
            elif action == "withdraw":
                dossier.closed_at = at
            elif action == "complete":
                dossier.completed_at = dossier.closed_at = at
            elif action == "return_result":
                dossier.returned_at = at
            events.append(
                DossierEvent(
                    at=at,
                    from_status=previous,
                    to_status=target,
                    action=action,
                    note=NOTES.get(action, ""),
                    holding_unit=dossier.holding_unit,
                )
            )
            events[-1].dossier = dossier
            previous = target
        dossier.due_at = dossier.compute_due_at()
        dossier.save()
    for event in events:
        event.dossier_id = event.dossier.pk
    DossierEvent.objects.bulk_create(events)
