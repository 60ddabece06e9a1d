import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from cms.feedback import models as feedback_models
from cms.feedback.deadlines import answer_due_on
from cms.feedback.models import Question, normalise_tracking_code

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = re.compile(r"^HD-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_question(**fields):
    values = {"asker_name": "Nguyễn Văn A", "title": "Câu hỏi", "text": "Nội dung câu hỏi mẫu."}
    values.update(fields)
    question = Question(**values)
    question.save()
    return question


def form_data(idempotency="token-1", **overrides):
    data = {
        "asker_name": "Trần Thị Bình",
        "email": "",
        "phone": "",
        "topic": "procedures",
        "title": "Hỏi về thủ tục cấp đổi giấy phép lái xe",
        "text": "Tôi muốn hỏi thủ tục đổi giấy phép lái xe hạng B2 sang thẻ PET cần những gì?",
        "website": "",
        "token": idempotency,
    }
    data.update(overrides)
    return data


def ask_url(page):
    return page.url + page.reverse_subpage("ask")


def test_tracking_codes_are_short_unambiguous_and_unique(db):
    codes = {make_question(title=f"Câu {n}").tracking_code for n in range(30)}
    assert len(codes) == 30
    assert all(CODE.match(code) for code in codes)
    assert not any(char in code[3:] for code in codes for char in "0O1I")


def test_a_code_clash_is_retried_with_a_new_code(db, monkeypatch):
    first = make_question()
    codes = iter([first.tracking_code, first.tracking_code, "HD-ABCDEF"])
    monkeypatch.setattr(feedback_models, "new_tracking_code", lambda: next(codes))
    assert make_question(title="Khác").tracking_code == "HD-ABCDEF"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("HD-7K3M9Q", "HD-7K3M9Q"),
        (" hd-7k3m9q ", "HD-7K3M9Q"),
        ("7K3M9Q", "HD-7K3M9Q"),
        ("HD 7K3 M9Q", "HD-7K3M9Q"),
        ("HD-7K3M9", ""),
        ("HD-0O1I23", ""),
        ("<script>", ""),
    ],
)
def test_typed_codes_are_normalised(typed, expected):
    assert normalise_tracking_code(typed) == expected


def test_the_answer_is_due_fifteen_working_days_later(db):
    friday = datetime(2026, 11, 20, 10, 0, tzinfo=HCM)
    assert answer_due_on(friday) == date(2026, 12, 11)


def test_a_holiday_on_the_provincial_calendar_moves_the_due_date(db):
    from services.workdays.models import CalendarDay

    CalendarDay.objects.create(date=date(2026, 12, 2), name="Ngày nghỉ (thử nghiệm)")
    friday = datetime(2026, 11, 20, 10, 0, tzinfo=HCM)
    assert answer_due_on(friday) == date(2026, 12, 14)


def test_a_question_gets_its_due_date_when_saved(db):
    question = make_question(submitted_at=datetime(2026, 11, 20, 10, 0, tzinfo=HCM))
    assert question.due_on == date(2026, 12, 11)


def test_anonymous_question_is_stored_and_stays_private_until_answered_and_published(
    client, qa_page
):
    response = client.post(ask_url(qa_page), form_data())
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.asker_name == "Trần Thị Bình"
    assert question.status == Question.Status.RECEIVED
    assert question.due_on > timezone.localdate()

    confirmation = client.get(response["Location"])
    assert question.tracking_code in confirmation.content.decode()

    def listed():
        html = client.get(qa_page.url).content.decode()
        return "giấy phép lái xe" in html

    assert not listed()
    answer_url = qa_page.url + qa_page.reverse_subpage("answer", args=[question.tracking_code])
    assert client.get(answer_url).status_code == 404

    question.status, question.answer = Question.Status.ANSWERED, "<p>Mang theo CCCD.</p>"
    question.save()
    assert not listed()
    assert client.get(answer_url).status_code == 404

    question.is_published = True
    question.save()
    assert listed()
    page = client.get(answer_url).content.decode()
    assert "Mang theo CCCD." in page
    assert "Trần Thị Bình" not in page


def test_the_status_lookup_shows_progress_without_personal_data(client, qa_page):
    question = make_question(
        asker_name="Lê Văn Riêng",
        email="rieng@example.vn",
        phone="0912345678",
        title="Câu hỏi có tên riêng",
        text="Nội dung riêng tư của người hỏi.",
        submitted_at=datetime(2026, 11, 20, 10, 0, tzinfo=HCM),
    )
    url = qa_page.url + qa_page.reverse_subpage("lookup")
    html = client.get(url, {"ma": question.tracking_code.lower()}).content.decode()
    assert "Đã tiếp nhận" in html or "Received" in html
    assert "20/11/2026" in html and "11/12/2026" in html
    for private in ("Lê Văn Riêng", "rieng@example.vn", "0912345678", "Nội dung riêng tư"):
        assert private not in html

    question.status, question.answer = Question.Status.ANSWERED, "<p>Câu trả lời bí mật.</p>"
    question.save()
    html = client.get(url, {"ma": question.tracking_code}).content.decode()
    assert "Câu trả lời bí mật." not in html
    question.is_published = True
    question.save()
    html = client.get(url, {"ma": question.tracking_code}).content.decode()
    assert "Câu trả lời bí mật." in html
    assert "Lê Văn Riêng" not in html


def test_an_unknown_code_gets_a_clear_message(client, qa_page):
    url = qa_page.url + qa_page.reverse_subpage("lookup")
    response = client.get(url, {"ma": "HD-ZZZZZZ"})
    assert response.status_code == 404
    assert 'role="alert"' in response.content.decode()


def test_a_reloaded_or_double_clicked_form_creates_one_question(client, qa_page):
    first = client.post(ask_url(qa_page), form_data(idempotency="same"))
    again = client.post(ask_url(qa_page), form_data(idempotency="same"))
    assert first.status_code == again.status_code == 302
    assert Question.objects.count() == 1
    assert Question.objects.get().idempotency_token == "same"


def test_the_same_text_sent_again_within_minutes_is_the_same_question(client, qa_page):
    client.post(ask_url(qa_page), form_data(idempotency="first"))
    response = client.post(ask_url(qa_page), form_data(idempotency="second"))
    assert response.status_code == 302
    assert Question.objects.count() == 1
    code = Question.objects.get().tracking_code
    assert code in client.get(response["Location"]).content.decode()


def test_the_honeypot_turns_robots_away(client, qa_page):
    response = client.post(ask_url(qa_page), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_more_than_five_questions_an_hour_from_one_address_are_refused_kindly(client, qa_page):
    for number in range(5):
        response = client.post(
            ask_url(qa_page),
            form_data(idempotency=f"t{number}", title=f"Câu hỏi số {number}"),
            REMOTE_ADDR="203.0.113.7",
        )
        assert response.status_code == 302
    text = "Câu hỏi thứ sáu, nội dung phải được giữ lại nguyên vẹn."
    refused = client.post(
        ask_url(qa_page), form_data(idempotency="t6", text=text), REMOTE_ADDR="203.0.113.7"
    )
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    html = refused.content.decode()
    # Vietnamese once the catalogue has the message; the English msgid until then.
    assert "Vui lòng đợi" in html or "Please wait" in html
    assert text in html
    assert Question.objects.count() == 5
    other = client.post(ask_url(qa_page), form_data(idempotency="t7"), REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 302


def test_a_validation_error_keeps_everything_typed(client, qa_page):
    response = client.post(
        ask_url(qa_page),
        form_data(
            asker_name="",
            email="không phải email",
            phone="12ab",
            text="Nội dung dài đủ để giữ lại.",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nội dung dài đủ để giữ lại." in html
    assert "không phải email" in html
    assert "Hỏi về thủ tục cấp đổi giấy phép lái xe" in html
    assert 'aria-invalid="true"' in html
    assert not Question.objects.exists()


def test_the_asker_gets_the_tracking_code_by_email_after_commit(
    client, qa_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(qa_page), form_data(email="hoi@example.vn"))
    question = Question.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoi@example.vn"]
    assert question.tracking_code in message.subject
    assert question.tracking_code in message.body
    assert "tra-cuu/?ma=" in message.body


def test_no_email_when_none_was_given(client, qa_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(qa_page), form_data())
    assert mail.outbox == []


def test_the_published_list_searches_without_diacritics_and_paginates(client, qa_page):
    for number in range(12):
        make_question(
            title=f"Đất đai số {number}",
            status=Question.Status.ANSWERED,
            answer="<p>Trả lời.</p>",
            is_published=True,
        )
    make_question(
        title="Học phí", status=Question.Status.ANSWERED, answer="<p>Có.</p>", is_published=True
    )
    html = client.get(qa_page.url, {"q": "dat dai"}).content.decode()
    assert "12 câu trả lời" in html or "12 answers" in html
    assert "Học phí" not in html
    assert 'rel="next"' in html
    assert client.get(qa_page.url, {"page": "abc"}).status_code == 200


def test_answering_needs_an_answer_and_publishing_needs_an_answered_question(db):
    from django.core.exceptions import ValidationError

    question = make_question(status=Question.Status.ANSWERED)
    with pytest.raises(ValidationError):
        question.clean()
    question = make_question(is_published=True)
    with pytest.raises(ValidationError):
        question.clean()


def test_overdue_and_due_soon(db):
    today = timezone.localdate()
    late = make_question(due_on=today.replace(day=1) if today.day > 1 else today, title="late")
    Question.objects.filter(pk=late.pk).update(due_on=today - timezone.timedelta(days=2))
    soon = make_question(title="soon")
    Question.objects.filter(pk=soon.pk).update(due_on=today + timezone.timedelta(days=2))
    done = make_question(title="done", status=Question.Status.ANSWERED, answer="<p>x</p>")
    Question.objects.filter(pk=done.pk).update(due_on=today - timezone.timedelta(days=5))
    assert list(Question.objects.overdue().values_list("title", flat=True)) == ["late"]
    assert list(Question.objects.due_soon().values_list("title", flat=True)) == ["soon"]
