"""The database search engine: the `SearchEntry` table, searched and ranked the same way on SQLite
and PostgreSQL.

Candidates are the entries where every query word (folded, synonyms OR-ed in) starts a word of
the title, the code or the body; when there are none, misspelt words are corrected towards the
vocabulary of the titles (one edit away) and the corrected query becomes the "did you mean".
The best few hundred candidates by a cheap SQL score are then ranked in Python.
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from itertools import islice, product

from django.db import DatabaseError, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from . import types
from .models import SearchEntry, SearchTerm, Synonym, word_prefix
from .text import fold, normalise, tokens

CANDIDATES = 300  # ranked in Python
MAX_IDS_TO_RANK = 5000
# Many procedure names start with "Thủ tục" (procedure): it says nothing about the subject.
GENERIC_PREFIX = "thu tuc "
BATCH = 500
SNIPPET_LENGTH = 240
FACETS = {
    "kind": "kind",
    "field": "field_id",
    "agency": "agency_code",
    "year": "year",
    "online_level": "online_level",
}
KIND_LABELS = {
    types.PROCEDURE: _("Procedures"),
    types.LEGAL_DOCUMENT: _("Legal documents"),
    types.NEWS: _("News"),
    types.QUESTION: _("Questions and answers"),
    types.PAGE: _("Pages"),
}
ONLINE_LEVEL_LABELS = {
    0: _("Not online"),
    3: _("Partly online"),
    4: _("Fully online"),
}


def facet_values(name, counts):
    """FacetValues with their labels for (value, count) pairs of the facet `name`, most first."""
    values = [(value, count) for value, count in counts if value not in (None, "")]
    labels = {}
    if name == "kind":
        labels = KIND_LABELS
    elif name == "online_level":
        labels = ONLINE_LEVEL_LABELS
    elif name == "field":
        from services.procedures.models import Field

        labels = dict(Field.objects.filter(pk__in=[v for v, _ in values]).values_list("pk", "name"))
    elif name == "agency":
        from portal.accounts.models import Agency

        labels = dict(
            Agency.objects.filter(code__in=[v for v, _ in values]).values_list("code", "name")
        )
    facet = [
        types.FacetValue(value=str(value), label=str(labels.get(value, value)), count=count)
        for value, count in values
    ]
    return sorted(facet, key=lambda item: (-item.count, item.label))


def passes(row, filters):
    """The facet row (a dict of FACETS columns) meets every set filter ("" and None are unset)."""
    return all(value in ("", None) or row[column] == value for column, value in filters.items())


# Query analysis -------------------------------------------------------------------------------


def synonym_clauses(words, groups):
    """Clauses (lists of alternative folded phrases) for the query words: a run of words equal to a
    synonym phrase becomes one clause holding the whole group, longest phrases first."""
    phrases = sorted(
        ((tokens(phrase), group) for group in groups for phrase in group),
        key=lambda item: -len(item[0]),
    )
    clauses, position = [], 0
    while position < len(words):
        for phrase_words, group in phrases:
            if words[position : position + len(phrase_words)] == phrase_words:
                clauses.append(list(group))
                position += len(phrase_words)
                break
        else:
            clauses.append([words[position]])
            position += 1
    return clauses


def whole_words(text):
    return f" {text} "


def contains_phrase(folded, phrase):
    """`phrase` appears in `folded` as whole words."""
    return whole_words(phrase) in whole_words(folded)


def starts_words(folded, phrase):
    """`phrase` starts a word of `folded` (the candidate filter's rule)."""
    return folded.startswith(phrase) or f" {phrase}" in folded


class Analysis:
    """A query's words and clauses, possibly corrected."""

    def __init__(self, text, groups):
        self.folded = fold(text)
        self.normalised = normalise(text)
        self.words = tokens(self.folded)
        # The words the visitor typed with their diacritics, when they typed any.
        self.accented = [
            word
            for word in tokens(self.normalised)
            if fold(word) != word and len(word) > 1 and fold(word) in self.words
        ]
        self.clauses = synonym_clauses(self.words, groups)

    @property
    def phrases(self):
        """The whole query and its synonym variants, at most 20."""
        return [" ".join(variant) for variant in islice(product(*self.clauses), 20)]

    @property
    def marked_words(self):
        """Every folded word worth highlighting."""
        return {word for clause in self.clauses for phrase in clause for word in tokens(phrase)}

    def corrected(self, vocabulary=SearchTerm.objects):
        """The query with each unknown word replaced by the closest known one, or None."""
        known = set(vocabulary.filter(word__in=self.words).values_list("word", flat=True))
        words, changed = [], False
        for word in self.words:
            replacement = ""
            if word not in known and len(word) > 2 and word.isalpha():
                context = [other for other in self.words if other != word and other in known]
                replacement = vocabulary.closest(word, context)
            words.append(replacement or word)
            changed = changed or bool(replacement)
        return " ".join(words) if changed else None


# Ranking ---------------------------------------------------------------------------------------


def cheap_score(analysis):
    """An SQL score to pick the candidates worth ranking: code, then title, matches."""
    whens = [When(code_fold=analysis.folded, then=Value(1000))]
    whens += [When(title_fold=phrase, then=Value(500)) for phrase in analysis.phrases]
    title_all = Q()
    for clause in analysis.clauses:
        either = Q()
        for phrase in clause:
            either |= word_prefix("title_fold", phrase)
        title_all &= either
    whens.append(When(title_all, then=Value(100)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def score(entry, analysis, today):
    title = entry["title_fold"]
    points = 0.0
    if analysis.folded and entry["code_fold"] == analysis.folded:
        points += 1000
    elif (
        analysis.folded
        and entry["code_fold"].startswith(analysis.folded)
        and len(analysis.words) == 1
    ):
        points += 200
    phrases = analysis.phrases
    if title in phrases:
        points += 300
    elif any(contains_phrase(title, phrase) for phrase in phrases):
        points += 150
    clauses = analysis.clauses
    whole = sum(any(contains_phrase(title, p) for p in clause) for clause in clauses)
    prefix = sum(any(starts_words(title, p) for p in clause) for clause in clauses)
    if clauses:
        points += 100 * whole / len(clauses) + 20 * prefix / len(clauses)
        if whole == len(clauses):
            points += 60
        # The more of the title the query covers, the more specific the match.
        title_words = tokens(title.removeprefix(GENERIC_PREFIX))
        covered = max(
            (len(tokens(phrase)) for phrase in phrases if contains_phrase(title, phrase)),
            default=0,
        )
        points += 60 * min(covered / max(len(title_words), 1), 1)
    if analysis.accented:
        title_words = set(tokens(entry["title_norm"]))
        points += (
            80 * sum(word in title_words for word in analysis.accented) / len(analysis.accented)
        )
    if entry["kind"] == types.PROCEDURE:
        points += 4 * math.log10(1 + entry["popularity"])
        points += {4: 4, 3: 2}.get(entry["online_level"], 0)
    elif entry["kind"] == types.NEWS and entry["published_on"]:
        age = (today - entry["published_on"]).days
        points += 20 * max(0.0, 1 - max(age, 0) / 365)
    return points


# Snippets --------------------------------------------------------------------------------------


def fold_char(char):
    folded = "".join(
        c
        for c in unicodedata.normalize("NFD", char.lower().replace("đ", "d"))
        if not unicodedata.combining(c)
    )
    return folded if len(folded) == 1 else char.lower()


def snippet(text, words, length=SNIPPET_LENGTH):
    """Escaped text around the first matched word, the matched words in <mark>."""
    text = " ".join(text.split())
    if not text:
        return ""
    folded = "".join(fold_char(c) for c in text)
    pattern = (
        re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            + r")(?!\w)"
        )
        if words
        else None
    )
    first = pattern.search(folded) if pattern else None
    start = 0
    if first and first.start() > length // 4:
        start = text.rfind(" ", 0, first.start() - length // 4) + 1
    end = len(text) if len(text) - start <= length else text.rfind(" ", start, start + length)
    if end <= start:
        end = min(len(text), start + length)
    html, position = [], start
    for match in pattern.finditer(folded, start, end) if pattern else ():
        html += [
            escape(text[position : match.start()]),
            "<mark>",
            escape(text[match.start() : match.end()]),
            "</mark>",
        ]
        position = match.end()
    html.append(escape(text[position:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(html) + suffix


# The engine ------------------------------------------------------------------------------------


RANKED_FIELDS = (
    "key",
    "kind",
    "title",
    "title_norm",
    "title_fold",
    "code",
    "code_fold",
    "url",
    "excerpt",
    "popularity",
    "online_level",
    "published_on",
)


class DatabaseEngine:
    name = "database"

    def search(self, query: types.Query) -> types.Results:
        results = types.Results(query=query, engine=self.name)
        analysis = Analysis(query.text, Synonym.objects.groups())
        if not analysis.words:
            return results
        entries = SearchEntry.objects.for_locale(query.locale)
        matches = entries.matching(analysis.clauses)
        # One read of the matches' facet columns gives the total and every facet: the matching is
        # the costly part of a search, so it is not repeated per facet.
        facet_rows = matches.facet_rows()
        if not facet_rows:
            corrected = analysis.corrected()
            if corrected is None:
                return results
            results.suggestion = corrected
            analysis = Analysis(corrected, Synonym.objects.groups())
            matches = entries.matching(analysis.clauses)
            facet_rows = matches.facet_rows()
        filters = {
            "kind": query.kind,
            "field_id": query.field_id,
            "agency_code": query.agency_code,
            "year": query.year,
            "online_level": query.online_level,
        }
        chosen_ids = [row["pk"] for row in facet_rows if passes(row, filters)]
        results.total = len(chosen_ids)
        # The candidates are ranked from the ids already found, unless there are so many that the
        # list would cost more than matching again.
        if len(chosen_ids) <= MAX_IDS_TO_RANK:
            chosen = SearchEntry.objects.filter(pk__in=chosen_ids)
        else:
            chosen = matches.filtered(**filters)
        results.facets = self.facets(facet_rows, filters)
        page = max(query.page, 1)
        wanted = page * query.per_page
        candidates = (
            chosen.annotate(cheap=cheap_score(analysis))
            .order_by("-cheap", "-popularity", "key")
            .values(*RANKED_FIELDS)[: max(CANDIDATES, wanted)]
        )
        today = timezone.localdate()
        ranked = sorted(
            ((score(entry, analysis, today), entry) for entry in candidates),
            key=lambda item: (-item[0], item[1]["key"]),
        )
        words = analysis.marked_words
        results.hits = [
            types.Hit(
                key=entry["key"],
                kind=entry["kind"],
                title=entry["title"],
                url=entry["url"],
                snippet=snippet(entry["excerpt"], words),
                code=entry["code"],
                published_on=entry["published_on"],
                score=round(points, 3),
            )
            for points, entry in ranked[wanted - query.per_page : wanted]
        ]
        return results

    def facets(self, facet_rows, filters):
        """Counts per facet over the matches, each under every filter but its own."""
        facets = {}
        for name, column in FACETS.items():
            others = {key: value for key, value in filters.items() if key != column}
            counts = Counter(row[column] for row in facet_rows if passes(row, others))
            facets[name] = facet_values(name, counts.items())
        return facets

    def suggest(self, text, *, locale="vi", limit=8) -> list[types.Hit]:
        """Titles for search-as-you-type: every word typed, the last one as a prefix."""
        words = tokens(fold(text))
        if not words:
            return []
        condition = Q()
        for word in words:
            condition &= word_prefix("title_fold", word) | word_prefix("code_fold", word)
        folded = " ".join(words)
        entries = (
            SearchEntry.objects.for_locale(locale)
            .filter(condition)
            .annotate(
                starts=Case(
                    When(
                        Q(title_fold__startswith=folded) | Q(code_fold__startswith=folded), then=1
                    ),
                    default=0,
                    output_field=IntegerField(),
                )
            )
            .order_by("-starts", "-popularity", "title_fold")
            .values("key", "kind", "title", "url", "code", "published_on")[:limit]
        )
        return [types.Hit(snippet="", **entry) for entry in entries]

    @transaction.atomic
    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        keys = [document.key for document in documents]
        SearchEntry.objects.filter(key__in=keys).delete()
        SearchEntry.objects.bulk_create(
            [SearchEntry.from_document(document) for document in documents], batch_size=BATCH
        )
        SearchTerm.objects.count_titles(document.title for document in documents)

    def remove(self, keys):
        SearchEntry.objects.filter(key__in=list(keys)).delete()

    @transaction.atomic
    def rebuild(self, documents, progress: Callable[[int, int], None] | None = None):
        documents = list(documents)
        total = len(documents)
        SearchEntry.objects.all().delete()
        for start in range(0, total, BATCH):
            batch = documents[start : start + BATCH]
            SearchEntry.objects.bulk_create([SearchEntry.from_document(d) for d in batch])
            if progress:
                progress(start + len(batch), total)
        SearchTerm.objects.rebuild_from(document.title for document in documents)
        if progress and not total:
            progress(0, 0)

    def healthy(self) -> bool:
        try:
            SearchEntry.objects.exists()
        except DatabaseError:
            return False
        return True
