"""Consultations on drafts: open and closed by deadline, and the public comment flow."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from cms.publications.models import (
    COMMENT_LIMIT,
    Consultation,
    ConsultationComment,
    ConsultationIndexPage,
)

TODAY = timezone.localdate


def consultation(opens, closes, title="Dự thảo Nghị quyết hỗ trợ nông nghiệp công nghệ cao"):
    return Consultation.objects.create(
        title=title,
        full_text="<p>Điều 1. Phạm vi điều chỉnh</p>",
        opens_on=TODAY() + timedelta(days=opens),
        closes_on=TODAY() + timedelta(days=closes),
        receiving_unit="Sở Nông nghiệp và Môi trường",
        receiving_address="Số 12 đường Lê Lợi",
        receiving_email="snnmt@tanhoa.gov.vn",
    )


@pytest.fixture
def index(section):
    cache.clear()
    return section(ConsultationIndexPage, "lay-y-kien")


@pytest.fixture
def open_one(index):
    return consultation(-3, 10)


def url(index, item):
    return f"{index.url}{item.pk}/"


COMMENT = {
    "name": "Nguyễn Văn Bình",
    "organisation": "Hợp tác xã Tân Phú",
    "email": "binh@example.vn",
    "comment": "Đề nghị nâng mức hỗ trợ nhà màng lên 60% cho hợp tác xã.",
}


@pytest.mark.parametrize(
    ("opens", "closes", "status"),
    [(-10, -1, "closed"), (-10, 0, "open"), (0, 5, "open"), (1, 5, "upcoming")],
)
def test_status_follows_the_dates_and_the_closing_day_is_included(db, opens, closes, status):
    assert consultation(opens, closes).status == status


def test_the_list_shows_open_and_closed_consultations_with_deadlines(client, index):
    consultation(-3, 10, "Dự thảo đang lấy ý kiến")
    consultation(-60, -30, "Dự thảo đã kết thúc")
    html = client.get(index.url).content.decode()
    assert html.index("Dự thảo đang lấy ý kiến") < html.index('id="closed-consultations"')
    assert html.index('id="closed-consultations"') < html.index("Dự thảo đã kết thúc")
    assert (TODAY() + timedelta(days=10)).strftime("%d/%m/%Y") in html


def test_the_detail_shows_text_deadline_receiving_unit_and_form(client, index, open_one):
    html = client.get(url(index, open_one)).content.decode()
    for text in (
        "Điều 1. Phạm vi điều chỉnh",
        "Sở Nông nghiệp và Môi trường",
        "Số 12 đường Lê Lợi",
        "mailto:snnmt@tanhoa.gov.vn",
        open_one.closes_on.strftime("%d/%m/%Y"),
        'name="comment"',
    ):
        assert text in html


def test_a_comment_is_stored_unpublished_and_shown_once_published(client, index, open_one):
    response = client.post(url(index, open_one), COMMENT, follow=True)
    assert response.redirect_chain[0][1] == 302
    comment = ConsultationComment.objects.get()
    assert comment.consultation == open_one
    assert not comment.is_published
    html = response.content.decode()
    assert 'class="message message-success"' in html
    assert COMMENT["comment"] not in html
    comment.is_published = True
    comment.save()
    html = client.get(url(index, open_one)).content.decode()
    assert COMMENT["comment"] in html
    assert "binh@example.vn" not in html


def test_the_honeypot_refuses_and_keeps_what_was_typed(client, index, open_one):
    response = client.post(url(index, open_one), {**COMMENT, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not ConsultationComment.objects.exists()
    assert COMMENT["comment"] in response.content.decode()


def test_too_many_comments_are_blocked_with_a_message_and_nothing_is_lost(client, index, open_one):
    for number in range(COMMENT_LIMIT):
        client.post(url(index, open_one), {**COMMENT, "comment": f"Góp ý số {number}"})
    response = client.post(url(index, open_one), {**COMMENT, "comment": "Góp ý bị chặn"})
    assert response.status_code == 429
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert "Góp ý bị chặn" in html
    assert ConsultationComment.objects.count() == COMMENT_LIMIT
    # Another sender is not blocked.
    other = client.post(
        url(index, open_one), {**COMMENT, "comment": "Từ máy khác"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    "bad",
    [
        {"name": ""},
        {"email": "không-phải-email"},
        {"comment": ""},
        {"comment": "x" * 5001},
        {"name": "Nguyễn\x00Văn"},
        {"name": "N" * 500},
    ],
)
def test_bad_input_keeps_what_was_typed_and_never_fails(client, index, open_one, bad):
    data = {**COMMENT, **bad}
    response = client.post(url(index, open_one), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="form-errors"' in html
    kept = data["comment"] if "comment" not in bad else COMMENT["organisation"]
    assert kept[:100] in html
    assert not ConsultationComment.objects.exists()


def test_a_closed_consultation_refuses_comments_and_shows_no_form(client, index):
    closed = consultation(-60, -1)
    page = client.get(url(index, closed)).content.decode()
    assert 'name="comment"' not in page
    response = client.post(url(index, closed), COMMENT)
    assert response.status_code == 403
    assert not ConsultationComment.objects.exists()
    html = response.content.decode()
    assert 'class="message message-error"' in html
    assert COMMENT["comment"] in html


def test_an_unknown_consultation_is_not_found(client, index):
    assert client.get(f"{index.url}9999/").status_code == 404
    assert client.post(f"{index.url}9999/", COMMENT).status_code == 404


def test_the_deadline_cannot_come_before_the_opening(db):
    from django.core.exceptions import ValidationError

    item = Consultation(
        title="X",
        opens_on=date(2026, 5, 1),
        closes_on=date(2026, 4, 1),
        receiving_unit="Sở",
        receiving_address="Địa chỉ",
        receiving_email="a@example.vn",
    )
    with pytest.raises(ValidationError):
        item.full_clean()
