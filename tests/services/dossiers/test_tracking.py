"""My dossiers, the timeline, the public lookup, withdrawal, rating, supplements; nobody else's data."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from services.dossiers.models import Dossier, DossierAttachment, Rating
from tests.portal.accounts.factories import UserFactory
from tests.services.dossiers.factories import pdf_file, received_dossier

pytestmark = pytest.mark.django_db
Status = Dossier.Status


@pytest.fixture
def dossier():
    return received_dossier()


def set_status(dossier, status):
    Dossier.objects.filter(pk=dossier.pk).update(status=status)
    dossier.refresh_from_db()


def test_my_dossiers_lists_only_mine(client, dossier):
    other = received_dossier()
    client.force_login(dossier.applicant)
    content = client.get(reverse("dossiers:mine")).content.decode()
    assert dossier.code in content and other.code not in content


def test_the_timeline_shows_every_status_with_time_and_unit(client, dossier):
    dossier.start_processing(unit="Phòng Hộ tịch")
    client.force_login(dossier.applicant)
    content = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    with translation.override("vi"):
        labels = [str(status.label) for status in (Status.NEW, Status.RECEIVED, Status.PROCESSING)]
        one_stop = gettext("One-stop unit – %(agency)s") % {"agency": dossier.agency.name}
    for label in labels:
        assert label in content
    assert "Phòng Hộ tịch" in content and one_stop in content


@pytest.mark.parametrize(
    "name",
    ["dossiers:detail", "dossiers:withdraw", "dossiers:rate", "dossiers:supplement"],
)
def test_another_citizen_gets_404(client, dossier, name):
    client.force_login(UserFactory())
    assert client.get(reverse(name, args=[dossier.pk])).status_code == 404


def test_another_citizen_gets_404_for_files_and_receipts(client, dossier):
    client.force_login(UserFactory())
    attachment = dossier.attachments.first()
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, "bm01"])).status_code == 404
    draft_step = reverse("dossiers:step", args=[dossier.pk, 0])
    assert client.get(draft_step).status_code == 404


def test_the_owner_downloads_a_file(client, dossier):
    client.force_login(dossier.applicant)
    attachment = dossier.attachments.first()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_public_lookup_shows_no_personal_data(client, dossier):
    response = client.get(reverse("dossiers:lookup"), {"ma": dossier.code.lower()})
    content = response.content.decode()
    assert response.status_code == 200
    assert dossier.code in content and dossier.procedure.name in content
    with translation.override("vi"):
        assert str(Dossier.Status.RECEIVED.label) in content
    for private in ("Nguyễn Văn An", "001099012345", "0912345678", "Đề nghị cấp bản sao"):
        assert private not in content
    assert "/tep/" not in content


def test_public_lookup_of_an_unknown_code(client):
    response = client.get(reverse("dossiers:lookup"), {"ma": "000.00.99.H99-260101-9999"})
    assert response.status_code == 200
    assert (
        "Không có hồ sơ" in response.content.decode() or "No dossier" in response.content.decode()
    )


def test_the_logged_in_owner_sees_everything_from_the_lookup(client, dossier):
    client.force_login(dossier.applicant)
    response = client.get(reverse("dossiers:lookup"), {"ma": dossier.code})
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    content = client.get(response["Location"]).content.decode()
    assert dossier.attachments.first().original_name in content


def test_another_citizen_sees_only_the_public_lookup(client, dossier):
    client.force_login(UserFactory())
    response = client.get(reverse("dossiers:lookup"), {"ma": dossier.code})
    assert response.status_code == 200
    assert "/tep/" not in response.content.decode()


def test_withdrawal_asks_for_confirmation(client, dossier):
    client.force_login(dossier.applicant)
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Nộp nhầm thủ tục"})
    assert response.status_code == 200 and "form-errors" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.RECEIVED
    response = client.post(url, {"reason": "Nộp nhầm thủ tục", "confirm": "on"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.WITHDRAWN


def test_a_decided_dossier_cannot_be_withdrawn(client, dossier):
    set_status(dossier, Dossier.Status.COMPLETED)
    client.force_login(dossier.applicant)
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    assert client.get(url).status_code == 302
    client.post(url, {"confirm": "on"})
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.COMPLETED


def test_rating_a_finished_dossier(client, dossier):
    set_status(dossier, Dossier.Status.RESULT_RETURNED)
    client.force_login(dossier.applicant)
    url = reverse("dossiers:rate", args=[dossier.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"level": "acceptable", "comment": "Cán bộ hướng dẫn tận tình"})
    rating = Rating.objects.get()
    assert (rating.level, rating.comment) == ("acceptable", "Cán bộ hướng dẫn tận tình")


def test_rating_an_unfinished_dossier_changes_nothing(client, dossier):
    client.force_login(dossier.applicant)
    response = client.post(reverse("dossiers:rate", args=[dossier.pk]), {"level": "satisfied"})
    assert response.status_code == 302
    assert not Rating.objects.exists()


def test_the_citizen_answers_a_supplement_request(client, dossier):
    dossier.start_processing()
    dossier.request_supplement(items=["Bản sao giấy khai sinh"], reason="Thiếu giấy tờ")
    client.force_login(dossier.applicant)
    url = reverse("dossiers:supplement", args=[dossier.pk])
    assert "Bản sao giấy khai sinh" in client.get(url).content.decode()
    response = client.post(url, {"action": "send"})
    assert response.status_code == 400, "nothing added yet"
    client.post(url, {"file": pdf_file("khai-sinh.pdf"), "action": "upload"})
    assert DossierAttachment.objects.filter(kind="supplement").count() == 1
    response = client.post(url, {"action": "send"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSING
    assert dossier.pauses[-1]["ended_at"] is not None and dossier.due_at is not None


def test_staff_of_the_receiving_agency_see_the_dossier(client, dossier):
    from portal.accounts import roles

    staff = UserFactory.with_role(roles.RECEIVING_OFFICER, agency=dossier.agency, mfa=False)
    client.force_login(staff)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
    outsider = UserFactory.with_role(roles.RECEIVING_OFFICER, mfa=False)
    client.force_login(outsider)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 404
