"""Citizen satisfaction: the ratings summarised, and the TT 01/2018 per-dossier indices 1–4.

Ratings (TT 32/2017 Art. 12, three levels) are counted by the day they were given, per agency and per
procedure. A rate is a percentage of the ratings of the selection, one decimal.

Indices of TT 01/2018 Art. 13, scored 0/1/2 for each dossier resolved (Art. 14.1), computed from the
dossier's own record, so nobody has to enter them:

1. Total time against the legal time: 2 completed before the appointment's day, 1 on that day by its
   hour, 0 after it. The appointment leaves out supplement time and includes the one extension.
2. Each unit's time against its own deadline, the coordinating units included: the handling agency
   against the appointment (as index 1) and every consulted unit (liên thông) against the answer's due
   time; the dossier scores the worst of them.
3. Contacts with the receiving place needed to complete the dossier: the supplement requests — none
   2, one 1, more 0.
4. Agencies the applicant had to contact to complete it: none 2; only the one-stop unit 1, which is
   how this portal works (supplements go through the one-stop unit; a verification visit the law
   requires adds its presiding agency, which Art. 13.4.b allows at 1 point). 0 cannot arise here.

An index that cannot be scored yet (the dossier is not completed) is None. The score of an index for
an agency = sum of the dossiers' scores ÷ number of dossiers, rounded to one decimal (Art. 15.2.a).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.dossiers.models import Rating

from .models import Consultation, VerificationVisit
from .statistics import percent, period_bounds, resolve_filters, selection

LEVELS = Rating.Level
INDEX_NAMES = {
    1: _("Total time against the legal time"),
    2: _("Each unit's time against its deadline"),
    3: _("Contacts needed to complete the dossier"),
    4: _("Agencies contacted to complete the dossier"),
}


def round1(value):
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# Ratings ------------------------------------------------------------------------------------------


@dataclass
class RatingCounts:
    satisfied: int = 0
    acceptable: int = 0
    not_satisfied: int = 0

    @property
    def total(self):
        return self.satisfied + self.acceptable + self.not_satisfied

    @property
    def satisfied_rate(self):
        return percent(self.satisfied, self.total)

    @property
    def acceptable_rate(self):
        return percent(self.acceptable, self.total)

    @property
    def not_satisfied_rate(self):
        return percent(self.not_satisfied, self.total)

    def as_dict(self):
        return {
            "satisfied": self.satisfied,
            "acceptable": self.acceptable,
            "not_satisfied": self.not_satisfied,
            "total": self.total,
            "satisfied_rate": self.satisfied_rate,
            "acceptable_rate": self.acceptable_rate,
            "not_satisfied_rate": self.not_satisfied_rate,
        }


@dataclass
class RatingRow:
    code: str
    name: str
    counts: RatingCounts


@dataclass
class RatingSummary:
    totals: RatingCounts = field(default_factory=RatingCounts)
    agencies: list[RatingRow] = field(default_factory=list)
    procedures: list[RatingRow] = field(default_factory=list)


def ratings_given(dossiers, first, after):
    """The ratings of `dossiers` given in [first, after): counted by the day they were given."""
    return Rating.objects.filter(dossier__in=dossiers, created_at__gte=first, created_at__lt=after)


def summary(start, end, *, agency=None, field=None, procedure=None) -> RatingSummary:
    """The ratings given in the period, in total, per agency and per procedure (one query)."""
    agency, field, procedure = resolve_filters(agency=agency, field=field, procedure=procedure)
    first, after = period_bounds(start, end)
    ratings = (
        ratings_given(selection(agency=agency, field=field, procedure=procedure), first, after)
        .order_by()
        .values(
            "level",
            "dossier__agency__code",
            "dossier__agency__name",
            "dossier__procedure__code",
            "dossier__procedure__name",
        )
        .annotate(n=Count("pk"))
    )
    result = RatingSummary()
    per_agency, per_procedure = {}, {}
    for row in ratings:
        level, n = row["level"], row["n"]
        agency_key = (row["dossier__agency__name"] or "", row["dossier__agency__code"] or "")
        procedure_key = (row["dossier__procedure__name"], row["dossier__procedure__code"])
        for counts in (
            result.totals,
            per_agency.setdefault(agency_key, RatingCounts()),
            per_procedure.setdefault(procedure_key, RatingCounts()),
        ):
            setattr(counts, level, getattr(counts, level) + n)
    result.agencies = [
        RatingRow(code, name, counts) for (name, code), counts in sorted(per_agency.items())
    ]
    result.procedures = [
        RatingRow(code, name, counts) for (name, code), counts in sorted(per_procedure.items())
    ]
    return result


# TT 01/2018 indices -------------------------------------------------------------------------------


def timeliness_score(finished_at, due_at):
    """2 before the due day, 1 on it by the due time, 0 after; 1 when there is no deadline."""
    if finished_at is None:
        return None
    if due_at is None:
        return 1
    if finished_at > due_at:
        return 0
    local_finish = timezone.localtime(finished_at).date()
    local_due = timezone.localtime(due_at).date()
    return 2 if local_finish < local_due else 1


def contacts_score(supplement_requests):
    if supplement_requests == 0:
        return 2
    return 1 if supplement_requests == 1 else 0


def agencies_score(supplement_requests, visits):
    if supplement_requests == 0 and not visits:
        return 2
    # The one-stop unit, plus the agency presiding over a required visit (Art. 13.4.b).
    contacted = (1 if supplement_requests else 0) + (1 if visits else 0)
    allowed = 1 + (1 if visits else 0)
    return 1 if contacted <= allowed else 0


@dataclass
class DossierIndices:
    """The scores of one dossier; None where the index cannot be scored yet."""

    index_1: int | None
    index_2: int | None
    index_3: int
    index_4: int
    supplement_requests: int
    units: list = field(default_factory=list)  # [(unit name, score)] behind index 2

    @property
    def total(self):
        scores = [self.index_1, self.index_2, self.index_3, self.index_4]
        return None if None in scores else sum(scores)

    def rows(self):
        return [
            (number, INDEX_NAMES[number], getattr(self, f"index_{number}"))
            for number in INDEX_NAMES
        ]


def _indices(dossier, supplement_requests, visits, consultations):
    finished = dossier.completed_at
    index_1 = timeliness_score(finished, dossier.due_at)
    units = []
    if finished is not None:
        units.append((dossier.agency.name if dossier.agency_id else "", index_1))
        for consultation in consultations:
            units.append(
                (
                    consultation.agency.name,
                    # An unanswered consultation ran until the dossier was completed.
                    timeliness_score(consultation.answered_at or finished, consultation.due_at),
                )
            )
    index_2 = min((score for _name, score in units), default=None)
    return DossierIndices(
        index_1=index_1,
        index_2=index_2,
        index_3=contacts_score(supplement_requests),
        index_4=agencies_score(supplement_requests, visits),
        supplement_requests=supplement_requests,
        units=units,
    )


def dossier_indices(dossier) -> DossierIndices:
    """The TT 01/2018 indices 1–4 of one dossier (for the officer's dossier screen)."""
    requests = dossier.events.filter(action="request_supplement").count()
    visits = dossier.verification_visits.exists()
    consultations = list(dossier.consultations.select_related("agency"))
    return _indices(dossier, requests, visits, consultations)


@dataclass
class IndexRow:
    code: str
    name: str
    dossiers: int
    scores: dict  # {1: 1.5, 2: …}

    @property
    def total(self):
        if not self.dossiers:
            return None
        return round1(sum(self.scores.values()))


def agency_indices(start, end, *, agency=None, field=None, procedure=None):
    """Per agency: the indices 1–4 over the dossiers completed in the period (Art. 15.2.a)."""
    agency, field, procedure = resolve_filters(agency=agency, field=field, procedure=procedure)
    first, after = period_bounds(start, end)
    dossiers = (
        selection(agency=agency, field=field, procedure=procedure)
        .filter(completed_at__gte=first, completed_at__lt=after, received_at__isnull=False)
        .select_related("agency")
        .annotate(
            supplement_requests=Count(
                "events", filter=Q(events__action="request_supplement"), distinct=True
            ),
            has_visits=Exists(VerificationVisit.objects.filter(dossier=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "consultations",
                queryset=Consultation.objects.select_related("agency"),
                to_attr="statistics_consultations",
            )
        )
    )
    totals = {}
    for dossier in dossiers.iterator(chunk_size=500):
        indices = _indices(
            dossier,
            dossier.supplement_requests,
            dossier.has_visits,
            dossier.statistics_consultations,
        )
        key = (
            dossier.agency.name if dossier.agency_id else "",
            getattr(dossier.agency, "code", ""),
        )
        entry = totals.setdefault(key, [0, {1: 0, 2: 0, 3: 0, 4: 0}])
        entry[0] += 1
        for number in (1, 2, 3, 4):
            entry[1][number] += getattr(indices, f"index_{number}")
    rows = []
    for (name, code), (count, sums) in sorted(totals.items()):
        rows.append(
            IndexRow(code, name, count, {number: round1(sums[number] / count) for number in sums})
        )
    return rows
