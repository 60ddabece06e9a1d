"""Demo dossiers being processed, for the demo officers of cms.demo.DEMO_ACCOUNTS.

At the Provincial Public Administration Service Centre (000.00.12.H99): one dossier waiting for
assignment, one assigned to `xuly` with an appraisal, one with an open consultation of the
Department of Justice (answered by `xuly-stp`). At the commune (000.21.01.H99): one dossier
transferred to the Department of Justice (000.00.04.H99), assigned there to `xuly-stp`.

The steps go through the real use cases, so the timelines are what officers would produce. The
dossiers need the demo officers: `populate` does nothing until they exist (load_demo calls it again
after creating the accounts) and nothing the second time.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.accounts.models import Agency
from services.dossiers.demo import ANSWERS, demo_citizen, demo_procedure
from services.dossiers.models import Dossier, DossierEvent

from . import processing

HCC = "000.00.12.H99"
JUSTICE = "000.00.04.H99"
COMMUNE = "000.21.01.H99"
OFFICERS = ("motcua", "xuly", "lanhdao-hcc", "xuly-stp", "lanhdao", "motcua-xa", "lanhdao-xa")
MARK = "demo_backoffice"


def _filed(procedure, citizen, agency, key):
    """A dossier filed online to `agency` (status 1), with its submit event."""
    now = timezone.now()
    dossier = Dossier.objects.create(
        procedure=procedure,
        applicant=citizen,
        agency=agency,
        status=Dossier.Status.NEW,
        answers={**ANSWERS, MARK: key},
        submitted_at=now,
        holding_unit=f"Bộ phận Một cửa – {agency.name}",
    )
    DossierEvent.objects.create(
        dossier=dossier,
        actor=citizen,
        at=now,
        from_status=Dossier.Status.DRAFT,
        to_status=Dossier.Status.NEW,
        action="submit",
        holding_unit=dossier.holding_unit,
    )
    return dossier


@transaction.atomic
def populate(home, home_en):
    if not settings.DEMO_MODE:
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=OFFICERS)}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=(HCC, JUSTICE, COMMUNE))}
    procedure = demo_procedure()
    if len(users) < len(OFFICERS) or len(agencies) < 3 or procedure is None:
        return
    if Dossier.objects.filter(answers__has_key=MARK).exists():
        return
    citizen = demo_citizen()
    hcc, justice, commune = agencies[HCC], agencies[JUSTICE], agencies[COMMUNE]

    waiting = _filed(procedure, citizen, hcc, "waiting")
    waiting.receive(by=users["motcua"], note="Hồ sơ đầy đủ, hợp lệ.")

    assigned = _filed(procedure, citizen, hcc, "assigned")
    assigned.receive(by=users["motcua"])
    processing.assign(assigned, handler=users["xuly"], by=users["lanhdao-hcc"])
    processing.add_appraisal(
        assigned,
        by=users["xuly"],
        text="Thành phần hồ sơ đầy đủ; thông tin khớp Cơ sở dữ liệu quốc gia về dân cư.",
    )

    consulted = _filed(procedure, citizen, hcc, "consulted")
    consulted.receive(by=users["motcua"])
    processing.assign(consulted, handler=users["xuly"], by=users["lanhdao-hcc"])
    processing.consult(
        consulted,
        by=users["xuly"],
        agencies=[justice],
        question="Đề nghị Sở Tư pháp cho ý kiến về tính hợp lệ của bản trích lục hộ tịch kèm theo.",
        working_days=3,
    )

    transferred = _filed(procedure, citizen, commune, "transferred")
    transferred.receive(by=users["motcua-xa"])
    processing.transfer(
        transferred,
        by=users["motcua-xa"],
        to_agency=justice,
        note="Thủ tục liên thông, thẩm quyền giải quyết của cấp tỉnh.",
    )
    processing.assign(transferred, handler=users["xuly-stp"], by=users["lanhdao"])
