import json
from datetime import datetime
from pathlib import Path

from django.core.paginator import Paginator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.text import fold, nfc

from .blocks import BodyBlock
from .legal_documents import parse_symbol

LEGAL_DOCUMENTS_FILE = (
    Path(__file__).resolve().parent / "fixtures" / "legal-documents" / "government-documents.json"
)


class BasePage(Page):
    """Fields every public page carries: a summary for listings, search and metadata."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in lists and search results."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [*Page.content_panels, FieldPanel("summary")]

    class Meta:
        abstract = True


class HomePage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    # One home page per language, all directly under the root.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-published_on")[:4]
        )
        return context


class StandardPage(BasePage):
    """Introduction, organisation, functions and any other page of text and tables."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(RoutablePageMixin, BasePage):
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return NewsPage.objects.live().public().child_of(self).order_by("-published_on")

    @path("")
    def listing(self, request):
        page = Paginator(self.news(), 10).get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"news": page})

    @path("rss/")
    def rss(self, request):
        from .feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPage(BasePage):
    """A news article. Author and source are mandatory information (ND 43 Art. 10b)."""

    published_on = models.DateTimeField(_("published on"), default=timezone.now)
    author = models.CharField(_("author"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("published_on"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("author"), FieldPanel("source")],
            heading=_("Publication"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the portal: shown in the header and footer (TT 32/2017 Art. 16)."""

    agency_name = models.CharField(_("agency name"), max_length=200)
    agency_name_en = models.CharField(_("agency name (English)"), max_length=200, blank=True)
    portal_name = models.CharField(_("portal name"), max_length=200)
    portal_name_en = models.CharField(_("portal name (English)"), max_length=200, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    responsible_unit_en = models.CharField(
        _("responsible unit (English)"), max_length=200, blank=True
    )
    responsible_person = models.CharField(_("person responsible"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=300,
        blank=True,
        help_text=_("Licence number for the portal, if any."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("agency_name"),
                FieldPanel("agency_name_en"),
                FieldPanel("portal_name"),
                FieldPanel("portal_name_en"),
            ],
            heading=_("Names"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_unit"),
                FieldPanel("responsible_unit_en"),
                FieldPanel("responsible_person"),
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("licence"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")

    def localized(self, field, language_code):
        """The English variant of a field when it exists, else the Vietnamese one."""
        if language_code == "en":
            return getattr(self, f"{field}_en", "") or getattr(self, field)
        return getattr(self, field)


class LegalDocumentQuerySet(models.QuerySet):
    def matching(self, text):
        """Documents whose number, symbol or summary contains the text (case and diacritics ignored)."""
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self

    def filtered(self, *, form="", authority="", year=""):
        documents = self
        if form:
            documents = documents.filter(form=form)
        if authority:
            documents = documents.filter(authority_code=authority)
        if year.isdigit():
            documents = documents.filter(issued_on__year=int(year))
        return documents

    @transaction.atomic
    def import_government_records(self, path=None):
        """Create or update documents from vanban.chinhphu.vn records; return (created, updated)."""
        incoming = {}
        for record in json.loads(Path(path or LEGAL_DOCUMENTS_FILE).read_text(encoding="utf-8")):
            summary = nfc(record["SUMMARY"])
            code = nfc(record["CODE"]).replace(" /", "/")
            symbol = parse_symbol(code, summary)
            document = LegalDocument(
                source_id=f"chinhphu:{record['DOC_ID']}",
                number_symbol=code,
                form=symbol.form,
                authority_code=symbol.authority_code,
                authority=symbol.authority,
                issued_on=datetime.strptime(record["ISSUE_DATE"], "%d/%m/%Y").date(),
                summary=summary,
                source_url=record.get("DETAIL_URL", ""),
                attachments=[
                    {"url": item["url"], "filename": item.get("filename", "")}
                    for item in record.get("ATTACHMENTS", [])
                ],
            )
            document.search_text = document.searchable_text()
            incoming[document.source_id] = document
        existing = dict(self.filter(source_id__in=incoming).values_list("source_id", "pk"))
        for source_id, pk in existing.items():
            incoming[source_id].pk = pk
        fields = [*IMPORTED_FIELDS, "search_text"]
        self.bulk_update([d for d in incoming.values() if d.pk], fields, batch_size=200)
        self.bulk_create([d for d in incoming.values() if not d.pk], batch_size=200)
        return len(incoming) - len(existing), len(existing)


IMPORTED_FIELDS = [
    "number_symbol",
    "form",
    "authority_code",
    "authority",
    "issued_on",
    "summary",
    "source_url",
    "attachments",
]


class LegalDocument(index.Indexed, models.Model):
    """A legal document in the library (ND 43 Art. 10e): what, who, when, and whether it applies."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        NOT_YET = "not_yet", _("Not yet in force")
        AMENDED = "amended", _("Amended or supplemented")
        EXPIRED = "expired", _("No longer in force")

    number_symbol = models.CharField(_("number and symbol"), max_length=100, db_index=True)
    form = models.CharField(_("form of document"), max_length=60, db_index=True)
    authority = models.CharField(_("issuing authority"), max_length=200)
    authority_code = models.CharField(_("authority code"), max_length=40, db_index=True)
    issued_on = models.DateField(_("issued on"), db_index=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.IN_FORCE)
    summary = models.TextField(_("summary"))
    file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    attachments = models.JSONField(_("linked files"), default=list, blank=True)
    source_url = models.URLField(_("source"), blank=True)
    source_id = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    objects = LegalDocumentQuerySet.as_manager()

    panels = [
        FieldPanel("number_symbol"),
        FieldPanel("form"),
        MultiFieldPanel(
            [FieldPanel("authority"), FieldPanel("authority_code")], heading=_("Issuing authority")
        ),
        FieldPanel("issued_on"),
        FieldPanel("effective_on"),
        FieldPanel("status"),
        FieldPanel("summary"),
        FieldPanel("file"),
    ]
    search_fields = [index.SearchField("number_symbol"), index.SearchField("summary")]

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return f"{self.number_symbol} – {self.summary[:80]}"

    def save(self, *args, **kwargs):
        self.search_text = self.searchable_text()
        super().save(*args, **kwargs)

    def searchable_text(self):
        return fold(f"{self.number_symbol} {self.form} {self.authority} {self.summary}")


class LegalDocumentIndexPage(RoutablePageMixin, BasePage):
    """The legal-document library with filters and search; each document has its own address."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal document library")

    @path("")
    def library(self, request):
        query = request.GET.get("q", "")[:200]
        chosen = {key: request.GET.get(key, "")[:60] for key in ("form", "authority", "year")}
        documents = LegalDocument.objects.filtered(**chosen).matching(query)
        page = Paginator(documents, 20).get_page(request.GET.get("page"))
        every = LegalDocument.objects.all()
        return self.render(
            request,
            context_overrides={
                "page_obj": page,
                "query": query,
                "chosen": chosen,
                "forms": every.order_by("form").values_list("form", flat=True).distinct(),
                "authorities": every.order_by("authority")
                .values_list("authority_code", "authority")
                .distinct(),
                "years": sorted(
                    {day.year for day in every.dates("issued_on", "year")}, reverse=True
                ),
            },
        )

    @path("<int:pk>/")
    def document(self, request, pk):
        from django.shortcuts import get_object_or_404

        return self.render(
            request,
            template="cms/legal_document_detail.html",
            context_overrides={"document": get_object_or_404(LegalDocument, pk=pk)},
        )
