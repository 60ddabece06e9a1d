"""Direction and operation (ND 43 Art. 10c): directions, petition replies, rewards and sanctions, and
the leaders' work schedule, kept once here and shown on every page that needs it."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from cms.models import BasePage

from . import weeks

PER_PAGE = 20


def years_of(queryset, field):
    return sorted({day.year for day in queryset.dates(field, "year")}, reverse=True)


class DirectionDocumentQuerySet(models.QuerySet):
    def filtered(self, *, kind="", year=""):
        documents = self
        if kind in self.model.Kind.values:
            documents = documents.filter(kind=kind)
        if year.isdigit():
            documents = documents.filter(issued_on__year=int(year))
        return documents


class DirectionDocument(index.Indexed, models.Model):
    """A direction of the head once issued in writing: a directive, official letter or decision."""

    class Kind(models.TextChoices):
        DIRECTIVE = "directive", _("Directive")
        OFFICIAL_LETTER = "official_letter", _("Official letter")
        DECISION = "decision", _("Decision")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OFFICIAL_LETTER)
    number_symbol = models.CharField(_("number and symbol"), max_length=100)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    issued_on = models.DateField(_("issued on"), db_index=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DirectionDocumentQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("number_symbol"),
        FieldPanel("issuing_body"),
        FieldPanel("issued_on"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("file"),
    ]
    search_fields = [
        index.SearchField("number_symbol"),
        index.SearchField("title"),
        index.SearchField("summary"),
    ]

    class Meta:
        verbose_name = _("direction document")
        verbose_name_plural = _("direction documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return f"{self.number_symbol} – {self.title[:80]}"


class PetitionReplyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def filtered(self, *, year=""):
        return self.filter(replied_on__year=int(year)) if year.isdigit() else self


class PetitionReply(index.Indexed, models.Model):
    """The answer to a petition or request from an organisation or a person."""

    petitioner = models.CharField(
        _("petitioner (organisation or person)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to keep the petitioner anonymous."),
    )
    subject = models.CharField(_("petition subject"), max_length=300)
    petition = models.TextField(_("content of the petition"), blank=True)
    received_on = models.DateField(_("received on"))
    replied_on = models.DateField(_("replied on"), db_index=True)
    reply = models.TextField(_("reply"))
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PetitionReplyQuerySet.as_manager()

    panels = [
        FieldPanel("petitioner"),
        FieldPanel("subject"),
        FieldPanel("petition"),
        FieldPanel("received_on"),
        FieldPanel("replied_on"),
        FieldPanel("reply"),
        FieldPanel("is_published"),
    ]
    search_fields = [index.SearchField("subject"), index.SearchField("reply")]

    class Meta:
        verbose_name = _("petition reply")
        verbose_name_plural = _("petition replies")
        ordering = ["-replied_on", "-id"]

    def __str__(self):
        return self.subject

    def clean(self):
        if self.received_on and self.replied_on and self.replied_on < self.received_on:
            raise ValidationError(
                {"replied_on": _("The reply date cannot be before the date received.")}
            )


class RewardSanctionQuerySet(models.QuerySet):
    def filtered(self, *, kind="", year=""):
        items = self
        if kind in self.model.Kind.values:
            items = items.filter(kind=kind)
        if year.isdigit():
            items = items.filter(decided_on__year=int(year))
        return items


class RewardSanction(models.Model):
    """A reward or a sanction for an organisation, enterprise or person in the province."""

    class Kind(models.TextChoices):
        REWARD = "reward", _("Reward")
        SANCTION = "sanction", _("Sanction")

    class RecipientKind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation or enterprise")
        INDIVIDUAL = "individual", _("Individual")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    recipient = models.CharField(_("organisation or individual"), max_length=200)
    recipient_kind = models.CharField(
        _("recipient is"),
        max_length=20,
        choices=RecipientKind,
        default=RecipientKind.ORGANISATION,
    )
    decision_number = models.CharField(_("decision number"), max_length=100)
    decided_on = models.DateField(_("decision date"), db_index=True)
    content = models.TextField(_("content"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RewardSanctionQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("recipient"),
        FieldPanel("recipient_kind"),
        FieldPanel("decision_number"),
        FieldPanel("decided_on"),
        FieldPanel("content"),
    ]

    class Meta:
        verbose_name = _("reward or sanction")
        verbose_name_plural = _("rewards and sanctions")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.decision_number} – {self.recipient}"


class WorkScheduleEntryQuerySet(models.QuerySet):
    def between(self, first: date, last: date):
        return self.filter(date__gte=first, date__lte=last).select_related("leader")

    def week(self, monday: date):
        return self.between(monday, monday + timedelta(days=6))


class WorkScheduleEntry(models.Model):
    """One engagement in the leaders' work schedule: edited once, shown on every page that needs it."""

    date = models.DateField(_("date"), db_index=True)
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"), null=True, blank=True)
    leader = models.ForeignKey(
        "organisation.Leader",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_schedule",
        verbose_name=_("leader"),
    )
    presiding = models.CharField(
        _("presiding (free text)"),
        max_length=200,
        blank=True,
        help_text=_("Who presides when it is not one of the leaders listed, or in addition."),
    )
    content = models.TextField(_("content"))
    location = models.CharField(_("location"), max_length=300, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    preparing_unit = models.CharField(_("preparing unit"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkScheduleEntryQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")],
            heading=_("When"),
        ),
        FieldPanel("leader"),
        FieldPanel("presiding"),
        FieldPanel("content"),
        FieldPanel("location"),
        FieldPanel("attendees"),
        FieldPanel("preparing_unit"),
    ]

    class Meta:
        verbose_name = _("work schedule entry")
        verbose_name_plural = _("work schedule entries")
        ordering = ["date", "starts_at", "id"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.starts_at:%H:%M} – {self.content[:60]}"

    def clean(self):
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end time must be after the start time.")
        if not self.leader_id and not self.presiding.strip():
            errors["presiding"] = _("Choose a leader or write who presides.")
        if errors:
            raise ValidationError(errors)

    @property
    def presiding_name(self):
        """Who presides, as shown to readers."""
        if self.leader and self.presiding:
            return f"{self.leader.full_name}, {self.presiding}"
        return self.leader.full_name if self.leader else self.presiding

    def start(self):
        return timezone.make_aware(datetime.combine(self.date, self.starts_at))

    def end(self):
        if self.ends_at is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.ends_at))


class DirectionIndexPage(RoutablePageMixin, BasePage):
    """Directions, petition replies, and rewards and sanctions: each a filtered, paginated list."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage", "organisation.IntroductionPage"]
    subpage_types = ["direction.WorkSchedulePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("direction and operation page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["schedule_pages"] = WorkSchedulePage.objects.live().public().child_of(self)
        return context

    def _listing(self, request, section, items, chosen, kinds, years):
        page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
        query_string = urlencode({key: value for key, value in chosen.items() if value})
        return self.render(
            request,
            template="direction/direction_index_page.html",
            context_overrides={
                "section": section,
                "page_obj": page,
                "chosen": chosen,
                "kinds": kinds,
                "years": years,
                "query_string": query_string,
            },
        )

    @path("")
    def documents(self, request):
        chosen = {key: request.GET.get(key, "")[:20] for key in ("kind", "year")}
        every = DirectionDocument.objects.all()
        return self._listing(
            request,
            "documents",
            every.filtered(**chosen).select_related("file"),
            chosen,
            DirectionDocument.Kind.choices,
            years_of(every, "issued_on"),
        )

    @path("tra-loi-kien-nghi/", name="petition_replies")
    def petition_replies(self, request):
        chosen = {"year": request.GET.get("year", "")[:20]}
        every = PetitionReply.objects.published()
        return self._listing(
            request,
            "petition_replies",
            every.filtered(**chosen),
            chosen,
            [],
            years_of(every, "replied_on"),
        )

    @path("khen-thuong-xu-ly/", name="rewards_sanctions")
    def rewards_sanctions(self, request):
        chosen = {key: request.GET.get(key, "")[:20] for key in ("kind", "year")}
        every = RewardSanction.objects.all()
        return self._listing(
            request,
            "rewards_sanctions",
            every.filtered(**chosen),
            chosen,
            RewardSanction.Kind.choices,
            years_of(every, "decided_on"),
        )


class WorkSchedulePage(RoutablePageMixin, BasePage):
    """The leaders' weekly work schedule, one ISO week at a time, with an iCalendar feed."""

    parent_page_types = ["direction.DirectionIndexPage", "cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("work schedule page")

    @path("")
    def week(self, request):
        requested = request.GET.get("tuan", "")[:20]
        today = timezone.localdate()
        monday = weeks.parse(requested) if requested else weeks.monday_of(today)
        error = ""
        if monday is None:
            error = gettext(
                "“%(week)s” is not a week. Write the year and the week number, for example %(example)s."
            ) % {"week": requested, "example": weeks.label(weeks.monday_of(today))}
            monday = weeks.monday_of(today)
        entries = list(WorkScheduleEntry.objects.week(monday))
        return self.render(
            request,
            template="direction/work_schedule_page.html",
            context_overrides={
                "error": error,
                "monday": monday,
                "sunday": monday + timedelta(days=6),
                "week_label": weeks.label(monday),
                "week_number": monday.isocalendar().week,
                "previous_week": weeks.label(monday - timedelta(days=7)),
                "next_week": weeks.label(monday + timedelta(days=7)),
                "this_week": weeks.label(weeks.monday_of(today)),
                "is_this_week": monday == weeks.monday_of(today),
                "days": weeks.days_with_entries(monday, entries),
                "entry_count": len(entries),
            },
        )

    @path("ical/", name="ical")
    def ical(self, request):
        from .ical import work_schedule_calendar

        today = timezone.localdate()
        requested = request.GET.get("tuan", "")[:20]
        monday = weeks.parse(requested) if requested else None
        if monday is not None:
            first, last = monday, monday + timedelta(days=6)
        else:
            first, last = weeks.monday_of(today) - timedelta(weeks=4), today + timedelta(weeks=26)
        entries = WorkScheduleEntry.objects.between(first, last)[:1000]
        body = work_schedule_calendar(
            entries, name=self.title, host=request.get_host().split(":")[0]
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="lich-lam-viec.ics"'
        return response
