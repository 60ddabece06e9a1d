import json
import uuid
from datetime import datetime
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from portal.text import fold, nfc

from .blocks import BodyBlock, FooterLinksBlock, HomeBlock
from .legal_documents import parse_symbol

LEGAL_DOCUMENTS_FILE = (
    Path(__file__).resolve().parent / "fixtures" / "legal-documents" / "government-documents.json"
)


DEFAULT_SITE_CACHE_KEY = "cms:default-site-id"


def default_site_id():
    """The id of the default (provincial) site, cached until a site is saved or deleted."""
    site_id = cache.get(DEFAULT_SITE_CACHE_KEY)
    if site_id is None:
        site_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        cache.set(DEFAULT_SITE_CACHE_KEY, site_id or 0, 3600)
    return site_id or None


def _forget_default_site(**kwargs):
    cache.delete(DEFAULT_SITE_CACHE_KEY)


post_save.connect(_forget_default_site, sender=Site, dispatch_uid="cms-default-site-saved")
post_delete.connect(_forget_default_site, sender=Site, dispatch_uid="cms-default-site-deleted")

_wagtail_get_url = Page.get_url


def _get_url(self, request=None, current_site=None):
    # With more than one site (component sites), Wagtail makes every URL asked for without a
    # request absolute, so `page.url` in a template would point the provincial portal's own links
    # at http://localhost/. Without a request we take the provincial site as the current one:
    # its pages keep root-relative URLs, a component site's pages get their full address.
    # Templates that have the request should still prefer {% pageurl %}.
    if request is None and current_site is None:
        site_id = default_site_id()
        current_site = Site(pk=site_id) if site_id else None
    return _wagtail_get_url(self, request=request, current_site=current_site)


Page.get_url = _get_url
Page.url = property(_get_url)


class RecordLibraryMixin(RoutablePageMixin):
    """A page listing records (plans, projects, programmes…) that shows each one at <page>/<pk>/.

    Subclasses name the model and the detail template; the record reaches it as `record`.
    """

    record_model = None
    record_template = ""

    @path("<int:pk>/")
    def detail(self, request, pk):
        return self.render(
            request,
            template=self.record_template,
            context_overrides={"record": get_object_or_404(self.record_model, pk=pk)},
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
    """The home page of a site: the provincial portal or a component site (department, commune)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(
        HomeBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Featured services, latest news, the leaders' schedule, links and text."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    # One home page per site and language, all directly under the root.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-published_on")[:4]
        )
        context["has_latest_news_block"] = any(
            block.block_type == "latest_news" for block in self.body
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


PAGES_VERSION_KEY = "cms:pages-version"


def pages_changed(**kwargs):
    """A page was published, unpublished, moved, renamed or deleted, or a view restriction changed:
    what the cache keeps about live pages (their counts, the accessibility statement's address)
    no longer holds."""
    cache.set(PAGES_VERSION_KEY, uuid.uuid4().hex, None)


def pages_version():
    """A token that changes whenever pages change (a fresh one each call while the cache is down,
    so nothing is shared then)."""
    return cache.get_or_set(PAGES_VERSION_KEY, lambda: uuid.uuid4().hex, None)


class LivePagesPaginator(Paginator):
    """A paginator of live pages whose total is kept in the cache until pages change.

    Counting 50,000 live articles, with their view restrictions, took about 50 ms of every news
    list; the count only changes when pages are published, unpublished, moved or deleted.
    """

    def __init__(self, object_list, per_page, *, count_key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        key = f"{self.count_key}:{pages_version()}"
        return cache.get_or_set(key, lambda: Paginator.count.func(self), 24 * 3600)


class NewsIndexPage(RoutablePageMixin, BasePage):
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return NewsPage.objects.live().public().child_of(self).order_by("-published_on")

    @path("")
    def listing(self, request):
        news = LivePagesPaginator(self.news(), 10, count_key=f"cms:news-count:{self.pk}")
        page = news.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"news": page})

    @path("rss/")
    def rss(self, request):
        from .feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPage(BasePage):
    """A news article. Author and source are mandatory information (ND 43 Art. 10b)."""

    # Indexed: the home page and the news list want the latest articles of tens of thousands.
    published_on = models.DateTimeField(_("published on"), default=timezone.now, db_index=True)
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


HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits, e.g. #9f1616.")
)
WHITE, LIGHT_GREY, INK = "#ffffff", "#f4f2ee", "#1d1d1f"
MINIMUM_CONTRAST = 4.5

# Each colour an administrator may choose, the CSS custom property of site.css it sets and its
# default there.
PALETTE = {
    "colour_primary": ("--red", "#9f1616"),
    "colour_primary_dark": ("--red-dark", "#7a0f0f"),
    "colour_accent": ("--gold", "#f2c230"),
    "colour_link": ("--link", "#0a4d94"),
}
# Every text/background pair the templates draw with those colours: (text, background, what).
# A string naming a field stands for that field's colour; the others are fixed in site.css.
CONTRAST_PAIRS = [
    (WHITE, "colour_primary", _("White text on the header colour")),
    (WHITE, "colour_primary_dark", _("White text on the toolbar and footer colour")),
    ("colour_primary_dark", WHITE, _("Menu and heading text on a white background")),
    ("colour_primary_dark", LIGHT_GREY, _("Menu and heading text on the light grey background")),
    (INK, "colour_accent", _("Dark text on the accent colour")),
    ("colour_link", WHITE, _("Links on a white background")),
    ("colour_link", LIGHT_GREY, _("Links on the light grey background")),
    (WHITE, "colour_link", _("White text on buttons")),
]


def relative_luminance(colour):
    """WCAG 2.x relative luminance of a #rrggbb colour."""
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start : start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    """WCAG 2.x contrast ratio between two #rrggbb colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour_field(label, help_text):
    return models.CharField(
        label, max_length=7, blank=True, validators=[HEX_COLOUR], help_text=help_text
    )


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs a site and how it looks: header, footer, logo and colours (TT 32/2017 Art. 16).

    Each site (the provincial portal, each component site) has its own row, which its
    administrator edits in Settings without code.
    """

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
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Shown in the header instead of the national emblem."),
    )
    logo_alt = models.CharField(
        _("logo alternative text"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, read out to people who cannot see it."),
    )
    logo_alt_en = models.CharField(_("logo alternative text (English)"), max_length=200, blank=True)
    colour_primary = colour_field(
        _("header colour"), _("Background of the header. Blank: the portal's red.")
    )
    colour_primary_dark = colour_field(
        _("dark colour"),
        _("Toolbar and footer background, menu and heading text. Blank: the portal's dark red."),
    )
    colour_accent = colour_field(
        _("accent colour"), _("Search button and menu underline. Blank: the portal's gold.")
    )
    colour_link = colour_field(_("link colour"), _("Links and buttons. Blank: the portal's blue."))
    footer_links = StreamField(
        FooterLinksBlock(),
        blank=True,
        verbose_name=_("links to state portals"),
        help_text=_("Shown in the footer of every page (ND 43 Art. 15.1.b)."),
    )
    footer_links_en = StreamField(
        FooterLinksBlock(),
        blank=True,
        verbose_name=_("links to state portals (English)"),
        help_text=_("Blank: the English pages show the Vietnamese links."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("logo_alt"),
                FieldPanel("logo_alt_en"),
                FieldPanel("colour_primary"),
                FieldPanel("colour_primary_dark"),
                FieldPanel("colour_accent"),
                FieldPanel("colour_link"),
            ],
            heading=_("Logo and colours"),
            help_text=_(
                "Colours are checked on saving: every text must keep a contrast of at least "
                "4.5:1 with its background (WCAG 2.1 AA)."
            ),
        ),
        FieldPanel("footer_links"),
        FieldPanel("footer_links_en"),
    ]

    class Meta:
        verbose_name = _("portal settings")

    def localized(self, field, language_code):
        """The English variant of a field when it exists, else the Vietnamese one."""
        if language_code == "en":
            return getattr(self, f"{field}_en", "") or getattr(self, field)
        return getattr(self, field)

    def colour(self, field):
        """The chosen colour, or the site.css default when none is chosen (or it is malformed)."""
        value = getattr(self, field)
        try:
            HEX_COLOUR(value)
        except ValidationError:
            return PALETTE[field][1]
        return value.lower()

    @property
    def palette(self):
        """(CSS custom property, colour) for every colour chosen, for the header's <style>."""
        return [
            (prop, self.colour(field))
            for field, (prop, default) in PALETTE.items()
            if getattr(self, field) and self.colour(field) != default
        ]

    def contrast_errors(self):
        """{field: [message]} for every pair of colours below 4.5:1, in Vietnamese."""
        errors = {}
        for text, background, what in CONTRAST_PAIRS:
            text_colour = self.colour(text) if text in PALETTE else text
            background_colour = self.colour(background) if background in PALETTE else background
            ratio = contrast_ratio(text_colour, background_colour)
            if ratio >= MINIMUM_CONTRAST:
                continue
            field = text if text in PALETTE else background
            if not getattr(self, field):
                continue  # A default colour never fails; only what was chosen is checked.
            message = _(
                "%(pair)s: the contrast ratio is only %(ratio)s:1 (%(text)s on %(background)s); "
                "it must be at least 4.5:1."
            ) % {
                "pair": what,
                "ratio": formats.number_format(int(ratio * 100) / 100, 2),
                "text": text_colour,
                "background": background_colour,
            }
            errors.setdefault(field, []).append(message)
        return errors

    def clean(self):
        super().clean()
        errors = {}
        # Malformed colours are reported by their own validator; check the pairs of the others.
        if not any(self._malformed(field) for field in PALETTE):
            errors.update(self.contrast_errors())
        if self.logo_id and not self.logo_alt.strip():
            errors["logo_alt"] = [_("Describe the logo for people who cannot see it.")]
        if errors:
            raise ValidationError(errors)

    def _malformed(self, field):
        value = getattr(self, field)
        try:
            HEX_COLOUR(value)
        except ValidationError:
            return bool(value)
        return False


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
        return self.render(
            request,
            template="cms/legal_document_detail.html",
            context_overrides={"document": get_object_or_404(LegalDocument, pk=pk)},
        )
