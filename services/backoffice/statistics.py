"""Dossier statistics: ONE implementation behind every screen, export, command and API.

`compute(start, end, *, agency=None, field=None, procedure=None)` counts the dossiers of a period
(two dates, both included, in the portal's time zone) the way the periodic report (TT 01/2018 Art. 11,
form 06a) and the QĐ 766 index do (spec §3.9):

Received
- **carried over**: received before the first day and still open at its start (not yet completed,
  withdrawn, stopped or refused);
- **received**: received during the period (the dossier's first receipt, `received_at`), by channel:
  online (KenhThucHien 2), at the counter (1), by post (3).

What became of every dossier carried over or received (each counts once, so
``carried_over + received == resolved + in_progress + waiting_for_supplements + closed_without_result``):
- **resolved** (completed during the period; the completion time is NgayKetThucXuLy, the first
  terminal status in QĐ 766's order):
  - **late** when it was asked for supplements more than once (QĐ 766: "more than one supplement
    request ⇒ late") or completed after its appointment (`completed_at > due_at`);
  - otherwise **early** when completed on a calendar day before the appointment's day, and **on
    time** when completed on the appointment's day, by its hour (§3.9: NgayTra < / = NgayHenTra).
  The appointment (`due_at`) already leaves out the supplement time — the deadline engine restarts
  the full processing time once the complete dossier is received (ND 61 Art. 19.4) — and includes
  the one extension, so comparing with it is QĐ 766's "supplement time subtracted". A dossier with
  no computable appointment (a procedure without a statutory time) cannot be late by its date.
- **in progress at the end of the period** (still open then, not waiting for supplements):
  **overdue** when the appointment is before the end of the period or it was asked for supplements
  more than once, otherwise **within the deadline**;
- **waiting for supplements** at the end of the period;
- **closed without a result** during the period: withdrawn, stopped or refused after receipt.

Decisions of the period, whatever the receipt: **withdrawn** (status 7), **stopped** (8) and
**refused** (3, not received) count the dossiers that reached that status during the period.

QĐ 766 indicator 2.1 (**on-time rate**) = dossiers finished or in progress on time ÷ dossiers carried
over or received. Finished on time = resolved early or on time, or closed without a result by the
appointment with at most one supplement request; in progress on time = within the deadline at the
end of the period, or waiting for its first supplement (its end is the request, made while the clock
ran); more than one supplement request is late.

States "at the end of the period" come from the event log (the status of the last event before
it), so a past period gives the same figures tomorrow. The appointment used for dossiers still open
then is their current one (an appointment is only moved later by a supplement or an extension).
Everything is counted by the database: one grouped query over the dossiers, none per dossier.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.dossiers.models import Dossier, DossierEvent

logger = logging.getLogger(__name__)

S = Dossier.Status
Channel = Dossier.Channel
NO_RESULT = (S.WITHDRAWN, S.STOPPED, S.NOT_RECEIVED)

# The order and labels of the figures wherever they are shown (tables, exports, JSON keys).
LABELS = {
    "carried_over": _("Carried over from the previous period"),
    "received_online": _("Received online"),
    "received_counter": _("Received at the counter"),
    "received_post": _("Received by post"),
    "received": _("Received in the period"),
    "handled": _("Total to handle"),
    "resolved_early": _("Resolved early"),
    "resolved_on_time": _("Resolved on time"),
    "resolved_late": _("Resolved late"),
    "resolved": _("Resolved"),
    "in_progress_on_time": _("In progress, within the deadline"),
    "in_progress_overdue": _("In progress, overdue"),
    "waiting_for_supplements": _("Waiting for supplements"),
    "closed_without_result": _("Closed without a result after receipt"),
    "withdrawn": _("Withdrawn at the citizen's request"),
    "stopped": _("Processing stopped"),
    "refused": _("Refused (not received)"),
    "online_resolved": _("Online dossiers resolved"),
    "online_resolved_in_time": _("Online dossiers resolved early or on time"),
    "on_time_766": _("Handled early or on time (QĐ 766)"),
}
RATE_LABELS = {
    "on_time_rate": _("On-time rate (QĐ 766 indicator 2.1)"),
    "resolved_in_time_rate": _("Resolved early or on time"),
    "online_in_time_rate": _("Online dossiers resolved on time"),
    "online_share": _("Share received online"),
}


def tz():
    return timezone.get_default_timezone()


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start of the first day, start of the day after the last) in the portal's time zone."""
    if end < start:
        raise ValueError("The end of the period is before its start.")
    first = datetime.combine(start, time.min, tzinfo=tz())
    after = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz())
    return first, after


def percent(part, whole):
    """A percentage with one decimal, None when there is nothing to divide by."""
    if not whole:
        return None
    return float(round(Decimal(part) * 100 / Decimal(whole), 1))


@dataclass
class Figures:
    """The counts of one period for one selection of dossiers (see the module docstring)."""

    carried_over: int = 0
    received_online: int = 0
    received_counter: int = 0
    received_post: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    in_progress_on_time: int = 0
    in_progress_overdue: int = 0
    waiting_for_supplements: int = 0
    closed_without_result: int = 0
    withdrawn: int = 0
    stopped: int = 0
    refused: int = 0
    online_resolved: int = 0
    online_resolved_in_time: int = 0
    on_time_766: int = 0

    @property
    def received(self):
        return self.received_online + self.received_counter + self.received_post

    @property
    def handled(self):
        return self.carried_over + self.received

    @property
    def resolved(self):
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def in_progress(self):
        return self.in_progress_on_time + self.in_progress_overdue

    @property
    def on_time_rate(self):
        return percent(self.on_time_766, self.handled)

    @property
    def resolved_in_time_rate(self):
        return percent(self.resolved_early + self.resolved_on_time, self.resolved)

    @property
    def online_in_time_rate(self):
        return percent(self.online_resolved_in_time, self.online_resolved)

    @property
    def online_share(self):
        return percent(self.received_online, self.received)

    @property
    def is_empty(self):
        return not any(getattr(self, item.name) for item in fields(self))

    def add(self, other):
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def counts(self):
        """{key: count} in the order of LABELS, derived totals included."""
        return {key: getattr(self, key) for key in LABELS}

    def rates(self):
        return {key: getattr(self, key) for key in RATE_LABELS}

    def rows(self):
        """(key, label, count) in display order."""
        return [(key, LABELS[key], getattr(self, key)) for key in LABELS]

    def as_dict(self):
        return {**self.counts(), **self.rates()}


@dataclass
class Row:
    """One line of a breakdown: an agency or a procedure and its figures."""

    code: str
    name: str
    figures: Figures

    def as_dict(self):
        """The row as the command's JSON and the API give it."""
        return {"code": self.code, "name": self.name, "figures": self.figures.as_dict()}


@dataclass
class Report(Figures):
    """The figures of the whole selection, plus the same figures per agency and per procedure."""

    start: date | None = None
    end: date | None = None
    agencies: list[Row] = field(default_factory=list)
    procedures: list[Row] = field(default_factory=list)
    computed_at: datetime | None = None


def resolve_filters(*, agency=None, field=None, procedure=None):
    """Model instances for codes / ids (the command, the API and the forms pass strings)."""
    from portal.accounts.models import Agency
    from services.procedures.models import Field, Procedure

    if agency is not None and not isinstance(agency, Agency):
        agency = Agency.objects.get(code=agency)
    if field is not None and not isinstance(field, Field):
        field = Field.objects.get(pk=field)
    if procedure is not None and not isinstance(procedure, Procedure):
        procedure = Procedure.objects.get(code=procedure)
    return agency, field, procedure


def selection(*, agency=None, field=None, procedure=None):
    """The submitted dossiers of an agency / field / procedure (all when None)."""
    dossiers = Dossier.objects.submitted()
    if agency is not None:
        dossiers = dossiers.filter(agency=agency)
    if field is not None:
        dossiers = dossiers.filter(procedure__field=field)
    if procedure is not None:
        dossiers = dossiers.filter(procedure=procedure)
    return dossiers


def _annotated(dossiers, first, after):
    """Each dossier of the period with its categories, computed by the database."""
    status_at_end = Subquery(
        DossierEvent.objects.filter(dossier=OuterRef("pk"), at__lt=after)
        .order_by("-at", "-pk")
        .values("to_status")[:1]
    )
    supplement_requests = Coalesce(
        Subquery(
            DossierEvent.objects.filter(
                dossier=OuterRef("pk"), action="request_supplement", at__lt=after
            )
            .order_by()
            .values("dossier")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )
    received_before_end = Q(received_at__lt=after)
    closed_before_end = Q(closed_at__lt=after)
    finished_by_end = closed_before_end & Q(status__in=Dossier.FINISHED)
    closed_in_period = Q(closed_at__gte=first, closed_at__lt=after)
    dossiers = dossiers.filter(
        (received_before_end & (Q(closed_at__isnull=True) | Q(closed_at__gte=first)))
        | (closed_in_period & Q(status__in=NO_RESULT))
    )
    local = tz()
    return dossiers.annotate(
        end_status=Coalesce(status_at_end, F("status")),
        supplements=supplement_requests,
        carried=ExpressionWrapper(
            Q(received_at__lt=first) & (Q(closed_at__isnull=True) | Q(closed_at__gte=first)),
            output_field=BooleanField(),
        ),
        new=ExpressionWrapper(
            Q(received_at__gte=first, received_at__lt=after), output_field=BooleanField()
        ),
        completed_day=TruncDate("completed_at", tzinfo=local),
        due_day=TruncDate("due_at", tzinfo=local),
    ).annotate(
        outcome=Case(
            When(received_at__isnull=True, then=Value("")),
            When(received_at__gte=after, then=Value("")),
            # Closed by the end of the period: the status it ended in.
            When(finished_by_end & Q(supplements__gt=1), then=Value("late")),
            When(
                finished_by_end & Q(due_at__isnull=False, completed_at__gt=F("due_at")),
                then=Value("late"),
            ),
            When(
                finished_by_end & Q(due_at__isnull=False, completed_day__lt=F("due_day")),
                then=Value("early"),
            ),
            When(finished_by_end, then=Value("on_time")),
            When(
                closed_before_end
                & Q(supplements__lte=1)
                & (Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at"))),
                then=Value("closed_on_time"),
            ),
            When(closed_before_end, then=Value("closed_late")),
            # Still open at the end of the period.
            When(
                Q(end_status=S.SUPPLEMENT_REQUESTED, supplements__lte=1),
                then=Value("waiting_on_time"),
            ),
            When(Q(end_status=S.SUPPLEMENT_REQUESTED), then=Value("waiting_late")),
            When(
                Q(supplements__gt=1) | Q(due_at__isnull=False, due_at__lt=after),
                then=Value("progress_overdue"),
            ),
            default=Value("progress_on_time"),
            output_field=CharField(),
        ),
        decision=Case(
            When(closed_in_period & Q(status=S.WITHDRAWN), then=Value("withdrawn")),
            When(closed_in_period & Q(status=S.STOPPED), then=Value("stopped")),
            When(closed_in_period & Q(status=S.NOT_RECEIVED), then=Value("refused")),
            default=Value(""),
            output_field=CharField(),
        ),
    )


OUTCOME_FIELDS = {
    "early": ("resolved_early",),
    "on_time": ("resolved_on_time",),
    "late": ("resolved_late",),
    "progress_on_time": ("in_progress_on_time",),
    "progress_overdue": ("in_progress_overdue",),
    "waiting_on_time": ("waiting_for_supplements",),
    "waiting_late": ("waiting_for_supplements",),
    "closed_on_time": ("closed_without_result",),
    "closed_late": ("closed_without_result",),
}
ON_TIME_OUTCOMES = frozenset(
    {"early", "on_time", "progress_on_time", "waiting_on_time", "closed_on_time"}
)
RECEIVED_FIELDS = {
    Channel.ONLINE: "received_online",
    Channel.COUNTER: "received_counter",
    Channel.POST: "received_post",
}


def _count_into(figures, group, n):
    if group["carried"]:
        figures.carried_over += n
    if group["new"]:
        name = RECEIVED_FIELDS[group["channel"]]
        setattr(figures, name, getattr(figures, name) + n)
    outcome = group["outcome"]
    for name in OUTCOME_FIELDS.get(outcome, ()):
        setattr(figures, name, getattr(figures, name) + n)
    if outcome in ON_TIME_OUTCOMES:
        figures.on_time_766 += n
    if group["channel"] == Channel.ONLINE and outcome in ("early", "on_time", "late"):
        figures.online_resolved += n
        if outcome != "late":
            figures.online_resolved_in_time += n
    if group["decision"]:
        name = group["decision"]
        setattr(figures, name, getattr(figures, name) + n)


def groups(start, end, *, agency=None, field=None, procedure=None):
    """The grouped rows of the one query: agency, procedure, channel and categories with a count."""
    agency, field, procedure = resolve_filters(agency=agency, field=field, procedure=procedure)
    first, after = period_bounds(start, end)
    dossiers = _annotated(selection(agency=agency, field=field, procedure=procedure), first, after)
    return (
        dossiers.order_by()
        .values("agency_id", "procedure_id", "channel", "carried", "new", "outcome", "decision")
        .annotate(n=Count("pk"))
    )


def compute(start, end, *, agency=None, field=None, procedure=None) -> Report:
    """The figures of the period `start`–`end` (dates, both included) for the selection, with the
    same figures per agency and per procedure (see the module docstring for every definition)."""
    report = Report(start=start, end=end)
    per_agency = defaultdict(Figures)
    per_procedure = defaultdict(Figures)
    for group in groups(start, end, agency=agency, field=field, procedure=procedure):
        n = group["n"]
        _count_into(report, group, n)
        _count_into(per_agency[group["agency_id"]], group, n)
        _count_into(per_procedure[group["procedure_id"]], group, n)
    report.agencies = _rows(per_agency, "agency")
    report.procedures = _rows(per_procedure, "procedure")
    report.computed_at = timezone.now()
    return report


def cache_key(start, end, *, agency=None, field=None, procedure=None):
    parts = [start, end] + [getattr(item, "pk", item) or "" for item in (agency, field, procedure)]
    return "statistics:" + ":".join(str(part) for part in parts)


def shared_report(start, end, **filters) -> Report:
    """compute(), shared by every screen, the API and the exports for STATISTICS_CACHE_SECONDS.

    Counting a province's year takes seconds over a million dossiers; the screens must not pay
    that on every visit, and they must show the same figures as each other. Every reader of a
    selection gets the same report, with the time it was computed (`computed_at`), until it
    expires; `warm_statistics` recomputes the public page's default selection before that."""
    seconds = settings.STATISTICS_CACHE_SECONDS
    if not seconds:
        return compute(start, end, **filters)
    key = cache_key(start, end, **filters)
    try:
        report = cache.get(key)
    except Exception:  # noqa: BLE001 (a cache that is down only costs the computation)
        logger.warning("Statistics cache unavailable", exc_info=True)
        return compute(start, end, **filters)
    if report is None:
        report = compute(start, end, **filters)
        refresh_cache(key, report, seconds)
    return report


def refresh_cache(key, report, seconds):
    try:
        cache.set(key, report, seconds)
    except Exception:  # noqa: BLE001
        logger.warning("Statistics cache unavailable", exc_info=True)


def warm(start, end, **filters):
    """Compute a selection now and store it for the screens (the periodic task)."""
    report = compute(start, end, **filters)
    refresh_cache(cache_key(start, end, **filters), report, settings.STATISTICS_CACHE_SECONDS)
    return report


def busiest(rows, limit):
    """The `limit` rows with the most dossiers handled (carried over or received), most first,
    and how many rows were left out."""
    ranked = sorted(rows, key=lambda row: (-row.figures.handled, row.name, row.code))
    return ranked[:limit], max(len(ranked) - limit, 0)


def _rows(per_key, kind):
    from portal.accounts.models import Agency
    from services.procedures.models import Procedure

    model = Agency if kind == "agency" else Procedure
    names = {item.pk: item for item in model.objects.filter(pk__in=[key for key in per_key if key])}
    rows = []
    for key, figures in per_key.items():
        if figures.is_empty:
            continue
        item = names.get(key)
        rows.append(
            Row(
                code=getattr(item, "code", "") or "",
                name=getattr(item, "name", "") or str(_("(none)")),
                figures=figures,
            )
        )
    return sorted(rows, key=lambda row: (row.name, row.code))


def default_period(today=None):
    """From the first day of the year to today (TT 32/2017 Art. 11.3: "from the start of the year")."""
    today = today or timezone.localdate()
    return date(today.year, 1, 1), today


# QĐ 766 indicators -------------------------------------------------------------------------------


@dataclass
class Indicator:
    code: str
    name: str
    value: float | None
    unit: str = "%"
    full_marks_at: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""
    missing: str = ""

    @property
    def meets_target(self):
        if self.value is None or self.full_marks_at is None:
            return None
        return self.value >= self.full_marks_at


def working_hours_between(begin, finish, calendar):
    """Office hours between two moments on the work calendar (0 when `finish` ≤ `begin`)."""
    if finish <= begin:
        return Decimal(0)
    begin, finish = calendar.local(begin), calendar.local(finish)
    total = timedelta(0)
    day = begin.date()
    while day <= finish.date():
        if calendar.is_working_day(day):
            for period_start, period_end in calendar.periods(day):
                overlap = min(period_end, finish) - max(period_start, begin)
                if overlap > timedelta(0):
                    total += overlap
        day += timedelta(days=1)
    return Decimal(total.total_seconds()) / 3600


def processing_days(received_at, completed_at, pauses, calendar):
    """Working days from the start of counting to completion, supplement periods left out."""
    from services.workdays import engine

    start = engine.counting_starts(received_at, calendar)
    hours = working_hours_between(start, completed_at, calendar)
    for pause in pauses or ():
        began = datetime.fromisoformat(pause["started_at"])
        ended = datetime.fromisoformat(pause["ended_at"]) if pause.get("ended_at") else completed_at
        hours -= working_hours_between(max(began, start), min(ended, completed_at), calendar)
    return max(hours, Decimal(0)) / engine.HOURS_PER_WORKING_DAY


def average_processing_times(start, end, *, agency=None, field=None, procedure=None):
    """QĐ 766 indicator 2.2: per procedure, the average working days of the dossiers completed in
    the period (supplement time left out), beside the statutory time for the online channel."""
    from services.procedures.models import Procedure
    from services.workdays.models import current_calendar

    agency, field, procedure = resolve_filters(agency=agency, field=field, procedure=procedure)
    first, after = period_bounds(start, end)
    calendar = current_calendar()
    completed = (
        selection(agency=agency, field=field, procedure=procedure)
        .filter(completed_at__gte=first, completed_at__lt=after, received_at__isnull=False)
        .values_list("procedure_id", "received_at", "completed_at", "pauses")
    )
    totals = defaultdict(lambda: [0, Decimal(0)])
    for procedure_id, received_at, completed_at, pauses in completed.iterator(chunk_size=1000):
        entry = totals[procedure_id]
        entry[0] += 1
        entry[1] += processing_days(received_at, completed_at, pauses, calendar)
    rows = []
    procedures = Procedure.objects.in_bulk(list(totals))
    for procedure_id, (count, days) in totals.items():
        item = procedures[procedure_id]
        statutory = item.processing_time_for()
        rows.append(
            {
                "code": item.code,
                "name": item.name,
                "resolved": count,
                "average_days": float(round(days / count, 1)),
                "statutory": statutory,
            }
        )
    return sorted(rows, key=lambda row: row["name"])


def indicators(start, end, *, agency=None, field=None, procedure=None):
    """The QĐ 766 indicators the portal's data supports (2.1, 2.2, 3.3, 3.6, 4.1, 4.2, 5.4), each with
    what is missing to compute it exactly. Uses compute() for every count it shares with it."""
    from services.dossiers.models import DossierAttachment, Rating

    from .satisfaction import ratings_given

    agency, field, procedure = resolve_filters(agency=agency, field=field, procedure=procedure)
    figures = compute(start, end, agency=agency, field=field, procedure=procedure)
    first, after = period_bounds(start, end)
    chosen = selection(agency=agency, field=field, procedure=procedure)
    received = chosen.filter(received_at__gte=first, received_at__lt=after)
    resolved = chosen.filter(
        completed_at__gte=first, completed_at__lt=after, received_at__isnull=False
    )

    results = [
        Indicator(
            "2.1",
            str(_("Dossiers handled early or on time")),
            figures.on_time_rate,
            numerator=figures.on_time_766,
            denominator=figures.handled,
            note=str(
                _("Supplement time subtracted; more than one supplement request counts as late.")
            ),
        )
    ]
    times = average_processing_times(start, end, agency=agency, field=field, procedure=procedure)
    count = sum(row["resolved"] for row in times)
    average = (
        round(sum(row["average_days"] * row["resolved"] for row in times) / count, 1)
        if count
        else None
    )
    results.append(
        Indicator(
            "2.2",
            str(_("Average processing time (working days, per procedure below)")),
            average,
            unit=str(_("working days")),
            denominator=count,
            note=str(_("Completed dossiers of the period, supplement time left out.")),
        )
    )
    results.append(
        Indicator(
            "3.3",
            str(_("Dossiers received online")),
            figures.online_share,
            full_marks_at=50,
            numerator=figures.received_online,
            denominator=figures.received,
            missing=str(
                _(
                    "Whether a procedure with a paper result issued an electronic result for each "
                    "online dossier is not checked: every online dossier counts."
                )
            ),
        )
    )
    settled = ("paid", "refunded")
    with_fees = received.filter(Q(payments__isnull=False) | Q(fees_due__gt=0)).distinct()
    paid = received.filter(payments__status__in=settled).distinct()
    fee_count, paid_count = with_fees.count(), paid.count()
    results.append(
        Indicator(
            "3.6",
            str(_("Dossiers with fees paid online")),
            percent(paid_count, fee_count),
            numerator=paid_count,
            denominator=fee_count,
            missing=str(
                _("Fees paid in cash at the counter are not recorded, so they are not counted.")
            ),
        )
    )
    electronic = Q(attachments__kind=DossierAttachment.Kind.RESULT) | Q(
        signed_documents__kind="result"
    )
    resolved_count = resolved.count()
    with_result = resolved.filter(electronic).distinct()
    result_count = with_result.count()
    results.append(
        Indicator(
            "4.1",
            str(_("Resolved dossiers with an electronic result")),
            percent(result_count, resolved_count),
            numerator=result_count,
            denominator=resolved_count,
            missing=str(_("Sync of the result file link to the national portal is not checked.")),
        )
    )
    digitised = with_result.filter(
        pk__in=DossierAttachment.objects.filter(kind=DossierAttachment.Kind.APPLICANT).values(
            "dossier_id"
        )
    ).count()
    results.append(
        Indicator(
            "4.2",
            str(_("Resolved dossiers digitised (component files and electronic result)")),
            percent(digitised, resolved_count),
            full_marks_at=80,
            numerator=digitised,
            denominator=resolved_count,
        )
    )
    ratings = ratings_given(chosen, first, after)
    disliked = ratings.filter(level=Rating.Level.NOT_SATISFIED).count()
    late_share = 100 - figures.on_time_rate if figures.on_time_rate is not None else None
    disliked_share = percent(disliked, figures.handled)
    value = (
        round(max(0.0, 100 - late_share - (disliked_share or 0)), 1)
        if late_share is not None
        else None
    )
    results.append(
        Indicator(
            "5.4",
            str(_("Satisfaction with the handling of procedures")),
            value,
            full_marks_at=90,
            numerator=disliked,
            denominator=figures.handled,
            note=str(
                _(
                    "One hundred per cent minus the share of late dossiers and the share of dossiers rated “not satisfied”."
                )
            ),
            missing=str(
                _(
                    "Complaints and feedback (PAKN) are not linked to dossiers, so only the "
                    "“not satisfied” ratings are subtracted."
                )
            ),
        )
    )
    return figures, results, times
