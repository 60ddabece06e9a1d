"""Law dissemination, plans, environmental data and public-investment projects (ND 43 Art. 10 d, đ, h)."""

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models import BasePage, RecordLibraryMixin

from .maps import environment_map

INFORMATION_PARENTS = ["cms.HomePage", "cms.StandardPage", "planning.PublicInformationPage"]


def chosen_filters(request, keys):
    """The filter values of a listing's query string, cut short so a crafted URL stays harmless."""
    return {key: request.GET.get(key, "")[:60] for key in keys}


def legal_library(locale):
    """The legal-document library in this language, to link documents to their own pages."""
    from cms.models import LegalDocumentIndexPage

    return LegalDocumentIndexPage.objects.live().filter(locale=locale).first()


def years_of(queryset, field):
    return sorted({day.year for day in queryset.dates(field, "year")}, reverse=True)


class PublicInformationPage(BasePage):
    """The section that gathers what the province must publish (ND 43 Art. 10–12, Law 104 Art. 19)."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("public information section")

    def sections(self):
        return self.get_children().live().public().specific()


# --- P4 Law and policy dissemination (ND 43 Art. 10d) --------------------------------------------


class DisseminationIndexPage(BasePage):
    parent_page_types = INFORMATION_PARENTS
    subpage_types = ["planning.DisseminationPage"]

    class Meta:
        verbose_name = _("law dissemination index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            DisseminationPage.objects.live().public().child_of(self).order_by("-published_on")
        )
        context["articles"] = Paginator(articles, 10).get_page(request.GET.get("page"))
        return context


class DisseminationPage(BasePage):
    """An article disseminating and explaining a law, regime or policy; author and source (Art. 5.3)."""

    published_on = models.DateTimeField(_("published on"), default=timezone.now)
    author = models.CharField(_("author"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
        InlinePanel("related_documents", label=_("Related legal documents")),
    ]
    parent_page_types = ["planning.DisseminationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("law dissemination article")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["library"] = legal_library(self.locale)
        return context


class DisseminationDocument(Orderable):
    page = ParentalKey(
        DisseminationPage, on_delete=models.CASCADE, related_name="related_documents"
    )
    document = models.ForeignKey(
        "cms.LegalDocument",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("legal document"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("related legal document")
        verbose_name_plural = _("related legal documents")


# --- P5 Strategies, planning and plans (ND 43 Art. 10đ) ------------------------------------------


class PlanningDocumentQuerySet(models.QuerySet):
    def filtered(self, *, kind="", year=""):
        documents = self
        if kind in PlanningDocument.Kind.values:
            documents = documents.filter(kind=kind)
        if year.isdigit():
            documents = documents.filter(approved_on__year=int(year))
        return documents


class PlanningDocument(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Strategy and development orientation")
        MASTER_PLAN = "master_plan", _("Provincial master plan")
        ANNUAL_PLAN = "annual_plan", _("Socio-economic development plan")
        INVESTMENT_OPPORTUNITY = (
            "investment_opportunity",
            _("Investment incentives and opportunities"),
        )
        CONSTRUCTION_PLAN = "construction_plan", _("Construction planning")
        URBAN_PLAN = "urban_plan", _("Urban planning")
        LAND_USE_PLAN = "land_use_plan", _("Land-use planning and plans")
        NATURAL_RESOURCES = "natural_resources", _("Natural-resource exploitation")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    decision = models.CharField(
        _("approving decision"),
        max_length=100,
        help_text=_("Number and symbol of the approving decision, e.g. 1234/QĐ-UBND."),
    )
    approving_body = models.CharField(_("approving body"), max_length=200)
    approved_on = models.DateField(_("approved on"), db_index=True)
    period = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("E.g. 2021–2030, vision to 2050.")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    summary = models.TextField(_("summary"))
    file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlanningDocumentQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("decision"), FieldPanel("approved_on")]),
        FieldPanel("approving_body"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("location")]),
        FieldPanel("summary"),
        FieldPanel("file"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.SearchField("decision"),
    ]

    class Meta:
        verbose_name = _("planning document")
        verbose_name_plural = _("planning documents")
        ordering = ["-approved_on", "-id"]

    def __str__(self):
        return self.title


class PlanningIndexPage(RecordLibraryMixin, BasePage):
    record_model = PlanningDocument
    record_template = "planning/planning_document_detail.html"
    parent_page_types = INFORMATION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("strategies and plans")

    @path("")
    def listing(self, request):
        chosen = chosen_filters(request, ("kind", "year"))
        documents = PlanningDocument.objects.filtered(**chosen).select_related("file")
        return self.render(
            request,
            context_overrides={
                "page_obj": Paginator(documents, 20).get_page(request.GET.get("page")),
                "chosen": chosen,
                "kinds": PlanningDocument.Kind.choices,
                "years": years_of(PlanningDocument.objects.all(), "approved_on"),
            },
        )


# --- P5 point đ: environmental data ---------------------------------------------------------------


class EnvironmentalRecord(models.Model):
    class Kind(models.TextChoices):
        WASTE_PLAN = "waste_plan", _("Waste collection, recycling and treatment planning")
        POLLUTION_SOURCE = "pollution_source", _("Pollution source")
        HAZARDOUS_WASTE = "hazardous_waste", _("Hazardous waste")
        POLLUTED_AREA = "polluted_area", _("Seriously polluted or at-risk area")

    class Status(models.TextChoices):
        IN_EFFECT = "in_effect", _("In operation or in effect")
        MONITORING = "monitoring", _("Under monitoring")
        REMEDIATING = "remediating", _("Being remedied")
        RESOLVED = "resolved", _("Remedied")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind, db_index=True)
    name = models.CharField(_("name"), max_length=300)
    location = models.CharField(
        _("commune or location"), max_length=300, help_text=_("Commune or ward, address.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 11.052300."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. 106.612300."),
    )
    details = models.TextField(_("details"))
    code = models.CharField(
        _("pollutant or waste code"),
        max_length=100,
        blank=True,
        help_text=_("Hazardous-waste code or main pollutants, where relevant."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.IN_EFFECT)
    source = models.CharField(
        _("source or decision"),
        max_length=300,
        help_text=_("The decision, report or monitoring that the information comes from."),
    )
    recorded_on = models.DateField(_("date"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("details"),
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("recorded_on")]),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = _("environmental record")
        verbose_name_plural = _("environmental records")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class EnvironmentPage(RecordLibraryMixin, BasePage):
    record_model = EnvironmentalRecord
    record_template = "planning/environmental_record_detail.html"
    """Environmental data as a map drawn on the server, with the table as its accessible alternative."""

    parent_page_types = INFORMATION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("environmental information")

    @path("")
    def listing(self, request):
        kind = request.GET.get("kind", "")[:60]
        records = EnvironmentalRecord.objects.all()
        if kind in EnvironmentalRecord.Kind.values:
            records = records.filter(kind=kind)
        else:
            kind = ""
        records = list(records)
        base = self.get_url(request) or self.url
        return self.render(
            request,
            context_overrides={
                "records": records,
                "chosen_kind": kind,
                "kinds": EnvironmentalRecord.Kind.choices,
                "map": environment_map(records, lambda record: f"{base}{record.pk}/"),
            },
        )


# --- P8 Projects, investment, bidding and public procurement (ND 43 Art. 10h) --------------------


class Project(models.Model):
    """A project with the nine fields ND 43 Art. 10h asks for, plus investor, location and bidding."""

    class Stage(models.TextChoices):
        PREPARING = "preparing", _("In preparation")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    stage = models.CharField(_("stage"), max_length=20, choices=Stage, db_index=True)
    name = models.CharField(_("project name"), max_length=300)
    objective = models.TextField(_("main objective"))
    field = models.CharField(_("field"), max_length=200)
    project_type = models.CharField(
        _("project type"), max_length=200, help_text=_("E.g. Group B public-investment project.")
    )
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    budget = models.PositiveBigIntegerField(_("budget (VND)"))
    funding_type = models.CharField(
        _("type of funding"), max_length=200, help_text=_("E.g. provincial budget, ODA loan, PPP.")
    )
    sponsor = models.CharField(_("sponsor or donor"), max_length=200)
    status = models.CharField(
        _("project status"),
        max_length=300,
        help_text=_("Where the project stands, e.g. two thirds of the works done."),
    )
    investor = models.CharField(_("investor or project owner"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    decision = models.CharField(_("approving decision"), max_length=200, blank=True)
    procurement = models.TextField(
        _("bidding and procurement results"),
        blank=True,
        help_text=_("Packages, selected contractors and contract values."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("stage"),
        FieldPanel("name"),
        FieldPanel("objective"),
        FieldRowPanel([FieldPanel("field"), FieldPanel("project_type")]),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("budget"),
        FieldRowPanel([FieldPanel("funding_type"), FieldPanel("sponsor")]),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("investor"),
                FieldPanel("location"),
                FieldPanel("decision"),
                FieldPanel("procurement"),
            ],
            heading=_("Investment and bidding"),
        ),
    ]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_year", "name"]

    def __str__(self):
        return self.name

    @property
    def period(self):
        return f"{self.start_year}–{self.end_year}" if self.end_year else f"{self.start_year}–"


class ProjectIndexPage(RecordLibraryMixin, BasePage):
    record_model = Project
    record_template = "planning/project_detail.html"
    parent_page_types = INFORMATION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("projects and public procurement")

    @path("")
    def listing(self, request):
        stage = request.GET.get("stage", "")[:60]
        stages = Project.Stage.choices
        if stage in Project.Stage.values:
            stages = [(value, label) for value, label in stages if value == stage]
        else:
            stage = ""
        projects = list(Project.objects.filter(stage__in=[value for value, _ in stages]))
        groups = [
            (value, label, [project for project in projects if project.stage == value])
            for value, label in stages
        ]
        return self.render(
            request,
            context_overrides={
                "groups": groups,
                "chosen_stage": stage,
                "stages": Project.Stage.choices,
            },
        )
