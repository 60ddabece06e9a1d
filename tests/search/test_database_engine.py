"""The database engine on the demo content (acceptance 1 and 2 of issue 8)."""

import pytest
from django.urls import reverse

from search import engine
from search.database import DatabaseEngine, snippet
from search.text import fold
from search.types import LEGAL_DOCUMENT, PROCEDURE, Query
from tests.search.relevance import RELEVANCE

pytestmark = pytest.mark.usefixtures("demo_index")


def first(text, **filters):
    results = engine.search(Query(text=text, **filters))
    assert results.hits, f"nothing found for {text!r}"
    return results.hits[0]


@pytest.mark.parametrize(
    "text", ["dang ky tam tru", "Đăng ký tạm trú", "DANG KY TAM TRU", "1.004194"]
)
def test_temporary_residence_comes_first(db, text):
    hit = first(text)
    assert (hit.title, hit.code, hit.kind) == ("Đăng ký tạm trú", "1.004194", PROCEDURE)
    assert hit.url == reverse("procedures:detail", args=["1.004194"])


def test_birth_registration_is_found_by_its_everyday_name(db):
    assert "dang ky khai sinh" in fold(first("khai sinh").title)


def test_legal_document_number_comes_first(db):
    hit = first("66.9/2025/NQ-CP")
    assert (hit.kind, hit.code) == (LEGAL_DOCUMENT, "66.9/2025/NQ-CP")


@pytest.mark.parametrize(("text", "expected"), RELEVANCE)
def test_relevance(db, text, expected):
    hit = first(text)
    assert expected in (hit.code, hit.title), f"{text!r} gave {hit.code} {hit.title}"


def test_relevance_table_is_large_enough():
    assert len(RELEVANCE) >= 40


def test_misspelt_query_suggests_the_correction(db):
    results = engine.search(Query(text="ho chiue pho thong"))
    assert results.suggestion == "ho chieu pho thong"
    assert results.total > 0


def test_exact_query_has_no_suggestion(db):
    assert engine.search(Query(text="ho chieu")).suggestion == ""


def test_gibberish_finds_nothing(db):
    results = engine.search(Query(text="zzqxv wwkj"))
    assert (results.total, results.hits, results.suggestion) == (0, [], "")


def test_filters_and_facets(db):
    everything = engine.search(Query(text="tam tru"))
    kinds = {facet.value: facet.count for facet in everything.facets["kind"]}
    assert kinds[PROCEDURE] > 0 and sum(kinds.values()) == everything.total
    procedures = engine.search(Query(text="tam tru", kind=PROCEDURE))
    assert procedures.total == kinds[PROCEDURE]
    assert {hit.kind for hit in procedures.hits} == {PROCEDURE}
    # The kind facet still counts the other kinds when one kind is chosen.
    assert {facet.value: facet.count for facet in procedures.facets["kind"]} == kinds
    labels = {facet.value: facet.label for facet in procedures.facets["kind"]}
    assert labels[PROCEDURE] not in ("", PROCEDURE)


def test_year_facet_and_filter_on_legal_documents(db):
    results = engine.search(Query(text="nghi quyet", kind=LEGAL_DOCUMENT))
    years = {facet.value: facet.count for facet in results.facets["year"]}
    assert "2025" in years
    in_2025 = engine.search(Query(text="nghi quyet", kind=LEGAL_DOCUMENT, year=2025))
    assert in_2025.total == years["2025"]
    assert all(hit.published_on.year == 2025 for hit in in_2025.hits)


def test_pages_follow_one_another(db):
    one = engine.search(Query(text="dang ky", per_page=5))
    two = engine.search(Query(text="dang ky", per_page=5, page=2))
    assert one.total == two.total > 10
    assert not {hit.key for hit in one.hits} & {hit.key for hit in two.hits}
    assert [hit.score for hit in one.hits] == sorted([hit.score for hit in one.hits], reverse=True)


def test_locale_keeps_pages_in_their_language(db):
    english = engine.search(Query(text="news and events", locale="en"))
    assert english.hits[0].title == "News and events"
    assert engine.search(Query(text="news and events", locale="vi")).total < english.total


def test_snippet_marks_the_accented_words_and_escapes_the_rest():
    text = "Người dân <b>đăng ký</b> tạm trú tại công an xã."
    html = snippet(text, {"dang", "ky", "tam", "tru"})
    assert "<mark>đăng</mark> <mark>ký</mark>" in html
    assert "<mark>tạm</mark> <mark>trú</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_snippet_starts_near_the_first_match():
    text = "mở đầu " * 100 + "hộ chiếu phổ thông" + " kết thúc" * 100
    html = snippet(text, {"ho", "chieu"})
    assert html.startswith("… ") and "<mark>hộ</mark> <mark>chiếu</mark>" in html


def test_hits_carry_a_snippet_from_the_body(db):
    hit = first("khai truong cong dich vu cong")
    assert "<mark>" in hit.snippet


def test_suggest_completes_the_last_word(db):
    hits = engine.suggest("dang ky tam t")
    assert hits[0].title == "Đăng ký tạm trú"
    for hit in hits:
        words = fold(hit.title).split()
        assert all(any(w.startswith(typed) for w in words) for typed in ("dang", "ky", "tam", "t"))
    assert len(engine.suggest("ho chi", limit=3)) == 3


def test_engine_is_healthy(db):
    assert DatabaseEngine().healthy()
