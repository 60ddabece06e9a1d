"""The database engine's index (one `SearchEntry` per searchable item, the same rows on SQLite and
PostgreSQL), its vocabulary for typo correction, the editors' synonyms and the query log."""

import re
from collections import Counter

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from .text import fold, normalise, tokens

TITLE_MAX = 1000
BODY_MAX = 20_000  # characters of folded body kept for matching
EXCERPT_MAX = 3_000  # characters of accented body kept for snippets


def word_prefix(field, word):
    """`word` starts a word of `field` (folded text: words are separated by single spaces)."""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


class SearchEntryQuerySet(models.QuerySet):
    def matching(self, clauses):
        """Entries matching every clause; a clause is a list of alternative phrases (folded), one
        of which must start a word of the title, the code or the body."""
        condition = Q()
        for alternatives in clauses:
            either = Q()
            for phrase in alternatives:
                for field in ("title_fold", "code_fold", "body_fold"):
                    either |= word_prefix(field, phrase)
            condition &= either
        return self.filter(condition)

    def facet_rows(self):
        """The id and facet columns of these entries, as dicts (search.database.FACETS)."""
        return list(self.values("pk", "kind", "field_id", "agency_code", "year", "online_level"))

    def for_locale(self, locale):
        """Pages in the visitor's language; procedures and legal documents exist in one language."""
        return self.filter(Q(locale=locale) | Q(kind__in=SearchEntry.LANGUAGE_NEUTRAL_KINDS))

    def filtered(self, *, kind="", field_id=None, agency_code="", year=None, online_level=None):
        entries = self
        if kind:
            entries = entries.filter(kind=kind)
        if field_id is not None:
            entries = entries.filter(field_id=field_id)
        if agency_code:
            entries = entries.filter(agency_code=agency_code)
        if year is not None:
            entries = entries.filter(year=year)
        if online_level is not None:
            entries = entries.filter(online_level=online_level)
        return entries


class SearchEntry(models.Model):
    """One indexed item, as the database engine searches it."""

    LANGUAGE_NEUTRAL_KINDS = ("procedure", "legal_document")

    key = models.CharField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, db_index=True)
    locale = models.CharField(_("language"), max_length=10, default="vi")
    title = models.TextField(_("title"))
    title_norm = models.TextField(editable=False, default="")
    title_fold = models.TextField(editable=False, default="")
    code = models.CharField(_("code"), max_length=100, blank=True)
    code_fold = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    body_fold = models.TextField(editable=False, default="")
    excerpt = models.TextField(_("excerpt"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    field_id = models.IntegerField(_("field"), null=True, blank=True, db_index=True)
    agency_code = models.CharField(_("agency code"), max_length=40, blank=True, db_index=True)
    online_level = models.PositiveSmallIntegerField(
        _("online service level"), null=True, blank=True, db_index=True
    )
    popularity = models.PositiveBigIntegerField(_("popularity"), default=0)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        indexes = [models.Index(fields=["locale", "kind"], name="search_entry_locale_kind")]

    def __str__(self):
        return self.key

    @classmethod
    def from_document(cls, document):
        body = " ".join(document.body.split())
        return cls(
            key=document.key,
            kind=document.kind,
            locale=document.locale,
            title=document.title[:TITLE_MAX],
            title_norm=normalise(document.title)[:TITLE_MAX],
            title_fold=fold(document.title)[:TITLE_MAX],
            code=document.code[:100],
            code_fold=fold(document.code)[:100],
            body_fold=fold(body[:BODY_MAX]),
            excerpt=body[:EXCERPT_MAX],
            url=document.url[:500],
            field_id=document.field_id,
            agency_code=document.agency_code[:40],
            online_level=document.online_level,
            popularity=document.popularity,
            published_on=document.published_on,
            year=document.published_on.year if document.published_on else None,
        )


class SearchTermQuerySet(models.QuerySet):
    def count_titles(self, titles):
        """Add the words of these titles to the vocabulary."""
        counts = Counter(word for title in titles for word in vocabulary_words(title))
        if not counts:
            return
        known = dict(self.filter(word__in=counts).values_list("word", "frequency"))
        self.bulk_create(
            [SearchTerm(word=w, frequency=n) for w, n in counts.items() if w not in known],
            batch_size=500,
        )
        for word, count in counts.items():
            if word in known:
                self.filter(word=word).update(frequency=known[word] + count)

    def rebuild_from(self, titles):
        self.all().delete()
        counts = Counter(word for title in titles for word in vocabulary_words(title))
        self.bulk_create(
            [SearchTerm(word=w, frequency=n) for w, n in counts.items()], batch_size=500
        )

    def closest(self, word, context=(), limit=10):
        """The vocabulary word one edit away from `word` that most titles hold together with the
        other query words (`context`), then the most frequent; "" when there is none."""
        candidates = list(
            self.filter(word__in=edits1(word))
            .order_by("-frequency", "word")
            .values_list("word", flat=True)[:limit]
        )
        if len(candidates) < 2:
            return candidates[0] if candidates else ""

        def titles_holding(candidate):
            condition = Q()
            for other in [*context, candidate]:
                condition &= word_prefix("title_fold", other)
            return SearchEntry.objects.filter(condition).count()

        return max(
            candidates,
            key=lambda candidate: (titles_holding(candidate), -candidates.index(candidate)),
        )


class SearchTerm(models.Model):
    """A folded word of the indexed titles, for "did you mean" (typo correction)."""

    word = models.CharField(_("word"), max_length=60, unique=True)
    frequency = models.PositiveIntegerField(_("frequency"), default=0)

    objects = SearchTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.word


ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
WORD = re.compile(r"^[a-z][a-z0-9]*$")


def vocabulary_words(title):
    """Folded words of a title worth correcting towards: letters, 2 to 60 characters."""
    return [word for word in tokens(fold(title)) if 2 <= len(word) <= 60 and WORD.match(word)]


def edits1(word):
    """Every string one deletion, transposition, replacement or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in ALPHABET]
    inserts = [a + c + b for a, b in splits for c in ALPHABET]
    return set(deletes + transposes + replaces + inserts) - {word}


def split_phrases(text):
    """Phrases of a synonym group: one per line or separated by commas."""
    return [" ".join(part.split()) for part in re.split(r"[\n,;]+", text) if part.strip()]


class SynonymQuerySet(models.QuerySet):
    def groups(self):
        """Each group as a list of distinct folded phrases (groups of one phrase are ignored)."""
        groups = []
        for phrases in self.values_list("phrases", flat=True):
            folded = list(dict.fromkeys(fold(p) for p in split_phrases(phrases) if fold(p)))
            if len(folded) > 1:
                groups.append(folded)
        return groups


@register_snippet
class Synonym(models.Model):
    """Phrases people use for the same thing ("CCCD", "căn cước công dân"): searching one also
    finds the others."""

    phrases = models.TextField(
        _("equivalent phrases"),
        help_text=_("One phrase per line (or separated by commas), e.g. CCCD, căn cước công dân."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = SynonymQuerySet.as_manager()

    panels = [FieldPanel("phrases"), FieldPanel("note")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["phrases"]

    def __str__(self):
        return " ↔ ".join(split_phrases(self.phrases))


class QueryLog(models.Model):
    """One search as asked, without anything about who asked it (no user, no address)."""

    text = models.CharField(_("query"), max_length=200)
    kind = models.CharField(_("kind filter"), max_length=20, blank=True)
    result_count = models.PositiveIntegerField(_("results"), default=0)
    engine = models.CharField(_("engine"), max_length=20, default="database")
    clicked_position = models.PositiveIntegerField(_("clicked position"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        ordering = ["-created_at"]

    def __str__(self):
        return self.text
