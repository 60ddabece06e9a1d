"""Digital signatures in the browser: the public verification page (a signed result is valid, a
tampered copy is not) and a citizen signing the declaration on the review step with the sandbox.
axe runs on every screen, on a phone."""

from axe import check_screen
from browser_helpers import PHONE, open_page

from services.dossiers import flows as dossier_flows
from services.signing.models import SignedDocument
from tests.portal.accounts.factories import PASSWORD, UserFactory
from tests.services.dossiers.factories import ProcedureFactory, ready_draft, received_dossier
from tests.services.signing.helpers import issue_result, one_byte_changed, stored_bytes


def upload_and_check(page, path):
    page.locator("#verify-file").set_input_files(str(path))
    with page.expect_navigation():
        page.locator("form.verify-form button[type=submit]").click()
    return page.locator(".verify-outcome").get_attribute("data-outcome")


def test_the_public_page_confirms_a_signed_result_and_rejects_a_tampered_copy(
    demo_site, new_page, tmp_path
):
    dossier = received_dossier()
    document = issue_result(dossier)
    signed = stored_bytes(document)
    good = tmp_path / "ket-qua.pdf"
    good.write_bytes(signed)
    bad = tmp_path / "ket-qua-da-sua.pdf"
    bad.write_bytes(one_byte_changed(signed))

    page = new_page(PHONE)
    open_page(page, demo_site, "/xac-thuc/")
    check_screen(page, "verification page")
    assert upload_and_check(page, good) == "authentic"
    main = page.locator("main").inner_text()
    assert dossier.code in main and dossier.agency.name in main
    check_screen(page, "verification: valid")
    assert upload_and_check(page, bad) == "invalid"
    assert dossier.code not in page.locator("main").inner_text()
    check_screen(page, "verification: not valid")

    open_page(page, demo_site, document.verification_path)
    assert page.locator(".verify-outcome").get_attribute("data-outcome") == "authentic"
    check_screen(page, "verification from the QR code")


def test_a_citizen_signs_the_declaration_on_the_review_step(demo_site, new_page):
    citizen = UserFactory(full_name="Trần Thị Ký")
    procedure = ProcedureFactory(applicant_signature_required=True)
    draft = ready_draft(procedure=procedure, applicant=citizen)
    review = len(dossier_flows.wizard_steps(draft)) - 1

    page = new_page(PHONE)
    open_page(page, demo_site, f"/ho-so/{draft.pk}/buoc/{review}/")
    page.locator("#id_login").fill(citizen.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert page.url.endswith(f"/ho-so/{draft.pk}/buoc/{review}/")
    check_screen(page, "review step before signing")
    assert page.locator(".form-errors").count() == 1

    with page.expect_navigation():
        page.locator(".signing-panel form.signing-form button[type=submit]").first.click()
    check_screen(page, "review step after signing")
    assert page.locator(".signing-panel .message-success").count() == 1
    assert page.locator(".form-errors").count() == 0
    assert SignedDocument.objects.filter(dossier=draft, kind="declaration", valid=True).exists()

    with page.expect_navigation():
        page.locator("main form:has(input[name=submission_key]) button[type=submit]").click()
    draft.refresh_from_db()
    assert not draft.is_draft
    check_screen(page, "dossier after submission")
    assert "Tờ khai" in page.locator("main").inner_text()
