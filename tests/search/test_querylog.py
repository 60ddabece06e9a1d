"""The query log: what was asked, how many results, which one was chosen; nothing about who."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search.models import QueryLog
from search.querylog import log_click, log_search, top_queries
from search.types import Query, Results


def results(text, total, kind=""):
    return Results(query=Query(text=text, kind=kind), total=total, engine="database")


@pytest.fixture
def logs(db):
    for text, total in [("khai sinh", 4), ("Khai  Sinh", 4), ("cccd", 0), ("cccd", 0), ("xyz", 0)]:
        log_search(results(text, total))
    old = log_search(results("ho chieu", 0))
    QueryLog.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))


def test_a_search_is_logged_with_its_count_and_engine(db):
    log = log_search(results("  Đăng ký   tạm trú ", 7, kind="procedure"))
    assert (log.text, log.kind, log.result_count, log.engine) == (
        "đăng ký tạm trú",
        "procedure",
        7,
        "database",
    )
    assert log.clicked_position is None


def test_nothing_personal_is_stored():
    names = {field.name for field in QueryLog._meta.get_fields()}
    assert names == {
        "id",
        "text",
        "kind",
        "result_count",
        "engine",
        "clicked_position",
        "created_at",
    }


def test_long_queries_are_cut_to_the_column(db):
    assert len(log_search(results("a" * 500, 0)).text) == 200


def test_the_first_click_is_kept(db):
    log = log_search(results("khai sinh", 4))
    assert log_click(log.pk, 2) is True
    assert log_click(log.pk, 1) is False
    log.refresh_from_db()
    assert log.clicked_position == 2


@pytest.mark.parametrize("position", [0, -1, "1", None])
def test_odd_positions_are_ignored(db, position):
    log = log_search(results("khai sinh", 4))
    assert log_click(log.pk, position) is False


def test_unknown_log_changes_nothing(db):
    assert log_click(123456, 1) is False


def test_top_queries_of_the_period(logs):
    top = top_queries(30)
    assert [(row["text"], row["searches"]) for row in top] == [
        ("cccd", 2),
        ("khai sinh", 2),
        ("xyz", 1),
    ]
    assert ("ho chieu", 1) in [(row["text"], row["searches"]) for row in top_queries(60)]


def test_top_queries_without_results(logs):
    top = top_queries(30, without_results=True)
    assert [(row["text"], row["searches"]) for row in top] == [("cccd", 2), ("xyz", 1)]


# --- The editors' report in the Wagtail admin ----------------------------------------------------

REPORT = "/quan-tri/tim-kiem/"


def signed_in(client, *groups, **fields):
    from django.contrib.auth.models import Group

    from tests.portal.accounts.factories import UserFactory, enable_totp

    user = UserFactory(**fields)
    user.groups.set(Group.objects.filter(name__in=groups))
    enable_totp(user)
    client.force_login(user)
    return client


def test_editors_see_the_report_with_counts(client, logs):
    from portal.accounts.roles import EDITOR

    editor = signed_in(client, EDITOR.name)
    response = editor.get(REPORT)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">cccd</th><td>2</td>' in html
    assert '<th scope="row">khai sinh</th><td>2</td><td>0</td>' in html
    assert "ho chieu" not in html
    # A longer period takes in the older search; a bad period falls back to 30 days.
    assert "ho chieu" in editor.get(REPORT, {"days": 90}).content.decode()
    assert editor.get(REPORT, {"days": "forever"}).status_code == 200


def test_the_report_is_in_the_reports_menu_for_editors_only(client, logs):
    from portal.accounts.roles import EDITOR, RECEIVING_OFFICER

    editor = signed_in(client, EDITOR.name)
    assert REPORT in editor.get("/quan-tri/").content.decode()
    client.logout()
    officer = signed_in(client, RECEIVING_OFFICER.name)
    assert REPORT not in officer.get("/quan-tri/").content.decode()
    assert officer.get(REPORT).status_code in (302, 403)
