"""The officers' inboxes: contents and counts per box, deadline colours with text, filters, pages."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.accounts import roles
from services.backoffice import inboxes, processing
from services.dossiers.models import Dossier
from services.workdays.engine import TIME_ZONE, WorkCalendar
from tests.portal.accounts.factories import AgencyFactory
from tests.services.dossiers.factories import (
    ProcedureFactory,
    dossier_in_status,
    officer,
    received_dossier,
)

pytestmark = pytest.mark.django_db
S = Dossier.Status


@pytest.fixture
def procedure():
    return ProcedureFactory()


@pytest.fixture
def desk_officer(procedure):
    return officer(roles.RECEIVING_OFFICER, procedure.agency)


def in_box(client, box, **params):
    response = client.get(reverse("backoffice:inbox"), {"hop": box, **params})
    assert response.status_code == 200
    return response


def codes_in(response):
    return {row["dossier"].pk for row in response.context["rows"]}


def test_each_box_holds_its_dossiers_and_counts_them(client, procedure, desk_officer):
    now = timezone.now()
    new = dossier_in_status(S.NEW, procedure=procedure)
    waiting = dossier_in_status(S.SUPPLEMENT_REQUESTED, procedure=procedure, due_at=now)
    overdue = dossier_in_status(S.PROCESSING, procedure=procedure, due_at=now - timedelta(days=3))
    due_soon = dossier_in_status(S.PROCESSING, procedure=procedure, due_at=now + timedelta(hours=2))
    later = dossier_in_status(S.RECEIVED, procedure=procedure, due_at=now + timedelta(days=30))
    finished = dossier_in_status(S.RESULT_RETURNED, procedure=procedure, due_at=now - timedelta(1))
    elsewhere = dossier_in_status(S.NEW, procedure=ProcedureFactory())
    dossier_in_status(S.DRAFT, procedure=procedure, submitted_at=None)

    client.force_login(desk_officer)
    response = in_box(client, inboxes.NEW)
    assert codes_in(response) == {new.pk}
    assert codes_in(in_box(client, inboxes.SUPPLEMENT)) == {waiting.pk}
    assert codes_in(in_box(client, inboxes.OVERDUE)) == {overdue.pk}
    assert codes_in(in_box(client, inboxes.DUE_SOON)) == {due_soon.pk}
    assert codes_in(in_box(client, inboxes.ALL)) == {
        new.pk,
        waiting.pk,
        overdue.pk,
        due_soon.pk,
        later.pk,
        finished.pk,
    }
    assert elsewhere.pk not in codes_in(in_box(client, inboxes.ALL))
    counts = {box.slug: count for box, count in response.context["boxes"]}
    assert counts == {
        inboxes.NEW: 1,
        inboxes.MINE: 0,
        inboxes.SUPPLEMENT: 1,
        inboxes.DUE_SOON: 1,
        inboxes.OVERDUE: 1,
        inboxes.ALL: 6,
    }
    assert f'{_("New online dossiers")} <span class="bo-count">(1)</span>' in (
        response.content.decode()
    )


def test_assigned_to_me_lists_the_handlers_dossiers(client, procedure):
    head = officer(roles.AGENCY_HEAD, procedure.agency)
    handler = officer(roles.PROCESSING_OFFICER, procedure.agency)
    colleague = officer(roles.PROCESSING_OFFICER, procedure.agency)
    mine = received_dossier(procedure=procedure)
    theirs = received_dossier(procedure=procedure)
    processing.assign(mine, handler=handler, by=head)
    processing.assign(theirs, handler=colleague, by=head)
    client.force_login(handler)
    response = client.get(reverse("backoffice:inbox"))  # the handler's default box
    assert response.context["box"].slug == inboxes.MINE
    assert codes_in(response) == {mine.pk}


MONDAY = date(2026, 11, 23)
CALENDAR = WorkCalendar()


def at(day, hour):
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=TIME_ZONE)


@pytest.mark.parametrize(
    ("status", "due", "level", "text"),
    [
        (S.PROCESSING, at(MONDAY + timedelta(days=3), 16), "ok", "3 working days left"),
        (S.PROCESSING, at(MONDAY + timedelta(days=1), 16), "soon", "1 working day left"),
        (S.RECEIVED, at(MONDAY, 16), "soon", "Due today"),
        # Friday → Monday is one working day: the weekend does not count.
        (S.PROCESSING, at(MONDAY - timedelta(days=3), 16), "late", "Overdue by 1 working day"),
        (S.PROCESSING, at(MONDAY - timedelta(days=7), 16), "late", "Overdue by 5 working days"),
        (S.SUPPLEMENT_REQUESTED, at(MONDAY, 8), "paused", "Clock stopped (supplements)"),
        (S.RESULT_RETURNED, at(MONDAY, 8), "none", "—"),
    ],
)
def test_the_deadline_is_working_days_left_with_a_level_and_a_text(status, due, level, text):
    clock = inboxes.Clock(now=at(MONDAY, 10), calendar=CALENDAR)
    dossier = Dossier(status=status, due_at=due)
    with translation.override("en"):
        deadline = inboxes.deadline(dossier, clock)
    assert (deadline.level, deadline.text) == (level, text)


def test_a_holiday_is_not_a_working_day_left():
    holiday = WorkCalendar(holidays=frozenset({MONDAY + timedelta(days=1)}))
    clock = inboxes.Clock(now=at(MONDAY, 10), calendar=holiday)
    deadline = inboxes.deadline(
        Dossier(status=S.PROCESSING, due_at=at(MONDAY + timedelta(days=2), 16)), clock
    )
    assert (deadline.level, deadline.days) == ("soon", 1)


def test_the_inbox_shows_colour_and_text(client, procedure, desk_officer):
    now = timezone.now()
    dossier_in_status(S.PROCESSING, procedure=procedure, due_at=now - timedelta(days=10))
    dossier_in_status(S.PROCESSING, procedure=procedure, due_at=now + timedelta(days=40))
    client.force_login(desk_officer)
    page = in_box(client, inboxes.ALL).content.decode()
    assert 'class="bo-deadline bo-deadline--late"' in page
    assert 'class="bo-deadline bo-deadline--ok"' in page
    # Not colour alone: the same cells say it in words.
    rows = in_box(client, inboxes.ALL).context["rows"]
    assert sorted(row["deadline"].level for row in rows) == ["late", "ok"]
    assert all(escape(row["deadline"].text) in page for row in rows)


def test_filters_narrow_the_box(client, procedure, desk_officer):
    other_procedure = ProcedureFactory(agency=procedure.agency)
    now = timezone.now()
    online = dossier_in_status(S.NEW, procedure=procedure, submitted_at=now - timedelta(days=10))
    counter = dossier_in_status(
        S.RECEIVED, procedure=procedure, channel=Dossier.Channel.COUNTER, submitted_at=now
    )
    other = dossier_in_status(S.NEW, procedure=other_procedure, submitted_at=now)
    client.force_login(desk_officer)

    def listed(**params):
        return codes_in(in_box(client, inboxes.ALL, filter="1", **params))

    assert listed(procedure=procedure.pk) == {online.pk, counter.pk}
    assert listed(channel="counter") == {counter.pk}
    assert listed(status=S.NEW) == {online.pk, other.pk}
    since = timezone.localdate(now - timedelta(days=2)).strftime("%d/%m/%Y")
    assert listed(submitted_from=since) == {counter.pk, other.pk}
    until = timezone.localdate(now - timedelta(days=5)).strftime("%d/%m/%Y")
    assert listed(submitted_to=until) == {online.pk}
    assert listed(q=other.applicant.full_name[:5], procedure=other_procedure.pk) == {other.pk}


def test_a_field_filter_uses_the_procedures_field(client, procedure, desk_officer):
    from services.procedures.models import Field

    civil = Field.objects.create(name="Hộ tịch", ministry="Bộ Tư pháp")
    procedure.field = civil
    procedure.save()
    in_field = dossier_in_status(S.NEW, procedure=procedure)
    dossier_in_status(S.NEW, procedure=ProcedureFactory(agency=procedure.agency))
    client.force_login(desk_officer)
    response = in_box(client, inboxes.ALL, filter="1", field=civil.pk)
    assert codes_in(response) == {in_field.pk}


def test_bad_filters_say_so_in_vietnamese_and_list_everything(client, procedure, desk_officer):
    dossier = dossier_in_status(S.NEW, procedure=procedure)
    client.force_login(desk_officer)
    response = in_box(
        client, inboxes.ALL, filter="1", submitted_from="31/02/2026", procedure="999999"
    )
    page = response.content.decode()
    assert escape(_("Some filters are not valid; they were not applied.")) in page
    assert 'value="31/02/2026"' in page  # what was typed stays in the box
    assert codes_in(response) == {dossier.pk}
    assert in_box(client, "no-such-box").context["box"].slug == inboxes.NEW


def test_the_inbox_is_paginated(client, procedure, desk_officer):
    for _index in range(27):
        dossier_in_status(S.NEW, procedure=procedure)
    client.force_login(desk_officer)
    first = in_box(client, inboxes.NEW)
    assert len(first.context["rows"]) == 25
    second = in_box(client, inboxes.NEW, page=2)
    assert len(second.context["rows"]) == 2
    assert codes_in(first).isdisjoint(codes_in(second))


def test_other_agencies_and_non_officers_see_nothing(client, procedure):
    dossier_in_status(S.NEW, procedure=procedure)
    stranger = officer(roles.RECEIVING_OFFICER, AgencyFactory(code="000.97.67.H97"))
    client.force_login(stranger)
    response = in_box(client, inboxes.ALL)
    assert codes_in(response) == set()
    assert all(count == 0 for _box, count in response.context["boxes"])
    editor = officer(roles.EDITOR, procedure.agency)
    client.force_login(editor)
    response = client.get(reverse("backoffice:inbox"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_inbox_takes_the_same_queries_for_two_dossiers_or_twelve(client, procedure):
    """Every count in one query and no query per row: the inbox opens on each officer's screen."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    head = officer(roles.AGENCY_HEAD, procedure.agency)
    client.force_login(head)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            in_box(client, inboxes.ALL)
        sql = [query["sql"] for query in captured]
        counting = [q for q in sql if "COUNT(" in q.upper() and "dossiers_dossier" in q]
        # Dossiers are counted twice: for the page's pagination, and once for all six boxes.
        assert len(counting) == 2, counting
        return len(captured)

    for _round in range(2):
        other = ProcedureFactory(agency=procedure.agency)
        dossier_in_status(S.PROCESSING, procedure=other, due_at=timezone.now() + timedelta(days=2))
    queries()  # warm the caches (content types, permissions, the work calendar)
    with_two = queries()
    for _round in range(10):
        other = ProcedureFactory(agency=procedure.agency)
        dossier_in_status(S.PROCESSING, procedure=other, due_at=timezone.now() - timedelta(days=2))
    assert queries() == with_two
