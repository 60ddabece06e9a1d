from services.dossiers import flows
from services.dossiers.models import Dossier
from tests.services.dossiers.factories import ready_draft


def received(**kwargs):
    """An online dossier submitted by its applicant and received by the one-stop unit."""
    dossier = ready_draft(**kwargs)
    dossier, problems = flows.submit_draft(dossier.pk, dossier.applicant, dossier.submission_key)
    assert not problems, problems
    if dossier.status == Dossier.Status.NEW:
        dossier.receive()
    return dossier


def ten_events(**kwargs):
    """A dossier taken through ten events, from submission to the returned result."""
    dossier = received(**kwargs)
    dossier.start_processing()
    dossier.request_supplement(items=["Bản sao giấy khai sinh"], reason="Thiếu giấy tờ.")
    dossier.supplement(note="Đã bổ sung.")
    dossier.request_payment(amount=50_000)
    dossier.payment_done()
    dossier.extend(amount=2, unit="working_day", reason="Cần xác minh thêm.")
    dossier.complete()
    dossier.return_result()
    assert dossier.events.count() == 10
    return dossier
