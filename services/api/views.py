"""The portal's public read API: procedures and the working-day calendar. JSON only, no sign-in."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from search import engine as search_engine
from search.types import KINDS, Query
from services.procedures.models import Procedure
from services.procedures.views import catalogue_filters, filter_procedures
from services.workdays.models import CalendarDay, current_calendar

from .serializers import (
    ProcedureDetailSerializer,
    ProcedureListSerializer,
    SearchResultsSerializer,
    StatisticsSerializer,
    WorkingDaysSerializer,
)
from .throttling import PublicRateThrottle

MAX_CALENDAR_DAYS = 366


class PublicPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class PublicAPIView:
    authentication_classes = []
    permission_classes = []
    throttle_classes = [PublicRateThrottle]


FILTERS = [
    OpenApiParameter("q", str, description="Name or code, ignoring case and diacritics."),
    OpenApiParameter("audience", str, enum=Procedure.Audience.values),
    OpenApiParameter("field", int, description="Field id (lĩnh vực)."),
    OpenApiParameter("agency", str, description="Receiving agency code, e.g. 000.00.12.H99."),
    OpenApiParameter("level", str, enum=Procedure.Level.values),
    OpenApiParameter("subject", str, description="Subject code, e.g. ĐT4 (foreigners)."),
    OpenApiParameter("online", str, enum=["full", "partial", "4", "3", "2"]),
]


@extend_schema(parameters=FILTERS)
class ProcedureListView(PublicAPIView, generics.ListAPIView):
    """Procedures of the National Procedure Database, most used first."""

    serializer_class = ProcedureListSerializer
    pagination_class = PublicPagination

    def get_queryset(self):
        chosen = catalogue_filters(self.request.query_params)
        procedures = filter_procedures(Procedure.objects.all(), chosen)
        return procedures.select_related("field").most_used()


class ProcedureDetailView(PublicAPIView, generics.RetrieveAPIView):
    """Every field of one procedure: steps, dossier components, time and fees per channel."""

    serializer_class = ProcedureDetailSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = Procedure.objects.select_related("field", "agency").prefetch_related(
        "subjects",
        "steps",
        "components",
        "results",
        "legal_bases",
        Prefetch("processing_times"),
        Prefetch("fees"),
    )


class CalendarQuery(serializers.Serializer):
    date_from = serializers.DateField(required=False, source="from")
    date_to = serializers.DateField(required=False, source="to")

    def validate(self, attrs):
        start = attrs.get("from") or timezone.localdate()
        end = attrs.get("to") or start + timedelta(days=30)
        if end < start:
            raise serializers.ValidationError(_("The end date is before the start date."))
        if (end - start).days >= MAX_CALENDAR_DAYS:
            raise serializers.ValidationError(_("Ask for at most 366 days at a time."))
        return {"from": start, "to": end}


class WorkingDaysView(PublicAPIView, APIView):
    """Days off and make-up working days between two dates, and whether each date is worked."""

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default today)."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default +30 days)."),
        ],
        responses=WorkingDaysSerializer,
    )
    def get(self, request):
        query = CalendarQuery(
            data={
                key: value
                for key, value in (
                    ("date_from", request.query_params.get("from")),
                    ("date_to", request.query_params.get("to")),
                )
                if value
            }
        )
        query.is_valid(raise_exception=True)
        start, end = query.validated_data["from"], query.validated_data["to"]
        calendar = current_calendar()
        dates = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
        statuses = [{"date": day, "is_working_day": calendar.is_working_day(day)} for day in dates]
        data = {
            "date_from": start,
            "date_to": end,
            "working_day_count": sum(status["is_working_day"] for status in statuses),
            "calendar_days": CalendarDay.objects.filter(date__range=(start, end)).values(
                "date", "kind", "name"
            ),
            "dates": statuses,
        }
        return Response(WorkingDaysSerializer(data).data)


class StatisticsView(PublicAPIView, APIView):
    """Dossier statistics of a period (TT 32/2017 Art. 11.3; the figures of the public statistics
    page and of the back-office report): carried over, received by channel, resolved early / on
    time / late (QĐ 766: supplement time subtracted, more than one supplement request is late), in
    progress within the deadline / overdue, waiting for supplements, withdrawn, stopped, refused,
    per agency and per procedure, and the citizens' ratings."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "from", OpenApiTypes.DATE, description="First day (default 1 January this year)."
            ),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default today)."),
            OpenApiParameter("agency", str, description="Agency code, e.g. 000.00.12.H99."),
            OpenApiParameter("field", int, description="Field id (lĩnh vực)."),
            OpenApiParameter("procedure", str, description="Procedure code, e.g. 1.010041."),
        ],
        responses=StatisticsSerializer,
    )
    def get(self, request):
        from services.backoffice import satisfaction, statistics
        from services.backoffice.stats_views import StatisticsFilterForm, selection_of

        form = StatisticsFilterForm(request.query_params)
        if not form.is_valid():
            # Errors under the GET names ("from", "to"), not the form's field names.
            raise serializers.ValidationError(
                {form.add_prefix(key): errors for key, errors in form.errors.items()}
            )
        selection = selection_of(form)
        start, end, filters = selection.start, selection.end, selection.filters
        report = statistics.shared_report(start, end, **filters)
        ratings = satisfaction.summary(start, end, **filters)
        payload = {
            "date_from": start,
            "date_to": end,
            "agency": selection.agency.code if selection.agency else None,
            "field": selection.field.pk if selection.field else None,
            "procedure": selection.procedure.code if selection.procedure else None,
            "totals": report.as_dict(),
            "agencies": [row.as_dict() for row in report.agencies],
            "procedures": [row.as_dict() for row in report.procedures],
            "ratings": ratings.totals.as_dict(),
        }
        return Response(StatisticsSerializer(payload).data)


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    type = serializers.CharField(required=False, allow_blank=True, default="")
    page = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=1)
    lang = serializers.ChoiceField(required=False, choices=["vi", "en"], default="vi")

    def validate_type(self, value):
        if value and value not in KINDS:
            raise serializers.ValidationError(
                _("Unknown type. Use one of: {types}.").format(types=", ".join(KINDS))
            )
        return value


class SearchView(PublicAPIView, APIView):
    """The portal's search (the same results as its search page, in rank order): procedures,
    legal documents, news, answered questions and pages, ignoring case and diacritics."""

    PAGE_SIZE = 10

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words to find (at most 200 characters)."),
            OpenApiParameter("type", str, enum=list(KINDS), description="One type only."),
            OpenApiParameter("page", int, description="Page of 10 results (default 1)."),
            OpenApiParameter("lang", str, enum=["vi", "en"], description="Pages of this language."),
        ],
        responses=SearchResultsSerializer,
    )
    def get(self, request):
        params = SearchQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        text = data["q"].strip()
        query = Query(
            text=text,
            kind=data["type"],
            locale=data["lang"],
            page=data["page"],
            per_page=self.PAGE_SIZE,
        )
        results = search_engine.search(query) if text else None
        hits = results.hits if results else []
        payload = {
            "query": text,
            "type": query.kind,
            "total": results.total if results else 0,
            "page": query.page,
            "page_size": query.per_page,
            "suggestion": results.suggestion if results else "",
            "results": [
                {
                    "kind": hit.kind,
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url),
                    "snippet": hit.snippet,
                    "code": hit.code,
                    "published_on": hit.published_on,
                }
                for hit in hits
            ],
        }
        return Response(SearchResultsSerializer(payload).data)


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the installed sidecar's static files; its own CSP allows its styles."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:
            response["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
            )
        return response
