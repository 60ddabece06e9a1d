"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site.

The 21 full national records are imported here (fast); the 2,395-row catalogue is loaded by the
load_demo command's own step. A few procedures get the province's settings: the receiving agency
and where to file online.
"""

from portal.accounts.models import Agency

from .importer import detail_files, import_details
from .models import Fee, FeeStage, Procedure

HERE = Procedure.FilingChannel.HERE
NATIONAL = Procedure.FilingChannel.NATIONAL

# code: (receiving agency code, filing channel, national portal link)
DEMO_SETTINGS = {
    # Xác nhận thông tin về cư trú: fully online, citizens.
    "1.010041": ("000.00.12.H99", HERE, ""),
    # Cung cấp thông tin theo yêu cầu (cá nhân): partly online, citizens.
    "1.116556": ("000.00.01.H99", HERE, ""),
    # Đổi giấy phép lái xe của người nước ngoài: foreigners, described in English too.
    "3.000351": ("000.00.05.H99", HERE, ""),
    # Giấy chứng nhận xuất xứ hàng hóa (C/O) mẫu X: businesses, counted in working hours.
    "2.000260": ("000.00.10.H99", HERE, ""),
    # Chứng nhận Apostille: filed on the National Public Service Portal.
    "1.116612": (
        "",
        NATIONAL,
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
        "?ma_thu_tuc=1.116612",
    ),
}
# Signing and payment settings of the demo (issue 6): code → fields.
# 1.010041 is the full level-4 journey: the applicant signs the declaration and pays the fees
# before submitting. 3.000351 is paid when the agency asks for it (status 6).
DEMO_ONLINE_SERVICE = {
    "1.010041": {
        "online_level": "4",
        "applicant_signature_required": True,
        "fees_paid_at": FeeStage.SUBMISSION,
    },
    "3.000351": {"fees_paid_at": FeeStage.REQUESTED},
}
# The national record of 1.010041 charges nothing online; the demo needs a fee and a charge to
# show every line of a payment and of its receipt. Illustrative amounts, not a legal tariff.
DEMO_FEES = {
    "1.010041": [
        (
            Fee.Kind.FEE,
            15000,
            "Lệ phí xác nhận thông tin về cư trú (mức minh họa cho bản trình diễn)",
        ),
        (Fee.Kind.CHARGE, 10000, "Phí gửi kết quả qua dịch vụ bưu chính công ích (minh họa)"),
    ],
}
# Procedures the e-forms helper gives an electronic form: filed here.
FILED_HERE = [code for code, (_a, channel, _u) in DEMO_SETTINGS.items() if channel == HERE]


def populate(home, home_en):
    """Import the national records and apply the demo province's settings (idempotent)."""
    import_details(detail_files())
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__endswith=".H99")}
    for procedure in Procedure.objects.filter(code__in=DEMO_SETTINGS):
        agency_code, channel, url = DEMO_SETTINGS[procedure.code]
        wanted = {
            "agency": agencies.get(agency_code),
            "filing_channel": channel,
            "national_portal_url": url,
        }
        _update(procedure, wanted)
    apply_online_service_settings()


def _update(procedure, wanted):
    """Set the `wanted` fields; save only when one of them changes (idempotent)."""
    if any(getattr(procedure, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(procedure, name, value)
        procedure.save()


def apply_online_service_settings():
    """Signing and payment flags of the demo procedures, and demo fees where none is charged."""
    for procedure in Procedure.objects.filter(code__in=DEMO_ONLINE_SERVICE):
        _update(procedure, DEMO_ONLINE_SERVICE[procedure.code])
    for procedure in Procedure.objects.filter(code__in=DEMO_FEES):
        online = procedure.fees.filter(channel="online")
        if online.filter(amount__gt=0).exists():
            continue
        online.filter(amount=0).delete()
        for position, (kind, amount, description) in enumerate(DEMO_FEES[procedure.code]):
            Fee.objects.create(
                procedure=procedure,
                channel="online",
                position=position,
                kind=kind,
                amount=amount,
                description=description,
            )
