"""Officer journeys the two big back-office tests do not walk, in Chromium at the office PCs'
1024×768, with axe on every screen: a paper dossier taken in at the counter, a refusal, a transfer
from a commune to the province, the extension with BM.04 and a stop by the head, the BM.06 register,
and the finance staff marking a refund as done.
"""

import pytest
from axe import check_screen
from browser_helpers import log_in_with_totp, open_page

from portal.accounts import roles
from services.dossiers.models import Dossier
from services.payments import flows as payment_flows
from services.payments.models import Refund
from tests.portal.accounts.factories import PASSWORD, AgencyFactory, UserFactory, enable_totp
from tests.services.backoffice.processing_fixtures import in_processing, office, received
from tests.services.dossiers.factories import pdf_bytes, submitted_dossier
from tests.services.payments.factories import dossier_in_processing

OLD_PC = {"width": 1024, "height": 768}


@pytest.fixture(autouse=True)
def _officers_check_online_dossiers(settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False


def signed_in(new_page, server, user, path):
    """A browser of its own for `user`, signed in with password and TOTP, showing `path`."""
    secret = enable_totp(user)
    page = new_page(OLD_PC)
    log_in_with_totp(page, server, user.username, PASSWORD, secret, path)
    return page


def submit(page):
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def test_the_desk_takes_in_a_paper_dossier_and_refuses_an_online_one(demo_site, new_page):
    unit = office("000.00.61.H99", "Sở Thử nghiệm Một cửa")
    online = submitted_dossier(procedure=unit.procedure)
    page = signed_in(new_page, demo_site, unit.desk, "/quan-tri/mot-cua/tiep-nhan-ho-so-giay/")
    check_screen(page, "choice of procedure for a paper dossier")

    open_page(
        page,
        demo_site,
        f"/quan-tri/mot-cua/tiep-nhan-ho-so-giay/?procedure={unit.procedure.pk}&channel=counter",
    )
    check_screen(page, "paper dossier intake form")
    main = page.get_by_role("main")
    main.locator("[name=full_name]").fill("Lê Văn Bình")
    main.locator("[name=id_number]").fill("079099001234")
    main.locator("[name=phone]").fill("0905 123 456")
    main.locator("[name=address]").fill("12 Trần Phú, phường Hải Châu")
    scans = main.locator("input[type=file]")
    scan_count = scans.count()
    for index in range(scan_count):
        scans.nth(index).set_input_files(
            {"name": f"ban-quet-{index}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
        )
    submit(page)
    paper = Dossier.objects.get(procedure=unit.procedure, channel=Dossier.Channel.COUNTER)
    assert paper.status == Dossier.Status.RECEIVED and paper.code
    assert paper.attachments.filter(digitised=True).count() == scan_count == 2
    assert paper.code in page.get_by_role("main").inner_text()
    check_screen(page, "dossier screen of the paper dossier")

    open_page(page, demo_site, f"/quan-tri/mot-cua/ho-so/{online.pk}/tu-choi/")
    check_screen(page, "refusal form")
    page.get_by_role("main").locator("textarea").first.fill("Hồ sơ không thuộc thẩm quyền.")
    submit(page)
    online.refresh_from_db()
    assert online.status == Dossier.Status.NOT_RECEIVED
    assert online.decision_reason == "Hồ sơ không thuộc thẩm quyền."


def test_a_commune_desk_transfers_a_dossier_to_the_province(demo_site, new_page):
    commune = office("000.21.61.H99", "Ủy ban nhân dân xã Thử Nghiệm")
    province = office("000.00.62.H99", "Sở Thử nghiệm Liên thông")
    dossier = received(commune)
    page = signed_in(
        new_page,
        demo_site,
        commune.desk,
        f"/quan-tri/mot-cua/ho-so/{dossier.pk}/chuyen-lien-thong/",
    )
    check_screen(page, "transfer form")
    main = page.get_by_role("main")
    main.locator("select[name=to_agency]").select_option(str(province.agency.pk))
    note = main.locator("textarea")
    if note.count():
        note.first.fill("Chuyển Sở thẩm định theo quy trình liên thông.")
    submit(page)
    dossier.refresh_from_db()
    assert dossier.transfers.filter(to_agency=province.agency).exists()

    province_page = signed_in(new_page, demo_site, province.head, "/quan-tri/mot-cua/?hop=tat-ca")
    assert dossier.code in province_page.get_by_role("main").inner_text()
    check_screen(province_page, "the province's inbox with the transferred dossier")


def test_the_handler_proposes_an_extension_the_head_issues_bm04_and_stops_another(
    demo_site, new_page
):
    unit = office("000.00.63.H99", "Sở Thử nghiệm Gia hạn")
    late = in_processing(unit)
    hopeless = in_processing(unit)
    old_due = late.due_at

    handler = signed_in(
        new_page, demo_site, unit.handler, f"/quan-tri/mot-cua/ho-so/{late.pk}/de-xuat-gia-han/"
    )
    check_screen(handler, "extension proposal form")
    handler.get_by_role("main").locator("[name=amount]").fill("2")
    handler.get_by_role("main").locator("[name=reason]").fill("Chờ kết quả xác minh thực địa.")
    submit(handler)
    assert late.extension_proposals.exists()

    head = signed_in(new_page, demo_site, unit.head, f"/quan-tri/mot-cua/ho-so/{late.pk}/gia-han/")
    check_screen(head, "extension form of the head (BM.04)")
    submit(head)
    late.refresh_from_db()
    assert late.extension_used and late.due_at > old_due
    assert late.signed_documents.filter(kind="BM.04").exists()
    check_screen(head, "dossier screen after the extension")

    open_page(head, demo_site, f"/quan-tri/mot-cua/ho-so/{hopeless.pk}/dung-xu-ly/")
    check_screen(head, "stop form")
    head.get_by_role("main").locator("textarea").first.fill("Người đề nghị không đủ điều kiện.")
    submit(head)
    hopeless.refresh_from_db()
    assert hopeless.status == Dossier.Status.STOPPED

    open_page(head, demo_site, "/quan-tri/mot-cua/so-theo-doi/")
    check_screen(head, "BM.06 register form")


def test_finance_staff_mark_a_refund_as_done(demo_site, new_page):
    payment = payment_flows.request_payment(dossier_in_processing(), by=None)
    refund = Refund.objects.create(payment=payment, amount=payment.amount, reason="Từ chối hồ sơ")
    administrator = UserFactory.with_role(
        roles.ADMINISTRATOR, mfa=False, agency=AgencyFactory(code="000.00.64.H99")
    )
    page = signed_in(new_page, demo_site, administrator, "/quan-tri/thanh-toan/giao-dich/")
    assert payment.reference in page.get_by_role("main").inner_text()
    check_screen(page, "list of payments")
    open_page(page, demo_site, "/quan-tri/thanh-toan/hoan-tien/")
    check_screen(page, "list of refunds")
    open_page(page, demo_site, f"/quan-tri/thanh-toan/hoan-tien/edit/{refund.pk}/")
    check_screen(page, "refund form")
    page.get_by_role("main").locator("select[name=state]").select_option(Refund.State.REFUNDED)
    with page.expect_navigation():
        page.get_by_role("main").locator("button[type=submit]").first.click()
    refund.refresh_from_db()
    assert refund.state == Refund.State.REFUNDED and refund.refunded_at is not None
    check_screen(page, "list of refunds after the refund")
