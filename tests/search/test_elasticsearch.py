"""The Elasticsearch engine. No cluster runs here, so most tests read what the engine would send
(query bodies, index definitions) or feed it what a cluster answers; rebuild() talks to an
in-memory stand-in for the cluster behind the real client. The integration tests at the end run
only when ELASTICSEARCH_URL names a real cluster."""

import fnmatch
import json
import os
import time
import uuid
from datetime import date
from urllib.parse import unquote, urlsplit

import pytest
from django.utils import translation
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import TransportError as ElasticTransportError
from elastic_transport._node import NodeApiResponse  # what a node returns: (meta, raw body)
from elasticsearch import Elasticsearch
from elasticsearch.helpers import BulkIndexError

from search import elastic
from search.elastic import (
    ElasticsearchEngine,
    build_query,
    build_suggest_query,
    index_definition,
    new_index_name,
    results_from,
)
from search.types import Document, Query

SYNONYMS = [["cccd", "can cuoc cong dan"], ["khai sinh", "giay khai sinh"]]

LANGUAGE_FILTER_VI = {
    "bool": {
        "should": [
            {"term": {"locale": "vi"}},
            {"terms": {"kind": ["procedure", "legal_document"]}},
        ],
        "minimum_should_match": 1,
    }
}
RANKING_FUNCTIONS = [
    {"field_value_factor": {"field": "popularity", "modifier": "log1p", "missing": 0}},
    {"filter": {"term": {"online_level": 4}}, "weight": 2},
    {"filter": {"term": {"online_level": 3}}, "weight": 1},
    {
        "filter": {"term": {"kind": "news"}},
        "gauss": {
            "published_on": {"origin": "now", "offset": "30d", "scale": "180d", "decay": 0.5}
        },
        "weight": 2,
    },
]
WORDS_ANYWHERE = {
    "type": "best_fields",
    "fields": ["title^3", "title.folded^2", "body"],
    "operator": "and",
}


def text_clauses(text):
    """The four clauses every query text gets, in rank order of their boosts."""
    return [
        {"term": {"code": {"value": text, "boost": 100}}},
        {"term": {"title.exact": {"value": text, "boost": 20}}},
        {
            "multi_match": {
                "query": text,
                "type": "phrase",
                "fields": ["title", "title.folded"],
                "boost": 10,
            }
        },
        {"multi_match": {"query": text, **WORDS_ANYWHERE, "fuzziness": "AUTO"}},
    ]


def aggregation(field_name, size, others=()):
    return {
        "filter": {"bool": {"filter": list(others)}},
        "aggs": {"values": {"terms": {"field": field_name, "size": size}}},
    }


def inner_bool(body):
    return body["query"]["function_score"]["query"]["bool"]


# Query bodies ----------------------------------------------------------------------------------


def test_an_unaccented_query_has_the_whole_body():
    body = build_query(Query(text="dang ky tam tru"), SYNONYMS)

    assert body == {
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "should": text_clauses("dang ky tam tru"),
                        "minimum_should_match": 1,
                        "filter": [LANGUAGE_FILTER_VI],
                    }
                },
                "functions": RANKING_FUNCTIONS,
                "score_mode": "sum",
                "boost_mode": "sum",
            }
        },
        "post_filter": {"bool": {"filter": []}},
        "aggs": {
            "kind": aggregation("kind", 10),
            "field": aggregation("field_id", 50),
            "agency": aggregation("agency_code", 50),
            "year": aggregation("year", 30),
            "online_level": aggregation("online_level", 5),
        },
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "require_field_match": False,
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {"fragment_size": 240, "number_of_fragments": 1, "no_match_size": 240},
            },
        },
        "_source": ["key", "kind", "title", "url", "code", "published_on"],
        "from": 0,
        "size": 10,
    }


def test_an_accented_query_keeps_its_diacritics_in_lower_case():
    """The title field keeps accents beside their folded form, so the accented words must reach
    Elasticsearch as typed (lower case, one space) to rank exact-accent titles first."""
    body = build_query(Query(text="  Đăng ký   TẠM TRÚ "), SYNONYMS)

    assert inner_bool(body)["should"] == text_clauses("đăng ký tạm trú")


def test_a_procedure_code_is_an_exact_code_term():
    should = inner_bool(build_query(Query(text="1.004194"), SYNONYMS))["should"]

    assert should[0] == {"term": {"code": {"value": "1.004194", "boost": 100}}}
    assert should == text_clauses("1.004194")


def test_a_legal_document_number_keeps_its_dots_slashes_and_dash():
    should = inner_bool(build_query(Query(text="66.9/2025/NQ-CP"), SYNONYMS))["should"]

    # Lower case: the code field's normaliser lowercases the indexed numbers the same way.
    assert should == text_clauses("66.9/2025/nq-cp")


def test_a_synonym_adds_a_clause_for_each_other_phrase_of_its_group():
    should = inner_bool(build_query(Query(text="CCCD"), SYNONYMS))["should"]

    assert should == [
        *text_clauses("cccd"),
        {"multi_match": {"query": "can cuoc cong dan", **WORDS_ANYWHERE}},
    ]


def test_a_synonym_inside_a_longer_query_is_swapped_in_place():
    should = inner_bool(build_query(Query(text="cấp lại căn cước công dân"), SYNONYMS))["should"]

    assert should[4:] == [{"multi_match": {"query": "cap lai cccd", **WORDS_ANYWHERE}}]


def test_without_synonym_groups_there_are_only_the_text_clauses():
    should = inner_bool(build_query(Query(text="CCCD"), []))["should"]

    assert should == text_clauses("cccd")


def test_filters_narrow_the_hits_and_every_facet_but_their_own():
    query = Query(
        text="dang ky",
        kind="procedure",
        field_id=7,
        agency_code="SOTP",
        year=2025,
        online_level=4,
        locale="en",
        page=3,
        per_page=20,
    )

    body = build_query(query, SYNONYMS)

    kind = {"term": {"kind": "procedure"}}
    field = {"term": {"field_id": 7}}
    agency = {"term": {"agency_code": "SOTP"}}
    year = {"term": {"year": 2025}}
    online = {"term": {"online_level": 4}}
    assert inner_bool(body)["filter"] == [
        {
            "bool": {
                "should": [
                    {"term": {"locale": "en"}},
                    {"terms": {"kind": ["procedure", "legal_document"]}},
                ],
                "minimum_should_match": 1,
            }
        }
    ]
    assert body["post_filter"] == {"bool": {"filter": [kind, field, agency, year, online]}}
    assert body["aggs"] == {
        "kind": aggregation("kind", 10, [field, agency, year, online]),
        "field": aggregation("field_id", 50, [kind, agency, year, online]),
        "agency": aggregation("agency_code", 50, [kind, field, year, online]),
        "year": aggregation("year", 30, [kind, field, agency, online]),
        "online_level": aggregation("online_level", 5, [kind, field, agency, year]),
    }
    assert (body["from"], body["size"]) == (40, 20)


def test_online_level_zero_is_a_filter_too():
    body = build_query(Query(text="dang ky", online_level=0), SYNONYMS)

    assert body["post_filter"] == {"bool": {"filter": [{"term": {"online_level": 0}}]}}


def test_the_suggest_body_matches_prefixes_of_title_words_and_codes():
    body = build_suggest_query("Đăng ký t", locale="vi", limit=5)

    assert body == {
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "should": [
                            {"prefix": {"code": {"value": "đăng ký t", "boost": 100}}},
                            {"prefix": {"title.exact": {"value": "đăng ký t", "boost": 10}}},
                            {
                                "match": {
                                    "title.autocomplete": {"query": "đăng ký t", "operator": "and"}
                                }
                            },
                        ],
                        "minimum_should_match": 1,
                        "filter": [LANGUAGE_FILTER_VI],
                    }
                },
                "functions": RANKING_FUNCTIONS,
                "score_mode": "sum",
                "boost_mode": "sum",
            }
        },
        "_source": ["key", "kind", "title", "url", "code", "published_on"],
        "size": 5,
    }


# Index definition ------------------------------------------------------------------------------


def test_index_and_alias_names_carry_the_environment_prefix(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "staging"
    from datetime import UTC, datetime

    name = new_index_name(datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=UTC))

    assert elastic.alias_name() == "staging-search"
    assert name == "staging-search-20250102030405000006"


def test_the_index_definition_has_the_vietnamese_analysis():
    definition = index_definition("portal-search-1", SYNONYMS + [["one phrase only"]]).to_dict()

    analysis = definition["settings"]["analysis"]
    assert definition["settings"]["number_of_shards"] == 1
    assert analysis["filter"] == {
        "vi_folding": {"type": "asciifolding", "preserve_original": True},
        "vi_prefixes": {"type": "edge_ngram", "min_gram": 2, "max_gram": 20},
        "vi_synonyms": {
            "type": "synonym_graph",
            "synonyms": ["cccd, can cuoc cong dan", "khai sinh, giay khai sinh"],
            "lenient": True,
        },
    }
    analyzers = {
        name: (spec["tokenizer"], spec["filter"]) for name, spec in analysis["analyzer"].items()
    }
    assert analyzers == {
        "vi_text": ("standard", ["lowercase", "vi_folding"]),
        "vi_folded": ("standard", ["lowercase", "asciifolding"]),
        # Synonyms at search time only, after a folding that keeps one token per position.
        "vi_folded_search": ("standard", ["lowercase", "asciifolding", "vi_synonyms"]),
        "vi_autocomplete": ("standard", ["lowercase", "vi_folding", "vi_prefixes"]),
        "vi_autocomplete_search": ("standard", ["lowercase", "vi_folding"]),
    }
    assert analysis["normalizer"] == {
        "lowercase_keyword": {"type": "custom", "filter": ["lowercase"]}
    }


def test_synonym_groups_are_folded_and_deduplicated_into_rules():
    groups = [["CCCD", "Căn cước công dân", "can cuoc cong dan"], ["Hộ chiếu"], []]

    assert elastic.synonym_rules(groups) == ["cccd, can cuoc cong dan"]


def test_without_synonyms_the_search_analyzer_has_no_synonym_filter():
    analysis = index_definition("portal-search-1", []).to_dict()["settings"]["analysis"]

    assert "vi_synonyms" not in analysis["filter"]
    assert analysis["analyzer"]["vi_folded_search"]["filter"] == ["lowercase", "asciifolding"]


def test_the_mapping_has_every_field():
    mapping = index_definition("portal-search-1", SYNONYMS).to_dict()["mappings"]

    assert mapping["dynamic"] == "strict"
    fields = mapping["properties"]
    assert fields["title"] == {
        "type": "text",
        "analyzer": "vi_text",
        "fields": {
            "folded": {
                "type": "text",
                "analyzer": "vi_folded",
                "search_analyzer": "vi_folded_search",
            },
            "exact": {"type": "keyword", "normalizer": "lowercase_keyword", "ignore_above": 512},
            "autocomplete": {
                "type": "text",
                "analyzer": "vi_autocomplete",
                "search_analyzer": "vi_autocomplete_search",
            },
        },
    }
    assert fields["body"] == {
        "type": "text",
        "analyzer": "vi_text",
        "search_analyzer": "vi_folded_search",
    }
    assert fields["code"] == {"type": "keyword", "normalizer": "lowercase_keyword"}
    assert {name: spec["type"] for name, spec in fields.items()} == {
        "key": "keyword",
        "url": "keyword",
        "title": "text",
        "code": "keyword",
        "body": "text",
        "kind": "keyword",
        "locale": "keyword",
        "field_id": "integer",
        "agency_code": "keyword",
        "online_level": "integer",
        "popularity": "integer",
        "published_on": "date",
        "year": "integer",
    }


def test_a_document_is_indexed_with_its_year():
    document = Document(
        key="news:3",
        kind="news",
        title="Tin",
        url="/tin/",
        published_on=date(2024, 5, 6),
    )

    source = elastic.source_of(document)

    assert source["published_on"] == "2024-05-06"
    assert source["year"] == 2024
    assert set(source) == set(index_definition("x", []).to_dict()["mappings"]["properties"])


# Responses -------------------------------------------------------------------------------------


CANNED_RESPONSE = {
    "took": 3,
    "timed_out": False,
    "hits": {
        "total": {"value": 42, "relation": "eq"},
        "max_score": 151.2,
        "hits": [
            {
                "_index": "portal-search-20250101000000000000",
                "_id": "procedure:12",
                "_score": 151.2,
                "_source": {
                    "key": "procedure:12",
                    "kind": "procedure",
                    "title": "Đăng ký tạm trú",
                    "url": "/thu-tuc/1.004194/",
                    "code": "1.004194",
                    "published_on": None,
                },
                "highlight": {
                    "title": ["<mark>Đăng</mark> <mark>ký</mark> tạm trú"],
                    "body": ["Hồ sơ &lt;bản chính&gt; <mark>đăng</mark> <mark>ký</mark> tạm trú"],
                },
            },
            {
                "_index": "portal-search-20250101000000000000",
                "_id": "news:3",
                "_score": 12.5,
                "_source": {
                    "key": "news:3",
                    "kind": "news",
                    "title": "Tin <b>mới</b>",
                    "url": "/tin/3/",
                    "code": "",
                    "published_on": "2025-03-01",
                },
            },
            {
                "_index": "portal-search-20250101000000000000",
                "_id": "page:9",
                "_score": 3.0,
                "_source": {
                    "key": "page:9",
                    "kind": "page",
                    "title": "Giới thiệu",
                    "url": "/gioi-thieu/",
                    "body": "A & B <script>",
                },
            },
        ],
    },
    "aggregations": {
        "kind": {
            "doc_count": 42,
            "values": {
                "buckets": [
                    {"key": "procedure", "doc_count": 30},
                    {"key": "news", "doc_count": 12},
                ]
            },
        },
        "online_level": {
            "doc_count": 30,
            "values": {"buckets": [{"key": 4, "doc_count": 20}, {"key": 3, "doc_count": 10}]},
        },
        "year": {
            "doc_count": 12,
            "values": {"buckets": [{"key": 2025, "doc_count": 12}]},
        },
        "field": {"doc_count": 0, "values": {"buckets": []}},
        "agency": {"doc_count": 0, "values": {"buckets": []}},
    },
}


@pytest.mark.django_db
def test_results_from_a_response_keeps_the_order_snippets_and_facets():
    query = Query(text="đăng ký tạm trú")

    with translation.override("en"):
        results = results_from(CANNED_RESPONSE, query)

    assert results.engine == "elasticsearch"
    assert results.query is query
    assert results.total == 42
    assert [hit.key for hit in results.hits] == ["procedure:12", "news:3", "page:9"]
    first, news, page = results.hits
    assert (first.title, first.code, first.url, first.score) == (
        "Đăng ký tạm trú",
        "1.004194",
        "/thu-tuc/1.004194/",
        151.2,
    )
    assert first.snippet == "Hồ sơ &lt;bản chính&gt; <mark>đăng</mark> <mark>ký</mark> tạm trú"
    assert news.published_on == date(2025, 3, 1)
    assert news.snippet == ""
    # A body without a highlight is escaped here.
    assert page.snippet == "A &amp; B &lt;script&gt;"
    assert [(v.value, v.label, v.count) for v in results.facets["kind"]] == [
        ("procedure", "Procedures", 30),
        ("news", "News", 12),
    ]
    assert [(v.value, v.label, v.count) for v in results.facets["online_level"]] == [
        ("4", "Fully online", 20),
        ("3", "Partly online", 10),
    ]
    assert [(v.value, v.count) for v in results.facets["year"]] == [("2025", 12)]
    assert results.facets["field"] == []
    assert results.facets["agency"] == []


def test_a_total_given_as_a_number_is_read_too():
    response = {"hits": {"total": 0, "hits": []}}

    results = results_from(response, Query(text="x"))

    assert (results.total, results.hits) == (0, [])


# rebuild(), index() and remove() against an in-memory cluster ----------------------------------


class FakeCluster:
    """Just enough of Elasticsearch's REST API for the engine's writes, recording every request."""

    def __init__(self, indices=(), aliases=None, search_responses=()):
        self.indices = {name: {"definition": {}, "documents": {}} for name in indices}
        self.aliases = {alias: set(names) for alias, names in (aliases or {}).items()}
        self.search_responses = list(search_responses)
        self.requests = []

    def handle(self, method, target, body):
        parts = urlsplit(target)
        path = unquote(parts.path).strip("/").split("/")
        self.requests.append((method, "/" + "/".join(path), parts.query, body))
        if path[-1] == "_bulk":
            return self.bulk(body, parts.query)
        if path[-1] == "_search":
            return 200, self.search_responses.pop(0)
        if path == ["_aliases"]:
            for action in body["actions"]:
                ((verb, spec),) = action.items()
                members = self.aliases.setdefault(spec["alias"], set())
                (members.add if verb == "add" else members.discard)(spec["index"])
            return 200, {"acknowledged": True}
        if path[0] == "_alias":
            members = self.aliases.get(path[1])
            if not members:
                return 404, {"error": "alias missing", "status": 404}
            return 200, {name: {"aliases": {path[1]: {}}} for name in members}
        if path[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if method == "PUT":
            self.indices[path[0]] = {"definition": body, "documents": {}}
            return 200, {"acknowledged": True, "index": path[0]}
        if method == "DELETE":
            for name in path[0].split(","):
                del self.indices[name]
            return 200, {"acknowledged": True}
        if method == "GET":
            matching = fnmatch.filter(self.indices, path[0])
            return 200, {name: {"aliases": {}, "mappings": {}, "settings": {}} for name in matching}
        return 400, {"error": f"unexpected {method} {target}", "status": 400}

    def bulk(self, operations, query):
        items = []
        for action, source in operations:
            ((verb, meta),) = action.items()
            name = meta["_index"]
            if "require_alias=true" in query:
                name = next(iter(self.aliases.get(name, ())), None)
                if name is None:
                    items.append({verb: {"_id": meta["_id"], "status": 404}})
                    continue
            documents = self.indices[name]["documents"]
            if verb == "delete":
                found = documents.pop(meta["_id"], None)
                items.append({verb: {"_id": meta["_id"], "status": 200 if found else 404}})
            else:
                documents[meta["_id"]] = source
                items.append({verb: {"_index": name, "_id": meta["_id"], "status": 201}})
        errors = any(item[next(iter(item))]["status"] >= 300 for item in items)
        return 200, {"took": 1, "errors": errors, "items": items}


def client_for(cluster):
    """A real Elasticsearch client whose only node answers from `cluster`."""

    class InMemoryNode(BaseNode):
        def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
            decoded = None
            if body:
                lines = [json.loads(line) for line in body.decode().splitlines() if line]
                if target.split("?")[0].endswith("_bulk"):
                    decoded, pending = [], list(lines)
                    while pending:
                        action = pending.pop(0)
                        source = None if "delete" in action else pending.pop(0)
                        decoded.append((action, source))
                else:
                    decoded = lines[0]
            status, answer = cluster.handle(method, target, decoded)
            meta = ApiResponseMeta(
                status=status,
                http_version="1.1",
                headers=HttpHeaders(
                    {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                ),
                duration=0.0,
                node=self.config,
            )
            return NodeApiResponse(meta, json.dumps(answer).encode())

    return Elasticsearch("http://in-memory:9200", node_class=InMemoryNode, max_retries=0)


def demo_documents(count):
    return [
        Document(key=f"procedure:{n}", kind="procedure", title=f"Thủ tục {n}", url=f"/t/{n}/")
        for n in range(count)
    ]


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_then_moves_the_alias_in_one_step(settings):
    from search.models import Synonym

    settings.ELASTICSEARCH_INDEX_PREFIX = "test"
    Synonym.objects.create(phrases="Phiếu lý lịch tư pháp\nLLTP")
    live, stale = "test-search-20240101000000000000", "test-search-20240102000000000000"
    cluster = FakeCluster(indices=[live, stale], aliases={"test-search": [live]})
    progress = []

    ElasticsearchEngine(client_for(cluster)).rebuild(
        iter(demo_documents(1001)), progress=lambda done, total: progress.append((done, total))
    )

    (new,) = cluster.indices
    assert fnmatch.fnmatch(new, "test-search-" + "[0-9]" * 20)
    assert new > stale
    assert cluster.aliases == {"test-search": {new}}
    assert len(cluster.indices[new]["documents"]) == 1001
    assert cluster.indices[new]["documents"]["procedure:7"]["title"] == "Thủ tục 7"
    assert progress == [(500, 1001), (1000, 1001), (1001, 1001)]
    definition = cluster.indices[new]["definition"]
    rules = definition["settings"]["analysis"]["filter"]["vi_synonyms"]["synonyms"]
    assert "phieu ly lich tu phap, lltp" in rules
    calls = [(method, path) for method, path, _query, _body in cluster.requests]
    assert calls == [
        ("PUT", f"/{new}"),
        ("PUT", "/_bulk"),
        ("PUT", "/_bulk"),
        ("PUT", "/_bulk"),
        ("POST", f"/{new}/_refresh"),
        ("GET", "/_alias/test-search"),
        ("POST", "/_aliases"),
        ("GET", "/test-search-*"),
        ("DELETE", f"/{live},{stale}"),
    ]
    (alias_change,) = [body for method, path, _q, body in cluster.requests if path == "/_aliases"]
    assert alias_change == {
        "actions": [
            {"remove": {"index": live, "alias": "test-search"}},
            {"add": {"index": new, "alias": "test-search"}},
        ]
    }


@pytest.mark.django_db
def test_the_first_rebuild_creates_the_alias(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "test"
    cluster = FakeCluster()
    progress = []

    ElasticsearchEngine(client_for(cluster)).rebuild(
        [], progress=lambda *args: progress.append(args)
    )

    (new,) = cluster.indices
    assert cluster.aliases == {"test-search": {new}}
    assert progress == [(0, 0)]


@pytest.mark.django_db
def test_a_failed_rebuild_drops_its_index_and_leaves_the_alias(settings, monkeypatch):
    settings.ELASTICSEARCH_INDEX_PREFIX = "test"
    live = "test-search-20240101000000000000"
    cluster = FakeCluster(indices=[live], aliases={"test-search": [live]})
    refuse = cluster.bulk
    monkeypatch.setattr(
        cluster, "bulk", lambda operations, query: refuse(operations, "require_alias=true")
    )

    with pytest.raises(BulkIndexError):
        ElasticsearchEngine(client_for(cluster)).rebuild(demo_documents(2))

    assert list(cluster.indices) == [live]
    assert cluster.aliases == {"test-search": {live}}


def test_index_and_remove_write_through_the_alias_only(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "test"
    live = "test-search-20240101000000000000"
    cluster = FakeCluster(indices=[live], aliases={"test-search": [live]})
    engine = ElasticsearchEngine(client_for(cluster))

    engine.index(demo_documents(2))
    engine.remove(["procedure:0", "procedure:never-indexed"])

    assert list(cluster.indices[live]["documents"]) == ["procedure:1"]
    bulk_queries = [query for _m, path, query, _b in cluster.requests if path == "/_bulk"]
    assert bulk_queries == ["require_alias=true", "require_alias=true"]


def test_index_before_any_rebuild_fails_instead_of_creating_an_index(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "test"
    cluster = FakeCluster()

    with pytest.raises(BulkIndexError):
        ElasticsearchEngine(client_for(cluster)).index(demo_documents(1))

    assert cluster.indices == {}


NO_HITS = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}


@pytest.mark.django_db
def test_search_asks_the_alias_and_corrects_a_query_without_results(settings):
    from search.models import SearchTerm, Synonym

    settings.ELASTICSEARCH_INDEX_PREFIX = "test"
    SearchTerm.objects.create(word="tam", frequency=5)
    cluster = FakeCluster(search_responses=[NO_HITS, CANNED_RESPONSE])
    query = Query(text="dang ky tamm")

    results = ElasticsearchEngine(client_for(cluster)).search(query)

    (first, second) = [(path, body) for _m, path, _q, body in cluster.requests]
    assert first == ("/test-search/_search", build_query(query, Synonym.objects.groups()))
    assert inner_bool(second[1])["should"][0] == {
        "term": {"code": {"value": "dang ky tam", "boost": 100}}
    }
    assert results.suggestion == "dang ky tam"
    assert results.query is query
    assert [hit.key for hit in results.hits] == ["procedure:12", "news:3", "page:9"]


# A cluster that is down ------------------------------------------------------------------------


@pytest.fixture
def closed_port(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    return ElasticsearchEngine()


def test_healthy_is_false_quickly_when_the_cluster_is_down(closed_port):
    started = time.monotonic()

    assert closed_port.healthy() is False
    assert time.monotonic() - started < 3


@pytest.mark.django_db
def test_search_and_suggest_raise_when_the_cluster_is_down(closed_port):
    """So that the dispatcher answers from the database engine instead."""
    with pytest.raises(ElasticTransportError):
        closed_port.search(Query(text="dang ky tam tru"))
    with pytest.raises(ElasticTransportError):
        closed_port.suggest("dang ky")


def test_an_empty_query_asks_nothing(closed_port, db):
    assert closed_port.search(Query(text="  ")).hits == []
    assert closed_port.suggest(" ") == []


# Against a real cluster ------------------------------------------------------------------------


@pytest.fixture
def real_cluster(settings):
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("Elasticsearch (ELASTICSEARCH_URL) is not configured here")
    settings.ELASTICSEARCH_URL = url
    # A prefix of its own, so that a test run never touches a site's indices.
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
    engine = ElasticsearchEngine()
    yield engine
    engine.client.indices.delete(index=f"{elastic.alias_name()}-*", allow_no_indices=True)


@pytest.mark.integration
@pytest.mark.django_db
def test_the_demo_catalogue_ranks_as_the_database_engine_does(real_cluster):
    from search.documents import iter_documents
    from tests.search.conftest import load_demo_catalogue
    from tests.search.relevance import RELEVANCE

    load_demo_catalogue()
    real_cluster.rebuild(iter_documents())

    assert real_cluster.healthy()
    misses = []
    for text, expected in RELEVANCE:
        hits = real_cluster.search(Query(text=text)).hits
        first = (hits[0].title, hits[0].code) if hits else ("(nothing)", "")
        if expected not in first:
            misses.append(f"{text!r}: expected {expected!r}, got {first[0]!r} {first[1]!r}")
    assert not misses, "\n".join(misses)


@pytest.mark.integration
@pytest.mark.django_db
def test_a_real_rebuild_keeps_one_index_behind_the_alias(real_cluster):
    documents = demo_documents(3)

    real_cluster.rebuild(documents)
    real_cluster.rebuild(documents)

    indices = real_cluster.client.indices.get(index=f"{elastic.alias_name()}-*")
    assert len(indices) == 1
    assert [hit.key for hit in real_cluster.suggest("thủ tục 2")][:1] == ["procedure:2"]
