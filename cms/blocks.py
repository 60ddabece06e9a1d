from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template import engines
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    # Alt text is required: screen readers must say what the picture shows (ND 43 Art. 8).
    alt_text = blocks.CharBlock(label=_("Alternative text"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "blocks/figure.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        label=_("Paragraph"),
    )
    figure = FigureBlock()
    table = TableBlock(label=_("Table"), template="blocks/table.html")


def validate_link_address(value):
    """A full http(s) address, or a path on this site such as /dich-vu-cong/."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class LinkBlock(blocks.StructBlock):
    """A link to a page of this installation or to another address; exactly one of the two."""

    title = blocks.CharBlock(label=_("Link text"), max_length=120)
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.CharBlock(
        required=False,
        max_length=300,
        validators=[validate_link_address],
        label=_("Address (URL)"),
        help_text=_("A full address (https://…) or a path on this site (/dich-vu-cong/)."),
    )
    description = blocks.CharBlock(required=False, max_length=200, label=_("Description"))

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or type an address, not both.")
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(message), "page": ValidationError(message)}
            )
        return value


class FeaturedLinksBlock(blocks.StructBlock):
    """Featured services and pages, shown as cards on the home page."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    links = blocks.ListBlock(LinkBlock(), min_num=1, label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Featured links")
        template = "blocks/featured_links.html"


class LatestNewsBlock(blocks.StructBlock):
    """The latest published articles of this site (under the page showing the block)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(min_value=1, max_value=12, default=4, label=_("Number of articles"))

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "blocks/latest_news.html"

    def get_context(self, value, parent_context=None):
        from .models import NewsPage

        context = super().get_context(value, parent_context=parent_context)
        page = context.get("page")
        news = NewsPage.objects.none()
        if page is not None:
            news = NewsPage.objects.live().public().descendant_of(page).order_by("-published_on")
        context["news"] = news[: value["count"]]
        return context


class WorkScheduleBlock(blocks.StructBlock):
    """The leaders' work schedule for this week (ND 43 Art. 10c), from the direction app."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)

    class Meta:
        icon = "date"
        label = _("Leaders' work schedule this week")
        template = "blocks/work_schedule.html"

    def get_template(self, value=None, context=None):
        # The schedule's template tag belongs to the direction app; without it the block says
        # nothing rather than breaking the home page.
        if "direction_tags" in engines["django"].engine.template_libraries:
            return self.meta.template
        return "blocks/work_schedule_unavailable.html"


class PortalLinksBlock(blocks.StructBlock):
    """Links to other state portals (ND 43 Art. 15.1.b)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    links = blocks.ListBlock(LinkBlock(), min_num=1, label=_("Links"))

    class Meta:
        icon = "site"
        label = _("Links to state portals")
        template = "blocks/portal_links.html"


class HomeBlock(BodyBlock):
    """What a site's administrator arranges on a home page, besides text, images and tables."""

    featured_links = FeaturedLinksBlock()
    latest_news = LatestNewsBlock()
    work_schedule = WorkScheduleBlock()
    portal_links = PortalLinksBlock()


class FooterLinksBlock(blocks.StreamBlock):
    link = LinkBlock()
