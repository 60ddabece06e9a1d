"""The receiving desk in Chromium: a one-stop officer signs in with TOTP, finds the new online
dossiers in the inbox, receives one and asks for supplements on the other. axe runs on every
screen, on a desktop and on the office PCs' 1024×768 screens.
"""

import pytest
from axe import check_screen
from browser_helpers import DESKTOP, log_in_with_totp, open_page

from portal.accounts import roles
from services.dossiers.models import Dossier
from tests.portal.accounts.factories import PASSWORD, UserFactory, enable_totp
from tests.services.dossiers.factories import ANSWERS, ProcedureFactory, submitted_dossier

OLD_PC = {"width": 1024, "height": 768}


def log_in_officer(page, server, user, secret, next_path):
    log_in_with_totp(page, server, user.username, PASSWORD, secret, next_path)


def open_dossier_of(page, server, applicant_name):
    open_page(page, server, "/quan-tri/mot-cua/?hop=moi")
    row = page.locator("main table tbody tr", has_text=applicant_name)
    with page.expect_navigation():
        row.get_by_role("link").click()


@pytest.mark.parametrize("viewport", [DESKTOP, OLD_PC], ids=["desktop", "1024x768"])
def test_the_receiving_officer_receives_one_dossier_and_asks_supplements_for_another(
    demo_site, new_page, settings, viewport
):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    procedure = ProcedureFactory(name="Cấp bản sao trích lục khai sinh (thử nghiệm)")
    first = submitted_dossier(procedure=procedure, answers={**ANSWERS, "full_name": "Phạm Thị Một"})
    second = submitted_dossier(procedure=procedure, answers={**ANSWERS, "full_name": "Đỗ Văn Hai"})
    assert first.status == second.status == Dossier.Status.NEW
    officer = UserFactory.with_role(
        roles.RECEIVING_OFFICER,
        mfa=False,
        agency=procedure.agency,
        username="motcua.e2e",
        full_name="Trần Thị Tiếp Nhận",
    )
    secret = enable_totp(officer)
    page = new_page(viewport)

    log_in_officer(page, demo_site, officer, secret, "/quan-tri/mot-cua/")
    inbox = page.get_by_role("main").inner_text()
    assert "Phạm Thị Một" in inbox and "Đỗ Văn Hai" in inbox
    assert "(2)" in page.locator(".bo-boxes a[aria-current=page]").inner_text()
    check_screen(page, "inbox of new online dossiers")

    # Receive the first one.
    open_dossier_of(page, demo_site, "Phạm Thị Một")
    assert "Phạm Thị Một" in page.get_by_role("main").inner_text()
    check_screen(page, "officer's dossier screen before receipt")
    with page.expect_navigation():
        page.locator("form[action$='/tiep-nhan/'] button[type=submit]").click()
    first.refresh_from_db()
    assert first.status == Dossier.Status.RECEIVED and first.code
    open_page(page, demo_site, f"/quan-tri/mot-cua/ho-so/{first.pk}/")
    main = page.get_by_role("main").inner_text()
    assert first.code in main and "BM.01" in main and "Trần Thị Tiếp Nhận" in main
    check_screen(page, "officer's dossier screen after receipt")

    # Ask for supplements on the second one, two items with their reasons.
    open_dossier_of(page, demo_site, "Đỗ Văn Hai")
    with page.expect_navigation():
        page.locator("a[href$='/yeu-cau-bo-sung/']").click()
    check_screen(page, "supplement request form")
    page.locator("#id_form-0-item").fill("Bản sao giấy khai sinh")
    page.locator("#id_form-0-reason").fill("Bản chụp bị mờ, không đọc được")
    page.locator("#id_form-1-item").fill("Giấy ủy quyền")
    page.locator("#id_form-1-reason").fill("Người nộp không phải người yêu cầu")
    page.locator("#id_contact").fill("Chị Lan, 0236 3822 111")
    with page.expect_navigation():
        page.locator("main form button[type=submit]:not([name=more_rows])").click()
    second.refresh_from_db()
    assert second.status == Dossier.Status.SUPPLEMENT_REQUESTED
    assert second.supplement_items == [
        "Bản sao giấy khai sinh – Bản chụp bị mờ, không đọc được",
        "Giấy ủy quyền – Người nộp không phải người yêu cầu",
    ]
    open_page(page, demo_site, f"/quan-tri/mot-cua/ho-so/{second.pk}/")
    assert "BM.02" in page.get_by_role("main").inner_text()
    check_screen(page, "officer's dossier screen after the supplement request")

    open_page(page, demo_site, "/quan-tri/mot-cua/?hop=bo-sung")
    assert "Đỗ Văn Hai" in page.get_by_role("main").inner_text()
    check_screen(page, "inbox of dossiers waiting for supplements")
