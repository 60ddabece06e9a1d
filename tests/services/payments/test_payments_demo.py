import pytest

from services.procedures import demo
from services.procedures.importer import detail_files, import_details
from services.procedures.models import FeeStage, Procedure

pytestmark = pytest.mark.django_db


def test_the_demo_level_4_procedure_is_signed_and_prepaid_with_a_fee_and_a_charge():
    import_details([path for path in detail_files() if path.stem in ("1.010041", "3.000351")])
    demo.apply_online_service_settings()
    demo.apply_online_service_settings()  # idempotent
    residence = Procedure.objects.get(code="1.010041")
    assert residence.online_level == "4" and residence.applicant_signature_required
    assert residence.fees_paid_at == FeeStage.SUBMISSION
    fees = list(residence.fees_for("online"))
    assert sorted(fee.kind for fee in fees) == ["charge", "fee"]
    assert all(fee.amount > 0 for fee in fees)
    licence = Procedure.objects.get(code="3.000351")
    assert licence.fees_paid_at == FeeStage.REQUESTED
    assert [fee.amount for fee in licence.fees_for("online")] == [115000]
