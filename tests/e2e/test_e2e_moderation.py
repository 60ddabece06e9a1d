"""The editorial board answers a citizen's question in the admin and reads the visit statistics.

A reviewer logs in with two-step verification, finds the question in the moderation list, answers
and publishes it; the public status page then shows the answer. axe runs on each admin screen.
"""

import re

from axe import assert_no_axe_violations
from browser_helpers import log_in_with_totp, open_page
from playwright.sync_api import expect

from cms.feedback.models import Question
from portal.accounts import roles
from tests.portal.accounts.factories import PASSWORD, UserFactory, enable_totp


def log_in_as_reviewer(page, server, next_path):
    reviewer = UserFactory.with_role(roles.REVIEWER, mfa=False, username="bbt.hoidap")
    secret = enable_totp(reviewer)
    log_in_with_totp(page, server, reviewer.username, PASSWORD, secret, next_path)


def test_the_board_answers_a_question_and_reads_the_visit_statistics(demo_site, page):
    question = Question.objects.filter(status=Question.Status.RECEIVED).first()
    assert question is not None, "the demo has a question waiting for an answer"
    log_in_as_reviewer(page, demo_site, "/quan-tri/hoi-dap/")
    assert question.tracking_code in page.get_by_role("main").inner_text()
    assert_no_axe_violations(page, "Q&A moderation list")

    open_page(page, demo_site, f"/quan-tri/hoi-dap/edit/{question.pk}/")
    assert_no_axe_violations(page, "answering a question")
    page.locator("#id_status").select_option(Question.Status.ANSWERED)
    editor = page.locator("[contenteditable=true]").first
    editor.click()
    editor.type("Bạn nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến trên Cổng dịch vụ công.")
    # Draftail writes the text into its hidden input a moment after typing stops.
    expect(page.locator("#id_answer")).to_have_value(re.compile("Một cửa"))
    page.locator("#id_is_published").check()
    with page.expect_navigation():
        edit_form = page.locator(f'form[action$="/hoi-dap/edit/{question.pk}/"]')
        edit_form.locator("button[type=submit]").first.click()
    errors = page.locator(".error-message").all_inner_texts()
    assert not errors, errors
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED and question.is_published
    assert "Bộ phận Một cửa" in question.answer

    open_page(page, demo_site, f"/hoi-dap/tra-cuu/?ma={question.tracking_code}")
    assert "Bộ phận Một cửa" in page.get_by_role("main").inner_text()

    open_page(page, demo_site, "/quan-tri/thong-ke-truy-cap/")
    assert page.locator("table").count() >= 1
    assert_no_axe_violations(page, "visit statistics")
