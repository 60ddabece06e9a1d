from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.models import BasePage
from portal.security import content_security_policy, current_nonce

from . import embeds

VIDEO_EXTENSIONS = ["mp4", "webm"]


class MultimediaIndexPage(BasePage):
    """The photo and video library: every gallery and video below it, newest first."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["multimedia.GalleryPage", "multimedia.VideoPage"]

    class Meta:
        verbose_name = _("photo and video library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific().order_by("-first_published_at")
        context["galleries"] = [page for page in children if isinstance(page, GalleryPage)]
        context["videos"] = [page for page in children if isinstance(page, VideoPage)]
        return context


class GalleryPage(BasePage):
    """Photos with their captions; each opens at full size."""

    taken_on = models.DateField(_("taken on"), null=True, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("taken_on"),
        FieldPanel("intro"),
        InlinePanel("photos", label=_("Photos"), min_num=1),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["multimedia.MultimediaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("photo gallery")

    @property
    def cover(self):
        return self.photos.first()


class GalleryPhoto(Orderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    # Required: a screen reader must be able to say what each photo shows (ND 43 Art. 8).
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class VideoPage(BasePage):
    """A video: a file kept on the portal, or a link to an allow-listed video site; with its
    transcript, the text alternative TT 32/2017 Art. 18 asks for."""

    video_file = models.FileField(
        _("video file"),
        upload_to="video/",
        blank=True,
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS)],
        help_text=_("MP4 or WebM."),
    )
    captions_file = models.FileField(
        _("captions (WebVTT)"),
        upload_to="video/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("poster image"),
    )
    embed_url = models.URLField(
        _("address on a video site"),
        blank=True,
        help_text=_("Only the sites on the portal's allow-list (YouTube, Vimeo) are accepted."),
    )
    show_player = models.BooleanField(
        _("show the video site's player on this page"),
        default=False,
        help_text=_(
            "Off: the page shows a link to the video. On: the other site's player is loaded "
            "in the page, and that site learns who watches."
        ),
    )
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    transcript = RichTextField(
        _("transcript"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "Everything said and shown in the video, for people who cannot hear or see it."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("captions_file"),
                FieldPanel("poster"),
            ],
            heading=_("Video kept on the portal"),
        ),
        MultiFieldPanel(
            [FieldPanel("embed_url"), FieldPanel("show_player")],
            heading=_("Or a video on another site"),
        ),
        FieldPanel("recorded_on"),
        FieldPanel("caption"),
        FieldPanel("transcript"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("transcript")]
    parent_page_types = ["multimedia.MultimediaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("video")

    def clean(self):
        super().clean()
        errors = {}
        if not self.video_file and not self.embed_url:
            errors["video_file"] = _("Upload a video file or give the address of the video.")
        if self.embed_url and not embeds.is_allowed(self.embed_url):
            errors["embed_url"] = _(
                "Videos can only come from these sites: %(hosts)s. Upload the file instead."
            ) % {"hosts": ", ".join(embeds.allowed_hosts())}
        elif self.embed_url and self.show_player and not embeds.player_url(self.embed_url):
            errors["show_player"] = _(
                "The player of this address cannot be shown; the page will link to it."
            )
        if not strip_tags(self.transcript or "").strip():
            errors["transcript"] = _("Write the transcript of the video.")
        if errors:
            raise ValidationError(errors)

    @property
    def player_url(self):
        return embeds.player_url(self.embed_url) if self.show_player and self.embed_url else ""

    @property
    def embed_host(self):
        return embeds.host_of(self.embed_url)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        origin = embeds.frame_origin(self.embed_url) if self.player_url else ""
        if origin:
            # The site-wide policy forbids frames; this page lets in its one chosen player.
            nonce = getattr(request, "csp_nonce", "") or current_nonce.get()
            response["Content-Security-Policy"] = (
                f"{content_security_policy(nonce)}; frame-src {origin}"
            )
        return response
