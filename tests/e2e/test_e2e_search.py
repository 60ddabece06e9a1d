"""The search page and search-as-you-type in Chromium: axe with results, with a filter, with
nothing found; a 320 px phone and the desktop; everything by keyboard alone."""

import os

import pytest
from axe import check_screen
from browser_helpers import DESKTOP, PHONE, focused_matches, open_page, save_screenshot, tab_to

SEARCH = "/tim-kiem/"


def checked(page, label):
    """check_screen(), keeping a screenshot of the state when E2E_SCREENSHOTS is set."""
    check_screen(page, label)
    if os.environ.get("E2E_SCREENSHOTS") not in (None, "", "0"):
        save_screenshot(page, f"search/{label}", full_page=False)


@pytest.fixture
def indexed(procedures):
    """The demo site and a few procedures, in the database engine's index."""
    from search import engine
    from search.database import DatabaseEngine

    engine.rebuild(engines=[DatabaseEngine()])
    return procedures


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_search_page_states_pass_axe(indexed, new_page, viewport):
    page = new_page(viewport)
    width = viewport["width"]
    open_page(page, indexed, SEARCH)
    checked(page, f"empty search page {width}px")

    open_page(page, indexed, f"{SEARCH}?q=dang+ky")
    assert page.locator(".search-hit").count() >= 3
    assert page.locator(".search-hit mark").count() > 0
    checked(page, f"results {width}px")

    open_page(page, indexed, f"{SEARCH}?q=dang+ky&type=procedure&online=nonsense")
    assert page.locator(".active-filters a").count() == 1
    assert page.locator(".search-notice").count() == 1
    checked(page, f"results with a filter {width}px")

    open_page(page, indexed, f"{SEARCH}?q=khong+co+gi+zzqx")
    assert page.locator(".search-help").count() == 1
    checked(page, f"no results {width}px")

    open_page(page, indexed, f"{SEARCH}?q=khai+sinhh")
    assert page.locator(".search-suggestion a").inner_text() == "khai sinh"
    checked(page, f"did you mean {width}px")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_autocomplete_by_keyboard(indexed, new_page, viewport):
    page = new_page(viewport)
    open_page(page, indexed, "/")
    box = page.locator("#site-search-q")
    box.focus()
    page.keyboard.type("dang ky kh")
    listbox = page.locator("#site-search-q-listbox")
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "site-search-q-listbox"
    status = page.locator("#site-search-q-status")
    assert "gợi ý" in status.inner_text() or "suggestion" in status.inner_text()
    checked(page, f"autocomplete open {viewport['width']}px")

    # Escape closes the list and leaves the words typed.
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert listbox.is_hidden()
    assert box.input_value() == "dang ky kh"

    # ArrowDown opens it again on the first suggestion; Enter opens that suggestion.
    page.keyboard.press("ArrowDown")
    first = listbox.locator("[role=option]").first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    target = first.get_attribute("data-url")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(target)
    assert "khai sinh" in page.locator("h1").inner_text().lower()


def test_enter_without_a_suggestion_submits_to_the_search_page(indexed, page):
    open_page(page, indexed, "/")
    page.locator("#site-search-q").focus()
    page.keyboard.type("ket hon")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/tim-kiem/?q=ket+hon" in page.url
    assert page.locator(".search-hit").count() >= 1


def test_facets_and_pages_by_keyboard(indexed, page):
    from search import engine
    from search.documents import key_for
    from services.procedures.models import Procedure

    many = [
        Procedure.objects.create(code=f"9.{index:06d}", name=f"Cấp phép thử nghiệm {index}")
        for index in range(14)
    ]
    engine.index_keys([key_for(procedure) for procedure in many])
    open_page(page, indexed, f"{SEARCH}?q=cap+phep")
    tab_to(page, "#facet-type")
    page.keyboard.press("ArrowDown")  # a closed <select> changes its value with the arrows
    tab_to(page, ".search-facets button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "type=" in page.url
    tab_to(page, ".pagination a[rel=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "page=2" in page.url
    assert page.locator(".search-hit").count() >= 1
    check_screen(page, "second page")
    # The hit links count the click and lead to the item itself.
    tab_to(page, ".search-hit a")
    assert focused_matches(page, ".search-hit a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/dich-vu-cong/" in page.url
