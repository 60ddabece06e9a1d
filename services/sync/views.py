"""HTTP side of the synchronisation: the external one-stop system's webhook, signed file downloads,
and the local stand-in for the national portal used in development and tests."""

import hmac
import json

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from services.dossiers.models import DossierAttachment

from . import files, onestop, signatures
from .models import ReceivedMessage


class RawBodyParser(BaseParser):
    """Leaves the body alone: the signature is checked over the exact bytes received."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read() if stream else b""


class SystemAPIView(APIView):
    """Called by other systems, which prove who they are by a signature, not a session."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []


def problem(message, code):
    return Response({"detail": str(message)}, status=code)


class StatusUpdateSerializer(serializers.Serializer):
    MaSuKien = serializers.CharField(
        help_text="The sending system's unique id of this update; a repeat is applied once."
    )
    MaHoSo = serializers.CharField(help_text="Dossier code, e.g. 000.00.12.H99-261122-0001.")
    TrangThaiHoSo = serializers.ChoiceField(
        choices=[str(code) for code in range(1, 11)],
        help_text="The new national status code (TrangThaiHoSo, 1–10).",
    )
    NoiDung = serializers.CharField(
        required=False, help_text="Note; the reason is required for status 3 and 8."
    )
    DanhSachGiayToBoSung = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="For status 5: the documents the citizen must add.",
    )
    SoTien = serializers.IntegerField(
        required=False, help_text="For status 6: the amount to pay, in đồng."
    )
    DonViXuLy = serializers.CharField(
        required=False, help_text="For status 4: the unit now holding the dossier."
    )


class StatusUpdateAnswerSerializer(serializers.Serializer):
    KetQua = serializers.ChoiceField(choices=["applied", "duplicate"])
    MaSuKien = serializers.CharField()
    MaHoSo = serializers.CharField()
    TrangThaiHoSo = serializers.CharField()
    ThoiDiem = serializers.CharField(help_text="When it was applied, yyyyMMddHHmmss (GMT+7).")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


SIGNATURE_PARAMETERS = [
    OpenApiParameter(
        signatures.TIMESTAMP_HEADER,
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        required=True,
        description="Unix time (seconds) of sending; refused outside the replay window "
        "(SYNC_WEBHOOK_WINDOW_SECONDS, 300 by default).",
    ),
    OpenApiParameter(
        signatures.SIGNATURE_HEADER,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=True,
        description='"sha256=" + hex HMAC-SHA256, with the shared secret, of '
        '"<timestamp>.<raw body>".',
    ),
]


@extend_schema(
    summary="Status update from the external one-stop system",
    description=(
        "The province's own one-stop system reports a change of a dossier's status. The request "
        "is signed (HMAC-SHA256 of the timestamp and the raw body with the shared secret "
        "EXTERNAL_ONESTOP_SECRET). The change is applied only when the dossier's workflow allows "
        "it from its current status; each MaSuKien is applied once, and a repeat answers 200 with "
        "KetQua = duplicate."
    ),
    parameters=SIGNATURE_PARAMETERS,
    request=StatusUpdateSerializer,
    responses={
        200: StatusUpdateAnswerSerializer,
        400: OpenApiResponse(ErrorSerializer, description="The body is not a valid update."),
        401: OpenApiResponse(ErrorSerializer, description="Bad signature or stale timestamp."),
        404: OpenApiResponse(
            ErrorSerializer, description="No connector configured, or no such dossier."
        ),
        409: OpenApiResponse(
            ErrorSerializer, description="The dossier's status does not allow this change now."
        ),
    },
    tags=["synchronisation"],
)
class StatusWebhookView(SystemAPIView):
    parser_classes = [RawBodyParser]

    def post(self, request):
        secret = settings.EXTERNAL_ONESTOP_SECRET
        if not secret:
            raise Http404
        body = request.body
        try:
            signatures.verify(
                secret,
                request.headers.get(signatures.TIMESTAMP_HEADER),
                request.headers.get(signatures.SIGNATURE_HEADER),
                body,
                window=settings.SYNC_WEBHOOK_WINDOW_SECONDS,
            )
        except signatures.BadSignature as error:
            return problem(error, status.HTTP_401_UNAUTHORIZED)
        try:
            update = json.loads(body)
        except ValueError:
            return problem("The body is not JSON.", status.HTTP_400_BAD_REQUEST)
        if not isinstance(update, dict):
            return problem("The body must be a JSON object.", status.HTTP_400_BAD_REQUEST)
        try:
            created, inbound = onestop.apply_update(update)
        except onestop.UpdateRejected as error:
            return problem(error.message, error.status)
        # 200 for a repeat too: the system retries until it hears 2xx.
        return Response(onestop.answer(inbound, created))


@extend_schema(
    summary="Download a dossier file through a signed link",
    description=(
        "Links sent in sync messages (DuongDanTaiTepTin). The token is an HMAC of the file id "
        "with a timestamp; it expires after SYNC_FILE_LINK_MAX_AGE seconds (24 hours by default)."
    ),
    responses={
        (200, "application/octet-stream"): OpenApiTypes.BINARY,
        404: OpenApiResponse(description="Unknown or altered link."),
        410: OpenApiResponse(description="The link has expired."),
    },
    tags=["synchronisation"],
)
class FileDownloadView(SystemAPIView):
    def get(self, request, token):
        try:
            attachment_id = files.attachment_id_from(token)
        except signing.SignatureExpired:
            return problem("This link has expired.", status.HTTP_410_GONE)
        except (signing.BadSignature, ValueError):
            raise Http404 from None
        attachment = DossierAttachment.objects.filter(pk=attachment_id).first()
        if attachment is None:
            raise Http404
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response


@extend_schema(exclude=True)
class TestEndpointView(SystemAPIView):
    """Stands in for the national portal where SYNC_TEST_ENDPOINT is on (development, tests):
    records each message once per Idempotency-Key and answers 200 to a repeat."""

    parser_classes = [RawBodyParser]

    def post(self, request):
        if not settings.SYNC_TEST_ENDPOINT:
            raise Http404
        token = settings.SYNC_DESTINATIONS.get("dvcqg", {}).get("OPTIONS", {}).get("token")
        expected = f"Bearer {token}" if token else ""
        if not hmac.compare_digest(request.headers.get("Authorization", ""), expected):
            return problem("Wrong or missing token.", status.HTTP_401_UNAUTHORIZED)
        key = request.headers.get("Idempotency-Key", "")
        if not key:
            return problem("The Idempotency-Key header is required.", status.HTTP_400_BAD_REQUEST)
        try:
            payload = json.loads(request.body)
        except ValueError:
            return problem("The body is not JSON.", status.HTTP_400_BAD_REQUEST)
        try:
            with transaction.atomic():
                ReceivedMessage.objects.create(key=key, payload=payload)
        except IntegrityError:
            ReceivedMessage.objects.filter(key=key).update(
                times_received=F("times_received") + 1, last_received_at=timezone.now()
            )
            return Response({"KetQua": "duplicate"})
        return Response({"KetQua": "recorded"}, status=status.HTTP_201_CREATED)
