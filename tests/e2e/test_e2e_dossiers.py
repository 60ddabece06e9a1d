"""Online filing on a phone: find a procedure, fill a two-step form with two attachments, lose the
browser half-way, come back, resume, submit; then the code, the BM.01 receipt, the tracking pages.

axe runs on every screen of the journey, and on my dossiers, the timeline and the public lookup in
Vietnamese, English and high contrast.
"""

import io
import re

import pytest
from axe import check_screen
from browser_helpers import PHONE, open_page, turn_on_high_contrast
from pypdf import PdfReader

from services.dossiers.models import Dossier
from tests.portal.accounts.factories import PASSWORD, UserFactory
from tests.services.dossiers.factories import (
    COMPONENTS,
    ProcedureFactory,
    pdf_bytes,
    received_dossier,
)

CODE = re.compile(r"\b000\.00\.\d{2}\.H99-\d{6}-\d{4}\b")


def log_in(page, username):
    assert "/tai-khoan/login/" in page.url
    check_screen(page, "login")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def next_step(page):
    with page.expect_navigation():
        page.locator("button[name=action][value=next]").click()


@pytest.fixture
def documents(tmp_path):
    paths = []
    for name in ("to-khai.pdf", "can-cuoc.pdf"):
        path = tmp_path / name
        path.write_bytes(pdf_bytes(name))
        paths.append(path)
    return paths


def test_a_citizen_files_a_dossier_on_a_phone_across_two_sessions(
    demo_site, new_page, documents, tmp_path, settings
):
    # A province that receives online dossiers at submission (the officer-checked default is in
    # test_e2e_backoffice_desk.py).
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = True
    procedure = ProcedureFactory(name="Cấp bản sao trích lục khai sinh (thử nghiệm)")
    citizen = UserFactory(full_name="Lê Thị Hoa", phone="0911222333")
    page = new_page(PHONE)

    # Find the procedure and start filing: the login brings the citizen back to the form.
    open_page(page, demo_site, f"/dich-vu-cong/?q={procedure.code}")
    check_screen(page, "procedure search")
    with page.expect_navigation():
        page.get_by_role("link", name=procedure.name).first.click()
    with page.expect_navigation():
        page.locator("a.filing-button").click()
    log_in(page, citizen.username)
    dossier = Dossier.objects.get(applicant=citizen)
    assert page.url.endswith(f"/ho-so/{dossier.pk}/buoc/0/")

    # Step 1/4, prefilled from the profile.
    check_screen(page, "form step 1")
    assert "1/4" in page.locator(".wizard-count").inner_text()
    assert page.locator("#id_full_name").input_value() == "Lê Thị Hoa"
    page.locator("#id_citizen_id").fill("001099012345")
    next_step(page)

    check_screen(page, "form step 2")
    assert "2/4" in page.locator(".wizard-count").inner_text()
    page.locator("#id_content").fill("Xin cấp 02 bản sao trích lục khai sinh.")
    next_step(page)

    # Attachments: the first file is uploaded, then the browser is lost.
    check_screen(page, "attachments")
    first, second = procedure.components_for()
    page.locator(f"#component-{first.pk}").set_input_files(str(documents[0]))
    with page.expect_navigation():
        page.locator("button[name=action][value=upload]").click()
    check_screen(page, "attachments after the first upload")
    assert "to-khai.pdf" in page.locator("main").inner_text()
    page.context.close()

    # A new browser: log in again, and the draft resumes where it was, with everything kept.
    page = new_page(PHONE)
    open_page(page, demo_site, f"/ho-so/nop/{procedure.code}/")
    log_in(page, citizen.username)
    assert page.url.endswith(f"/ho-so/{dossier.pk}/buoc/2/")
    check_screen(page, "attachments after resuming")
    assert "to-khai.pdf" in page.locator("main").inner_text()
    page.locator(f"#component-{second.pk}").set_input_files(str(documents[1]))
    next_step(page)

    check_screen(page, "review")
    review = page.locator("main").inner_text()
    assert "001099012345" in review and "can-cuoc.pdf" in review
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    # Received at once, with a code in the national format and the appointment.
    check_screen(page, "dossier after submission")
    heading = page.locator("h1").inner_text()
    dossier.refresh_from_db()
    assert CODE.search(heading) and dossier.code in heading
    assert dossier.status == Dossier.Status.RECEIVED

    with page.expect_download() as download_info:
        page.locator("a[href$='/phieu/bm01.pdf']").click()
    target = tmp_path / "bm01.pdf"
    download_info.value.save_as(target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert dossier.code in text
    for name in COMPONENTS:
        assert name in text
    from django.utils import timezone

    assert timezone.localtime(dossier.due_at).strftime("%d/%m/%Y") in text

    open_page(page, demo_site, "/ho-so/")
    check_screen(page, "my dossiers")
    assert dossier.code in page.locator("main").inner_text()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_tracking_pages_pass_axe(demo_site, new_page, lang, contrast):
    dossier = received_dossier()
    dossier.start_processing(unit="Phòng Tư pháp")
    prefix = "" if lang == "vi" else "/en"

    public = new_page(PHONE)
    open_page(public, demo_site, f"{prefix}/ho-so/tra-cuu/?ma={dossier.code}")
    if contrast:
        turn_on_high_contrast(public)
    check_screen(public, f"public lookup ({lang})")
    text = public.locator("main").inner_text()
    assert dossier.procedure.name in text and "Nguyễn Văn An" not in text

    page = new_page(PHONE)
    open_page(page, demo_site, f"{prefix}/ho-so/")
    log_in(page, dossier.applicant.username)
    if contrast:
        turn_on_high_contrast(page)
    check_screen(page, f"my dossiers ({lang})")
    with page.expect_navigation():
        page.get_by_role("link", name=dossier.code).click()
    check_screen(page, f"timeline ({lang})")
    assert "Phòng Tư pháp" in page.locator(".timeline").inner_text()


def test_a_citizen_answers_a_supplement_request_withdraws_and_rates_on_a_phone(
    demo_site, phone_page, documents
):
    """The three things a citizen does after filing, each screen checked with axe at 320 px."""
    asked = received_dossier()
    citizen = asked.applicant
    asked.start_processing(unit="Phòng Tư pháp")
    asked.request_supplement(items=["Bản sao giấy khai sinh"], reason="Thiếu giấy khai sinh")
    undecided = received_dossier(applicant=citizen)
    finished = received_dossier(applicant=citizen)
    finished.start_processing()
    finished.complete()
    finished.return_result()

    page = phone_page
    open_page(page, demo_site, f"/ho-so/{asked.pk}/bo-sung/")
    log_in(page, citizen.username)
    check_screen(page, "supplement request")
    assert "Bản sao giấy khai sinh" in page.locator("main").inner_text()
    page.locator("#supplement-file").set_input_files(str(documents[0]))
    with page.expect_navigation():
        page.locator("button[name=action][value=send]").click()
    check_screen(page, "dossier after the supplement")
    asked.refresh_from_db()
    assert asked.status == Dossier.Status.PROCESSING
    assert asked.attachments.filter(kind="supplement").count() == 1

    open_page(page, demo_site, f"/ho-so/{undecided.pk}/rut/")
    check_screen(page, "withdraw a dossier")
    page.locator("#id_confirm").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    check_screen(page, "dossier after withdrawal")
    undecided.refresh_from_db()
    assert undecided.status == Dossier.Status.WITHDRAWN

    open_page(page, demo_site, f"/ho-so/{finished.pk}/danh-gia/")
    check_screen(page, "rate a dossier")
    page.locator("input[name=level]").first.check()
    page.locator("#id_comment").fill("Cán bộ hướng dẫn tận tình.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    check_screen(page, "dossier after rating")
    finished.refresh_from_db()
    assert finished.rating.comment == "Cán bộ hướng dẫn tận tình."
