from services.dossiers import flows
from services.dossiers.models import Dossier
from services.sync.models import OutboxMessage
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


def hundred_status_changes():
    """Ten dossiers of ten events each: a hundred queued messages."""
    dossiers = [ten_events() for _ in range(10)]
    assert OutboxMessage.objects.count() == 100
    return dossiers


def events_sent(receiver, dossier):
    """The event ids (MaSuKien) the fake receiver got for `dossier`, in the order they came."""
    return [
        body["SuKien"]["MaSuKien"]
        for _key, _headers, body in receiver.hits
        if body["MaHoSoTamThoi"] == str(dossier.submission_key)
    ]


def event_ids(dossier):
    return list(dossier.events.order_by("pk").values_list("pk", flat=True))
