"""The building blocks editors use to lay out a procedure's e-form in the Wagtail admin."""

from django.core.validators import RegexValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

key_validator = RegexValidator(
    r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$",
    _("Use lower-case letters without diacritics, digits, and single - or _ between them."),
)


class PrefillSource:
    NONE = ""
    FULL_NAME = "full_name"
    PHONE = "phone"
    EMAIL = "email"

    CHOICES = [
        (NONE, _("Nothing")),
        (FULL_NAME, _("Full name from the account")),
        (PHONE, _("Phone number from the account")),
        (EMAIL, _("E-mail address from the account")),
    ]


def key_block():
    return blocks.CharBlock(
        label=_("key"),
        max_length=40,
        validators=[key_validator],
        help_text=_("Short unique name of the answer, e.g. ho_ten. Do not change it once in use."),
    )


class BaseFieldBlock(blocks.StructBlock):
    key = key_block()
    label = blocks.CharBlock(label=_("label"), max_length=200)
    help_text = blocks.CharBlock(label=_("help text"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)


def prefill_block():
    return blocks.ChoiceBlock(
        label=_("fill in from"),
        choices=PrefillSource.CHOICES,
        required=False,
        default=PrefillSource.NONE,
    )


class TextFieldBlock(BaseFieldBlock):
    prefill = prefill_block()
    max_length = blocks.IntegerBlock(
        label=_("maximum length"), default=200, min_value=1, max_value=1000
    )

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class LongTextFieldBlock(BaseFieldBlock):
    max_length = blocks.IntegerBlock(
        label=_("maximum length"), default=2000, min_value=1, max_value=10000
    )

    class Meta:
        icon = "doc-full"
        label = _("Long text")


class NumberFieldBlock(BaseFieldBlock):
    min_value = blocks.DecimalBlock(label=_("minimum"), required=False)
    max_value = blocks.DecimalBlock(label=_("maximum"), required=False)
    decimal_places = blocks.IntegerBlock(
        label=_("decimal places"), default=0, min_value=0, max_value=4
    )

    class Meta:
        icon = "order"
        label = _("Number")


class DateFieldBlock(BaseFieldBlock):
    period = blocks.ChoiceBlock(
        label=_("allowed dates"),
        choices=[
            ("any", _("Any date")),
            ("past", _("Today or earlier")),
            ("future", _("Today or later")),
        ],
        default="any",
    )

    class Meta:
        icon = "date"
        label = _("Date")


class ChoiceFieldBlock(BaseFieldBlock):
    options = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("options"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("Choice")


class AddressFieldBlock(BaseFieldBlock):
    class Meta:
        icon = "site"
        label = _("Address (province, commune, street)")


class CitizenIdFieldBlock(BaseFieldBlock):
    class Meta:
        icon = "user"
        label = _("Citizen ID number")


class PhoneFieldBlock(BaseFieldBlock):
    prefill = prefill_block()

    class Meta:
        icon = "mobile-alt"
        label = _("Phone number")


class EmailFieldBlock(BaseFieldBlock):
    prefill = prefill_block()

    class Meta:
        icon = "mail"
        label = _("E-mail address")


def simple_field_blocks():
    return [
        ("text", TextFieldBlock()),
        ("long_text", LongTextFieldBlock()),
        ("number", NumberFieldBlock()),
        ("date", DateFieldBlock()),
        ("choice", ChoiceFieldBlock()),
        ("address", AddressFieldBlock()),
        ("citizen_id", CitizenIdFieldBlock()),
        ("phone", PhoneFieldBlock()),
        ("email", EmailFieldBlock()),
    ]


def _duplicate_keys(keys):
    seen, duplicates = set(), []
    for key in keys:
        if key in seen and key not in duplicates:
            duplicates.append(key)
        seen.add(key)
    return duplicates


def _duplicates_error(duplicates):
    return blocks.StreamBlockValidationError(
        non_block_errors=ErrorList(
            [_("Each key may be used only once: %(keys)s.") % {"keys": ", ".join(duplicates)}]
        )
    )


class GroupFieldsBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        super().__init__(simple_field_blocks(), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        duplicates = _duplicate_keys(child.value["key"] for child in value)
        if duplicates:
            raise _duplicates_error(duplicates)
        return value


class GroupFieldBlock(blocks.StructBlock):
    key = key_block()
    label = blocks.CharBlock(label=_("label"), max_length=200)
    help_text = blocks.CharBlock(label=_("help text"), required=False, max_length=500)
    required = blocks.BooleanBlock(
        label=_("at least one row required"), required=False, default=True
    )
    row_label = blocks.CharBlock(
        label=_("name of one row"), max_length=100, help_text=_("For example: Family member")
    )
    max_rows = blocks.IntegerBlock(label=_("maximum rows"), default=10, min_value=1, max_value=50)
    fields = GroupFieldsBlock(label=_("fields of each row"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Repeatable group")


class StepFieldsBlock(blocks.StreamBlock):
    def __init__(self, **kwargs):
        super().__init__([*simple_field_blocks(), ("group", GroupFieldBlock())], **kwargs)


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    help = blocks.TextBlock(label=_("guidance"), required=False)
    fields = StepFieldsBlock(label=_("fields"), min_num=1)

    class Meta:
        icon = "form"
        label = _("Step")


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        value = super().clean(value)
        keys = [field.value["key"] for step in value for field in step.value["fields"]]
        duplicates = _duplicate_keys(keys)
        if duplicates:
            raise _duplicates_error(duplicates)
        return value


def raw_field(block_type, key, label, **options):
    """A field in the StreamField's raw form, for code that builds definitions (demo, tests)."""
    value = {"key": key, "label": label, "help_text": "", "required": True, **options}
    if block_type == "group":
        value["fields"] = [_raw(field) for field in value["fields"]]
    return {"type": block_type, "value": value}


def _raw(field):
    return raw_field(*field[:3], **(field[3] if len(field) > 3 else {}))


def raw_step(title, fields, help=""):
    """A step in raw form; `fields` holds (type, key, label, {options}) tuples."""
    return {
        "type": "step",
        "value": {
            "title": title,
            "help": help,
            "fields": [_raw(field) for field in fields],
        },
    }
