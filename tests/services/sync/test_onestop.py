"""The external one-stop connector: received dossiers pushed out with their files, status updates
taken in through the signed webhook."""

import json
import time

import pytest
from django.utils import translation

from services.dossiers.models import Dossier
from services.sync import outbox, signatures
from services.sync.models import InboundUpdate, OutboxMessage
from tests.services.sync.helpers import received

pytestmark = pytest.mark.django_db

URL = "/api/lien-thong/mot-cua/trang-thai/"
SECRET = "bi-mat-chung-thu-nghiem"


@pytest.fixture
def onestop(settings, receiver):
    settings.SYNC_DESTINATIONS = {
        "dvcqg": {"BACKEND": "services.sync.destinations.NationalPortal", "OPTIONS": {"url": ""}},
        "onestop": {
            "BACKEND": "services.sync.destinations.ExternalOneStop",
            "OPTIONS": {"url": receiver.url, "secret": SECRET},
        },
    }
    settings.EXTERNAL_ONESTOP_SECRET = SECRET
    settings.SYNC_DELIVER_ON_COMMIT = False
    return receiver


def post(client, update, *, secret=SECRET, timestamp=None, signature=None):
    body = json.dumps(update, ensure_ascii=False).encode()
    timestamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        "HTTP_X_SIGNATURE_TIMESTAMP": str(timestamp),
        "HTTP_X_SIGNATURE": signature or signatures.sign(secret, timestamp, body),
    }
    return client.post(URL, body, content_type="application/json", **headers)


def test_a_received_dossier_is_pushed_with_signed_file_links_and_a_signature(onestop, client):
    dossier = received()
    messages = OutboxMessage.objects.filter(dossier=dossier, destination="onestop")
    # Submission is not pushed to the one-stop system; the receipt is.
    assert [m.event.action for m in messages] == ["receive"]
    assert outbox.deliver_due() == {"delivered": 1}
    key, headers, body = onestop.hits[0]
    assert key == f"onestop:{dossier.pk}:{messages[0].event_id}"
    assert body["SuKien"] == "receive" and body["HoSo"]["MaHoSo"] == dossier.code
    raw = onestop.raw_bodies[0]
    signatures.verify(
        SECRET, headers["X-Signature-Timestamp"], headers["X-Signature"], raw, window=60
    )
    links = [file["DuongDanTaiTepTin"] for file in body["HoSo"]["TaiLieuNop"]]
    assert len(links) == dossier.attachments.count()
    response = client.get(links[0].removeprefix("http://testserver"))
    assert response.status_code == 200
    first = dossier.attachments.order_by("pk").first()
    assert b"".join(response.streaming_content) == first.file.open("rb").read()


def test_a_status_update_applies_the_transition(onestop, client):
    dossier = received()
    response = post(
        client,
        {
            "MaSuKien": "mc-1",
            "MaHoSo": dossier.code,
            "TrangThaiHoSo": "4",
            "DonViXuLy": "Phòng Tư pháp",
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["KetQua"] == "applied"
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSING
    assert dossier.holding_unit == "Phòng Tư pháp"
    inbound = InboundUpdate.objects.get(external_id="mc-1")
    assert inbound.event.action == "start_processing"


def test_the_same_event_twice_is_applied_once(onestop, client):
    dossier = received()
    update = {"MaSuKien": "mc-2", "MaHoSo": dossier.code, "TrangThaiHoSo": "4"}
    assert post(client, update).json()["KetQua"] == "applied"
    events = dossier.events.count()
    replay = post(client, update)
    assert replay.status_code == 200 and replay.json()["KetQua"] == "duplicate"
    assert dossier.events.count() == events


def test_a_replayed_request_outside_the_window_is_refused(onestop, client, settings):
    dossier = received()
    settings.SYNC_WEBHOOK_WINDOW_SECONDS = 300
    update = {"MaSuKien": "mc-3", "MaHoSo": dossier.code, "TrangThaiHoSo": "4"}
    stale = post(client, update, timestamp=int(time.time()) - 301)
    assert stale.status_code == 401
    assert "window" in stale.json()["detail"]
    future = post(client, update, timestamp=int(time.time()) + 301)
    assert future.status_code == 401
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RECEIVED


def test_a_bad_signature_is_refused(onestop, client):
    dossier = received()
    update = {"MaSuKien": "mc-4", "MaHoSo": dossier.code, "TrangThaiHoSo": "4"}
    assert post(client, update, secret="sai-bi-mat").status_code == 401
    assert post(client, update, signature="sha256=00").status_code == 401
    # A signature for another body (the status changed in transit).
    timestamp = int(time.time())
    other = signatures.sign(SECRET, timestamp, b'{"TrangThaiHoSo": "9"}')
    assert post(client, update, timestamp=timestamp, signature=other).status_code == 401
    no_headers = client.post(URL, json.dumps(update), content_type="application/json")
    assert no_headers.status_code == 401
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RECEIVED
    assert not InboundUpdate.objects.exists()


def test_an_illegal_transition_is_a_409_with_the_reason(onestop, client):
    dossier = received()
    response = post(client, {"MaSuKien": "mc-5", "MaHoSo": dossier.code, "TrangThaiHoSo": "10"})
    assert response.status_code == 409
    with translation.override("vi"):
        assert str(Dossier.Status.RECEIVED.label) in response.json()["detail"]
    assert not InboundUpdate.objects.exists()
    # The same event id can be sent again once it is legal (nothing was recorded for it).
    dossier.start_processing()
    dossier.complete()
    assert (
        post(
            client, {"MaSuKien": "mc-5", "MaHoSo": dossier.code, "TrangThaiHoSo": "10"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("update", "status"),
    [
        ({"MaSuKien": "x", "MaHoSo": "KHONG-CO", "TrangThaiHoSo": "4"}, 404),
        ({"MaSuKien": "x", "TrangThaiHoSo": "4"}, 400),
        ({"MaSuKien": "x", "MaHoSo": "{code}", "TrangThaiHoSo": "11"}, 400),
        ({"MaSuKien": "x", "MaHoSo": "{code}", "TrangThaiHoSo": "3"}, 409),  # 2 → 3 is not allowed
        ({"MaSuKien": "x", "MaHoSo": "{code}", "TrangThaiHoSo": "5"}, 409),  # no items listed
        ({"MaSuKien": "x", "MaHoSo": "{code}", "TrangThaiHoSo": "6"}, 400),  # no amount
        ([1, 2], 400),
    ],
)
def test_bad_updates(onestop, client, update, status):
    dossier = received()
    if isinstance(update, dict) and update.get("MaHoSo") == "{code}":
        update["MaHoSo"] = dossier.code
    assert post(client, update).status_code == status


def test_a_requested_supplement_and_a_stop_carry_their_details(onestop, client):
    dossier = received()
    dossier.start_processing()
    response = post(
        client,
        {
            "MaSuKien": "mc-6",
            "MaHoSo": dossier.code,
            "TrangThaiHoSo": "5",
            "DanhSachGiayToBoSung": ["Sổ hộ khẩu"],
            "NoiDung": "Thiếu giấy.",
        },
    )
    assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.supplement_items == ["Sổ hộ khẩu"]
    assert (
        post(client, {"MaSuKien": "mc-7", "MaHoSo": dossier.code, "TrangThaiHoSo": "4"}).status_code
        == 200
    )
    no_reason = post(client, {"MaSuKien": "mc-8", "MaHoSo": dossier.code, "TrangThaiHoSo": "8"})
    assert no_reason.status_code == 400
    stop = post(
        client,
        {
            "MaSuKien": "mc-9",
            "MaHoSo": dossier.code,
            "TrangThaiHoSo": "8",
            "NoiDung": "Không đủ điều kiện.",
        },
    )
    assert stop.status_code == 200
    dossier.refresh_from_db()
    assert (dossier.status, dossier.decision_reason) == ("8", "Không đủ điều kiện.")


def test_updates_from_the_system_are_not_sent_back_to_it_but_go_to_the_national_portal(
    onestop, client, settings, receiver
):
    settings.SYNC_DESTINATIONS = {
        **settings.SYNC_DESTINATIONS,
        "dvcqg": {
            "BACKEND": "services.sync.destinations.NationalPortal",
            "OPTIONS": {"url": receiver.url},
        },
    }
    dossier = received()
    dossier.start_processing()
    post(
        client,
        {
            "MaSuKien": "mc-10",
            "MaHoSo": dossier.code,
            "TrangThaiHoSo": "7",
            "NoiDung": "Công dân rút tại quầy.",
        },
    )
    withdrawal = dossier.events.get(action="withdraw")
    assert list(
        OutboxMessage.objects.filter(event=withdrawal).values_list("destination", flat=True)
    ) == ["dvcqg"]
    # A withdrawal made here is sent to the one-stop system.
    other = received()
    event = other.withdraw(reason="Tôi không cần nữa.")
    assert set(OutboxMessage.objects.filter(event=event).values_list("destination", flat=True)) == {
        "dvcqg",
        "onestop",
    }


def test_the_webhook_is_off_without_a_secret(client, settings):
    settings.EXTERNAL_ONESTOP_SECRET = ""
    assert post(client, {"MaSuKien": "x"}, secret="x").status_code == 404


def test_signed_file_links_expire_and_cannot_be_forged(onestop, client, settings):
    import time_machine
    from django.utils import timezone

    from services.sync import files

    dossier = received()
    attachment = dossier.attachments.first()
    path = files.download_url(attachment.pk).removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    forged = path.replace(f"/{attachment.pk}:", f"/{attachment.pk + 1}:")
    assert forged != path and client.get(forged).status_code == 404
    settings.SYNC_FILE_LINK_MAX_AGE = 3600
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=3601)):
        assert client.get(path).status_code == 410
