"""Online filing: a wizard saved on the server at every step and upload, and an idempotent submit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from services.dossiers.models import Dossier, DossierAttachment, DossierEvent
from services.procedures.models import Procedure
from tests.portal.accounts.factories import UserFactory
from tests.services.dossiers.factories import (
    ANSWERS,
    ProcedureFactory,
    pdf_file,
    png_file,
    ready_draft,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(client):
    user = UserFactory(full_name="Trần Thị Bình", phone="0987654321")
    client.force_login(user)
    return user


@pytest.fixture
def procedure():
    return ProcedureFactory()


def start(client, procedure):
    response = client.get(reverse("dossiers:start", args=[procedure.code]))
    assert response.status_code == 302
    return response


def step_label(number, total):
    """ "Bước 2/4" in Vietnamese (the msgid is English until the catalogue is compiled)."""
    with translation.override("vi"):
        return gettext("Step %(number)s/%(total)s") % {"number": number, "total": total}


def step_url(dossier, index):
    return reverse("dossiers:step", args=[dossier.pk, index])


def test_filing_needs_a_login(client, procedure):
    response = client.get(reverse("dossiers:start", args=[procedure.code]))
    assert response.status_code == 302
    assert "/tai-khoan/login/" in response["Location"] and "next=" in response["Location"]


def test_start_creates_one_draft_and_resumes_it(client, citizen, procedure):
    first = start(client, procedure)
    second = start(client, procedure)
    dossier = Dossier.objects.get()
    assert first["Location"] == second["Location"] == step_url(dossier, 0)
    assert dossier.status == Dossier.Status.DRAFT and dossier.applicant == citizen


def test_a_procedure_not_filed_here_cannot_be_started(client, citizen):
    procedure = ProcedureFactory(filing_channel=Procedure.FilingChannel.NATIONAL)
    response = client.get(reverse("dossiers:start", args=[procedure.code]))
    assert response.status_code == 404
    assert not Dossier.objects.exists()


def test_each_step_is_saved_on_the_server_and_resumed(client, citizen, procedure):
    start(client, procedure)
    dossier = Dossier.objects.get()
    page = client.get(step_url(dossier, 0))
    content = page.content.decode()
    assert step_label(1, 4) in content
    assert "Trần Thị Bình" in content, "prefilled from the profile"
    response = client.post(
        step_url(dossier, 0),
        {"full_name": "Trần Thị Bình", "citizen_id": "001099012345", "phone": "0987654321"},
    )
    assert response.status_code == 302 and response["Location"] == step_url(dossier, 1)
    dossier.refresh_from_db()
    assert dossier.answers["citizen_id"] == "001099012345"
    assert dossier.current_step == 1
    # The tab is closed; opening the procedure again lands on the saved step.
    assert start(client, procedure)["Location"] == step_url(dossier, 1)
    assert step_label(2, 4) in client.get(step_url(dossier, 1)).content.decode()


def test_an_invalid_step_shows_errors_and_keeps_the_saved_answers(client, citizen, procedure):
    dossier = ready_draft(procedure=procedure, applicant=citizen)
    response = client.post(step_url(dossier, 0), {"full_name": "", "citizen_id": "123"})
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.answers == ANSWERS


def test_uploads_are_checked_and_stored_privately(client, citizen, procedure):
    start(client, procedure)
    dossier = Dossier.objects.get()
    first, second = procedure.components_for()
    response = client.post(
        step_url(dossier, 2),
        {f"component-{first.pk}": pdf_file("tờ khai.pdf"), "action": "upload"},
    )
    assert response.status_code == 302
    attachment = DossierAttachment.objects.get()
    assert attachment.component == first and attachment.original_name == "tờ khai.pdf"
    assert attachment.file.name.startswith(f"dossiers/{dossier.pk}/")
    assert "khai" not in attachment.file.name and len(attachment.sha256) == 64
    assert attachment.content_type == "application/pdf"

    page = SimpleUploadedFile("giay-to.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(
        step_url(dossier, 2),
        {f"component-{second.pk}": page, "action": "next"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "trang web" in content.lower() or "web page" in content.lower()
    assert "tờ khai.pdf" in content, "the file already uploaded stays"
    assert DossierAttachment.objects.count() == 1
    assert "PDF, JPG, PNG" in content


def test_submit_refuses_with_the_list_of_what_is_missing(client, citizen, procedure):
    start(client, procedure)
    dossier = Dossier.objects.get()
    response = client.post(step_url(dossier, 3), {"submission_key": dossier.submission_key})
    assert response.status_code == 400
    content = response.content.decode()
    for component in procedure.components_for():
        assert component.name in content
    assert "Họ và tên" in content
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DRAFT and dossier.code is None


def test_submit_twice_gives_one_dossier(client, citizen, procedure):
    dossier = ready_draft(procedure=procedure, applicant=citizen)
    review = client.get(step_url(dossier, 3))
    assert str(dossier.submission_key) in review.content.decode()
    first = client.post(step_url(dossier, 3), {"submission_key": dossier.submission_key})
    again = client.post(step_url(dossier, 3), {"submission_key": dossier.submission_key})
    detail = reverse("dossiers:detail", args=[dossier.pk])
    assert first["Location"] == again["Location"] == detail
    assert Dossier.objects.count() == 1
    assert DossierEvent.objects.filter(action="submit").count() == 1
    dossier.refresh_from_db()
    assert dossier.code and dossier.status == Dossier.Status.RECEIVED
    page = client.get(detail).content.decode()
    assert dossier.code in page and "bm01" in page


def test_a_stale_submission_key_submits_nothing(client, citizen, procedure):
    dossier = ready_draft(procedure=procedure, applicant=citizen)
    response = client.post(step_url(dossier, 3), {"submission_key": "not-the-key"})
    assert response.status_code == 400
    assert Dossier.objects.get().status == Dossier.Status.DRAFT


def test_removing_an_attachment(client, citizen, procedure):
    dossier = ready_draft(procedure=procedure, applicant=citizen)
    attachment = dossier.attachments.first()
    client.post(step_url(dossier, 2), {"remove": attachment.pk})
    assert not DossierAttachment.objects.filter(pk=attachment.pk).exists()


def test_an_image_is_accepted_too(client, citizen, procedure):
    start(client, procedure)
    dossier = Dossier.objects.get()
    component = procedure.components_for().first()
    client.post(step_url(dossier, 2), {f"component-{component.pk}": png_file(), "action": "upload"})
    assert DossierAttachment.objects.get().content_type == "image/png"
