"""Official gazette, consultations on drafts, science programmes and statistics (ND 43 Art. 10–12)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from cms.models import BasePage, RecordLibraryMixin
from cms.planning.models import INFORMATION_PARENTS, chosen_filters, legal_library, years_of
from portal import ratelimit


def document_field(verbose_name):
    return models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


# --- P7 Electronic official gazette (ND 43 Art. 10g) ---------------------------------------------


class GazetteIssue(ClusterableModel):
    number = models.CharField(_("issue number"), max_length=50, help_text=_("E.g. 15."))
    published_on = models.DateField(_("date of issue"), db_index=True)
    file = document_field(_("file of the issue"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("published_on")]),
        FieldPanel("file"),
        InlinePanel("entries", label=_("Documents in this issue")),
    ]

    class Meta:
        verbose_name = _("gazette issue")
        verbose_name_plural = _("gazette issues")
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return gettext("Gazette no. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.published_on.strftime("%d/%m/%Y"),
        }


class GazetteEntry(Orderable):
    issue = ParentalKey(GazetteIssue, on_delete=models.CASCADE, related_name="entries")
    number_symbol = models.CharField(_("number and symbol"), max_length=100)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    legal_document = models.ForeignKey(
        "cms.LegalDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document in the library"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("number_symbol"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("legal_document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("gazette entry")
        verbose_name_plural = _("gazette entries")

    def __str__(self):
        return f"{self.number_symbol} {self.title}"


class GazettePage(RoutablePageMixin, BasePage):
    parent_page_types = INFORMATION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("official gazette")

    @path("")
    def listing(self, request):
        chosen = chosen_filters(request, ("year",))
        issues = GazetteIssue.objects.prefetch_related("entries")
        if chosen["year"].isdigit():
            issues = issues.filter(published_on__year=int(chosen["year"]))
        return self.render(
            request,
            context_overrides={
                "page_obj": Paginator(issues, 10).get_page(request.GET.get("page")),
                "chosen": chosen,
                "years": years_of(GazetteIssue.objects.all(), "published_on"),
            },
        )

    @path("<int:pk>/")
    def issue(self, request, pk):
        issue = get_object_or_404(GazetteIssue.objects.select_related("file"), pk=pk)
        return self.render(
            request,
            template="publications/gazette_issue.html",
            context_overrides={
                "issue": issue,
                "entries": issue.entries.select_related("legal_document"),
                "library": legal_library(self.locale),
            },
        )


# --- P9 Consultation on drafts (ND 43 Art. 10i) --------------------------------------------------


class ConsultationQuerySet(models.QuerySet):
    def open(self, today=None):
        today = today or timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today)

    def closed(self, today=None):
        return self.filter(closes_on__lt=today or timezone.localdate())

    def upcoming(self, today=None):
        return self.filter(opens_on__gt=today or timezone.localdate())


class Consultation(models.Model):
    """A draft or policy open for comment; it accepts comments until the end of its closing day."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Not open yet")
        OPEN = "open", _("Open for comments")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    full_text = RichTextField(
        _("full text"),
        blank=True,
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    file = document_field(_("draft file"))
    drafting_agency = models.CharField(_("drafting agency"), max_length=200, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("deadline for comments"))
    receiving_unit = models.CharField(_("receiving unit"), max_length=200)
    receiving_address = models.CharField(_("receiving unit's address"), max_length=300)
    receiving_email = models.EmailField(_("receiving unit's e-mail"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("full_text"),
        FieldPanel("file"),
        FieldPanel("drafting_agency"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        MultiFieldPanel(
            [
                FieldPanel("receiving_unit"),
                FieldPanel("receiving_address"),
                FieldPanel("receiving_email"),
            ],
            heading=_("Where comments go"),
        ),
    ]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-closes_on", "-id"]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": _("The deadline cannot be before the opening date.")}
            )

    def status_on(self, today):
        if today < self.opens_on:
            return self.Status.UPCOMING
        return self.Status.OPEN if today <= self.closes_on else self.Status.CLOSED

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def get_status_display(self):
        return self.status.label


class ConsultationCommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class ConsultationComment(models.Model):
    """A public comment; nobody sees it on the portal until a moderator publishes it."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation"),
    )
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    comment = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ConsultationCommentQuerySet.as_manager()

    panels = [
        FieldPanel("consultation"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")]),
        FieldPanel("email"),
        FieldPanel("comment"),
        FieldPanel("is_published"),
    ]

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.name}: {self.comment[:60]}"


COMMENT_LIMIT = 5
COMMENT_WINDOW = 10 * 60  # seconds


def comment_allowed(request):
    """Count this sender's comment and say whether it is within COMMENT_LIMIT per COMMENT_WINDOW."""
    rate = f"{COMMENT_LIMIT}/{COMMENT_WINDOW}s/ip"
    return ratelimit.hit(request, "consultation_comment", rates=rate) is None


class ConsultationIndexPage(RoutablePageMixin, BasePage):
    parent_page_types = INFORMATION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("consultations on drafts")

    @path("")
    def listing(self, request):
        today = timezone.localdate()
        consultations = Consultation.objects.all()
        return self.render(
            request,
            context_overrides={
                "open_consultations": consultations.open(today).order_by("closes_on"),
                "upcoming_consultations": consultations.upcoming(today).order_by("opens_on"),
                "closed_consultations": consultations.closed(today)[:50],
            },
        )

    @path("<int:pk>/")
    def consultation(self, request, pk):
        from .forms import CommentForm

        consultation = get_object_or_404(Consultation.objects.select_related("file"), pk=pk)
        posted = request.method == "POST"
        form = CommentForm(request.POST if posted else None) if consultation.is_open else None
        status, refused_text = 200, ""
        if posted and form is None:
            # Whatever was typed comes back on the page so it can be sent to the unit by e-mail.
            status, refused_text = 403, request.POST.get("comment", "")[:5000]
            messages.error(
                request, gettext("This consultation is not taking comments: nothing was sent.")
            )
        elif posted and not form.is_valid():
            status = 400
        elif posted and not comment_allowed(request):
            status = 429
            form.add_error(
                None,
                gettext(
                    "You have sent several comments in a short time. Please wait ten minutes, "
                    "then send this one again: what you typed is kept below."
                ),
            )
        elif posted:
            form.instance.consultation = consultation
            form.save()
            messages.success(
                request,
                gettext(
                    "Thank you. Your comment has been received; it will appear on this page "
                    "once the editors have reviewed it."
                ),
            )
            return HttpResponseRedirect(request.path)
        response = self.render(
            request,
            template="publications/consultation_detail.html",
            context_overrides={
                "consultation": consultation,
                "comments": consultation.comments.published(),
                "form": form,
                "refused_text": refused_text,
            },
        )
        response.status_code = status
        return response


# --- P11 Science programmes (ND 43 Art. 11) -----------------------------------------------------


class ScienceProgrammeQuerySet(models.QuerySet):
    def filtered(self, *, level="", status="", field="", year=""):
        programmes = self
        if level in ScienceProgramme.Level.values:
            programmes = programmes.filter(level=level)
        if status in ScienceProgramme.Status.values:
            programmes = programmes.filter(status=status)
        if field:
            programmes = programmes.filter(field=field)
        if year.isdigit():
            year = int(year)
            programmes = programmes.filter(starts_on__year__lte=year, ends_on__year__gte=year)
        return programmes


class ScienceProgramme(models.Model):
    """A publicly funded science programme or project: the list fields and, once accepted, results."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        MINISTERIAL = "ministerial", _("Ministerial")
        PROVINCIAL = "provincial", _("Provincial")
        GRASSROOTS = "grassroots", _("Grassroots")

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        IN_PROGRESS = "in_progress", _("In progress")
        ACCEPTED = "accepted", _("Accepted by the council")
        CANCELLED = "cancelled", _("Stopped")

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=400)
    level = models.CharField(_("management level"), max_length=20, choices=Level)
    field = models.CharField(_("field"), max_length=200)
    lead_unit = models.CharField(_("lead unit"), max_length=200)
    principal_investigator = models.CharField(_("principal investigator"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    budget = models.PositiveBigIntegerField(_("budget (VND)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.IN_PROGRESS
    )
    results_summary = models.TextField(
        _("results"),
        blank=True,
        help_text=_("Summary of the results after acceptance by the scientific council."),
    )
    report_file = document_field(_("summary report"))
    application_file = document_field(_("report on applying the results"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScienceProgrammeQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldPanel("name"),
        FieldPanel("field"),
        FieldRowPanel([FieldPanel("lead_unit"), FieldPanel("principal_investigator")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldPanel("results_summary"),
                FieldPanel("report_file"),
                FieldPanel("application_file"),
            ],
            heading=_("Results"),
        ),
    ]

    class Meta:
        verbose_name = _("science programme")
        verbose_name_plural = _("science programmes")
        ordering = ["-starts_on", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class ScienceProgrammePage(RecordLibraryMixin, BasePage):
    record_model = ScienceProgramme
    record_template = "publications/science_programme_detail.html"
    parent_page_types = INFORMATION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("science programmes")

    @path("")
    def listing(self, request):
        chosen = chosen_filters(request, ("level", "status", "field", "year"))
        programmes = ScienceProgramme.objects.filtered(**chosen)
        every = ScienceProgramme.objects.all()
        years = set()
        for start, end in every.values_list("starts_on__year", "ends_on__year"):
            years.update(range(start, end + 1))
        return self.render(
            request,
            context_overrides={
                "page_obj": Paginator(programmes, 20).get_page(request.GET.get("page")),
                "chosen": chosen,
                "levels": ScienceProgramme.Level.choices,
                "statuses": ScienceProgramme.Status.choices,
                "fields": every.order_by("field").values_list("field", flat=True).distinct(),
                "years": sorted(years, reverse=True),
            },
        )


# --- P12 Statistics, annual financial report, list of published information ---------------------


class StatisticsRelease(models.Model):
    class Kind(models.TextChoices):
        STATISTICS = "statistics", _("Statistics")
        ANNUAL_FINANCIAL_REPORT = "annual_financial_report", _("Annual financial report")
        PUBLICATION_LIST = "publication_list", _("List of information to be published")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    period = models.CharField(
        _("period covered"), max_length=100, help_text=_("E.g. 2025, or the first quarter of 2026.")
    )
    published_on = models.DateField(_("published on"), db_index=True)
    publisher = models.CharField(_("publishing agency"), max_length=200, blank=True)
    summary = models.TextField(_("summary and analysis"), blank=True)
    methodology = models.TextField(
        _("methodology"),
        blank=True,
        help_text=_("How the figures were collected and computed; the survey and its dates."),
    )
    file = document_field(_("file"))
    tables = StreamField(
        [("table", TableBlock(label=_("Table"), template="blocks/table.html"))],
        blank=True,
        verbose_name=_("tables"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("published_on")]),
        FieldPanel("publisher"),
        FieldPanel("summary"),
        FieldPanel("methodology"),
        FieldPanel("file"),
        FieldPanel("tables"),
    ]

    class Meta:
        verbose_name = _("statistics release")
        verbose_name_plural = _("statistics releases")
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return self.title


class StatisticsPage(RecordLibraryMixin, BasePage):
    record_model = StatisticsRelease
    record_template = "publications/statistics_release_detail.html"
    parent_page_types = INFORMATION_PARENTS
    subpage_types = []

    class Meta:
        verbose_name = _("statistics and financial reports")

    @path("")
    def listing(self, request):
        chosen = chosen_filters(request, ("kind", "year"))
        releases = StatisticsRelease.objects.all()
        if chosen["kind"] in StatisticsRelease.Kind.values:
            releases = releases.filter(kind=chosen["kind"])
        if chosen["year"].isdigit():
            releases = releases.filter(published_on__year=int(chosen["year"]))
        return self.render(
            request,
            context_overrides={
                "page_obj": Paginator(releases, 20).get_page(request.GET.get("page")),
                "chosen": chosen,
                "kinds": StatisticsRelease.Kind.choices,
                "years": years_of(StatisticsRelease.objects.all(), "published_on"),
            },
        )
