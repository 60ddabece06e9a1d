"""Statistics screens: the public page (/thong-ke/, TT 32/2017 Art. 11.3), the back-office report with
its spreadsheet and CSV exports, and the internal QĐ 766 / TT 01/2018 scorecard. Every figure comes
from statistics.compute(); these views only choose the period and the selection and lay it out."""

import csv
import io
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Agency
from portal.choices import LongModelChoiceField
from services.dossiers.models import Dossier
from services.procedures.models import Field, Procedure

from . import satisfaction, statistics

MAX_DAYS = 731
EXPORT_FORMATS = ("xlsx", "csv")
CHART_WIDTH = 400
CHART_LABEL_SPACE = 24
CHART_BAR_HEIGHT = 22
CHART_ROW = 58
CHART_BAR_MAX = 290
PATTERNS = ("solid", "hatch", "dots", "cross", "stripes", "blank")


class StatisticsFilterForm(forms.Form):
    """Period and selection; GET names `from`, `to`, `agency` (code), `field` (id), `procedure`
    (code), the same as the API's."""

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All agencies"),
    )
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=Field.objects.none(),
        required=False,
        empty_label=_("All fields"),
    )
    procedure = LongModelChoiceField(
        label=_("Procedure"),
        queryset=Procedure.objects.none(),
        to_field_name="code",
        label_fields=("name", "code"),
        label_format="{} ({})",
        required=False,
        empty_label=_("All procedures"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what has dossiers: the national catalogue has thousands of procedures.
        dossiers = Dossier.objects.submitted()
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=dossiers.values("agency_id")
        ).order_by("name")
        self.fields["procedure"].queryset = Procedure.objects.filter(
            pk__in=dossiers.values("procedure_id")
        ).order_by("name")
        self.fields["field"].queryset = Field.objects.filter(
            pk__in=dossiers.values("procedure__field_id")
        ).order_by("name")
        self.fields["agency"].label_from_instance = lambda item: item.name

    def add_prefix(self, field_name):
        return {"date_from": "from", "date_to": "to"}.get(field_name, field_name)

    def clean(self):
        data = super().clean()
        default_start, default_end = statistics.default_period()
        start = data.get("date_from") or default_start
        end = data.get("date_to") or (default_end if start <= default_end else start)
        if end < start:
            raise forms.ValidationError(_("The end date is before the start date."))
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most two years."))
        data["date_from"], data["date_to"] = start, end
        return data


@dataclass
class Selection:
    form: StatisticsFilterForm
    start: object
    end: object
    agency: object = None
    field: object = None
    procedure: object = None

    @property
    def filters(self):
        return {"agency": self.agency, "field": self.field, "procedure": self.procedure}

    def query_string(self):
        params = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.agency:
            params["agency"] = self.agency.code
        if self.field:
            params["field"] = self.field.pk
        if self.procedure:
            params["procedure"] = self.procedure.code
        return "&".join(f"{key}={value}" for key, value in params.items())


def selection_of(form):
    """The period and selection of a valid filter form (the screens and the API)."""
    data = form.cleaned_data
    return Selection(
        form, data["date_from"], data["date_to"], data["agency"], data["field"], data["procedure"]
    )


def selection_from(params):
    """The period and selection asked for; an invalid form falls back to the default period."""
    form = StatisticsFilterForm(params or None)
    if params and form.is_valid():
        return selection_of(form)
    start, end = statistics.default_period()
    if not params:
        form = StatisticsFilterForm(initial={"date_from": start, "date_to": end})
    return Selection(form, start, end)


def bar_chart(chart_id, items):
    """Geometry for a horizontal bar chart: each bar with its own pattern, label and number, so it
    reads without colour. `items` = [(label, value)]."""
    top = max((value for _label, value in items), default=0)
    bars = []
    for index, (label, value) in enumerate(items):
        width = round(value * CHART_BAR_MAX / top, 1) if top else 0
        y = index * CHART_ROW
        bars.append(
            {
                "label": label,
                "value": value,
                "label_y": y + 18,
                "bar_y": y + CHART_LABEL_SPACE,
                "width": max(width, 1 if value else 0),
                "value_x": max(width, 1) + 8,
                "value_y": y + CHART_LABEL_SPACE + 17,
                "pattern": f"{chart_id}-{PATTERNS[index % len(PATTERNS)]}",
            }
        )
    return {
        "id": chart_id,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(items) * CHART_ROW, CHART_ROW),
        "bar_height": CHART_BAR_HEIGHT,
    }


CHARTS = [
    (
        "chart-received",
        _("Dossiers received"),
        ("carried_over", "received_online", "received_counter", "received_post"),
    ),
    (
        "chart-outcome",
        _("What became of them"),
        (
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "in_progress_on_time",
            "in_progress_overdue",
            "waiting_for_supplements",
        ),
    ),
]


def charts_for(report):
    return [
        {
            **bar_chart(chart_id, [(statistics.LABELS[key], getattr(report, key)) for key in keys]),
            "title": title,
        }
        for chart_id, title, keys in CHARTS
    ]


def breakdown_rows(rows):
    """Per-agency / per-procedure rows with the on-screen columns: [(row, [(key, value)])]."""
    return [(row, [(key, getattr(row.figures, key)) for key in BREAKDOWN_KEYS]) for row in rows]


# The screens list the procedures with the most dossiers; a province has thousands, and every one
# is in the exports and can be chosen in the filter.
SCREEN_PROCEDURE_ROWS = 30


def context_for(selection):
    report = statistics.shared_report(selection.start, selection.end, **selection.filters)
    procedures, procedures_left_out = statistics.busiest(report.procedures, SCREEN_PROCEDURE_ROWS)
    ratings = satisfaction.summary(selection.start, selection.end, **selection.filters)
    return {
        "selection": selection,
        "form": selection.form,
        "report": report,
        "rows": report.rows(),
        "rates": [
            (key, statistics.RATE_LABELS[key], value) for key, value in report.rates().items()
        ],
        "charts": charts_for(report),
        "ratings": ratings,
        "breakdowns": [
            {
                "id": "stats-agencies",
                "title": _("Per agency"),
                "caption": _("Dossiers per agency"),
                "rows": breakdown_rows(report.agencies),
                "link_param": "agency",
            },
            {
                "id": "stats-procedures",
                "title": _("Per procedure"),
                "caption": _("Dossiers per procedure"),
                "rows": breakdown_rows(procedures),
                "link_param": "procedure",
                "left_out": procedures_left_out,
            },
        ],
        "breakdown_labels": [statistics.LABELS[key] for key in BREAKDOWN_KEYS],
    }


# The columns of the per-agency / per-procedure tables on screen (the exports have every figure).
BREAKDOWN_KEYS = [
    "carried_over",
    "received",
    "received_online",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress_on_time",
    "in_progress_overdue",
    "waiting_for_supplements",
]


def public_statistics(request):
    """The public statistics page per agency and per procedure (TT 32/2017 Art. 11.3)."""
    context = context_for(selection_from(request.GET))
    return render(request, "backoffice/stats/public.html", context)


# Exports -------------------------------------------------------------------------------------------


def export_table(report):
    """Header and rows shared by the CSV and the spreadsheet: the total, then each agency, then each
    procedure, with every figure and rate."""
    keys = list(statistics.LABELS)
    rate_keys = list(statistics.RATE_LABELS)
    header = [gettext("Scope"), gettext("Code"), gettext("Name")]
    header += [str(statistics.LABELS[key]) for key in keys]
    header += [f"{statistics.RATE_LABELS[key]} (%)" for key in rate_keys]

    def line(scope, code, name, figures):
        return [
            scope,
            code,
            name,
            *(getattr(figures, key) for key in keys),
            *("" if getattr(figures, key) is None else getattr(figures, key) for key in rate_keys),
        ]

    rows = [line(gettext("Total"), "", "", report)]
    rows += [line(gettext("Agency"), row.code, row.name, row.figures) for row in report.agencies]
    rows += [
        line(gettext("Procedure"), row.code, row.name, row.figures) for row in report.procedures
    ]
    return header, rows


def to_csv(report):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header, rows = export_table(report)
    writer.writerow(header)
    writer.writerows(rows)
    # A byte-order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
    return "\ufeff" + out.getvalue()


def to_xlsx(report, selection):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Statistics")[:31]
    header, rows = export_table(report)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "D2"
    about = workbook.create_sheet(gettext("Period")[:31])
    about.append([gettext("From"), selection.start.strftime("%d/%m/%Y")])
    about.append([gettext("To"), selection.end.strftime("%d/%m/%Y")])
    about.append([gettext("Agency"), selection.agency.name if selection.agency else ""])
    about.append([gettext("Field"), str(selection.field) if selection.field else ""])
    about.append([gettext("Procedure"), selection.procedure.name if selection.procedure else ""])
    about.append([gettext("Generated at"), timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(report, selection, output_format):
    name = f"thong-ke-ho-so-{selection.start:%Y%m%d}-{selection.end:%Y%m%d}.{output_format}"
    if output_format == "csv":
        response = HttpResponse(to_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx(report, selection),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Back office ---------------------------------------------------------------------------------------


def _require_backoffice(request):
    from .views import can_open_backoffice

    if not can_open_backoffice(request.user):
        raise PermissionDenied


def report(request):
    """The back-office report: the same figures, per agency and per procedure, with exports."""
    _require_backoffice(request)
    selection = selection_from(request.GET)
    output_format = request.GET.get("format")
    if output_format in EXPORT_FORMATS:
        report = statistics.shared_report(selection.start, selection.end, **selection.filters)
        return export_response(report, selection, output_format)
    from .views import screen

    return screen(
        request,
        "backoffice/stats/report.html",
        gettext("Dossier statistics"),
        context_for(selection),
    )


def scorecard(request):
    """Internal scorecard: the QĐ 766 indicators the data supports and the TT 01/2018 indices."""
    _require_backoffice(request)
    selection = selection_from(request.GET)
    figures, indicators, times = statistics.indicators(
        selection.start, selection.end, **selection.filters
    )
    from .views import screen

    return screen(
        request,
        "backoffice/stats/scorecard.html",
        gettext("Service quality scorecard"),
        {
            "selection": selection,
            "form": selection.form,
            "report": figures,
            "indicators": indicators,
            "times": times,
            "index_rows": satisfaction.agency_indices(
                selection.start, selection.end, **selection.filters
            ),
            "index_names": satisfaction.INDEX_NAMES,
            "ratings": satisfaction.summary(selection.start, selection.end, **selection.filters),
        },
    )
