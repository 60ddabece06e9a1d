"""What is searchable, as `Document`s: procedures, legal documents, published answers to questions
and every live, public Wagtail page. Anything else (drafts, unpublished or private pages,
unanswered or unpublished questions) never becomes a Document.

Each item has a key ("procedure:12", "page:34"): the index tasks take keys, load the item again and
either index it or, when it is gone or no longer public, remove it.
"""

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from . import types

BODY_MAX = 20_000

PROCEDURE_KEY = "procedure"
LEGAL_DOCUMENT_KEY = "legal_document"
QUESTION_KEY = "question"
PAGE_KEY = "page"
ONLINE_LEVELS = {"3": 3, "4": 4}


def key_for(obj):
    from cms.feedback.models import Question
    from cms.models import LegalDocument
    from services.procedures.models import Procedure

    if isinstance(obj, Procedure):
        return f"{PROCEDURE_KEY}:{obj.pk}"
    if isinstance(obj, LegalDocument):
        return f"{LEGAL_DOCUMENT_KEY}:{obj.pk}"
    if isinstance(obj, Question):
        return f"{QUESTION_KEY}:{obj.pk}"
    if isinstance(obj, Page):
        return f"{PAGE_KEY}:{obj.pk}"
    raise TypeError(f"{type(obj).__name__} is not searchable")


def object_for_key(key):
    """The item a key names, or None when it no longer exists."""
    from cms.feedback.models import Question
    from cms.models import LegalDocument
    from services.procedures.models import Procedure

    prefix, _, pk = key.partition(":")
    models = {
        PROCEDURE_KEY: Procedure,
        LEGAL_DOCUMENT_KEY: LegalDocument,
        QUESTION_KEY: Question,
        PAGE_KEY: Page,
    }
    if prefix not in models or not pk.isdigit():
        return None
    obj = models[prefix].objects.filter(pk=int(pk)).first()
    return obj.specific if isinstance(obj, Page) else obj


def documents_for_keys(keys):
    """(documents to index, keys to remove) for these keys."""
    documents, gone = [], []
    for key in dict.fromkeys(keys):
        obj = object_for_key(key)
        document = document_for(obj) if obj is not None else None
        if document is None:
            gone.append(key)
        else:
            documents.append(document)
    return documents, gone


def document_for(obj):
    """The Document of a searchable item, or None when the public must not find it."""
    from cms.feedback.models import Question
    from cms.models import LegalDocument
    from services.procedures.models import Procedure

    if isinstance(obj, Procedure):
        return procedure_document(obj)
    if isinstance(obj, LegalDocument):
        return legal_document_document(obj, library_url())
    if isinstance(obj, Question):
        return question_document(obj, question_pages())
    if isinstance(obj, Page):
        return page_document(obj.specific)
    return None


def iter_documents():
    """Every searchable item's Document."""
    from cms.feedback.models import Question
    from cms.models import LegalDocument
    from services.procedures.models import Procedure

    procedures = Procedure.objects.select_related("agency").prefetch_related("steps")
    for procedure in procedures.order_by("pk").iterator(chunk_size=500):
        yield procedure_document(procedure)
    library = library_url()
    for legal_document in LegalDocument.objects.order_by("pk").iterator(chunk_size=500):
        if document := legal_document_document(legal_document, library):
            yield document
    pages = question_pages()
    for question in Question.objects.published().order_by("pk"):
        if document := question_document(question, pages):
            yield document
    restricted, locales = private_page_ids(), locale_codes()
    for page in Page.objects.live().exclude(depth=1).specific().order_by("path").iterator():
        if page.pk in restricted:
            continue
        if document := page_document(page, check_privacy=False, locales=locales):
            yield document


def capped(*parts):
    return "\n".join(part for part in (" ".join(str(p).split()) for p in parts) if part)[:BODY_MAX]


def procedure_document(procedure):
    steps = [f"{step.title} {step.description}" for step in procedure.steps.all()]
    return types.Document(
        key=key_for(procedure),
        kind=types.PROCEDURE,
        title=procedure.name,
        url=procedure.get_absolute_url(),
        code=procedure.code,
        body=capped(procedure.description, *steps, procedure.requirements),
        field_id=procedure.field_id,
        agency_code=procedure.agency.code if procedure.agency_id else "",
        online_level=ONLINE_LEVELS.get(procedure.online_level, 0),
        popularity=procedure.popularity,
    )


def library_url():
    """The address of the legal-document library in Vietnamese, or "" when there is none live."""
    from cms.models import LegalDocumentIndexPage

    library = (
        LegalDocumentIndexPage.objects.live()
        .public()
        .filter(locale__language_code="vi")
        .order_by("path")
        .first()
    )
    return (library.get_url() or "") if library else ""


def legal_document_document(legal_document, library):
    if not library:
        return None
    return types.Document(
        key=key_for(legal_document),
        kind=types.LEGAL_DOCUMENT,
        title=legal_document.summary,
        url=f"{library}{legal_document.pk}/",
        code=legal_document.number_symbol,
        body=capped(legal_document.form, legal_document.authority),
        published_on=legal_document.issued_on,
    )


def question_pages():
    """Language code → the live questions-and-answers page that shows published answers."""
    from cms.feedback.models import QuestionPage

    pages = {}
    for page in QuestionPage.objects.live().public().select_related("locale").order_by("path"):
        pages.setdefault(page.locale.language_code, page)
    return pages


def question_document(question, pages):
    page = pages.get(question.language) or pages.get("vi") or next(iter(pages.values()), None)
    if not question.is_public or page is None or not page.get_url():
        return None
    answered_on = question.answered_at or question.submitted_at
    return types.Document(
        key=key_for(question),
        kind=types.QUESTION,
        title=question.title,
        url=page.get_url() + page.reverse_subpage("answer", args=[question.tracking_code]),
        locale=page.locale.language_code,
        body=capped(question.text, strip_tags(question.answer or "")),
        published_on=timezone.localdate(answered_on) if answered_on else None,
    )


def private_page_ids():
    """Ids of the pages behind a view restriction (their own or an ancestor's)."""
    from wagtail.models import PageViewRestriction

    restricted = set()
    for restriction in PageViewRestriction.objects.select_related("page"):
        restricted.update(
            Page.objects.descendant_of(restriction.page, inclusive=True).values_list(
                "pk", flat=True
            )
        )
    return restricted


def page_text(page):
    """The page's searchable text (its search_fields but the title), as plain text."""
    parts = []
    for field in page.search_fields:
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        value = field.get_value(page)
        values = value if isinstance(value, list | tuple) else [value]
        parts += [strip_tags(str(v)) for v in values if v]
    return capped(*parts)


def locale_codes():
    """Locale id → language code, for indexing many pages without a query per page."""
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


def page_document(page, check_privacy=True, locales=None):
    from cms.models import NewsPage

    if not page.live or page.depth <= 1:
        return None
    if check_privacy and page.get_view_restrictions().exists():
        return None
    url = page.get_url()
    if not url:
        return None
    if isinstance(page, NewsPage):
        kind, published_on = types.NEWS, timezone.localdate(page.published_on)
    else:
        kind = types.PAGE
        published_on = (
            timezone.localdate(page.first_published_at) if page.first_published_at else None
        )
    return types.Document(
        key=key_for(page),
        kind=kind,
        title=page.title,
        url=url,
        locale=locales[page.locale_id] if locales else page.locale.language_code,
        body=page_text(page),
        published_on=published_on,
    )
