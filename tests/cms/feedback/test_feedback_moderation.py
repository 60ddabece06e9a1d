from datetime import timedelta

import pytest
from django.utils import timezone

from cms.feedback.models import Question
from tests.portal.accounts.factories import UserFactory, enable_totp


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(user)
    client.force_login(user)
    client.user = user
    return client


def question(title, due_in_days, **fields):
    item = Question(asker_name="A", title=title, text="Nội dung câu hỏi.", **fields)
    item.save()
    Question.objects.filter(pk=item.pk).update(
        due_on=timezone.localdate() + timedelta(days=due_in_days)
    )
    return item


@pytest.fixture
def questions(db):
    return {
        "late": question("Quá hạn trả lời", -3),
        "soon": question("Sắp đến hạn", 2, status=Question.Status.IN_PROGRESS),
        "later": question("Còn nhiều thời gian", 12),
        "answered": question(
            "Đã trả lời xong", -10, status=Question.Status.ANSWERED, answer="<p>Có.</p>"
        ),
    }


LIST = "/quan-tri/hoi-dap/"


def titles(response):
    html = response.content.decode()
    return {
        name
        for name in ("Quá hạn trả lời", "Sắp đến hạn", "Còn nhiều thời gian", "Đã trả lời xong")
        if name in html
    }


def test_the_moderation_list_shows_every_question_with_its_deadline(admin_client, questions):
    response = admin_client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == {
        "Quá hạn trả lời",
        "Sắp đến hạn",
        "Còn nhiều thời gian",
        "Đã trả lời xong",
    }
    html = response.content.decode()
    late_due = (timezone.localdate() - timedelta(days=3)).strftime("%d/%m/%Y")
    assert late_due in html
    assert questions["late"].tracking_code in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"deadline": "overdue"}, {"Quá hạn trả lời"}),
        ({"deadline": "due_soon"}, {"Sắp đến hạn"}),
        ({"status": "answered"}, {"Đã trả lời xong"}),
        ({"status": "in_progress"}, {"Sắp đến hạn"}),
    ],
)
def test_the_moderation_list_filters(admin_client, questions, query, expected):
    response = admin_client.get(LIST, query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_moderation_list_searches(admin_client, questions):
    response = admin_client.get(LIST, {"q": "Sắp đến"})
    assert titles(response) == {"Sắp đến hạn"}


def test_the_inspect_view_shows_the_asker_to_the_editors(admin_client, questions):
    item = questions["late"]
    html = admin_client.get(f"{LIST}inspect/{item.pk}/").content.decode()
    assert item.tracking_code in html
    assert "idempotency" not in html


def test_answering_in_the_admin_records_who_and_when(admin_client, questions):
    item = questions["soon"]
    edit = f"{LIST}edit/{item.pk}/"
    assert admin_client.get(edit).status_code == 200
    response = admin_client.post(
        edit,
        {
            "asker_name": item.asker_name,
            "email": "",
            "phone": "",
            "topic": item.topic,
            "title": item.title,
            "text": item.text,
            "status": "answered",
            "answer": '{"blocks":[{"key":"a","text":"Đã có lịch mới.","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert item.status == Question.Status.ANSWERED
    assert item.is_published
    assert "Đã có lịch mới." in item.answer
    assert item.answered_by == admin_client.user
    assert item.answered_at is not None


def test_the_admin_refuses_to_publish_an_unanswered_question(admin_client, questions):
    item = questions["later"]
    response = admin_client.post(
        f"{LIST}edit/{item.pk}/",
        {
            "asker_name": item.asker_name,
            "topic": item.topic,
            "title": item.title,
            "text": item.text,
            "status": "received",
            "answer": "null",
            "is_published": "on",
        },
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert not item.is_published
