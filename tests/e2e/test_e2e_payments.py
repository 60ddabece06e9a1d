"""Level 4 end to end (acceptance 1 of issue 6): a citizen fills in a dossier, signs the declaration
with the sandbox signer, pays the fee and the charge through the sandbox gateway (redirect → server
notification → return), submits, and downloads the agency-signed electronic receipt that lists
every line. axe runs on every screen, the simulated gateway's page included.
"""

import io

import pytest
from axe import check_screen
from browser_helpers import DESKTOP, open_page
from pypdf import PdfReader

from services.dossiers.models import Dossier
from services.payments.models import Payment
from tests.portal.accounts.factories import PASSWORD, UserFactory
from tests.services.dossiers.factories import pdf_bytes
from tests.services.payments.factories import CHARGE, FEE, procedure_with_fees


@pytest.fixture(autouse=True)
def _sandboxes(settings, sandbox_signing):
    from services.payments import backends

    settings.PAYMENT_BACKENDS = {
        "sandbox": {"BACKEND": "services.payments.backends.sandbox.SandboxBackend"}
    }
    settings.PAYMENT_DEFAULT_BACKEND = "sandbox"
    backends.get_backend.cache_clear()
    yield
    backends.get_backend.cache_clear()


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def test_a_citizen_signs_pays_and_gets_the_receipt_of_a_level_4_dossier(
    demo_site, new_page, tmp_path
):
    procedure = procedure_with_fees(
        name="Cấp giấy chứng nhận (thử nghiệm mức độ 4)", applicant_signature_required=True
    )
    assert procedure.online_level == "4"
    citizen = UserFactory(full_name="Trần Văn Bình", phone="0911222444")
    page = new_page(DESKTOP)

    open_page(page, demo_site, f"/ho-so/nop/{procedure.code}/")
    check_screen(page, "login")
    page.locator("#id_login").fill(citizen.username)
    page.locator("#id_password").fill(PASSWORD)
    click_and_wait(page, page.locator("main form button[type=submit]").last)
    dossier = Dossier.objects.get(applicant=citizen)

    check_screen(page, "form step 1")
    page.locator("#id_citizen_id").fill("001099012345")
    click_and_wait(page, page.locator("button[name=action][value=next]"))
    page.locator("#id_content").fill("Xin cấp giấy chứng nhận.")
    click_and_wait(page, page.locator("button[name=action][value=next]"))
    check_screen(page, "attachments")
    for number, component in enumerate(procedure.components_for()):
        path = tmp_path / f"giay-to-{number}.pdf"
        path.write_bytes(pdf_bytes(f"giay to {number}"))
        page.locator(f"#component-{component.pk}").set_input_files(str(path))
    click_and_wait(page, page.locator("button[name=action][value=next]"))

    # Review: the signature and the payment are both still missing.
    check_screen(page, "review before signing and paying")
    fees = page.locator(".payment-panel").inner_text()
    for _kind, _amount, description in (FEE, CHARGE):
        assert description in fees
    assert "1.250.000\u00a0₫" in fees and "50.000\u00a0₫" in fees and "1.300.000\u00a0₫" in fees

    click_and_wait(page, page.locator(".signing-panel form.signing-form button").first)
    check_screen(page, "review after signing")
    dossier.refresh_from_db()
    assert not dossier.needs_signature()

    # The sandbox gateway: redirect there, pay, come back through the return address.
    click_and_wait(page, page.locator(".payment-form button"))
    assert "/payments/sandbox/pay/" in page.url
    check_screen(page, "sandbox gateway")
    assert "1.300.000\u00a0₫" in page.locator("main").inner_text()
    click_and_wait(page, page.locator("button[name=outcome][value=pay]"))
    payment = Payment.objects.get(dossier=dossier)
    assert page.url.endswith(f"/ho-so/{dossier.pk}/thanh-toan/{payment.reference}/")
    check_screen(page, "payment result")
    assert payment.status == Payment.Status.PAID
    assert payment.notifications.filter(result_code="00").count() == 1
    assert page.locator("a[href^='/van-ban-ky-so/']").count() == 1

    # Back to the review: nothing stands in the way; submit.
    click_and_wait(page, page.locator("main a.button").last)
    check_screen(page, "review after paying")
    assert page.locator(".form-errors").count() == 0
    click_and_wait(page, page.locator("main form.dossier-form button[type=submit]"))
    dossier.refresh_from_db()
    assert not dossier.is_draft
    check_screen(page, "dossier after submission")
    panel = page.locator(".payment-panel").inner_text()
    assert payment.reference in panel and "1.300.000\u00a0₫" in panel

    # The electronic receipt, signed by the agency, lists every line.
    with page.expect_download() as download_info:
        page.locator(".payment-panel a[href^='/van-ban-ky-so/']").first.click()
    target = tmp_path / "bien-lai.pdf"
    download_info.value.save_as(target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split()).replace("\u00a0", " ")
    for expected in (
        FEE[2],
        "1.250.000 ₫",
        CHARGE[2],
        "50.000 ₫",
        "1.300.000 ₫",
        payment.reference,
        "Trần Văn Bình",
    ):
        assert expected in text, expected
    assert reader.trailer["/Root"].get("/AcroForm") is not None  # carries a signature field
