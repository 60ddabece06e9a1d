"""The agency's introduction (ND 43 Art. 10a, 10k, 13): who it is, how it is organised, who to call."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models import BasePage

from .maps import boundary_map

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class Localized:
    """Models with `<field>_en` twins: the English text when the site speaks English and it exists."""

    def localized(self, field, language_code=None):
        language_code = language_code or translation.get_language()
        if language_code == "en":
            return getattr(self, f"{field}_en", "") or getattr(self, field)
        return getattr(self, field)


class IntroductionPage(BasePage):
    """Introduction of the agency; for a People's Committee also the land, its history and its sites."""

    functions = RichTextField(
        _("functions, duties and powers"), blank=True, features=RICH_TEXT_FEATURES
    )
    history = RichTextField(_("history"), blank=True, features=RICH_TEXT_FEATURES)
    natural_conditions = RichTextField(
        _("natural conditions"), blank=True, features=RICH_TEXT_FEATURES
    )
    culture = RichTextField(
        _("history and cultural traditions"), blank=True, features=RICH_TEXT_FEATURES
    )
    relics = RichTextField(_("relics and scenic sites"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("other content"))
    show_boundary_map = models.BooleanField(
        _("show the administrative boundary map"),
        default=False,
        help_text=_("Draws the communes and wards entered under Administrative areas."),
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("functions"),
        index.SearchField("history"),
        index.SearchField("natural_conditions"),
        index.SearchField("culture"),
        index.SearchField("relics"),
        index.SearchField("body"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("functions"),
        FieldPanel("history"),
        MultiFieldPanel(
            [
                FieldPanel("natural_conditions"),
                FieldPanel("culture"),
                FieldPanel("relics"),
                FieldPanel("show_boundary_map"),
            ],
            heading=_("For a People's Committee"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage", "organisation.IntroductionPage"]
    subpage_types = [
        "organisation.IntroductionPage",
        "organisation.OrganisationChartPage",
        "organisation.ContactDirectoryPage",
        "cms.StandardPage",
    ]

    class Meta:
        verbose_name = _("introduction page")

    def sections(self):
        """(anchor, heading, rich text) of each filled-in section, in reading order."""
        titles = [
            ("functions", _("Functions, duties and powers")),
            ("history", _("History")),
            ("natural_conditions", _("Natural conditions")),
            ("culture", _("History and cultural traditions")),
            ("relics", _("Relics and scenic sites")),
        ]
        return [
            (field.replace("_", "-"), title, getattr(self, field))
            for field, title in titles
            if getattr(self, field)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        if self.show_boundary_map:
            context["boundary_map"] = boundary_map(AdministrativeArea.objects.all())
        context["children"] = self.get_children().live().public().specific()
        return context


class OrgUnitQuerySet(models.QuerySet):
    def tree(self):
        """The units as nested (unit, children) pairs, each level in position order."""
        units = list(self.order_by("position", "name"))
        by_parent = {}
        for unit in units:
            by_parent.setdefault(unit.parent_id, []).append(unit)
        known = {unit.pk for unit in units}

        def branch(parent_id, seen):
            return [
                (unit, branch(unit.pk, seen | {unit.pk}))
                for unit in by_parent.get(parent_id, [])
                if unit.pk not in seen
            ]

        # Units whose parent is not in this queryset start a tree of their own.
        roots = [unit for unit in units if unit.parent_id is None or unit.parent_id not in known]
        return [(unit, branch(unit.pk, {unit.pk})) for unit in roots]

    def with_email(self):
        return self.exclude(email="")


class OrgUnit(Localized, index.Indexed, models.Model):
    """A unit of the administrative apparatus; the tree of units is the organisation chart."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("People's Committee")
        OFFICE = "office", _("Office")
        DEPARTMENT = "department", _("Specialised department")
        AGENCY = "agency", _("Public service unit")
        DIVISION = "division", _("Division")
        OTHER = "other", _("Other")

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DEPARTMENT)
    code = models.CharField(
        _("agency code"), max_length=40, blank=True, help_text=_("For example 000.00.04.H99.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrgUnitQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("code"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("position"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A unit cannot be placed under itself or one of its own units.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Leader(Localized, index.Indexed, models.Model):
    """A leader of the agency, with a short biography and the duties assigned (ND 43 Art. 10a)."""

    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=200)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leaders",
        verbose_name=_("unit"),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    biography = models.TextField(_("brief biography"), blank=True)
    biography_en = models.TextField(_("brief biography (English)"), blank=True)
    duties = models.TextField(_("assigned duties"), blank=True)
    duties_en = models.TextField(_("assigned duties (English)"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    position_order = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("full_name"),
        FieldPanel("position"),
        FieldPanel("position_en"),
        FieldPanel("unit"),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("biography_en"),
        FieldPanel("duties"),
        FieldPanel("duties_en"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("position_order"),
    ]
    search_fields = [index.SearchField("full_name"), index.SearchField("position")]

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["position_order", "full_name"]

    def __str__(self):
        return f"{self.full_name} – {self.position}"


def validate_boundary(value):
    message = _(
        "Enter the boundary as a list of at least three [longitude, latitude] points, "
        "for example [[105.8, 20.2], [105.9, 20.2], [105.9, 20.3]]."
    )
    if not isinstance(value, list) or len(value) < 3:
        raise ValidationError(message)
    for point in value:
        if (
            not isinstance(point, list | tuple)
            or len(point) != 2
            or not all(isinstance(number, int | float) for number in point)
            or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90)
        ):
            raise ValidationError(message)


class AdministrativeArea(index.Indexed, models.Model):
    """A commune or ward, with the boundary drawn on the administrative map (ND 43 Art. 10a)."""

    class Kind(models.TextChoices):
        WARD = "ward", _("Ward")
        COMMUNE = "commune", _("Commune")

    code = models.CharField(_("administrative code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.COMMUNE)
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    population = models.PositiveIntegerField(_("population"))
    boundary = models.JSONField(
        _("boundary"),
        validators=[validate_boundary],
        help_text=_("Polygon as a list of [longitude, latitude] points."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("area_km2"),
        FieldPanel("population"),
        FieldPanel("boundary"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def anchor(self):
        return f"area-{self.code}"

    @property
    def density(self):
        """Inhabitants per km², rounded."""
        return round(self.population / self.area_km2) if self.area_km2 else None


class Contact(Localized, models.Model):
    """An official acting as contact point (ND 43 Art. 10k): name, position, unit, phone, e-mail."""

    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=200)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("unit")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    position_order = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("full_name"),
        FieldPanel("position"),
        FieldPanel("position_en"),
        FieldPanel("unit"),
        FieldPanel("phone"),
        FieldPanel("fax"),
        FieldPanel("email"),
        FieldPanel("position_order"),
    ]

    class Meta:
        verbose_name = _("official contact")
        verbose_name_plural = _("official contacts")
        ordering = ["unit__position", "position_order", "full_name"]

    def __str__(self):
        return f"{self.full_name} – {self.position}"


class OrganisationChartPage(BasePage):
    """The organisation chart drawn from the units, and the leaders with their duties."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["organisation.IntroductionPage", "cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("organisation chart page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = Leader.objects.select_related("photo", "unit")
        context["tree"] = OrgUnit.objects.tree()
        return context


class ContactDirectoryPage(BasePage):
    """Officials' contacts grouped by unit, and the directory of official e-mail accounts."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["organisation.IntroductionPage", "cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contact directory page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        units = list(OrgUnit.objects.prefetch_related("contacts").order_by("position", "name"))
        context["units"] = [unit for unit in units if unit.contacts.all()]
        context["email_directory"] = email_directory(units)
        return context


def email_directory(units=None):
    """Every unit and official with an official e-mail, as (name, position or kind, unit, e-mail)."""
    units = units if units is not None else OrgUnit.objects.prefetch_related("contacts")
    rows = []
    for unit in units:
        if unit.email:
            rows.append((unit.localized("name"), unit.get_kind_display(), None, unit.email))
        for contact in unit.contacts.all():
            if contact.email:
                rows.append(
                    (
                        contact.full_name,
                        contact.localized("position"),
                        unit.localized("name"),
                        contact.email,
                    )
                )
    return rows
