"""issue_document, the permission-checked download, the agency-signed BM forms and the public
verification page (acceptance 3 of issue 6)."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from portal.accounts import roles
from services.signing.flows import latest_document
from services.signing.models import SignedDocument
from services.signing.validation import validate_pdf
from tests.portal.accounts.factories import AgencyFactory, UserFactory
from tests.services.dossiers.factories import pdf_bytes, received_dossier
from tests.services.signing.helpers import (
    issue_result,
    one_byte_changed,
    stored_bytes,
    untrusted_signed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_fresh_counters():
    cache.clear()
    with translation.override("en"):
        yield


def test_the_agency_signs_a_result_which_is_registered_and_valid():
    dossier = received_dossier()
    document = issue_result(dossier)
    data = stored_bytes(document)
    assert document.valid and document.validation["is_valid"]
    assert document.sha256 == validate_pdf(data).sha256
    assert document.verification_path == f"/xac-thuc/{document.verification_code}/"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert document.verification_code in text.replace(" ", "").replace("\n", "")
    (signature,) = document.signatures
    assert dossier.agency.name in signature["signer"]
    assert latest_document(dossier, SignedDocument.Kind.RESULT) == document
    assert latest_document(dossier, SignedDocument.Kind.BM05) is None


def test_the_sandbox_stamp_says_test_signature_with_the_agency_and_time():
    dossier = received_dossier()
    data = stored_bytes(issue_result(dossier))
    # The stamp is the signature widget's appearance; its text is drawn with the embedded font,
    # so look for it in the decoded appearance stream through pyHanko's reader.
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data))
    (signature,) = reader.embedded_signatures
    widget = signature.sig_field
    appearance = widget["/AP"]["/N"]
    assert appearance.get_object().data, "a visible stamp is drawn"
    rect = [float(value) for value in widget["/Rect"]]
    assert rect[2] - rect[0] > 100 and rect[3] - rect[1] > 30
    assert "THỬ NGHIỆM" in signature.sig_object["/Reason"]


def test_the_public_page_confirms_an_issued_result(client):
    dossier = received_dossier()
    document = issue_result(dossier)
    data = stored_bytes(document)
    response = client.post(reverse("signing:verify"), {"file": upload(data)})
    assert response.status_code == 200
    assert response.context["outcome"] == "authentic"
    html = response.content.decode()
    assert dossier.code in html and dossier.agency.name in html
    assert dossier.applicant.full_name not in html
    assert "Nguyễn Văn An" not in html


def test_the_public_page_rejects_the_same_result_with_one_byte_changed(client):
    dossier = received_dossier()
    data = one_byte_changed(stored_bytes(issue_result(dossier)))
    response = client.post(reverse("signing:verify"), {"file": upload(data)})
    assert response.status_code == 200
    assert response.context["outcome"] == "invalid"
    assert dossier.code not in response.content.decode()
    assert "changed after it was signed" in response.content.decode()


def test_the_qr_address_shows_the_registered_document_and_compares_a_copy(client):
    dossier = received_dossier()
    document = issue_result(dossier)
    with translation.override("vi"):
        address = reverse("signing:verify_code", args=[document.verification_code])
    assert address == document.verification_path
    response = client.get(address)
    assert response.context["outcome"] == "authentic"
    assert dossier.code in response.content.decode()
    other = issue_result(dossier)
    response = client.post(address, {"file": upload(stored_bytes(other))})
    assert response.context["outcome"] == "different"
    assert client.get("/xac-thuc/khong-co-ma-nay/").status_code == 404


def test_a_valid_signature_not_issued_here_is_not_authentic(client):
    from services.signing.backends import get_signer

    data = get_signer("agency").sign(
        pdf_bytes("Ngoai cong"), subject=None, reason="Thử", location="Tỉnh", visible_stamp=True
    )
    response = client.post(reverse("signing:verify"), {"file": upload(data)})
    assert response.context["outcome"] == "unregistered"


@pytest.mark.parametrize(
    "data",
    [b"", b"not a pdf at all", b"%PDF-1.4\nbroken", pdf_bytes("Khong ky")],
    ids=["empty", "not-pdf", "corrupted", "unsigned"],
)
def test_bad_files_on_the_public_page_give_a_clear_answer(client, data):
    response = client.post(reverse("signing:verify"), {"file": upload(data)})
    assert response.status_code in (200, 400)
    assert response.context.get("outcome") in (None, "invalid")
    assert b"message-error" in response.content


def test_an_untrusted_signature_is_not_valid_on_the_page(client, tmp_path):
    response = client.post(
        reverse("signing:verify"), {"file": upload(untrusted_signed(tmp_path / "x"))}
    )
    assert response.context["outcome"] == "invalid"
    assert "not from a trusted authority" in response.content.decode()


def test_a_file_over_the_limit_is_refused_before_reading(client, settings):
    settings.SIGNING_MAX_PDF_BYTES = 1024
    response = client.post(reverse("signing:verify"), {"file": upload(b"%PDF-1.4\n" + b"0" * 2000)})
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_uploads_to_the_public_page_are_rate_limited(client, settings):
    settings.SIGNING_VERIFICATIONS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(reverse("signing:verify"), {"file": upload(b"x")}).status_code != 429
    assert client.post(reverse("signing:verify"), {"file": upload(b"x")}).status_code == 429


def test_the_verification_page_answers_without_a_file(client):
    response = client.get(reverse("signing:verify"))
    assert response.status_code == 200
    assert response.context.get("outcome") is None


def test_download_is_for_the_owner_and_the_agency_back_office_only(client):
    dossier = received_dossier()
    document = issue_result(dossier)
    url = document.get_absolute_url()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(dossier.applicant)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored_bytes(document)
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(
        UserFactory.with_role(roles.RECEIVING_OFFICER, agency=dossier.agency, mfa=False)
    )
    assert client.get(url).status_code == 200
    client.force_login(
        UserFactory.with_role(
            roles.RECEIVING_OFFICER, agency=AgencyFactory(code="999.99.99.H99"), mfa=False
        )
    )
    assert client.get(url).status_code == 404


def test_bm01_is_signed_by_the_agency_and_issued_once(client):
    dossier = received_dossier()
    client.force_login(dossier.applicant)
    url = reverse("dossiers:receipt", args=[dossier.pk, "bm01"])
    first = client.get(url).content
    report = validate_pdf(first)
    assert report.is_valid, report.signatures
    document = SignedDocument.objects.get(dossier=dossier, kind="BM.01")
    assert document.sha256 == report.sha256
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(first)).pages)
    assert document.verification_path in text.replace(" ", "").replace("\n", "")
    assert client.get(url).content == first
    assert SignedDocument.objects.filter(dossier=dossier, kind="BM.01").count() == 1


def test_a_new_supplement_request_issues_a_new_bm02(client):
    dossier = received_dossier()
    client.force_login(dossier.applicant)
    dossier.request_supplement(items=["Bản sao giấy khai sinh"], reason="Thiếu")
    url = reverse("dossiers:receipt", args=[dossier.pk, "bm02"])
    client.get(url)
    assert SignedDocument.objects.filter(dossier=dossier, kind="BM.02").count() == 1


def test_the_dossier_page_lists_the_signed_documents(client):
    dossier = received_dossier()
    document = issue_result(dossier)
    client.force_login(dossier.applicant)
    html = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert document.get_absolute_url() in html


def test_the_officer_panel_shows_the_validation_report():
    from django.template.loader import render_to_string

    dossier = received_dossier()
    document = issue_result(dossier)
    html = render_to_string("signing/_officer_panel.html", {"dossier": dossier})
    (signature,) = document.signatures
    for value in (signature["serial"], signature["issuer"], signature["signer"], "not checked"):
        assert value in html


def upload(data, name="van-ban.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")
