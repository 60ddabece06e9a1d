from datetime import date

import pytest
from django.core.cache import cache

from cms.feedback.models import AccessibilityStatementPage


@pytest.fixture
def statement(homes):
    from cms.feedback.demo import populate

    populate(*homes)
    cache.clear()
    return AccessibilityStatementPage.objects.get(locale__language_code="vi")


def test_the_statement_shows_its_standard_limitations_contact_and_review_date(client, statement):
    html = client.get(statement.url).content.decode()
    assert "WCAG 2.1 AA" in html
    assert "banbientap@tanhoa.gov.vn" in html
    assert "02/11/2026" in html
    assert statement.reviewed_on == date(2026, 11, 2)


def test_every_page_links_to_the_statement_in_its_language(client, statement):
    home = client.get("/").content.decode()
    assert f'href="{statement.url}"' in home
    english = AccessibilityStatementPage.objects.get(locale__language_code="en")
    assert english.url.startswith("/en/")
    assert f'href="{english.url}"' in client.get("/en/").content.decode()


def test_the_toolbar_has_a_hidden_read_aloud_button(client, statement):
    html = client.get("/").content.decode()
    assert "data-read-aloud" in html
    button = html[html.index("data-read-aloud") - 30 : html.index("data-read-aloud") + 300]
    assert " hidden>" in button


def test_the_demo_is_idempotent(homes):
    from cms.feedback.demo import populate
    from cms.feedback.models import Question, QuestionPage

    populate(*homes)
    counts = Question.objects.count(), AccessibilityStatementPage.objects.count()
    populate(*homes)
    assert (Question.objects.count(), AccessibilityStatementPage.objects.count()) == counts
    assert counts == (5, 2)
    assert QuestionPage.objects.count() == 2
    assert Question.objects.published().count() == 2


def test_the_toolbar_link_follows_the_statement_when_it_moves_or_goes(client, statement):
    assert f'href="{statement.url}"' in client.get("/").content.decode()  # now cached
    statement.slug = "tuyen-bo-tiep-can-moi"
    statement.save_revision().publish()
    statement.refresh_from_db()
    assert statement.url.endswith("/tuyen-bo-tiep-can-moi/")
    assert f'href="{statement.url}"' in client.get("/").content.decode()
    statement.unpublish()
    assert f'href="{statement.url}"' not in client.get("/").content.decode()
