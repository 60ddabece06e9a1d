"""The public search page, its suggestions and the click counter of results."""

import pytest
from django.urls import reverse

from search import engine
from search.documents import key_for
from search.models import QueryLog
from services.procedures.models import Field, Procedure

SEARCH = "/tim-kiem/"


@pytest.fixture
def catalogue(db):
    """A few indexed procedures: two in the civil-status field, one fully online."""
    civil_status = Field.objects.create(name="Hộ tịch")
    land = Field.objects.create(name="Đất đai")
    rows = [
        ("1.001612", "Đăng ký khai sinh", civil_status, "4", 900),
        ("1.000894", "Đăng ký kết hôn", civil_status, "", 800),
        ("1.004227", "Đăng ký biến động đất đai", land, "3", 500),
    ]
    procedures = [
        Procedure.objects.create(
            code=code, name=name, field=field, online_level=level, popularity=popularity
        )
        for code, name, field, level, popularity in rows
    ]
    engine.index_keys([key_for(procedure) for procedure in procedures])
    return {"procedures": procedures, "civil_status": civil_status, "land": land}


def page_text(response):
    return response.content.decode()


def test_empty_search_page_has_a_form_a_title_and_one_heading(client, db):
    response = client.get(SEARCH)
    assert response.status_code == 200
    html = page_text(response)
    assert html.count("<h1") == 1
    assert "<title>" in html
    assert 'name="q"' in html
    assert QueryLog.objects.count() == 0


def test_results_list_hits_with_kind_code_and_count(client, catalogue):
    response = client.get(SEARCH, {"q": "dang ky"})
    html = page_text(response)
    assert response.status_code == 200
    assert html.count('class="search-hit"') == 3
    assert "Đăng ký khai sinh" in html
    assert "1.001612" in html
    assert "3 kết quả" in html or "3 results" in html
    # The matched words are marked in the snippet or title-less excerpt, and the query is kept.
    assert 'value="dang ky"' in html


def test_every_search_is_logged_without_personal_data(client, catalogue):
    client.get(SEARCH, {"q": "  Đăng   KÝ "}, REMOTE_ADDR="203.0.113.9")
    log = QueryLog.objects.get()
    assert log.text == "đăng ký"
    assert log.result_count == 3
    assert log.engine == "database"
    stored = " ".join(str(value) for value in QueryLog.objects.values().get().values())
    assert "203.0.113.9" not in stored


def test_facets_show_counts_and_filter_the_results(client, catalogue):
    land = catalogue["land"]
    html = page_text(client.get(SEARCH, {"q": "dang ky"}))
    assert 'id="facet-field"' in html
    assert "Hộ tịch (2)" in html
    assert "Đất đai (1)" in html

    filtered = page_text(client.get(SEARCH, {"q": "dang ky", "field": land.pk}))
    assert filtered.count('class="search-hit"') == 1
    assert "Đăng ký biến động đất đai" in filtered
    # A link removes the filter and keeps the query.
    assert "?q=dang+ky" in filtered


def test_online_level_filter(client, catalogue):
    html = page_text(client.get(SEARCH, {"q": "dang ky", "online": "4"}))
    assert html.count('class="search-hit"') == 1
    assert "Đăng ký khai sinh" in html


@pytest.mark.parametrize(
    "params",
    [
        {"type": "spaceship"},
        {"field": "abc"},
        {"field": "-3"},
        {"year": "99999"},
        {"online": "7"},
        {"agency": "<script>"},
        {"page": "zero"},
        {"page": "-1"},
        {"page": "999999999999"},
    ],
)
def test_bad_filters_are_ignored_with_a_message_and_the_query_kept(client, catalogue, params):
    response = client.get(SEARCH, {"q": "dang ky", **params})
    assert response.status_code == 200
    html = page_text(response)
    assert 'value="dang ky"' in html
    assert html.count('class="search-hit"') == 3
    if "page" not in params:
        assert 'class="search-notice"' in html


def test_a_long_query_is_shortened_not_refused(client, catalogue):
    response = client.get(SEARCH, {"q": "dang ky " + "x" * 500})
    assert response.status_code == 200
    assert len(QueryLog.objects.get().text) <= 200


@pytest.mark.parametrize("text", ["%%%", "'\"<>", "\x00", "a" * 1000, "   "])
def test_odd_queries_never_fail(client, db, text):
    assert client.get(SEARCH, {"q": text}).status_code == 200


def test_no_results_gives_help_and_links(client, catalogue):
    html = page_text(client.get(SEARCH, {"q": "zzqqxx"}))
    assert 'class="search-help"' in html
    assert reverse("procedures:list") in html
    assert QueryLog.objects.get().result_count == 0


def test_no_results_offers_the_corrected_query(client, catalogue):
    html = page_text(client.get(SEARCH, {"q": "khai sinhh"}))
    assert 'class="search-suggestion"' in html
    assert "?q=khai%20sinh" in html


def test_pagination_ten_per_page_and_one_log_per_search(client, db):
    procedures = [
        Procedure.objects.create(code=f"9.{index:06d}", name=f"Cấp phép số {index}")
        for index in range(23)
    ]
    engine.index_keys([key_for(procedure) for procedure in procedures])
    first = client.get(SEARCH, {"q": "cap phep"})
    assert page_text(first).count('class="search-hit"') == 10
    log = QueryLog.objects.get()
    assert f"log={log.pk}" in page_text(first)

    third = client.get(SEARCH, {"q": "cap phep", "page": 3, "log": log.pk})
    assert page_text(third).count('class="search-hit"') == 3
    assert QueryLog.objects.count() == 1
    # Past the last page: the last page.
    beyond = client.get(SEARCH, {"q": "cap phep", "page": 40, "log": log.pk})
    assert page_text(beyond).count('class="search-hit"') == 3


def test_result_links_count_the_click_and_go_to_the_hit(client, catalogue):
    client.get(SEARCH, {"q": "khai sinh"})
    log = QueryLog.objects.get()
    procedure = catalogue["procedures"][0]
    response = client.get(
        reverse("search-chosen"), {"key": key_for(procedure), "log": log.pk, "position": 1}
    )
    assert response.status_code == 302
    assert response["Location"] == procedure.get_absolute_url()
    log.refresh_from_db()
    assert log.clicked_position == 1


@pytest.mark.parametrize(
    "key", ["https://evil.example/", "//evil.example", "procedure:999999", "", "page:abc"]
)
def test_the_click_counter_is_never_an_open_redirect(client, catalogue, key):
    response = client.get(reverse("search-chosen"), {"key": key, "log": "1", "position": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("search")


def test_suggestions_json(client, catalogue):
    data = client.get(reverse("search-suggest"), {"q": "dang ky kh"}).json()
    titles = [item["title"] for item in data["suggestions"]]
    assert titles == ["Đăng ký khai sinh"]
    first = data["suggestions"][0]
    assert first["url"] == catalogue["procedures"][0].get_absolute_url()
    assert first["kind"] == "procedure"
    assert first["kind_label"]
    assert client.get(reverse("search-suggest"), {"q": ""}).json() == {"suggestions": []}
    # Suggestions are not searches: nothing is logged while typing.
    assert QueryLog.objects.count() == 0


def test_suggestions_for_one_kind(client, catalogue):
    data = client.get(reverse("search-suggest"), {"q": "dang", "type": "news"}).json()
    assert data == {"suggestions": []}


def test_header_box_and_procedure_finder_carry_the_combobox(client, db):
    html = page_text(client.get(reverse("procedures:list")))
    assert 'id="site-search-q"' in html and 'data-listbox="site-search-q-listbox"' in html
    assert 'id="procedure-q"' in html and 'data-listbox="procedure-q-listbox"' in html
    assert 'role="listbox"' in html
    assert "search/autocomplete.js" in html
    assert "nonce=" in html
