"""Gazette, consultations, science programmes and statistics in Chromium: axe and the comment form."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import open_page, turn_on_high_contrast

HUB = "/thong-tin-cong-khai/"
CONSULTATIONS = HUB + "lay-y-kien/"
LISTINGS = {
    "gazette": (HUB + "cong-bao/", "table.data-table tbody a"),
    "consultations": (CONSULTATIONS, ".cards a"),
    "closed consultation": (CONSULTATIONS, "table.data-table tbody a"),
    "science": (HUB + "khoa-hoc-cong-nghe/", "table.data-table tbody a"),
    "statistics": (HUB + "thong-ke/", "table.data-table tbody a"),
}


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_every_publications_page_passes_axe(demo_site, new_page, contrast):
    for name, (path, first_record) in LISTINGS.items():
        page = new_page()
        open_page(page, demo_site, path)
        if contrast:
            turn_on_high_contrast(page)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page, f"{name} {path}")
        with page.expect_navigation():
            page.locator(first_record).first.click()
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page, f"{name} record {page.url}")


def open_consultation(page, server):
    open_page(page, server, CONSULTATIONS)
    with page.expect_navigation():
        page.locator(".cards a").first.click()


def test_the_closed_consultation_shows_comments_and_no_form(demo_site, page):
    open_page(page, demo_site, CONSULTATIONS)
    with page.expect_navigation():
        page.locator("table.data-table tbody a").first.click()
    assert page.locator(".comment-list .comment").count() == 3
    assert page.locator("form.comment-form").count() == 0


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_sending_a_comment_keeps_the_text_through_an_error(demo_site, page, contrast):
    from cms.publications.models import ConsultationComment

    open_consultation(page, demo_site)
    if contrast:
        turn_on_high_contrast(page)
    text = "Đề nghị bổ sung hỗ trợ cho hộ gia đình trồng rau trong nhà lưới."
    page.locator("#id_comment").fill(text)
    page.locator("#id_email").fill("không phải email")
    with page.expect_navigation():
        page.locator("form.comment-form button[type=submit]").click()
    assert page.locator(".form-errors").count() == 1
    assert page.locator("#id_comment").input_value() == text
    assert_no_axe_violations(page, "comment form with errors")

    page.locator("#id_name").fill("Nguyễn Văn Bình")
    page.locator("#id_email").fill("binh@example.vn")
    with page.expect_navigation():
        page.locator("form.comment-form button[type=submit]").click()
    assert page.locator(".message-success").count() == 1
    assert text not in page.content()
    assert_no_axe_violations(page, "comment sent")
    comment = ConsultationComment.objects.get(comment=text)
    assert not comment.is_published


def test_the_consultation_page_fits_a_320px_phone(demo_site, phone_page):
    open_consultation(phone_page, demo_site)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
