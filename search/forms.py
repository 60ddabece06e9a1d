"""The search page's GET form. Bad input never fails the page: the query text is kept, and a filter
that does not make sense is dropped with a message saying so."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .database import ONLINE_LEVEL_LABELS
from .types import LEGAL_DOCUMENT, NEWS, PAGE, PROCEDURE, QUESTION, Query

MAX_QUERY_LENGTH = 200
PER_PAGE = 10

KIND_LABELS = {
    PROCEDURE: _("Administrative procedure"),
    LEGAL_DOCUMENT: _("Legal document"),
    NEWS: _("News"),
    QUESTION: _("Question and answer"),
    PAGE: _("Page"),
}

# The GET names of the filters (as in the address) and the Query attribute each one fills.
FILTERS = {
    "type": "kind",
    "field": "field_id",
    "agency": "agency_code",
    "year": "year",
    "online": "online_level",
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), required=False, strip=True)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", ""), *KIND_LABELS.items()]
    )
    field = forms.IntegerField(label=_("Field"), required=False, min_value=1, max_value=2**31 - 1)
    agency = forms.CharField(
        label=_("Agency"),
        required=False,
        max_length=50,
        validators=[RegexValidator(r"^[\w.-]+$")],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    online = forms.TypedChoiceField(
        label=_("Online service"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", ""), *sorted(ONLINE_LEVEL_LABELS.items(), reverse=True)],  # 4 first
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        # A query longer than the limit is shortened, not refused: the visitor still gets results.
        if isinstance(data.get("q"), str):
            data["q"] = data["q"][:MAX_QUERY_LENGTH]
        super().__init__(data, **kwargs)

    @property
    def ignored_filters(self):
        """The labels of the filters given but not understood (the page number is silently 1)."""
        self.is_valid()
        return [str(self.fields[name].label) for name in FILTERS if name in self.errors]

    @property
    def text(self):
        self.is_valid()
        return self.cleaned_data.get("q") or ""

    def to_query(self, *, locale="vi", per_page=PER_PAGE):
        """The Query for what was asked, leaving out every filter that was not valid."""
        self.is_valid()
        data = self.cleaned_data
        filters = {
            attribute: data[name]
            for name, attribute in FILTERS.items()
            if data.get(name) not in (None, "")
        }
        return Query(
            text=self.text,
            locale=locale,
            page=data.get("page") or 1,
            per_page=per_page,
            **filters,
        )


def kind_label(kind):
    return KIND_LABELS.get(kind, kind)
