"""The applicant's declaration: needed before submit, signed with the sandbox or uploaded after
signing with a USB token, and needed again when the answers change."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from services.dossiers import flows as dossier_flows
from services.signing import declaration
from services.signing.flows import accept_signed_declaration, dossier_needs_signature
from services.signing.models import SignedDocument
from services.signing.sandbox import authority
from tests.services.dossiers.factories import ProcedureFactory, ready_draft
from tests.services.signing.helpers import signed_with, untrusted_signed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    cache.clear()
    with translation.override("en"):
        yield


@pytest.fixture
def draft():
    procedure = ProcedureFactory(applicant_signature_required=True)
    return ready_draft(procedure=procedure)


def review_url(dossier):
    return reverse("dossiers:step", args=[dossier.pk, len(dossier_flows.wizard_steps(dossier)) - 1])


def usb_token_signed(data, user):
    """What the citizen's token software does: append a signature made with their certificate."""
    identity = authority().identity(f"token-{user.pk}", user.full_name or "Công dân")
    return signed_with(identity, data, reason="Ký tờ khai", location="Nhà")


def test_the_declaration_is_the_same_bytes_for_the_same_answers(draft):
    first = declaration.render(draft)
    assert first.startswith(b"%PDF") and declaration.render(draft) == first
    draft.answers = {**draft.answers, "content": "Nội dung khác"}
    assert declaration.render(draft) != first


def test_no_signature_needed_when_the_procedure_does_not_ask():
    dossier = ready_draft()
    assert not dossier_needs_signature(dossier)


def test_submission_waits_for_the_signature_then_goes_through(client, draft):
    client.force_login(draft.applicant)
    assert dossier_needs_signature(draft)
    response = client.get(review_url(draft))
    assert "Sign the declaration before you submit." in response.content.decode()
    response = client.post(reverse("signing:sign_declaration", args=[draft.pk]))
    assert response.status_code == 302 and response.url == review_url(draft)
    document = SignedDocument.objects.get(dossier=draft, kind="declaration")
    assert document.valid and document.signed_by == draft.applicant
    assert not dossier_needs_signature(draft)
    page = client.get(review_url(draft)).content.decode()
    assert "The declaration was signed" in page and document.get_absolute_url() in page
    dossier, problems = dossier_flows.submit_draft(draft.pk, draft.applicant, draft.submission_key)
    assert not problems and not dossier.is_draft


def test_changed_answers_need_a_new_signature(client, draft):
    client.force_login(draft.applicant)
    client.post(reverse("signing:sign_declaration", args=[draft.pk]))
    assert not dossier_needs_signature(draft)
    dossier_flows.save_step(draft, 1, {"content": "Đề nghị khác"})
    assert dossier_needs_signature(draft)


def test_a_declaration_signed_with_a_usb_token_is_accepted(client, draft):
    client.force_login(draft.applicant)
    unsigned = client.get(reverse("signing:declaration", args=[draft.pk])).content
    signed = usb_token_signed(unsigned, draft.applicant)
    response = client.post(
        reverse("signing:upload_declaration", args=[draft.pk]),
        {"file": SimpleUploadedFile("to-khai-da-ky.pdf", signed, "application/pdf")},
    )
    assert response.status_code == 302
    assert not dossier_needs_signature(draft)
    assert SignedDocument.objects.get(dossier=draft, kind="declaration").sha256


def test_an_unsigned_or_other_declaration_is_refused(client, draft):
    client.force_login(draft.applicant)
    unsigned = declaration.render(draft)
    document, _report, message = accept_signed_declaration(draft, unsigned, by=draft.applicant)
    assert document is None and "no digital signature" in message
    other = ready_draft(
        procedure=draft.procedure,
        applicant=draft.applicant.__class__.objects.create(username="khac"),
    )
    foreign = usb_token_signed(declaration.render(other), draft.applicant)
    document, _report, message = accept_signed_declaration(draft, foreign, by=draft.applicant)
    assert document is None and "not the declaration generated for this dossier" in message
    assert dossier_needs_signature(draft)


def test_an_upload_signed_by_an_untrusted_certificate_is_refused(client, draft, tmp_path):
    signed = untrusted_signed(tmp_path / "stranger", declaration.render(draft))
    client.force_login(draft.applicant)
    client.post(
        reverse("signing:upload_declaration", args=[draft.pk]),
        {"file": SimpleUploadedFile("a.pdf", signed, "application/pdf")},
    )
    assert dossier_needs_signature(draft)
    page = client.get(review_url(draft)).content.decode()
    assert "not from a trusted authority" in page


def test_only_the_owner_signs_their_draft(client, draft):
    from tests.portal.accounts.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(reverse("signing:sign_declaration", args=[draft.pk])).status_code == 404
    assert client.get(reverse("signing:declaration", args=[draft.pk])).status_code == 404


def test_with_the_upload_backend_only_the_upload_is_offered(client, draft, settings):
    from services.signing.backends import get_signer

    settings.SIGNING_BACKENDS = {
        **settings.SIGNING_BACKENDS,
        "citizen": {"BACKEND": "services.signing.backends.upload.UploadOnly"},
    }
    get_signer.cache_clear()
    client.force_login(draft.applicant)
    page = client.get(review_url(draft)).content.decode()
    assert f'action="{reverse("signing:sign_declaration", args=[draft.pk])}"' not in page
    assert f'action="{reverse("signing:upload_declaration", args=[draft.pk])}"' in page
    client.post(reverse("signing:sign_declaration", args=[draft.pk]))
    assert dossier_needs_signature(draft)
