"""WCAG 2.1 AA (axe-core) on every kind of public page, both languages, normal and high contrast."""

import pytest
from axe import assert_no_axe_violations, run_axe
from browser_helpers import (
    HOME,
    NEWS_INDEX,
    TRANSLATED_PAGES,
    open_page,
    turn_on_high_contrast,
)

CASES = [
    pytest.param(name, lang, paths[lang], id=f"{name.replace(' ', '-')}-{lang}")
    for name, paths in TRANSLATED_PAGES.items()
    for lang in ("vi", "en")
]


@pytest.mark.parametrize(("name", "lang", "path"), CASES)
def test_translated_pages(demo_site, page, name, lang, path):
    open_page(page, demo_site, path)
    assert page.evaluate("document.documentElement.lang") == lang
    assert_no_axe_violations(page, f"{name} ({lang})")


@pytest.mark.parametrize(("name", "lang", "path"), CASES)
def test_translated_pages_in_high_contrast(demo_site, page, name, lang, path):
    open_page(page, demo_site, path)
    turn_on_high_contrast(page)
    assert_no_axe_violations(page, f"{name} ({lang}, high contrast)")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(NEWS_INDEX["vi"], id="news-index"),
        pytest.param("/so-do-cong/", id="sitemap"),
        pytest.param("/tim-kiem/?q=Tân", id="search-results"),
    ],
)
def test_listing_pages(demo_site, page, path):
    open_page(page, demo_site, path)
    assert_no_axe_violations(page, path)


def test_search_finds_something(demo_site, page):
    """The search page checked above must show results, not only the empty form."""
    open_page(page, demo_site, "/tim-kiem/?q=Tân")
    assert page.locator("main .search-hits .search-hit").count() > 0


def test_procedure_list(procedures, page):
    open_page(page, procedures, "/dich-vu-cong/")
    # The five catalogue rows are the most used; the demo's 21 full national records follow.
    assert page.locator(".procedure-list li").count() == 20
    assert_no_axe_violations(page, "procedure list")


def test_home_on_a_phone(demo_site, phone_page):
    open_page(phone_page, demo_site, HOME["vi"])
    assert_no_axe_violations(phone_page, "home page at 320 px")
    phone_page.locator(".menu-toggle").click()
    assert_no_axe_violations(phone_page, "home page at 320 px, menu open")


def test_the_check_catches_a_violation(demo_site, page):
    """The helper itself: an image without alternative text must fail the test."""
    open_page(page, demo_site, HOME["vi"])
    page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.src = "/static/img/emblem.svg";
            document.querySelector("main").append(img);
        }"""
    )
    assert any(v["id"] == "image-alt" for v in run_axe(page)["violations"])
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        assert_no_axe_violations(page, "home page with a broken image")
