"""The pages a visitor gets when part of the stack is down, in Chromium with axe: the 503 page the
application answers when its database is unreachable, and nginx's page when the application is."""

import pytest
from axe import check_screen
from browser_helpers import DESKTOP, PHONE
from django.db import OperationalError


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_the_database_down_page(demo_site, new_page, viewport, monkeypatch):
    from search import engine

    def database_gone(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(engine, "search", database_gone)
    page = new_page(viewport)
    response = page.goto(demo_site.url + "/tim-kiem/?q=khai+sinh")
    assert response.status == 503 and response.headers["retry-after"]
    assert "không bị mất" in page.content()
    page.server_errors.clear()  # the 503 is the point here
    check_screen(page, f"database down {viewport['width']}px")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_the_application_down_page_served_by_nginx(demo_site, new_page, viewport):
    page = new_page(viewport)
    response = page.goto(demo_site.url + "/static/errors/unavailable.html")
    assert response.status == 200
    assert "Hệ thống đang tạm gián đoạn" in page.content()
    check_screen(page, f"application down {viewport['width']}px")
