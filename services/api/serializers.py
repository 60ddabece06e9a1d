from rest_framework import serializers

from services.procedures.models import (
    DossierComponent,
    Fee,
    LegalBasis,
    Procedure,
    ProcedureResult,
    ProcessingTime,
    Step,
)


class FieldSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    ministry = serializers.CharField()
    code = serializers.CharField()


class ProcedureListSerializer(serializers.ModelSerializer):
    field = FieldSummarySerializer(allow_null=True)
    url = serializers.SerializerMethodField()
    levels = serializers.ListField(child=serializers.CharField())
    accepts_online_filing = serializers.BooleanField()

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "levels",
            "online_level",
            "online_scope",
            "status",
            "for_citizens",
            "for_businesses",
            "for_foreigners",
            "filing_channel",
            "accepts_online_filing",
            "popularity",
            "url",
        ]

    def get_url(self, procedure) -> str:
        request = self.context.get("request")
        url = procedure.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = Step
        fields = ["case_name", "title", "description"]


class ComponentSerializer(serializers.ModelSerializer):
    class Meta:
        model = DossierComponent
        fields = [
            "case_name",
            "code",
            "name",
            "originals",
            "copies",
            "is_required",
            "template_name",
            "template_url",
            "has_eform",
        ]


class ProcessingTimeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcessingTime
        fields = ["channel", "amount", "unit", "description"]


class FeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fee
        fields = ["channel", "kind", "amount", "currency", "description"]


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureResult
        fields = ["code", "name"]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["number", "title", "url"]


class AgencySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class ProcedureDetailSerializer(ProcedureListSerializer):
    agency = AgencySerializer(allow_null=True)
    subjects = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    steps = StepSerializer(many=True)
    components = ComponentSerializer(many=True)
    processing_times = ProcessingTimeSerializer(many=True)
    fees = FeeSerializer(many=True)
    results = ResultSerializer(many=True)
    legal_bases = LegalBasisSerializer(many=True)
    national_filing_url = serializers.SerializerMethodField()

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields,
            "description",
            "subjects",
            "agency",
            "promulgating_agency",
            "implementing_agencies",
            "competent_agencies",
            "delegated_agencies",
            "coordinating_agencies",
            "receiving_address",
            "requirements",
            "result_delivery",
            "decision_number",
            "decision_date",
            "is_non_territorial",
            "national_filing_url",
            "sample_dossier_url",
            "video_url",
            "national_updated_at",
            "steps",
            "components",
            "processing_times",
            "fees",
            "results",
            "legal_bases",
        ]

    def get_national_filing_url(self, procedure) -> str | None:
        return procedure.national_filing_url if procedure.routed_to_national_portal else None


class CalendarDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=["holiday", "working_saturday"])
    name = serializers.CharField()


class DateStatusSerializer(serializers.Serializer):
    date = serializers.DateField()
    is_working_day = serializers.BooleanField()


class WorkingDaysSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    working_day_count = serializers.IntegerField()
    calendar_days = CalendarDaySerializer(many=True)
    dates = DateStatusSerializer(many=True)


# Statistics (services.backoffice.statistics) ------------------------------------------------------


def _figures_fields():
    from services.backoffice.statistics import LABELS, RATE_LABELS

    fields = {key: serializers.IntegerField(help_text=str(label)) for key, label in LABELS.items()}
    fields.update(
        {
            key: serializers.FloatField(allow_null=True, help_text=f"{label} (%)")
            for key, label in RATE_LABELS.items()
        }
    )
    return fields


FiguresSerializer = type("FiguresSerializer", (serializers.Serializer,), _figures_fields())


class StatisticsRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    figures = FiguresSerializer()


class RatingCountsSerializer(serializers.Serializer):
    satisfied = serializers.IntegerField()
    acceptable = serializers.IntegerField()
    not_satisfied = serializers.IntegerField()
    total = serializers.IntegerField()
    satisfied_rate = serializers.FloatField(allow_null=True)
    acceptable_rate = serializers.FloatField(allow_null=True)
    not_satisfied_rate = serializers.FloatField(allow_null=True)


class StatisticsSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    agency = serializers.CharField(allow_null=True, help_text="Agency code, when filtered.")
    field = serializers.IntegerField(allow_null=True, help_text="Field id, when filtered.")
    procedure = serializers.CharField(allow_null=True, help_text="Procedure code, when filtered.")
    totals = FiguresSerializer()
    agencies = StatisticsRowSerializer(many=True)
    procedures = StatisticsRowSerializer(many=True)
    ratings = RatingCountsSerializer()


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(source="kind", help_text="procedure, legal_document, news, ...")
    title = serializers.CharField()
    url = serializers.URLField(help_text="Absolute address of the item on the portal.")
    snippet = serializers.CharField(
        help_text="HTML: escaped text with the words found inside <mark> elements."
    )
    code = serializers.CharField(help_text="Procedure code or legal document number, or empty.")
    published_on = serializers.DateField(allow_null=True)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    type = serializers.CharField(help_text="The type asked for, or empty for every type.")
    total = serializers.IntegerField(help_text="Results of the whole search, every page.")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    suggestion = serializers.CharField(help_text="The corrected query when words were misspelt.")
    results = SearchHitSerializer(many=True)
