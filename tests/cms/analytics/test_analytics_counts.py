import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from cms.analytics.export import FIELDS, export
from cms.analytics.middleware import VisitCounterMiddleware, buffer, section_of
from cms.analytics.models import VisitCount
from tests.portal.accounts.factories import UserFactory, enable_totp

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def test_the_model_holds_counts_and_nothing_about_visitors():
    names = {field.name for field in VisitCount._meta.get_fields()}
    assert names == {"id", "date", "section", "language", "views"}


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/", "/"),
        ("/en/", "/"),
        ("/tin-tuc/khai-truong/", "tin-tuc"),
        ("/en/news/launch/", "news"),
        ("/hoi-dap/tra-cuu/", "hoi-dap"),
    ],
)
def test_the_section_is_the_first_segment_after_the_language(path, section):
    assert section_of(path) == section


def serve(
    path,
    *,
    method="get",
    status=200,
    content_type="text/html; charset=utf-8",
    agent=BROWSER,
    language="vi",
):
    request = getattr(RequestFactory(), method)(
        path, HTTP_USER_AGENT=agent, REMOTE_ADDR="203.0.113.9"
    )
    request.LANGUAGE_CODE = language
    response = HttpResponse("<p>ok</p>", status=status, content_type=content_type)
    return VisitCounterMiddleware(lambda request: response)(request)


def counts():
    return {(row.section, row.language): row.views for row in VisitCount.objects.all()}


def test_page_views_are_counted_per_section_and_language(db):
    for _ in range(3):
        serve("/tin-tuc/bai-1/")
    serve("/tin-tuc/bai-2/")
    serve("/en/news/article/", language="en")
    serve("/")
    assert counts() == {("tin-tuc", "vi"): 4, ("news", "en"): 1, ("/", "vi"): 1}
    assert set(VisitCount.objects.values_list("date", flat=True)) == {timezone.localdate()}


def test_views_are_added_up_in_memory_and_written_together(db, settings):
    settings.VISIT_COUNT_FLUSH_SECONDS = 3600
    for _ in range(5):
        serve("/")
    serve("/tin-tuc/bai-1/")
    assert not VisitCount.objects.exists()  # no write, and no row lock, per page view
    buffer.flush()
    assert counts() == {("/", "vi"): 5, ("tin-tuc", "vi"): 1}
    serve("/")
    buffer.flush()
    assert counts()[("/", "vi")] == 6


def test_counts_the_database_refuses_are_kept_for_the_next_write(db, settings):
    settings.VISIT_COUNT_FLUSH_SECONDS = 3600
    serve("/")
    serve("/")

    def refuse_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("UPDATE", "INSERT")):
            raise OperationalError("the database system is shutting down")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_writes):
        buffer.flush()  # logged, not raised
    assert not VisitCount.objects.exists()
    buffer.flush()
    assert counts() == {("/", "vi"): 2}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"path": "/quan-tri/pages/"},
        {"path": "/static/css/site.css"},
        {"path": "/media/images/x.png"},
        {"path": "/api/thu-tuc/"},
        {"path": "/tai-lieu/1/file.pdf"},
        {"path": "/tin-tuc/", "status": 404},
        {"path": "/tin-tuc/", "status": 302},
        {"path": "/tin-tuc/", "method": "post"},
        {"path": "/tin-tuc/", "method": "head"},
        {"path": "/tin-tuc/", "content_type": "application/json"},
        {"path": "/tin-tuc/", "agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
        {"path": "/tin-tuc/", "agent": "curl/8.5.0"},
    ],
)
def test_what_is_not_a_page_view_is_not_counted(db, kwargs):
    serve(**kwargs)
    assert not VisitCount.objects.exists()


def test_counting_through_the_real_stack_stores_no_visitor_data(client, db, settings):
    assert "cms.analytics.middleware.VisitCounterMiddleware" in settings.MIDDLEWARE
    client.get("/so-do-cong/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.50")
    client.get("/en/so-do-cong/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.50")
    assert counts() == {("so-do-cong", "vi"): 1, ("so-do-cong", "en"): 1}
    stored = json.dumps(list(VisitCount.objects.values()), default=str)
    assert "203.0.113.50" not in stored and "Chrome" not in stored


@pytest.fixture
def rows(db):
    VisitCount.objects.bulk_create(
        [
            VisitCount(date=date(2026, 11, 1), section="tin-tuc", language="vi", views=10),
            VisitCount(date=date(2026, 11, 1), section="news", language="en", views=2),
            VisitCount(date=date(2026, 11, 2), section="/", language="vi", views=7),
            VisitCount(date=date(2026, 10, 31), section="/", language="vi", views=99),
        ]
    )


def test_the_csv_export(rows):
    text = export(date(2026, 11, 1), "csv")
    table = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "date,section,language,views"
    assert table == [
        {"date": "2026-11-01", "section": "news", "language": "en", "views": "2"},
        {"date": "2026-11-01", "section": "tin-tuc", "language": "vi", "views": "10"},
        {"date": "2026-11-02", "section": "/", "language": "vi", "views": "7"},
    ]


def test_the_json_export(rows):
    document = json.loads(export(date(2026, 11, 1), "json"))
    assert document["since"] == "2026-11-01"
    assert [list(row) for row in document["rows"]] == [FIELDS] * 3
    assert sum(row["views"] for row in document["rows"]) == 19


def test_the_management_command(rows, capsys):
    call_command("export_visits", "--since", "2026-11-02", "--format", "csv")
    assert capsys.readouterr().out == "date,section,language,views\n2026-11-02,/,vi,7\n"
    call_command("export_visits", "--since", "2026-10-01", "--format", "json")
    assert len(json.loads(capsys.readouterr().out)["rows"]) == 4


def test_the_management_command_explains_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_visits", "--since", "01/11/2026")


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(user)
    client.force_login(user)
    return client


def test_the_report_shows_a_chart_and_its_table_and_exports(admin_client):
    today = timezone.localdate()
    VisitCount.objects.bulk_create(
        [
            VisitCount(date=today, section="tin-tuc", language="vi", views=30),
            VisitCount(date=today - timedelta(days=3), section="tin-tuc", language="en", views=5),
            VisitCount(date=today, section="hoi-dap", language="vi", views=8),
            VisitCount(date=today - timedelta(days=40), section="cu", language="vi", views=500),
        ]
    )
    response = admin_client.get("/quan-tri/thong-ke-truy-cap/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="visit-chart" role="img"' in html
    assert "<caption>" in html
    assert '<th scope="row">tin-tuc</th><td>30</td><td>5</td><td>35</td>' in html
    assert ">cu<" not in html
    assert 'width="600.0"' in html
    csv_response = admin_client.get("/quan-tri/thong-ke-truy-cap/", {"format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    assert f"{today.isoformat()},tin-tuc,vi,30" in csv_response.content.decode()
    json_response = admin_client.get("/quan-tri/thong-ke-truy-cap/", {"format": "json"})
    assert len(json.loads(json_response.content)["rows"]) == 3


def test_the_report_is_for_staff_with_the_permission(client, db):
    user = UserFactory(is_staff=True)
    enable_totp(user)
    client.force_login(user)
    response = client.get("/quan-tri/thong-ke-truy-cap/")
    assert response.status_code in (302, 403)
