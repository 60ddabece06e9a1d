"""The database gone: a plain Vietnamese 503 page with Retry-After, never the generic 500."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client


def refuse(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Dịch vụ tạm thời gián đoạn" in text
    assert 'lang="vi"' in text


def raising(error):
    def view_part(*args, **kwargs):
        raise error

    return view_part


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_view_that_loses_the_database_answers_503(error, monkeypatch):
    monkeypatch.setattr("search.engine.search", raising(error("gone")))
    client = Client(raise_request_exception=False)
    assert_unavailable_page(client.get("/tim-kiem/?q=khai+sinh"))


@pytest.mark.django_db
def test_other_errors_are_left_to_the_500_page(monkeypatch):
    monkeypatch.setattr("search.engine.search", raising(ValueError("bug")))
    client = Client(raise_request_exception=False)
    assert client.get("/tim-kiem/?q=khai+sinh").status_code == 500


@pytest.mark.django_db
def test_the_database_lost_before_the_view_also_answers_503(monkeypatch):
    # The signed-in user is loaded by the middleware, before any view runs.
    monkeypatch.setattr("django.contrib.auth.get_user", refuse)
    client = Client(raise_request_exception=False)
    assert_unavailable_page(client.get("/ho-so/tra-cuu/"))


@pytest.mark.django_db
def test_a_bug_before_the_view_is_still_a_500(monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("bug")

    monkeypatch.setattr("django.contrib.auth.get_user", crash)
    client = Client(raise_request_exception=False)
    response = client.get("/ho-so/tra-cuu/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
