"""The public statistics page (/thong-ke/, TT 32/2017 Art. 11.3) and the back-office report in
Chromium: axe finds nothing, at 320 px and on a desktop, and the figures are those of the fixture."""

import pytest
from axe import assert_no_axe_violations
from browser_helpers import DESKTOP, PHONE, no_sideways_scroll, open_page

from tests.services.backoffice.statistics_fixture import END, START, build

QUERY = f"?from={START.isoformat()}&to={END.isoformat()}"


def figure(page, key):
    return page.locator(f"#stats-summary [data-key={key}]").inner_text().strip()


@pytest.fixture
def world(demo_site):
    return build()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_the_public_statistics_page(world, new_page, live_server, viewport):
    page = new_page(viewport)
    open_page(page, live_server, "/thong-ke/" + QUERY)
    assert page.locator("h1").count() == 1
    assert figure(page, "resolved_early") == "22"
    assert figure(page, "carried_over") == "7"
    # The charts have accessible names and print their numbers.
    chart = page.get_by_role("img", name="What became of them")
    if chart.count() == 0:  # Vietnamese interface
        chart = page.locator("svg[aria-labelledby^=chart-outcome]")
    assert chart.count() == 1
    assert "22" in [text.strip() for text in chart.locator("text").all_text_contents()]
    no_sideways_scroll(page, "public statistics")
    assert_no_axe_violations(page, f"public statistics {viewport['width']} px")
    # Filtering by a procedure from its row.
    page.locator(f"#stats-procedures a[href*='procedure={world.pa2.code}']").click()
    page.wait_for_load_state("load")
    assert figure(page, "received_counter") == "14"
    assert_no_axe_violations(page, "public statistics for one procedure")


def officer_page(new_page, live_server, agency, viewport):
    from django.conf import settings
    from django.test import Client

    from portal.accounts import roles
    from tests.portal.accounts.factories import UserFactory

    user = UserFactory.with_role(roles.RECEIVING_OFFICER, agency=agency)
    client = Client()
    client.force_login(user)
    page = new_page(viewport)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_the_back_office_report_and_scorecard(world, new_page, live_server, viewport):
    page = officer_page(new_page, live_server, world.agency_a, viewport)
    open_page(page, live_server, "/quan-tri/mot-cua/thong-ke/" + QUERY)
    assert figure(page, "resolved_late") == "13"
    assert figure(page, "waiting_for_supplements") == "4"
    assert_no_axe_violations(page, f"back-office statistics {viewport['width']} px")
    open_page(page, live_server, "/quan-tri/mot-cua/thong-ke/chi-so/" + QUERY)
    assert page.locator("#scorecard-766 tr[data-code='2.1'] [data-key=value]").inner_text() in (
        "70.0%",
        "70,0%",
    )
    assert_no_axe_violations(page, f"back-office scorecard {viewport['width']} px")
