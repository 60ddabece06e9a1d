from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


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


class NewsIndexPage(BasePage):
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().child_of(self).order_by("-published_on")
        context["news"] = Paginator(news, 10).get_page(request.GET.get("page"))
        return context


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
