import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from cms.models import BasePage
from portal import ratelimit
from portal.text import fold, nfc

from .deadlines import answer_due_on

# No 0/O and no 1/I: a code read out over the phone or copied from paper cannot be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_PREFIX = "HD-"
CODE_LENGTH = 6
DUE_SOON_DAYS = 3


def new_tracking_code():
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_tracking_code(text):
    """What a person typed ("hd 7k3m9q", "7K3M9Q") as a stored code, or "" if it cannot be one."""
    compact = "".join((text or "").upper().split()).replace("-", "")
    if compact.startswith(CODE_PREFIX[:-1]):
        compact = compact[len(CODE_PREFIX) - 1 :]
    if len(compact) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in compact):
        return ""
    return CODE_PREFIX + compact


class QuestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Question.OPEN_STATUSES)

    def published(self):
        """Answered questions the editors chose to publish: the only ones the public may read."""
        return self.filter(status=Question.Status.ANSWERED, is_published=True)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_soon(self, today=None, days=DUE_SOON_DAYS):
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))

    def matching(self, text):
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self


class Question(models.Model):
    """A question or comment sent through the portal (ND 43/2011 Art. 15.2 and Art. 17)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("Being answered")
        ANSWERED = "answered", _("Answered")
        REJECTED = "rejected", _("Not accepted (spam or out of scope)")

    OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)

    class Topic(models.TextChoices):
        PROCEDURES = "procedures", _("Administrative procedures")
        LAND = "land", _("Land, construction and housing")
        ENVIRONMENT = "environment", _("Natural resources and environment")
        BUSINESS = "business", _("Investment and business")
        LABOUR = "labour", _("Labour, employment and social affairs")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        TRANSPORT = "transport", _("Transport")
        PORTAL = "portal", _("This portal")
        OTHER = "other", _("Other")

    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True, editable=False)
    asker_name = models.CharField(_("name of the person asking"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic, default=Topic.OTHER)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("question"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="vi"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    due_on = models.DateField(
        _("answer due on"),
        blank=True,
        help_text=_("15 working days after submission (ND 43/2011 Art. 17)."),
        db_index=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.RECEIVED, db_index=True
    )
    answer = RichTextField(
        _("answer"), blank=True, features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    is_published = models.BooleanField(
        _("publish the answer"),
        default=False,
        help_text=_("Answers of general interest are published on the portal."),
    )
    # The hidden token of the form that sent it: a reload or a double click sends it again.
    idempotency_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("asker_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("topic"),
                FieldPanel("title"),
                FieldPanel("text"),
            ],
            heading=_("Question"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("answer"),
                FieldPanel("is_published"),
                FieldPanel("due_on", read_only=True),
            ],
            heading=_("Answer"),
        ),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-submitted_at", "-id"]

    def __str__(self):
        return f"{self.tracking_code} – {self.title}"

    def save(self, *args, **kwargs):
        self.title, self.asker_name = nfc(self.title), nfc(self.asker_name)
        if self.due_on is None:
            self.due_on = answer_due_on(self.submitted_at)
        if self.status == self.Status.ANSWERED and self.answered_at is None:
            self.answered_at = timezone.now()
        self.search_text = fold(f"{self.title} {self.text} {strip_tags(self.answer or '')}")
        if self.tracking_code:
            return super().save(*args, **kwargs)
        # A clash of random codes is rare; retry with a new one instead of failing the citizen.
        for attempt in range(5):
            self.tracking_code = new_tracking_code()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if (
                    attempt == 4
                    or not Question.objects.filter(tracking_code=self.tracking_code).exists()
                ):
                    self.tracking_code = ""
                    raise
        return None

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_public(self):
        return self.status == self.Status.ANSWERED and self.is_published

    def is_overdue(self, today=None):
        return self.is_open and self.due_on < (today or timezone.localdate())

    def clean(self):
        if self.status == self.Status.ANSWERED and not strip_tags(self.answer or "").strip():
            raise ValidationError({"answer": _("Write the answer before marking it answered.")})
        if self.is_published and self.status != self.Status.ANSWERED:
            raise ValidationError(
                {"is_published": _("Only an answered question can be published.")}
            )


class QuestionPage(RoutablePageMixin, BasePage):
    """Ask a question, follow it by its tracking code, and read the published answers."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("questions and answers page")

    @path("")
    def answers(self, request):
        query = request.GET.get("q", "")[:200]
        topic = request.GET.get("topic", "")[:20]
        questions = Question.objects.published().matching(query)
        if topic in Question.Topic.values:
            questions = questions.filter(topic=topic)
        page = Paginator(questions.order_by("-answered_at", "-id"), 10).get_page(
            request.GET.get("page")
        )
        return self.render(
            request,
            context_overrides={
                "page_obj": page,
                "query": query,
                "topic": topic,
                "topics": Question.Topic.choices,
            },
        )

    @path("cau-hoi/<str:code>/", name="answer")
    def answer(self, request, code):
        from django.http import Http404

        question = Question.objects.published().filter(tracking_code=code).first()
        if question is None:
            raise Http404
        return self.render(
            request,
            template="feedback/question_answer.html",
            context_overrides={"question": question},
        )

    @path("gui-cau-hoi/", name="ask")
    def ask(self, request):
        from . import flows
        from .forms import QuestionForm

        if request.method == "POST":
            form = QuestionForm(request.POST)
            status_url = self.get_full_url(request) + self.reverse_subpage("lookup")
            outcome = flows.submit_question(request, form, status_url=status_url)
            if outcome.question:
                request.session["feedback_submitted"] = outcome.question.tracking_code
                return redirect(self.url + self.reverse_subpage("submitted"))
            # Everything typed comes back with the message: nothing is lost.
            response = self.render(
                request, template="feedback/question_form.html", context_overrides={"form": form}
            )
            response.status_code = outcome.status
            return outcome.refusal.respond(response) if outcome.refusal else response
        form = QuestionForm(initial={"token": secrets.token_urlsafe(24)})
        return self.render(
            request, template="feedback/question_form.html", context_overrides={"form": form}
        )

    @path("da-gui/", name="submitted")
    def submitted(self, request):
        code = request.session.get("feedback_submitted")
        question = Question.objects.filter(tracking_code=code).first() if code else None
        if question is None:
            return redirect(self.url + self.reverse_subpage("ask"))
        return self.render(
            request,
            template="feedback/question_submitted.html",
            context_overrides={"question": question},
        )

    @path("tra-cuu/", name="lookup")
    def lookup(self, request):
        from . import flows

        typed = request.GET.get("ma", "")[:40]
        question, error, refusal = None, "", None
        if typed:
            refusal = ratelimit.hit(request, "lookup")
            if refusal:
                error = refusal.message
            else:
                question, error = flows.look_up(typed)
        response = self.render(
            request,
            template="feedback/question_status.html",
            context_overrides={"typed": typed, "question": question, "error": error},
        )
        if refusal:
            return refusal.respond(response)
        if error and not question:
            response.status_code = 404
        return response


class AccessibilityStatementPage(BasePage):
    """How the portal meets the accessibility standards and whom to tell when it does not
    (ND 43/2011 Art. 8; TT 32/2017 Art. 18; TT 26/2020)."""

    class Conformance(models.TextChoices):
        FULL = "full", _("Fully conformant")
        PARTIAL = "partial", _("Partially conformant")
        NONE = "none", _("Not conformant")

    standard = models.CharField(_("standard"), max_length=60, default="WCAG 2.1 AA")
    conformance = models.CharField(
        _("conformance"), max_length=20, choices=Conformance, default=Conformance.PARTIAL
    )
    body = RichTextField(_("body"), blank=True)
    known_limitations = RichTextField(_("known limitations"), blank=True)
    contact = RichTextField(
        _("contact for accessibility problems"),
        blank=True,
        help_text=_("Who to write to or call when part of the portal cannot be used."),
    )
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("standard"), FieldPanel("conformance"), FieldPanel("reviewed_on")],
            heading=_("Conformance"),
        ),
        FieldPanel("body"),
        FieldPanel("known_limitations"),
        FieldPanel("contact"),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
