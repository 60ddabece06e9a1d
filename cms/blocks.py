from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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
