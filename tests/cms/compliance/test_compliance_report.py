import json
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from cms.compliance.items import ITEMS, Item, Source
from cms.compliance.report import AMBER, GREEN, RED, compliance_report, evaluate_item
from cms.compliance.tasks import send_weekly_compliance_report
from portal.accounts import roles
from services.workdays.engine import TIME_ZONE, add_working_days
from services.workdays.models import current_calendar
from tests.portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/quan-tri/reports/compliance/"
ART_10_POINTS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l"]


def states(results=None):
    return {result.item.code: result.state for result in (results or compliance_report())}


def red_codes(results=None):
    return {code for code, state in states(results).items() if state == RED}


def test_every_mandatory_item_of_decree_43_is_declared():
    with translation.override("en"):
        references = " | ".join(str(item.legal_ref) for item in ITEMS)
    for point in ART_10_POINTS:
        assert f"ND 43 Art. 10.1.{point}" in references, point
    for article in ("ND 43 Art. 11", "ND 43 Art. 12", "ND 43 Art. 13", "ND 42 Art. 4"):
        assert article in references
    assert len({item.code for item in ITEMS}) == len(ITEMS)


@pytest.mark.parametrize(
    ("code", "working_days"),
    [
        pytest.param("10c-4", 5, id="work-schedule-weekly"),
        pytest.param("10d", 15, id="dissemination-art-17b"),
        pytest.param("10e-1", 2, id="legal-documents-art-17c"),
        pytest.param("10dd-1", 10, id="planning-art-17d"),
        pytest.param("10h", 10, id="projects-art-17d"),
        pytest.param("11", 20, id="science-art-17e"),
        pytest.param("12", 10, id="statistics-art-17g"),
        pytest.param("10a-2", None, id="leaders-regularly-art-17a"),
        pytest.param("10k", None, id="contacts-regularly-art-17a"),
    ],
)
def test_update_deadlines_follow_article_17(code, working_days):
    assert {item.code: item for item in ITEMS}[code].deadline_working_days == working_days


def test_an_empty_portal_is_all_red():
    results = compliance_report()
    assert {result.state for result in results} == {RED}
    assert all(
        "Missing" in str(result.reason) or "Thiếu" in str(result.reason) for result in results
    )


def test_a_model_that_is_not_installed_is_missing():
    item = Item("x", "Not built yet", "ND 43 Art. 10.1.a", 5, (Source("nowhere.Nothing"),))
    result = evaluate_item(item, today=timezone.localdate(), calendar=current_calendar())
    assert result.state == RED
    assert result.sources[0].installed is False


def test_the_demo_province_is_all_green(demo_site):
    results = compliance_report()
    assert {code: state for code, state in states(results).items() if state != GREEN} == {}
    schedule = next(result for result in results if result.item.code == "10c-4")
    assert schedule.sources[0].count > 0
    assert schedule.due_on == add_working_days(timezone.localdate(), 5, current_calendar())


def test_deleting_the_leaders_turns_exactly_their_item_red(demo_site):
    from cms.organisation.models import Leader

    Leader.objects.all().delete()
    assert red_codes() == {"10a-2"}


def test_a_work_schedule_left_to_age_turns_exactly_its_item_red(demo_site):
    from cms.direction.models import WorkScheduleEntry

    # The schedule was last touched three weeks ago; everything else is fresh.
    with time_machine.travel(timezone.now() - timedelta(days=21)):
        for entry in WorkScheduleEntry.objects.all():
            entry.save()
    assert red_codes() == {"10c-4"}


def test_the_work_schedule_goes_amber_then_red_as_the_clock_moves(demo_site):
    calendar = current_calendar()
    due = add_working_days(timezone.localdate(), 5, calendar)
    day_before = add_working_days(timezone.localdate(), 4, calendar)

    def noon(day):
        return datetime.combine(day, time(12), tzinfo=TIME_ZONE)

    with time_machine.travel(noon(day_before)):
        assert states()["10c-4"] == AMBER
    with time_machine.travel(noon(due)):
        assert states()["10c-4"] == AMBER
    with time_machine.travel(noon(due + timedelta(days=1))):
        assert states()["10c-4"] == RED


def test_the_report_page_lists_every_item_for_the_editorial_board(client, demo_site):
    client.force_login(UserFactory.with_role(roles.REVIEWER))
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    content = response.content.decode()
    for result in compliance_report():
        assert f'id="item-{result.item.code}"' in content
    assert content.count('data-state="green"') == len(ITEMS)
    assert 'href="/gioi-thieu/' in content or "/quan-tri/snippets/organisation/leader/" in content


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        pytest.param(roles.EDITOR, True, id="editor"),
        pytest.param(roles.REVIEWER, True, id="reviewer"),
        pytest.param(roles.ADMINISTRATOR, True, id="administrator"),
        pytest.param(roles.RECEIVING_OFFICER, False, id="receiving-officer"),
        pytest.param(roles.AGENCY_HEAD, False, id="agency-head"),
    ],
)
def test_who_sees_the_report(client, role, allowed):
    client.force_login(UserFactory.with_role(role))
    response = client.get(REPORT_URL)
    if allowed:
        assert response.status_code == 200
    else:
        # Wagtail turns PermissionDenied in its admin into a redirect to the dashboard.
        assert (response.status_code, response.url) == (302, "/quan-tri/")
    menu = client.get("/quan-tri/").content.decode()
    assert (REPORT_URL in menu) is allowed


def test_weekly_email_goes_to_the_board_with_the_red_items(settings):
    reviewer = UserFactory.with_role(roles.REVIEWER, mfa=False, email="bbt@tanhoa.gov.vn")
    editor = UserFactory.with_role(roles.EDITOR, mfa=False, email="btv@tanhoa.gov.vn")
    UserFactory.with_role(roles.EDITOR, mfa=False, email="")
    UserFactory.with_role(roles.RECEIVING_OFFICER, mfa=False, email="motcua@tanhoa.gov.vn")

    assert send_weekly_compliance_report.delay().get() == 2

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([reviewer.email, editor.email])
    assert str(len(ITEMS)) in message.subject
    for item in ITEMS:
        assert str(item.legal_ref) in message.body
    assert settings.WAGTAILADMIN_BASE_URL + REPORT_URL in message.body


def test_no_weekly_email_when_everything_is_green(demo_site):
    UserFactory.with_role(roles.REVIEWER, mfa=False, email="bbt@tanhoa.gov.vn")
    mail.outbox.clear()
    assert send_weekly_compliance_report() == 0
    assert mail.outbox == []


def test_command_fails_with_json_when_items_are_red(capsys):
    with pytest.raises(CommandError) as raised:
        call_command("compliance_report", "--format", "json")
    assert raised.value.returncode == 1
    data = json.loads(capsys.readouterr().out)
    assert {row["code"] for row in data} == {item.code for item in ITEMS}
    assert {row["state"] for row in data} == {RED}


def test_command_succeeds_in_text_when_all_is_green(demo_site, capsys):
    call_command("compliance_report")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(ITEMS)
    assert all(line.startswith("[GREEN]") for line in lines)
