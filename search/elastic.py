"""The Elasticsearch engine of site search, used when settings.ELASTICSEARCH_URL is set.

All kinds share one index, reached through the alias `{ELASTICSEARCH_INDEX_PREFIX}-search`.
`rebuild()` fills a new timestamped index and then moves the alias in one atomic call, so
visitors never search a half-built index. The engine lets connection errors propagate from
search() and suggest(): the dispatcher (search/engine.py) catches them and answers from the
database engine instead, which is why the client gives up after a few seconds.

Vietnamese is indexed twice over: with its diacritics and folded (asciifolding keeps the
original token beside the folded one), so "dang ky tam tru" finds "Đăng ký tạm trú" while an
accented query still ranks the exact-accent titles first.
"""

import functools
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from html import escape

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import (
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    normalizer,
    token_filter,
)
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from .database import Analysis, facet_values
from .models import SearchEntry, Synonym
from .text import fold, normalise
from .types import NEWS, Document, Hit, Query, Results

# A down cluster must fail fast so that the dispatcher can fall back to the database engine
# within the visitor's patience; rebuilding is a batch job and may wait longer per request.
SEARCH_TIMEOUT_SECONDS = 3
HEALTH_TIMEOUT_SECONDS = 1
REBUILD_TIMEOUT_SECONDS = 60
BULK_CHUNK_SIZE = 500

# Ranking: an exact code ("1.004194", "66.9/2025/NQ-CP") beats everything, then an exact
# title, then the words as a phrase, then all the words anywhere in the title or body.
CODE_BOOST = 100
EXACT_TITLE_BOOST = 20
PHRASE_BOOST = 10
# Added to the text score (boost_mode "sum"), so that they only reorder close matches.
FULL_ONLINE_WEIGHT = 2
PARTLY_ONLINE_WEIGHT = 1
RECENT_NEWS_WEIGHT = 2

SNIPPET_LENGTH = 240
HIGHLIGHT_TAGS = ("<mark>", "</mark>")

# Facet name (as in Results.facets) -> indexed field and how many values to count.
FACETS = {
    "kind": ("kind", 10),
    "field": ("field_id", 50),
    "agency": ("agency_code", 50),
    "year": ("year", 30),
    "online_level": ("online_level", 5),
}
# Query attribute -> indexed field it filters on, and the facet of each attribute.
FILTER_FIELDS = {
    "kind": "kind",
    "field_id": "field_id",
    "agency_code": "agency_code",
    "year": "year",
    "online_level": "online_level",
}
FACET_ATTRIBUTES = {
    "kind": "kind",
    "field": "field_id",
    "agency": "agency_code",
    "year": "year",
    "online_level": "online_level",
}
SOURCE_FIELDS = ["key", "kind", "title", "url", "code", "published_on"]


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search"


def new_index_name(now=None):
    """`{alias}-{timestamp}`: sorts by age, and a rebuild never reuses a live index's name."""
    now = now or datetime.now(UTC)
    return f"{alias_name()}-{now:%Y%m%d%H%M%S%f}"


def synonym_rules(synonym_groups):
    """Solr-style "a, b, c" lines for the synonym_graph filter, one per group of two or more
    phrases. The filter comes after plain asciifolding, which parses the rules too, so folded
    phrases ("can cuoc cong dan") stand for their accented forms."""
    rules = []
    for group in synonym_groups:
        phrases = list(dict.fromkeys(fold(phrase) for phrase in group if fold(phrase)))
        if len(phrases) > 1:
            rules.append(", ".join(phrases))
    return rules


def index_definition(name, synonym_groups):
    """The settings and mapping of one search index (an elasticsearch.dsl Index, not yet created).

    `title` keeps the diacritics beside their folded form on both sides, so an accented query
    scores exact-accent titles higher. `title.folded` and `body` are searched folded and with the
    editors' synonyms; synonym_graph runs at search time only (its token graphs cannot be
    indexed) and after plain asciifolding, because a rule may not hold two tokens at one
    position, which asciifolding with preserve_original makes.
    """
    folding = token_filter("vi_folding", "asciifolding", preserve_original=True)
    prefixes = token_filter("vi_prefixes", "edge_ngram", min_gram=2, max_gram=20)
    folded_search_filters = ["lowercase", "asciifolding"]
    rules = synonym_rules(synonym_groups)
    if rules:
        synonyms = token_filter("vi_synonyms", "synonym_graph", synonyms=rules, lenient=True)
        folded_search_filters.append(synonyms)

    vietnamese = analyzer("vi_text", tokenizer="standard", filter=["lowercase", folding])
    folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
    folded_search = analyzer("vi_folded_search", tokenizer="standard", filter=folded_search_filters)
    autocomplete = analyzer(
        "vi_autocomplete", tokenizer="standard", filter=["lowercase", folding, prefixes]
    )
    autocomplete_search = analyzer(
        "vi_autocomplete_search", tokenizer="standard", filter=["lowercase", folding]
    )
    lowercase_keyword = normalizer("lowercase_keyword", filter=["lowercase"])

    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("key", Keyword())
    mapping.field("url", Keyword(index=False))
    mapping.field(
        "title",
        Text(
            analyzer=vietnamese,
            fields={
                "folded": Text(analyzer=folded, search_analyzer=folded_search),
                "exact": Keyword(normalizer=lowercase_keyword, ignore_above=512),
                "autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_search),
            },
        ),
    )
    mapping.field("code", Keyword(normalizer=lowercase_keyword))
    mapping.field("body", Text(analyzer=vietnamese, search_analyzer=folded_search))
    mapping.field("kind", Keyword())
    mapping.field("locale", Keyword())
    mapping.field("field_id", Integer())
    mapping.field("agency_code", Keyword())
    mapping.field("online_level", Integer())
    mapping.field("popularity", Integer())
    mapping.field("published_on", Date(format="yyyy-MM-dd"))
    mapping.field("year", Integer())

    index = Index(name)
    # One shard: the catalogue is small, and one shard keeps term statistics (and so ranking)
    # identical to what the relevance tests see.
    index.settings(number_of_shards=1)
    index.mapping(mapping)
    return index


def source_of(document: Document):
    """The indexed fields of one Document."""
    return {
        "key": document.key,
        "kind": document.kind,
        "title": document.title,
        "url": document.url,
        "locale": document.locale,
        "code": document.code,
        "body": document.body,
        "field_id": document.field_id,
        "agency_code": document.agency_code,
        "online_level": document.online_level,
        "popularity": document.popularity,
        "published_on": document.published_on.isoformat() if document.published_on else None,
        "year": document.published_on.year if document.published_on else None,
    }


def synonym_alternatives(text, synonym_groups):
    """The query with its synonym phrases swapped for the others of their groups, folded:
    "cap lai cccd" -> ["cap lai can cuoc cong dan"], as the database engine expands it.

    The index's synonym filter expands queries too, but only with the groups it was built with;
    these clauses make an editor's new group work before the next rebuild.
    """
    analysis = Analysis(text, synonym_groups)
    return [phrase for phrase in analysis.phrases if phrase != analysis.folded]


def _language_filter(locale):
    """Pages in the visitor's language; procedures and legal documents exist in one language."""
    return {
        "bool": {
            "should": [
                {"term": {"locale": locale}},
                {"terms": {"kind": list(SearchEntry.LANGUAGE_NEUTRAL_KINDS)}},
            ],
            "minimum_should_match": 1,
        }
    }


def _facet_filters(query: Query):
    """Query attribute -> its term filter, for the facet filters the visitor chose."""
    filters = {}
    for attribute, field_name in FILTER_FIELDS.items():
        value = getattr(query, attribute)
        if value not in (None, ""):
            filters[attribute] = {"term": {field_name: value}}
    return filters


def _text_clauses(text, synonym_groups):
    words_anywhere = {
        "type": "best_fields",
        "fields": ["title^3", "title.folded^2", "body"],
        "operator": "and",
    }
    clauses = [
        {"term": {"code": {"value": text, "boost": CODE_BOOST}}},
        {"term": {"title.exact": {"value": text, "boost": EXACT_TITLE_BOOST}}},
        {
            "multi_match": {
                "query": text,
                "type": "phrase",
                "fields": ["title", "title.folded"],
                "boost": PHRASE_BOOST,
            }
        },
        {"multi_match": {"query": text, **words_anywhere, "fuzziness": "AUTO"}},
    ]
    for alternative in synonym_alternatives(text, synonym_groups):
        clauses.append({"multi_match": {"query": alternative, **words_anywhere}})
    return clauses


def _ranked(inner_query):
    """The text score plus small bonuses: popularity, online level, and the freshness of news."""
    return {
        "function_score": {
            "query": inner_query,
            "functions": [
                {"field_value_factor": {"field": "popularity", "modifier": "log1p", "missing": 0}},
                {"filter": {"term": {"online_level": 4}}, "weight": FULL_ONLINE_WEIGHT},
                {"filter": {"term": {"online_level": 3}}, "weight": PARTLY_ONLINE_WEIGHT},
                {
                    "filter": {"term": {"kind": NEWS}},
                    "gauss": {
                        "published_on": {
                            "origin": "now",
                            "offset": "30d",
                            "scale": "180d",
                            "decay": 0.5,
                        }
                    },
                    "weight": RECENT_NEWS_WEIGHT,
                },
            ],
            # Bonuses add to the text score: a log1p of popularity 0 multiplied would be 0.
            "score_mode": "sum",
            "boost_mode": "sum",
        }
    }


def build_query(query: Query, synonym_groups) -> dict:
    """The whole search request body for `query` (whose text is not empty), as a pure function.

    The visitor's facet filters go in post_filter, not in the query: each facet then counts its
    values under every other filter but its own, as the database engine does, so that choosing
    "2024" still shows how many results the other years have.
    """
    text = normalise(query.text)
    facet_filters = _facet_filters(query)
    aggregations = {}
    for name, (field_name, size) in FACETS.items():
        attribute = FACET_ATTRIBUTES[name]
        others = [term for key, term in facet_filters.items() if key != attribute]
        aggregations[name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": field_name, "size": size}}},
        }
    pre_tag, post_tag = HIGHLIGHT_TAGS
    return {
        "query": _ranked(
            {
                "bool": {
                    "should": _text_clauses(text, synonym_groups),
                    # A filter clause would otherwise make every should clause optional.
                    "minimum_should_match": 1,
                    "filter": [_language_filter(query.locale)],
                }
            }
        ),
        "post_filter": {"bool": {"filter": list(facet_filters.values())}},
        "aggs": aggregations,
        "highlight": {
            "encoder": "html",
            "pre_tags": [pre_tag],
            "post_tags": [post_tag],
            # Mark the words wherever they matched (title.folded, synonyms), not only in the field.
            "require_field_match": False,
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {
                    "fragment_size": SNIPPET_LENGTH,
                    "number_of_fragments": 1,
                    "no_match_size": SNIPPET_LENGTH,
                },
            },
        },
        "_source": SOURCE_FIELDS,
        "from": (max(query.page, 1) - 1) * query.per_page,
        "size": query.per_page,
    }


def build_suggest_query(text, *, locale="vi", limit=8) -> dict:
    """Search-as-you-type: titles holding words that start as typed, or a code's beginning."""
    text = normalise(text)
    return {
        "query": _ranked(
            {
                "bool": {
                    "should": [
                        {"prefix": {"code": {"value": text, "boost": CODE_BOOST}}},
                        {"prefix": {"title.exact": {"value": text, "boost": PHRASE_BOOST}}},
                        {"match": {"title.autocomplete": {"query": text, "operator": "and"}}},
                    ],
                    "minimum_should_match": 1,
                    "filter": [_language_filter(locale)],
                }
            }
        ),
        "_source": SOURCE_FIELDS,
        "size": limit,
    }


def _hit_from(raw):
    source = raw["_source"]
    # Highlights come escaped from Elasticsearch (encoder "html"); a plain body is escaped here.
    snippet = " … ".join(raw.get("highlight", {}).get("body", []))
    if not snippet and source.get("body"):
        snippet = escape(source["body"][:SNIPPET_LENGTH])
    published_on = source.get("published_on")
    return Hit(
        key=source["key"],
        kind=source["kind"],
        title=source["title"],
        url=source["url"],
        snippet=snippet,
        code=source.get("code") or "",
        published_on=date.fromisoformat(published_on) if published_on else None,
        score=raw.get("_score") or 0.0,
    )


def results_from(response, query: Query) -> Results:
    """Results from a search response: the dict Elasticsearch returns for build_query's body."""
    hits = response["hits"]
    total = hits["total"]["value"] if isinstance(hits["total"], dict) else hits["total"]
    aggregations = response.get("aggregations", {})
    facets = {}
    for name in FACETS:
        buckets = aggregations.get(name, {}).get("values", {}).get("buckets", [])
        facets[name] = facet_values(name, [(b["key"], b["doc_count"]) for b in buckets])
    return Results(
        query=query,
        hits=[_hit_from(raw) for raw in hits["hits"]],
        total=total,
        facets=facets,
        engine=ElasticsearchEngine.name,
    )


@functools.cache
def _client_for(url):
    # No retries: there is one cluster, and the database engine waits behind this one.
    return Elasticsearch(url, request_timeout=SEARCH_TIMEOUT_SECONDS, max_retries=0)


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None = None):
        self.client = client or _client_for(settings.ELASTICSEARCH_URL)

    @property
    def alias(self):
        return alias_name()

    def search(self, query: Query) -> Results:
        groups = Synonym.objects.groups()
        if not normalise(query.text):
            return Results(query=query, engine=self.name)
        results = self._search(query, groups)
        if not results.total:
            # "Did you mean": the same vocabulary of title words as the database engine.
            corrected = Analysis(query.text, groups).corrected()
            if corrected:
                results = self._search(replace(query, text=corrected), groups)
                results.query = query
                results.suggestion = corrected
        return results

    def suggest(self, text, *, locale="vi", limit=8) -> list[Hit]:
        if not normalise(text):
            return []
        body = build_suggest_query(text, locale=locale, limit=limit)
        response = self.client.search(index=self.alias, body=body)
        return [replace(_hit_from(raw), snippet="") for raw in response.body["hits"]["hits"]]

    def index(self, documents: Iterable[Document]):
        """Add or replace documents in the live index. With require_alias, writing before any
        rebuild fails instead of creating an unmapped index under the alias's name."""
        actions = (
            {"_index": self.alias, "_id": document.key, "_source": source_of(document)}
            for document in documents
        )
        for _result in streaming_bulk(self.client, actions, require_alias=True):
            pass

    def remove(self, keys):
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys)
        # A key that was never indexed is already removed.
        for _result in streaming_bulk(
            self.client, actions, require_alias=True, ignore_status=(404,)
        ):
            pass

    def rebuild(self, documents: Iterable[Document], progress=None):
        """Index every document into a new index, point the alias at it in one atomic step, then
        drop the older indices. `progress(done, total)` is called after each batch."""
        client = self.client.options(request_timeout=REBUILD_TIMEOUT_SECONDS)
        documents = list(documents)
        name = new_index_name()
        definition = index_definition(name, Synonym.objects.groups()).to_dict()
        client.indices.create(index=name, **definition)
        try:
            self._fill(client, name, documents, progress)
            client.indices.refresh(index=name)
        except (ApiError, TransportError, BulkIndexError):
            # The alias still points at the previous index; only the half-built one goes.
            client.indices.delete(index=name)
            raise
        client.indices.update_aliases(
            actions=[
                *({"remove": {"index": old, "alias": self.alias}} for old in self._live(client)),
                {"add": {"index": name, "alias": self.alias}},
            ]
        )
        older = [index for index in client.indices.get(index=f"{self.alias}-*") if index != name]
        if older:
            client.indices.delete(index=",".join(sorted(older)))

    def healthy(self) -> bool:
        """Whether the cluster answers and the alias exists; never raises."""
        try:
            client = self.client.options(request_timeout=HEALTH_TIMEOUT_SECONDS)
            return bool(client.indices.exists_alias(name=self.alias))
        except (ApiError, TransportError):
            return False

    def _search(self, query, groups):
        response = self.client.search(index=self.alias, body=build_query(query, groups))
        return results_from(response.body, query)

    def _fill(self, client, name, documents, progress):
        total = len(documents)
        if progress and not total:
            progress(0, 0)
        actions = (
            {"_index": name, "_id": document.key, "_source": source_of(document)}
            for document in documents
        )
        done = 0
        for _result in streaming_bulk(client, actions, chunk_size=BULK_CHUNK_SIZE):
            done += 1
            if progress and (done % BULK_CHUNK_SIZE == 0 or done == total):
                progress(done, total)

    def _live(self, client):
        """The indices the alias points at now (none before the first rebuild)."""
        try:
            return sorted(client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []
