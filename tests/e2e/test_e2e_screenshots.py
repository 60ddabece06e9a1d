"""Pictures of the main pages in test-artifacts/screenshots/ for people to look at.

Also checks what a picture would show at once: the emblem keeps its size and the header fits.
"""

import pytest
from browser_helpers import (
    DESKTOP,
    HOME,
    NEWS_ARTICLE,
    ORGANISATION,
    PHONE,
    open_page,
    save_screenshot,
    turn_on_high_contrast,
)

SHOTS = [
    pytest.param("home", HOME["vi"], DESKTOP, "", id="home-desktop"),
    pytest.param("home", HOME["vi"], PHONE, "", id="home-320"),
    pytest.param("home", HOME["vi"], PHONE, "menu-open", id="home-320-menu-open"),
    pytest.param("organisation", ORGANISATION["vi"], DESKTOP, "", id="organisation-desktop"),
    pytest.param("organisation", ORGANISATION["vi"], PHONE, "", id="organisation-320"),
    pytest.param("news", NEWS_ARTICLE["vi"], DESKTOP, "", id="news-desktop"),
    pytest.param("home", HOME["vi"], DESKTOP, "high-contrast", id="home-desktop-high-contrast"),
]


@pytest.mark.parametrize(("name", "path", "viewport", "state"), SHOTS)
def test_screenshot(demo_site, new_page, name, path, viewport, state):
    page = new_page(viewport)
    open_page(page, demo_site, path)
    if state == "high-contrast":
        turn_on_high_contrast(page)
    if state == "menu-open":
        page.locator(".menu-toggle").click()
        assert page.locator("nav.main-nav .menu a").first.is_visible()
    label = f"screenshots/{name}-vi-{viewport['width']}px{'-' + state if state else ''}"
    path = save_screenshot(page, label)
    assert path.stat().st_size > 10_000

    emblem = page.locator(".brand-emblem").bounding_box()
    assert emblem and 32 <= emblem["width"] <= 72 and emblem["height"] <= 72, emblem
    header = page.locator(".site-header").bounding_box()
    assert header["width"] <= viewport["width"]
