"""The local test endpoint standing in for DVCQG, the whole path on one machine, the OpenAPI schema
and the officer panel."""

import json

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from services.sync import outbox
from services.sync.destinations import DeliveryError
from services.sync.models import OutboxMessage, ReceivedMessage
from tests.services.sync.helpers import received

TEST_ENDPOINT = "/api/lien-thong/dvcqg-thu-nghiem/"


TOKEN = "t"


def send(client, key, body, token=TOKEN):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(TEST_ENDPOINT, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def test_endpoint(settings):
    settings.SYNC_TEST_ENDPOINT = True
    settings.SYNC_DESTINATIONS = {
        "dvcqg": {
            "BACKEND": "services.sync.destinations.NationalPortal",
            "OPTIONS": {"url": "http://testserver" + TEST_ENDPOINT, "token": "t"},
        }
    }


@pytest.mark.django_db
def test_the_test_endpoint_is_off_unless_enabled(client, settings):
    settings.SYNC_TEST_ENDPOINT = False
    assert send(client, "k", {}).status_code == 404


@pytest.mark.django_db
def test_the_test_endpoint_records_each_key_once(client, test_endpoint):
    assert send(client, "dvcqg:1:1", {"MaHoSo": "A"}).status_code == 201
    again = send(client, "dvcqg:1:1", {"MaHoSo": "A"})
    assert again.status_code == 200 and again.json() == {"KetQua": "duplicate"}
    message = ReceivedMessage.objects.get()
    assert (message.key, message.payload, message.times_received) == (
        "dvcqg:1:1",
        {"MaHoSo": "A"},
        2,
    )
    assert send(client, "", {}).status_code == 400
    assert send(client, "k2", {}, token="sai").status_code == 401
    assert send(client, "k2", {}, token=None).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_the_whole_path_on_one_machine(live_server, settings):
    settings.SYNC_TEST_ENDPOINT = True
    settings.SYNC_DELIVER_ON_COMMIT = False
    settings.SYNC_DESTINATIONS = {
        "dvcqg": {
            "BACKEND": "services.sync.destinations.NationalPortal",
            "OPTIONS": {"url": live_server.url + TEST_ENDPOINT, "token": "t"},
        }
    }
    dossier = received()
    dossier.start_processing()
    assert outbox.deliver_due() == {"delivered": 3}
    keys = list(OutboxMessage.objects.order_by("pk").values_list("key", flat=True))
    assert list(ReceivedMessage.objects.order_by("pk").values_list("key", flat=True)) == keys
    assert ReceivedMessage.objects.last().payload["TrangThaiHoSo"] == 4
    # Delivering a message again (a worker died before recording success) changes nothing there.
    OutboxMessage.objects.update(state="pending")
    assert outbox.deliver_due() == {"delivered": 3}
    assert ReceivedMessage.objects.count() == 3
    assert set(ReceivedMessage.objects.values_list("times_received", flat=True)) == {2}


@pytest.mark.django_db
def test_the_schema_documents_the_webhook_and_file_links():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = schema["paths"]
    webhook = paths["/api/lien-thong/mot-cua/trang-thai/"]["post"]
    headers = {p["name"] for p in webhook["parameters"] if p["in"] == "header"}
    assert headers == {"X-Signature-Timestamp", "X-Signature"}
    assert {"200", "401", "409"} <= set(webhook["responses"])
    assert "/api/lien-thong/tep/{token}/" in paths
    assert not any("thu-nghiem" in path for path in paths)


@pytest.mark.django_db
def test_the_officer_panel_shows_each_message_state(national):
    dossier = received()
    [first] = outbox.claim()
    outbox.deliver(first)
    [second] = outbox.claim()
    outbox.mark_failed(second, DeliveryError("HTTP 503: bảo trì", status=503))
    html = render_to_string("sync/_officer_panel.html", {"dossier": dossier})
    first.refresh_from_db()
    assert html.count("<tr>") == 3
    assert str(OutboxMessage.State.DELIVERED.label) in html
    assert str(OutboxMessage.State.PENDING.label) in html
    assert "HTTP 503: bảo trì" in html
    assert timezone.localtime(first.delivered_at).strftime("%d/%m/%Y") in html


@pytest.mark.django_db
def test_the_officer_panel_without_messages(national):
    from tests.services.dossiers.factories import ready_draft

    html = render_to_string("sync/_officer_panel.html", {"dossier": ready_draft()})
    assert "<table" not in html
