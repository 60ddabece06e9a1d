"""The receiving desk: receive, supplement at receipt, refuse, paper intake, stop and withdraw."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.accounts import roles
from services.dossiers import flows
from services.dossiers.models import Dossier, DossierAttachment, DossierEvent
from services.dossiers.receipts import BM01, BM02, BM03, available_forms
from tests.portal.accounts.factories import AgencyFactory, UserFactory
from tests.services.dossiers.factories import (
    ProcedureFactory,
    dossier_in_status,
    officer,
    pdf_file,
    png_file,
    received_dossier,
    submitted_dossier,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _officers_check_online_dossiers(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False


@pytest.fixture
def procedure():
    return ProcedureFactory()


@pytest.fixture
def new_dossier(procedure):
    return submitted_dossier(procedure=procedure)


@pytest.fixture
def desk_officer(procedure):
    return officer(roles.RECEIVING_OFFICER, procedure.agency, full_name="Trần Thị Tiếp Nhận")


def denied(response):
    """Wagtail's admin turns a PermissionDenied into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def post(client, name, dossier, data=None):
    return client.post(reverse(f"backoffice:{name}", args=[dossier.pk]), data or {})


def test_an_online_dossier_waits_in_status_1_until_an_officer_receives_it(
    client, new_dossier, desk_officer, django_capture_on_commit_callbacks
):
    assert new_dossier.status == Dossier.Status.NEW and new_dossier.code is None
    client.force_login(desk_officer)
    screen = client.get(reverse("backoffice:dossier", args=[new_dossier.pk]))
    assert screen.status_code == 200
    assert escape(_("Receive the dossier")) in screen.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "receive", new_dossier, {"note": "Đã kiểm tra đủ giấy tờ."})
    assert response.status_code == 302
    new_dossier.refresh_from_db()
    assert new_dossier.status == Dossier.Status.RECEIVED
    assert new_dossier.code.startswith(new_dossier.agency.code)
    assert new_dossier.due_at is not None
    assert BM01 in available_forms(new_dossier)
    event = new_dossier.events.get(action="receive")
    assert event.actor == desk_officer
    assert event.actor_role == roles.RECEIVING_OFFICER.name
    assert event.actor_agency == new_dossier.agency
    assert event.note == "Đã kiểm tra đủ giấy tờ."
    assert [message.subject for message in mail.outbox] == [
        f"Hồ sơ {new_dossier.code} đã được tiếp nhận"
    ]


def test_receiving_twice_tells_the_second_officer_instead_of_failing(
    client, new_dossier, desk_officer
):
    client.force_login(desk_officer)
    post(client, "receive", new_dossier)
    response = post(client, "receive", new_dossier)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Không thể thực hiện thao tác này" in page
    assert new_dossier.events.filter(action="receive").count() == 1


def supplement_data(rows, reason="Hồ sơ chưa đầy đủ.", contact="Chị Lan, 0236 3822 111"):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for index, (item, why) in enumerate(rows):
        data[f"form-{index}-item"] = item
        data[f"form-{index}-reason"] = why
    return {**data, "reason": reason, "contact": contact}


def test_supplements_are_asked_once_completely_with_bm02(
    client, new_dossier, desk_officer, django_capture_on_commit_callbacks
):
    client.force_login(desk_officer)
    assert (
        client.get(reverse("backoffice:request_supplement", args=[new_dossier.pk])).status_code
        == 200
    )
    rows = [
        ("Bản sao giấy khai sinh", "Bản chụp bị mờ"),
        ("Giấy ủy quyền", "Người nộp không phải chủ hồ sơ"),
        ("", ""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "request_supplement", new_dossier, supplement_data(rows))
    assert response.status_code == 302
    new_dossier.refresh_from_db()
    assert new_dossier.status == Dossier.Status.SUPPLEMENT_REQUESTED
    assert new_dossier.supplement_items == [
        "Bản sao giấy khai sinh – Bản chụp bị mờ",
        "Giấy ủy quyền – Người nộp không phải chủ hồ sơ",
    ]
    assert new_dossier.supplement_contact == "Chị Lan, 0236 3822 111"
    assert new_dossier.code  # BM.02 carries the dossier code
    assert BM02 in available_forms(new_dossier)
    # The citizen hears about the request only, not about a receipt they cannot use.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Hồ sơ {new_dossier.code}: yêu cầu bổ sung giấy tờ"
    assert "Giấy ủy quyền" in mail.outbox[0].body
    supplement_event = new_dossier.events.get(action="request_supplement")
    assert supplement_event.actor_role == roles.RECEIVING_OFFICER.name

    # The citizen adds the documents; the dossier comes back to the desk, which may not ask again.
    flows.add_attachment(new_dossier, None, pdf_file("bo-sung.pdf"), "supplement")
    flows.answer_supplement(new_dossier, new_dossier.applicant)
    new_dossier.refresh_from_db()
    assert new_dossier.status == Dossier.Status.NEW
    again = post(client, "request_supplement", new_dossier, supplement_data(rows[:1]))
    assert again.status_code == 302
    assert escape(_("Supplements have already been requested once for this dossier.")) in (
        client.get(again["Location"]).content.decode()
    )
    assert new_dossier.events.filter(action="request_supplement").count() == 1
    code = new_dossier.code
    post(client, "receive", new_dossier)
    new_dossier.refresh_from_db()
    assert new_dossier.status == Dossier.Status.RECEIVED and new_dossier.code == code


def test_a_supplement_request_without_items_or_contact_keeps_the_input(
    client, new_dossier, desk_officer
):
    client.force_login(desk_officer)
    response = post(
        client,
        "request_supplement",
        new_dossier,
        supplement_data([("", "Thiếu chữ ký")], reason="Lý do chung đã gõ", contact=""),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lý do chung đã gõ" in page and "Thiếu chữ ký" in page
    assert escape(_("Give a contact person and phone number for help.")) in page
    assert escape(_("Name the document this reason is about.")) in page
    new_dossier.refresh_from_db()
    assert new_dossier.status == Dossier.Status.NEW


def test_more_rows_keeps_what_was_typed(client, new_dossier, desk_officer):
    client.force_login(desk_officer)
    data = supplement_data([("Giấy tờ A", "")] * 4)
    response = post(client, "request_supplement", new_dossier, {**data, "more_rows": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="form-6-item"' in page and "Giấy tờ A" in page
    assert Dossier.objects.get(pk=new_dossier.pk).status == Dossier.Status.NEW


def test_refusal_needs_reasons_and_issues_bm03(
    client, new_dossier, desk_officer, django_capture_on_commit_callbacks
):
    client.force_login(desk_officer)
    empty = post(client, "refuse", new_dossier, {"reason": "  "})
    assert empty.status_code == 400
    assert escape(_("Give the reasons.")) in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, "refuse", new_dossier, {"reason": "Không thuộc thẩm quyền của cơ quan."}
        )
    assert response.status_code == 302
    new_dossier.refresh_from_db()
    assert new_dossier.status == Dossier.Status.NOT_RECEIVED
    assert new_dossier.decision_reason == "Không thuộc thẩm quyền của cơ quan."
    assert BM03 in available_forms(new_dossier)
    assert new_dossier.events.get(action="refuse").actor == desk_officer
    assert "không được tiếp nhận" in mail.outbox[0].subject


def intake_url(procedure, channel="counter"):
    return f"{reverse('backoffice:intake')}?procedure={procedure.pk}&channel={channel}"


def intake_data(procedure, **applicant):
    data = {
        "full_name": "Lê Văn Bình",
        "id_number": "079099001234",
        "phone": "0905 123 456",
        "email": "",
        "address": "12 Trần Phú, phường Hải Châu",
        "note": "",
        **applicant,
    }
    for index, component in enumerate(procedure.components_for()):
        scan = png_file(f"scan-{index}.png") if index else pdf_file(f"scan-{index}.pdf")
        data[f"component-{component.pk}"] = scan
    return data


@pytest.mark.parametrize("channel", ["counter", "post"])
def test_a_paper_dossier_is_taken_in_digitised_and_received_at_once(
    client, procedure, desk_officer, channel
):
    client.force_login(desk_officer)
    chooser = client.get(reverse("backoffice:intake"))
    assert chooser.status_code == 200 and procedure.name in chooser.content.decode()
    assert client.get(intake_url(procedure, channel)).status_code == 200

    response = client.post(intake_url(procedure, channel), intake_data(procedure))
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get(procedure=procedure)
    assert response["Location"] == reverse("backoffice:dossier", args=[dossier.pk])
    assert dossier.channel == channel
    assert dossier.status == Dossier.Status.RECEIVED
    assert dossier.code and dossier.due_at and BM01 in available_forms(dossier)
    assert dossier.applicant_details()["name"] == "Lê Văn Bình"
    assert dossier.applicant_details()["id_number"] == "079099001234"
    files = list(dossier.attachments.all())
    assert len(files) == 2 and all(file.digitised for file in files)
    assert {file.kind for file in files} == {DossierAttachment.Kind.APPLICANT}
    assert [event.action for event in dossier.events.all()] == ["submit", "receive"]
    assert all(event.actor == desk_officer for event in dossier.events.all())
    # Nobody signs in as the stand-in applicant.
    assert not dossier.applicant.is_active and not dossier.applicant.has_usable_password()


def test_a_paper_dossier_goes_to_the_citizens_own_account_even_beside_a_draft(
    client, procedure, desk_officer
):
    citizen = UserFactory(email="binh@example.vn")
    draft = flows.start_or_resume(citizen, procedure)  # one draft per procedure must not block
    client.force_login(desk_officer)
    response = client.post(intake_url(procedure), intake_data(procedure, email="BINH@example.vn"))
    assert response.status_code == 302
    dossier = Dossier.objects.exclude(pk=draft.pk).get(procedure=procedure)
    assert dossier.applicant == citizen and dossier.status == Dossier.Status.RECEIVED


def test_intake_without_a_required_scan_or_with_a_bad_id_keeps_the_input(
    client, procedure, desk_officer
):
    client.force_login(desk_officer)
    data = intake_data(procedure, id_number="12345")
    first = procedure.components_for().first()
    del data[f"component-{first.pk}"]
    response = client.post(intake_url(procedure), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lê Văn Bình" in page and "12 Trần Phú" in page
    assert escape(_("An identification number has 12 digits (or 9 on an old ID card).")) in page
    assert escape(_("Scan this required document.")) in page
    assert not Dossier.objects.filter(procedure=procedure).exists()


def test_an_officer_cannot_take_in_another_agencys_procedure(client, desk_officer):
    other = ProcedureFactory(agency=AgencyFactory(code="000.97.55.H97"))
    client.force_login(desk_officer)
    response = client.get(intake_url(other))
    assert response.status_code == 200
    assert "Lê Văn Bình" not in response.content.decode()
    assert 'name="full_name"' not in response.content.decode()
    response = client.post(intake_url(other), intake_data(other))
    assert response.status_code == 200  # the chooser refuses the procedure; nothing is created
    assert not Dossier.objects.filter(procedure=other).exists()


def test_a_processing_officer_cannot_use_the_desk(client, new_dossier):
    handler = officer(roles.PROCESSING_OFFICER, new_dossier.agency)
    client.force_login(handler)
    assert client.get(reverse("backoffice:dossier", args=[new_dossier.pk])).status_code == 200
    assert denied(post(client, "receive", new_dossier))
    assert denied(post(client, "refuse", new_dossier, {"reason": "x"}))
    assert denied(client.get(reverse("backoffice:intake")))
    assert Dossier.objects.get(pk=new_dossier.pk).status == Dossier.Status.NEW


def test_the_officer_records_the_citizens_request_to_stop(client, desk_officer, procedure):
    dossier = received_dossier(procedure=procedure)
    client.force_login(desk_officer)
    response = post(
        client, "withdraw", dossier, {"reason": "Công dân nộp đơn xin rút hồ sơ tại quầy."}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.WITHDRAWN
    event = dossier.events.get(action="withdraw")
    assert event.actor == desk_officer and "tại quầy" in event.note


def test_only_the_head_stops_processing(client, procedure, desk_officer):
    dossier = received_dossier(procedure=procedure)
    dossier.start_processing(by=desk_officer)
    client.force_login(desk_officer)
    assert denied(post(client, "stop", dossier, {"reason": "Không đủ điều kiện."}))
    head = officer(roles.AGENCY_HEAD, procedure.agency)
    client.force_login(head)
    page = client.get(reverse("backoffice:dossier", args=[dossier.pk])).content.decode()
    assert reverse("backoffice:stop", args=[dossier.pk]) in page
    response = post(client, "stop", dossier, {"reason": "Không đủ điều kiện theo quy định."})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.STOPPED
    event = dossier.events.get(action="stop")
    assert event.actor_role == roles.AGENCY_HEAD.name and event.actor_agency == procedure.agency
    assert BM03 in available_forms(dossier)


def test_another_agencys_officer_gets_404_everywhere(client, new_dossier):
    stranger = officer(roles.RECEIVING_OFFICER, AgencyFactory(code="000.97.66.H97"))
    assert stranger.agency_id != new_dossier.agency_id
    client.force_login(stranger)
    for name in ("dossier", "request_supplement", "refuse", "withdraw", "stop"):
        assert client.get(reverse(f"backoffice:{name}", args=[new_dossier.pk])).status_code == 404
    assert post(client, "receive", new_dossier).status_code == 404
    assert Dossier.objects.get(pk=new_dossier.pk).status == Dossier.Status.NEW


def test_the_timeline_shows_actor_role_and_agency(client, new_dossier, desk_officer):
    client.force_login(desk_officer)
    post(client, "receive", new_dossier)
    page = client.get(reverse("backoffice:dossier", args=[new_dossier.pk])).content.decode()
    assert "Trần Thị Tiếp Nhận" in page
    assert roles.RECEIVING_OFFICER.name in page
    assert new_dossier.agency.name in page


def test_events_keep_the_role_held_at_the_time(procedure):
    person = officer(roles.RECEIVING_OFFICER, procedure.agency)
    dossier = dossier_in_status(Dossier.Status.NEW, procedure=procedure)
    dossier.receive(by=person)
    person.groups.clear()
    event = DossierEvent.objects.get(dossier=dossier, action="receive")
    assert event.actor_role == roles.RECEIVING_OFFICER.name
    assert event.actor_agency == procedure.agency
    citizen_event = dossier.withdraw(by=dossier.applicant, reason="Không cần nữa")
    assert citizen_event.actor_role == "" and citizen_event.actor_agency is None
