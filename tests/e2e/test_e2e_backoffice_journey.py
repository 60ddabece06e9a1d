"""Acceptance 1 in Chromium: a citizen files online; the receiving officer receives it; the head
assigns a handler; the handler consults another unit, which replies; the handler submits the
result for signature; the head signs it; the citizen downloads the signed result and rates it.

Every person uses their own browser and signs in once (staff with TOTP); axe runs on every screen,
the staff screens on the office PCs' 1024×768.
"""

import io

import pytest
from axe import check_screen
from browser_helpers import PHONE, log_in_with_totp, open_page
from pypdf import PdfReader

from portal.accounts import roles
from services.dossiers.models import Dossier
from tests.portal.accounts.factories import PASSWORD, AgencyFactory, UserFactory, enable_totp
from tests.services.dossiers.factories import ProcedureFactory, pdf_bytes

OLD_PC = {"width": 1024, "height": 768}


def staff(role, agency, username, full_name):
    user = UserFactory.with_role(
        role, mfa=False, agency=agency, username=username, full_name=full_name
    )
    return user, enable_totp(user)


def staff_browser(new_page, server, user, secret, next_path):
    """A new browser for one officer, signed in with password and TOTP, on `next_path`."""
    page = new_page(OLD_PC)
    log_in_with_totp(page, server, user.username, PASSWORD, secret, next_path)
    return page


def submit(page, selector="main form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def follow(page, href_end):
    with page.expect_navigation():
        page.locator(f"main a[href$='{href_end}']").first.click()


@pytest.fixture
def documents(tmp_path):
    paths = []
    for name in ("to-khai.pdf", "can-cuoc.pdf"):
        path = tmp_path / name
        path.write_bytes(pdf_bytes(name))
        paths.append(path)
    return paths


@pytest.mark.usefixtures("sandbox_signing")
def test_a_dossier_goes_from_online_filing_to_a_signed_result_the_citizen_downloads_and_rates(
    demo_site, new_page, documents
):
    from portal.accounts.models import Agency

    agency = AgencyFactory(code="000.00.88.H99", name="Sở Thử nghiệm")
    consulted = Agency.objects.get(code="000.00.04.H99")
    procedure = ProcedureFactory(name="Cấp bản sao trích lục khai sinh (hành trình)", agency=agency)
    citizen = UserFactory(full_name="Lê Thị Hoa", phone="0911222333")
    desk, desk_secret = staff(roles.RECEIVING_OFFICER, agency, "motcua.hanhtrinh", "Trần Thị Nhận")
    head, head_secret = staff(roles.AGENCY_HEAD, agency, "lanhdao.hanhtrinh", "Ngô Thị Lãnh")
    handler, handler_secret = staff(
        roles.PROCESSING_OFFICER, agency, "xuly.hanhtrinh", "Phan Văn Xử"
    )
    specialist, specialist_secret = staff(
        roles.PROCESSING_OFFICER, consulted, "stp.hanhtrinh", "Đinh Văn Tư"
    )

    # 1. The citizen files online on a phone.
    home = new_page(PHONE)
    open_page(home, demo_site, f"/ho-so/nop/{procedure.code}/")
    check_screen(home, "login")
    home.locator("#id_login").fill(citizen.username)
    home.locator("#id_password").fill(PASSWORD)
    submit(home, "main form button[type=submit] >> nth=-1")
    dossier = Dossier.objects.get(applicant=citizen)
    check_screen(home, "form step 1")
    home.locator("#id_citizen_id").fill("001099012345")
    submit(home, "button[name=action][value=next]")
    check_screen(home, "form step 2")
    home.locator("#id_content").fill("Xin cấp 02 bản sao trích lục khai sinh.")
    submit(home, "button[name=action][value=next]")
    check_screen(home, "attachments")
    first, second = procedure.components_for()
    home.locator(f"#component-{first.pk}").set_input_files(str(documents[0]))
    home.locator(f"#component-{second.pk}").set_input_files(str(documents[1]))
    submit(home, "button[name=action][value=next]")
    check_screen(home, "review")
    submit(home)
    check_screen(home, "dossier after submission")
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.NEW

    # 2. The receiving officer receives it.
    desk_page = staff_browser(new_page, demo_site, desk, desk_secret, "/quan-tri/mot-cua/?hop=moi")
    check_screen(desk_page, "desk inbox")
    with desk_page.expect_navigation():
        desk_page.locator("main table tbody tr", has_text="Lê Thị Hoa").get_by_role("link").click()
    check_screen(desk_page, "desk: dossier before receipt")
    submit(desk_page, "form[action$='/tiep-nhan/'] button[type=submit]")
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RECEIVED and dossier.code
    screen = f"/quan-tri/mot-cua/ho-so/{dossier.pk}/"

    # 3. The head assigns the handler.
    head_page = staff_browser(new_page, demo_site, head, head_secret, screen)
    check_screen(head_page, "head: dossier to assign")
    follow(head_page, "/phan-cong/")
    check_screen(head_page, "head: assignment form")
    head_page.locator("#id_handler").select_option(label="Phan Văn Xử")
    submit(head_page)
    check_screen(head_page, "head: dossier after assignment")
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSING
    assert "Phan Văn Xử" in head_page.get_by_role("main").inner_text()

    # 4. The handler consults the Department of Justice.
    handler_page = staff_browser(new_page, demo_site, handler, handler_secret, screen)
    check_screen(handler_page, "handler: dossier")
    follow(handler_page, "/xin-y-kien/")
    check_screen(handler_page, "handler: consultation form")
    handler_page.get_by_label(consulted.name, exact=True).check()
    handler_page.locator("#id_question").fill("Đề nghị cho ý kiến về bản trích lục kèm theo.")
    handler_page.locator("#id_working_days").fill("2")
    submit(handler_page)
    check_screen(handler_page, "handler: dossier with the consultation")
    assert consulted.name in handler_page.get_by_role("main").inner_text()

    # 5. The consulted unit answers from its consultation inbox.
    specialist_page = staff_browser(
        new_page, demo_site, specialist, specialist_secret, "/quan-tri/mot-cua/lien-thong/"
    )
    check_screen(specialist_page, "consulted unit: consultation inbox")
    with specialist_page.expect_navigation():
        specialist_page.get_by_role("link", name=dossier.code).click()
    check_screen(specialist_page, "consulted unit: consultation")
    specialist_page.locator("#id_answer").fill("Bản trích lục hợp lệ, đề nghị giải quyết.")
    submit(specialist_page)
    check_screen(specialist_page, "consulted unit: inbox after answering")
    consultation = dossier.consultations.get()
    assert consultation.state == "answered"

    # 6. The handler sees the answer and submits the result for signature.
    open_page(handler_page, demo_site, screen)
    assert "Bản trích lục hợp lệ" in handler_page.get_by_role("main").inner_text()
    check_screen(handler_page, "handler: dossier with the answer")
    follow(handler_page, "/trinh-ky/")
    check_screen(handler_page, "handler: submission for signature")
    handler_page.locator("#id_summary").fill(
        "Cấp 02 bản sao trích lục khai sinh cho bà Lê Thị Hoa."
    )
    submit(handler_page)
    check_screen(handler_page, "handler: dossier waiting for signature")

    # 7. The head signs the result.
    open_page(head_page, demo_site, screen)
    check_screen(head_page, "head: dossier to sign")
    follow(head_page, "/ky-ket-qua/")
    check_screen(head_page, "head: signature form")
    head_page.locator("#id_confirm").check()
    submit(head_page)
    check_screen(head_page, "head: dossier after signing")
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RESULT_RETURNED
    timeline = list(dossier.events.values_list("action", flat=True))
    for step in ("receive", "assign", "consult", "consultation_answered", "submit_for_signature"):
        assert step in timeline
    assert timeline[-3:] == ["sign_result", "complete", "return_result"]

    # 8. The citizen downloads the signed result and rates the handling.
    open_page(home, demo_site, f"/ho-so/{dossier.pk}/")
    check_screen(home, "citizen: dossier with the result")
    link = home.locator(f"main a:text('ket-qua-{dossier.code}.pdf')")
    response = home.request.get(demo_site.url + link.get_attribute("href"))
    assert response.status == 200
    data = response.body()
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert dossier.code in text and "Lê Thị Hoa" in text
    from services.signing.validation import validate_pdf

    report = validate_pdf(data)
    assert report.signatures and all(s["intact"] for s in report.signatures)
    follow(home, "/danh-gia/")
    check_screen(home, "citizen: rating")
    home.locator("input[name=level]").first.check()
    home.locator("#id_comment").fill("Giải quyết nhanh, đúng hẹn.")
    submit(home)
    check_screen(home, "citizen: dossier after rating")
    dossier.refresh_from_db()
    assert dossier.rating.comment == "Giải quyết nhanh, đúng hẹn."
