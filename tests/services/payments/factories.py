from services.procedures.models import Fee
from tests.services.dossiers.factories import ProcedureFactory, ready_draft, received_dossier

SECRET = "TESTSECRETVNPAY0123456789ABCDEF"
TMN = "PORTAL01"
FEE = ("fee", 1_250_000, "Lệ phí cấp giấy chứng nhận")
CHARGE = ("charge", 50_000, "Phí thẩm định hồ sơ")


def procedure_with_fees(fees_paid_at="submission", fees=(FEE, CHARGE), **kwargs):
    procedure = ProcedureFactory(fees_paid_at=fees_paid_at, **kwargs)
    for position, (kind, amount, description) in enumerate(fees):
        Fee.objects.create(
            procedure=procedure,
            channel="online",
            position=position,
            kind=kind,
            amount=amount,
            description=description,
        )
    # A counter fee that online dossiers never pay.
    Fee.objects.create(
        procedure=procedure, channel="direct", kind="fee", amount=999, description="x"
    )
    return procedure


def prepaid_draft(**kwargs):
    return ready_draft(procedure=procedure_with_fees(), **kwargs)


def dossier_in_processing(**kwargs):
    """A received dossier of a procedure paid when the agency asks (fees_paid_at="requested")."""
    dossier = received_dossier(procedure=procedure_with_fees("requested"), **kwargs)
    dossier.start_processing()
    return dossier
