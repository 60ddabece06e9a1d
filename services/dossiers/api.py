"""Public dossier lookup for other systems: the code, the procedure and the stage, nothing personal
(TT 01/2018 Art. 16.2.d, lookup without authentication)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import RetrieveAPIView

from services.api.throttling import PublicRateThrottle

from .models import Dossier


class DossierLookupSerializer(serializers.ModelSerializer):
    procedure_code = serializers.CharField(
        source="procedure.code", help_text="National procedure code."
    )
    procedure_name = serializers.CharField(source="procedure.name")
    status = serializers.CharField(help_text="National status code (TrangThaiHoSo), 1 to 10.")
    status_label = serializers.CharField(source="get_status_display")
    finished = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = ["code", "procedure_code", "procedure_name", "status", "status_label", "finished"]

    def get_finished(self, dossier) -> bool:
        return dossier.status in Dossier.CLOSED


@extend_schema(
    summary="Look up a dossier by its code",
    description=(
        "The public stage of one dossier: its procedure and status. No personal data: the "
        "applicant's name, address, answers and files are only shown to the logged-in owner."
    ),
    responses={200: DossierLookupSerializer, 404: OpenApiResponse(description="No such dossier.")},
    tags=["dossiers"],
)
class DossierLookupView(RetrieveAPIView):
    authentication_classes = []
    permission_classes = []
    # Codes are sequential: the throttle keeps anyone from walking through a day's dossiers quickly.
    throttle_classes = [PublicRateThrottle]
    serializer_class = DossierLookupSerializer
    lookup_field = "code"
    lookup_url_kwarg = "code"

    def get_queryset(self):
        return Dossier.objects.submitted().filter(code__isnull=False).select_related("procedure")
