"""Administrative procedures (thủ tục hành chính) as published in the National Procedure Database.

A procedure carries every field of the national record (ND 63/2010 Art. 8.2, TT 01/2018 Art. 16.2)
plus the province's own settings: the receiving agency, the filing channel and guidance material.
"""

from pathlib import Path

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from portal.text import fold

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
CATALOG_DIR = FIXTURES_DIR / "national"
DETAILS_DIR = FIXTURES_DIR / "details"
NATIONAL_PORTAL = "https://dichvucong.gov.vn/"


class Channel(models.TextChoices):
    """How a dossier reaches the agency (cách thức thực hiện)."""

    ONLINE = "online", _("Online")
    DIRECT = "direct", _("In person")
    POSTAL = "postal", _("By post")


class TimeUnit(models.TextChoices):
    """Units of a processing time; the first three are services.workdays.engine.Unit's values."""

    DAY = "day", _("days")
    WORKING_DAY = "working_day", _("working days")
    HOUR = "hour", _("working hours")
    MONTH = "month", _("months")
    OTHER = "other", _("see description")


# The units a deadline can be computed from (services.workdays.engine.Unit).
COMPUTABLE_UNITS = (TimeUnit.DAY, TimeUnit.WORKING_DAY, TimeUnit.HOUR)


class FeeStage(models.TextChoices):
    """When a citizen pays an online dossier's fees and charges."""

    SUBMISSION = "submission", _("Before submission")
    REQUESTED = "requested", _("When the agency requests payment")


class Field(models.Model):
    """A field of administration (lĩnh vực) from the national list, e.g. "Hộ tịch (Bộ Tư pháp)"."""

    name = models.CharField(_("name"), max_length=255)
    ministry = models.CharField(_("managing ministry"), max_length=255, blank=True)
    code = models.CharField(
        _("field code"), max_length=40, blank=True, help_text=_("National code, e.g. G01-CA11.")
    )
    national_id = models.CharField(_("national identifier"), max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["name", "ministry"]
        constraints = [
            models.UniqueConstraint(fields=["name", "ministry"], name="procedures_field_unique")
        ]

    def __str__(self):
        return f"{self.name} ({self.ministry})" if self.ministry else self.name


class Subject(models.Model):
    """Who may carry out a procedure (đối tượng thực hiện): citizens, businesses, foreigners…"""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255)
    is_foreign = models.BooleanField(
        _("concerns foreigners"),
        default=False,
        help_text=_("Procedures for these subjects are also described in English."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("applicant type")
        verbose_name_plural = _("applicant types")
        ordering = ["code"]

    def __str__(self):
        return self.name


class ProcedureQuerySet(models.QuerySet):
    def for_audience(self, audience):
        if audience == Procedure.Audience.CITIZEN:
            return self.filter(for_citizens=True)
        if audience == Procedure.Audience.BUSINESS:
            return self.filter(for_businesses=True)
        if audience == Procedure.Audience.FOREIGNER:
            return self.filter(for_foreigners=True)
        return self

    def at_level(self, level):
        field = Procedure.LEVEL_FIELDS.get(level)
        return self.filter(**{field: True}) if field else self

    def matching(self, text):
        """Procedures whose code or name contains the text, ignoring case and diacritics."""
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self

    def most_used(self):
        return self.order_by("-popularity", "code")

    def in_force(self):
        return self.filter(status=Procedure.Status.IN_FORCE)

    def with_details(self):
        return self.exclude(national_id="")

    def import_national_catalog(self, citizens_path=None, businesses_path=None):
        """Create or update procedures from the national catalogue files; return (created, updated)."""
        from .importer import import_catalog

        report = import_catalog(citizens_path, businesses_path)
        return report.created, report.updated


class Procedure(ClusterableModel):
    """An administrative procedure (thủ tục hành chính) from the national catalogue."""

    class Audience(models.TextChoices):
        CITIZEN = "citizen", _("Citizens")
        BUSINESS = "business", _("Businesses")
        FOREIGNER = "foreigner", _("Foreigners")

    class Level(models.TextChoices):
        """Level of government that settles the procedure (cấp thực hiện)."""

        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Province")
        COMMUNE = "commune", _("Commune")
        OTHER = "other", _("Other agencies")

    LEVEL_FIELDS = {
        Level.CENTRAL: "level_central",
        Level.PROVINCE: "level_province",
        Level.COMMUNE: "level_commune",
        Level.OTHER: "level_other",
    }

    class OnlineLevel(models.TextChoices):
        LEVEL_2 = "2", _("Level 2: forms to download")
        LEVEL_3 = "3", _("Level 3: online filing")
        LEVEL_4 = "4", _("Level 4: online filing and payment")

    class OnlineScope(models.TextChoices):
        FULL = "full", _("Fully online (toàn trình)")
        PARTIAL = "partial", _("Partly online (một phần)")

    class FilingChannel(models.TextChoices):
        HERE = "here", _("File on this portal")
        NATIONAL = "national", _("File on the National Public Service Portal")
        NONE = "none", _("No online filing")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        NOT_IN_FORCE = "not_in_force", _("No longer in force")

    code = models.CharField(_("national code"), max_length=30, unique=True)
    # Some legal procedure names run past 700 characters.
    name = models.TextField(_("name"))
    national_id = models.CharField(
        _("identifier in the national database"), max_length=40, blank=True, editable=False
    )
    field = models.ForeignKey(
        Field,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
        verbose_name=_("field"),
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind of procedure"),
        max_length=40,
        blank=True,
        help_text=_("As published nationally: assigned by regulation, not assigned, other."),
    )
    for_citizens = models.BooleanField(_("for citizens"), default=False)
    for_businesses = models.BooleanField(_("for businesses"), default=False)
    for_foreigners = models.BooleanField(_("for foreigners"), default=False)
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="procedures", verbose_name=_("applicant types")
    )
    is_sector_managed = models.BooleanField(
        _("managed by a sector"),
        default=False,
        help_text=_("Handled by a vertically managed agency (ngành dọc)."),
    )
    level_central = models.BooleanField(_("settled at central level"), default=False)
    level_province = models.BooleanField(_("settled at provincial level"), default=False)
    level_commune = models.BooleanField(_("settled at commune level"), default=False)
    level_other = models.BooleanField(_("settled by other agencies"), default=False)
    is_non_territorial = models.BooleanField(
        _("filed anywhere in the province"),
        default=False,
        help_text=_("Received regardless of administrative boundaries."),
    )
    promulgating_agency = models.CharField(_("publishing ministry"), max_length=255, blank=True)
    implementing_agencies = models.TextField(_("implementing agencies"), blank=True)
    competent_agencies = models.TextField(_("competent agencies"), blank=True)
    delegated_agencies = models.TextField(_("delegated agencies"), blank=True)
    coordinating_agencies = models.TextField(_("coordinating agencies"), blank=True)
    receiving_address = models.TextField(_("where dossiers are received"), blank=True)
    requirements = models.TextField(_("requirements and conditions"), blank=True)
    result_delivery = models.JSONField(
        _("how results are returned"), default=list, blank=True, editable=False
    )
    decision_number = models.CharField(_("publishing decision"), max_length=100, blank=True)
    decision_date = models.DateField(_("publishing decision date"), null=True, blank=True)
    online_level = models.CharField(
        _("online service level"), max_length=1, choices=OnlineLevel, blank=True
    )
    online_scope = models.CharField(
        _("online service scope"), max_length=10, choices=OnlineScope, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.IN_FORCE)
    national_updated_at = models.DateTimeField(
        _("updated in the national database"), null=True, blank=True, editable=False
    )
    popularity = models.PositiveBigIntegerField(_("popularity on the national portal"), default=0)
    # Province settings, never overwritten by an import.
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
        verbose_name=_("receiving agency"),
        help_text=_("The agency in this province that receives dossiers; it prefixes their codes."),
    )
    filing_channel = models.CharField(
        _("online filing"), max_length=10, choices=FilingChannel, default=FilingChannel.NONE
    )
    national_portal_url = models.URLField(
        _("link on the National Public Service Portal"),
        max_length=500,
        blank=True,
        help_text=_("Where citizens file this procedure online when it is routed nationally."),
    )
    applicant_signature_required = models.BooleanField(
        _("the applicant signs the declaration digitally"),
        default=False,
        help_text=_(
            "Online dossiers are signed before they are submitted (Decree 45/2020 Art. 9)."
        ),
    )
    fees_paid_at = models.CharField(
        _("when the fees are paid online"),
        max_length=12,
        choices=FeeStage,
        default=FeeStage.SUBMISSION,
        help_text=_("At submission (prepayment), or when the agency asks for them (status 6)."),
    )
    sample_dossier_url = models.URLField(_("sample dossier"), max_length=500, blank=True)
    video_url = models.URLField(_("guidance video"), max_length=500, blank=True)
    search_text = models.TextField(editable=False, default="")
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureQuerySet.as_manager()
    # Nothing links to a procedure through rich text or blocks; indexing cost imports dearly.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["-popularity", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("procedures:detail", args=[self.code])

    @property
    def accepts_online_filing(self):
        return self.filing_channel == self.FilingChannel.HERE and self.online_level in ("3", "4")

    @property
    def routed_to_national_portal(self):
        return self.filing_channel == self.FilingChannel.NATIONAL

    @property
    def national_filing_url(self):
        return self.national_portal_url or NATIONAL_PORTAL

    @property
    def levels(self):
        return [level for level, field in self.LEVEL_FIELDS.items() if getattr(self, field)]

    def processing_time_for(self, channel=Channel.ONLINE):
        """The statutory time for dossiers filed through `channel`, if it can be computed."""
        return self.processing_times.filter(channel=channel, unit__in=COMPUTABLE_UNITS).first()

    def fees_for(self, channel=Channel.ONLINE):
        return self.fees.filter(channel=channel)

    def components_for(self, case_name=None):
        """Dossier components of one case (None: every case, in order)."""
        components = self.components.all()
        return components if case_name is None else components.filter(case_name=case_name)

    def case_names(self):
        return list(dict.fromkeys(self.components.values_list("case_name", flat=True)))


class Step(models.Model):
    """One step of how a procedure is carried out (trình tự thực hiện), per case."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    case_name = models.TextField(_("case"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.TextField(_("title"), blank=True)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or self.description[:80]


class DossierComponent(models.Model):
    """A document the applicant provides (thành phần hồ sơ), per case, with its counts."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="components")
    case_name = models.TextField(_("case"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.TextField(_("name"))
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    is_required = models.BooleanField(_("required"), default=True)
    template_name = models.CharField(_("form or template"), max_length=255, blank=True)
    template_url = models.URLField(_("template download link"), max_length=500, blank=True)
    has_eform = models.BooleanField(_("has an electronic form"), default=False)

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name[:100]


class ProcessingTime(models.Model):
    """The statutory processing time (thời hạn giải quyết) for one filing channel."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="processing_times")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    position = models.PositiveIntegerField(_("position"), default=0)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, choices=TimeUnit)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("processing time")
        verbose_name_plural = _("processing times")
        ordering = ["position", "pk"]

    def __str__(self):
        return (
            f"{self.get_channel_display()}: {self.amount.normalize():f} {self.get_unit_display()}"
        )


class Fee(models.Model):
    """A fee (lệ phí) or charge (phí) payable for one filing channel."""

    class Kind(models.TextChoices):
        FEE = "fee", _("Fee")
        CHARGE = "charge", _("Charge")

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.FEE)
    amount = models.PositiveBigIntegerField(_("amount"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="VND")
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("fee or charge")
        verbose_name_plural = _("fees and charges")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount} {self.currency}"


class ProcedureResult(models.Model):
    """What the applicant receives at the end (kết quả thực hiện)."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=60, blank=True)
    name = models.TextField(_("name"))

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name[:100]


class LegalBasis(models.Model):
    """A legal document the procedure rests on (căn cứ pháp lý)."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="legal_bases")
    position = models.PositiveIntegerField(_("position"), default=0)
    number = models.CharField(_("number"), max_length=120, blank=True)
    title = models.TextField(_("title"))
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.number} {self.title}".strip()[:100]
