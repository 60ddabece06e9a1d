"""Processing a received dossier: assignment, appraisal, visits, consultations and their reminders,
submission for signature, the head's signature and the return of the result."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from portal.accounts import roles
from services.backoffice import processing
from services.backoffice.models import Assignment, Consultation, ResultDelivery
from services.dossiers.models import Dossier, IllegalTransition
from tests.portal.accounts.factories import UserFactory
from tests.services.backoffice.processing_fixtures import (
    in_processing,
    office,
    received,
)
from tests.services.dossiers.factories import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_signing")]
S = Dossier.Status


@pytest.fixture
def hcc():
    return office("000.00.12.H99", "Trung tâm Phục vụ hành chính công tỉnh")


@pytest.fixture
def justice():
    return office("000.00.04.H99", "Sở Tư pháp", prefix="STP ")


def actions(dossier):
    return list(dossier.events.values_list("action", flat=True))


def test_the_head_assigns_a_handler_which_starts_processing_and_can_reassign(
    hcc, django_capture_on_commit_callbacks
):
    dossier = received(hcc)
    assert dossier.status == S.RECEIVED
    other = UserFactory.with_role(roles.PROCESSING_OFFICER, agency=hcc.agency, mfa=False)

    with django_capture_on_commit_callbacks(execute=True):  # staff e-mails leave on commit
        processing.assign(dossier, handler=hcc.handler, by=hcc.head)
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    assert actions(dossier)[-2:] == ["start_processing", "assign"]
    assert processing.current_handler(dossier) == hcc.handler
    assert mail.outbox[-1].to == [hcc.handler.email]

    processing.assign(dossier, handler=other, by=hcc.head)
    assert processing.current_handler(dossier) == other
    assert Assignment.objects.filter(dossier=dossier, ended_at__isnull=True).count() == 1
    event = dossier.events.last()
    assert (event.action, event.actor, event.actor_agency) == ("assign", hcc.head, hcc.agency)
    assert event.actor_role == roles.AGENCY_HEAD.name


def test_only_the_head_of_the_agency_assigns_and_only_its_own_handlers(hcc, justice):
    dossier = received(hcc)
    for stranger in (hcc.handler, hcc.desk, justice.head):
        with pytest.raises(IllegalTransition):
            processing.assign(dossier, handler=hcc.handler, by=stranger)
    with pytest.raises(IllegalTransition):
        processing.assign(dossier, handler=justice.handler, by=hcc.head)
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED


def test_the_handler_records_appraisal_and_a_verification_visit(hcc):
    dossier = in_processing(hcc)
    processing.add_appraisal(dossier, by=hcc.handler, text="Hồ sơ đủ thành phần, hợp lệ.")
    visit = processing.record_visit(
        dossier,
        by=hcc.handler,
        visited_on=datetime.date(2026, 3, 2),
        place="Thửa đất số 12, phường Tân An",
        participants="Ông A, bà B",
        findings="Hiện trạng đúng như hồ sơ.",
    )
    assert visit.findings == "Hiện trạng đúng như hồ sơ."
    assert actions(dossier)[-2:] == ["appraise", "visit"]
    assert "02/03/2026" in dossier.events.last().note
    with pytest.raises(IllegalTransition):
        processing.add_appraisal(dossier, by=hcc.desk, text="Không phải việc của tôi")


def test_consultation_each_unit_gets_its_task_and_answers_it(
    hcc, justice, django_capture_on_commit_callbacks
):
    finance = office("000.00.05.H99", "Sở Tài chính", prefix="STC ")
    dossier = in_processing(hcc)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        made = processing.consult(
            dossier,
            by=hcc.handler,
            agencies=[justice.agency, finance.agency],
            question="Đề nghị cho ý kiến về tính hợp pháp của giấy tờ.",
            working_days=3,
        )
    assert {c.agency for c in made} == {justice.agency, finance.agency}
    assert all(c.state == Consultation.State.OPEN for c in made)
    assert made[0].due_at > made[0].requested_at
    assert dossier.events.last().action == "consult"
    recipients = {address for message in mail.outbox for address in message.to}
    assert justice.handler.email in recipients and finance.head.email in recipients
    # The same unit cannot be asked twice while its answer is pending.
    with pytest.raises(IllegalTransition):
        processing.consult(
            dossier, by=hcc.handler, agencies=[justice.agency], question="Lại", working_days=2
        )

    # Only the consulted unit's officers answer their own task.
    mine = next(c for c in made if c.agency == justice.agency)
    with pytest.raises(IllegalTransition):
        processing.answer_consultation(mine, by=finance.handler, answer="Không phải của tôi")
    upload = SimpleUploadedFile("y-kien.pdf", pdf_bytes("Y kien"), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        processing.answer_consultation(
            mine, by=justice.handler, answer="Giấy tờ hợp lệ.", upload=upload
        )
    mine.refresh_from_db()
    assert mine.state == Consultation.State.ANSWERED and mine.answer_file
    event = dossier.events.last()
    assert event.action == "consultation_answered" and event.actor_agency == justice.agency
    assert mail.outbox[-1].to == [hcc.handler.email]
    # The result waits for every answer.
    with pytest.raises(IllegalTransition, match="Sở Tài chính"):
        processing.submit_for_signature(dossier, by=hcc.handler, summary="Cấp bản sao.")


def test_late_consultations_are_reminded_once_a_day(
    hcc, justice, django_capture_on_commit_callbacks
):
    import time_machine

    dossier = in_processing(hcc)
    (consultation,) = processing.consult(
        dossier, by=hcc.handler, agencies=[justice.agency], question="Ý kiến?", working_days=1
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert processing.remind_late_consultations() == 0
    assert mail.outbox == []

    later = consultation.due_at + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert processing.remind_late_consultations() == 1
        reminded = {address for message in mail.outbox for address in message.to}
        assert {justice.handler.email, justice.head.email} <= reminded
        assert hcc.handler.email in reminded  # the lead unit learns it is late
        assert any(m.subject.endswith("quá hạn") for m in mail.outbox)
        # Running again the same day sends nothing more.
        assert processing.remind_late_consultations() == 0
    with time_machine.travel(later + datetime.timedelta(days=1), tick=False):
        assert processing.remind_late_consultations() == 1
    consultation.refresh_from_db()
    assert consultation.reminders == 2

    with time_machine.travel(later + datetime.timedelta(days=2), tick=False):
        processing.answer_consultation(consultation, by=justice.head, answer="Đồng ý.")
        assert processing.remind_late_consultations() == 0
    assert "(quá hạn)" in dossier.events.last().note


def test_the_reminder_task_runs_the_flow(hcc, justice):
    import time_machine

    from services.backoffice import tasks

    dossier = in_processing(hcc)
    (consultation,) = processing.consult(
        dossier, by=hcc.handler, agencies=[justice.agency], question="Ý kiến?", working_days=1
    )
    with time_machine.travel(consultation.due_at + datetime.timedelta(hours=1), tick=False):
        assert tasks.remind_late_consultations.delay().get() == 1


def test_the_head_signs_the_result_and_an_online_dossier_is_returned_online(hcc):
    dossier = in_processing(hcc)
    draft = processing.submit_for_signature(
        dossier, by=hcc.handler, summary="Cấp 02 bản sao trích lục khai sinh."
    )
    assert processing.pending_draft(dossier) == draft
    with pytest.raises(IllegalTransition):
        processing.sign_result(dossier, by=hcc.handler)

    document = processing.sign_result(dossier, by=hcc.head)
    dossier.refresh_from_db()
    assert dossier.status == S.RESULT_RETURNED
    assert document.kind == "result" and document.signed_by == hcc.head
    assert document.validation  # the signing app validated it
    assert actions(dossier)[-4:] == [
        "submit_for_signature",
        "sign_result",
        "complete",
        "return_result",
    ]
    assert dossier.result_delivery.method == ResultDelivery.Method.ONLINE
    result = dossier.attachments.get(kind="result")
    with result.file.open("rb") as handle:
        text = " ".join(p.extract_text() for p in PdfReader(handle).pages)
    assert dossier.code in text and "Cấp 02 bản sao trích lục khai sinh." in text
    assert "/xac-thuc/" in text


def test_a_counter_dossier_waits_at_the_desk_for_the_return(hcc):
    dossier = in_processing(hcc, channel="counter")
    upload = SimpleUploadedFile("kq.pdf", pdf_bytes("Quyet dinh"), content_type="application/pdf")
    processing.submit_for_signature(dossier, by=hcc.handler, summary="Quyết định.", upload=upload)
    processing.sign_result(dossier, by=hcc.head)
    dossier.refresh_from_db()
    assert dossier.status == S.COMPLETED
    assert "One-stop" in dossier.holding_unit or "Một cửa" in dossier.holding_unit
    with pytest.raises(IllegalTransition):
        processing.return_result(dossier, by=hcc.handler, method="counter")
    processing.return_result(dossier, by=hcc.desk, method="post", note="Bưu điện Tân An")
    dossier.refresh_from_db()
    assert dossier.status == S.RESULT_RETURNED
    assert dossier.result_delivery.get_method_display()
    result = dossier.attachments.get(kind="result")
    with result.file.open("rb") as handle:
        reader = PdfReader(handle)
        text = " ".join(p.extract_text() for p in reader.pages)
    assert "Quyet dinh" in text and "/xac-thuc/" in text


def test_the_head_can_send_the_result_back_for_correction(hcc):
    dossier = in_processing(hcc)
    processing.submit_for_signature(dossier, by=hcc.handler, summary="Bản nháp.")
    processing.return_for_revision(dossier, by=hcc.head, reason="Sai tên người nộp.")
    assert processing.pending_draft(dossier) is None
    processing.submit_for_signature(dossier, by=hcc.handler, summary="Bản đã sửa.")
    assert processing.pending_draft(dossier).summary == "Bản đã sửa."


def test_a_result_upload_must_be_a_pdf(hcc):
    from tests.services.dossiers.factories import png_file

    dossier = in_processing(hcc)
    with pytest.raises(IllegalTransition, match="PDF"):
        processing.submit_for_signature(
            dossier, by=hcc.handler, summary="Kết quả", upload=png_file()
        )
