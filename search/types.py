"""The shapes every search engine shares, so that views, templates and the API never know which
engine answered (the database engine by default, Elasticsearch when ELASTICSEARCH_URL is set).

A `Document` is one searchable item as it is indexed; a `Query` is what the visitor asked; a
`Results` is one page of `Hit`s in rank order with the facet counts of the whole result set.
"""

from dataclasses import dataclass, field
from datetime import date

# Kinds of searchable items (Document.kind, the "type" facet and the API's `type`).
PROCEDURE = "procedure"
LEGAL_DOCUMENT = "legal_document"
NEWS = "news"
QUESTION = "question"
PAGE = "page"
KINDS = (PROCEDURE, LEGAL_DOCUMENT, NEWS, QUESTION, PAGE)


@dataclass(frozen=True)
class Document:
    """One indexed item. `key` is unique across kinds ("procedure:12", "page:34", ...)."""

    key: str
    kind: str
    title: str
    url: str
    locale: str = "vi"  # the page's language; procedures and legal documents are "vi"
    code: str = ""  # procedure code (1.004194) or legal document number (66.9/2025/NQ-CP)
    body: str = ""  # plain text, no markup
    field_id: int | None = None  # procedures: their field (lĩnh vực)
    agency_code: str = ""  # procedures: the agency that handles them
    online_level: int | None = None  # procedures: 0 (none), 3 (partial online), 4 (full online)
    popularity: int = 0  # procedures: the national popularity figure
    published_on: date | None = None  # news, legal documents: the date that gives the year


@dataclass(frozen=True)
class Query:
    text: str
    kind: str = ""  # one of KINDS, or every kind
    field_id: int | None = None
    agency_code: str = ""
    year: int | None = None
    online_level: int | None = None
    locale: str = "vi"
    page: int = 1
    per_page: int = 10


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with the matched words in <mark>
    code: str = ""
    published_on: date | None = None
    score: float = 0.0


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class Results:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    # name ("kind", "field", "agency", "year", "online_level") -> values with their counts
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""  # "did you mean": the query with misspelt words corrected, or ""
    engine: str = "database"  # "database" or "elasticsearch"
