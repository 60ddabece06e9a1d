"""Several deliverers at once on PostgreSQL, and a real Celery worker killed mid-delivery.

These need PostgreSQL (SKIP LOCKED, several connections) and, for the worker, Redis: they skip
locally without DATABASE_URL / REDIS_URL and must run in CI.
"""

import os
import signal
import threading
import time
import uuid
from collections import Counter

import pytest
from celery import Celery
from django.db import connection, connections

from services.sync import outbox
from services.sync.models import OutboxMessage
from tests.celery_worker import BROKER
from tests.celery_worker import start_worker as start_celery_worker
from tests.conftest import port_open, require_service
from tests.services.sync.helpers import hundred_status_changes

QUEUE = f"test-sync-{uuid.uuid4().hex}"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres():
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")


def test_concurrent_deliverers_never_send_a_message_twice(postgres, national, settings):
    hundred_status_changes()
    # Small claims and a slow receiver, so the four deliverers really work at the same time.
    settings.SYNC_BATCH_SIZE = 2
    national.delay = 0.02
    start = threading.Barrier(4)
    results, errors = [], []

    def deliverer():
        try:
            start.wait()
            results.append(outbox.deliver_due())
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliverer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert sum(result.get("delivered", 0) for result in results) == 100
    assert sum(1 for result in results if result.get("delivered")) >= 2  # they really shared
    keys = list(OutboxMessage.objects.values_list("key", flat=True))
    assert national.hit_counts() == Counter(dict.fromkeys(keys, 1))
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"delivered"}
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def start_worker(tmp_path, receiver, lease):
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    return start_celery_worker(
        QUEUE,
        hostname=f"sync-{uuid.uuid4().hex}",
        env={
            "DATABASE_URL": url,
            "VAR_DIR": str(tmp_path),
            "DVCQG_SYNC_URL": receiver.url,
            "DVCQG_SYNC_TOKEN": "token-thu-nghiem",
            "SYNC_LEASE_SECONDS": str(lease),
        },
    )


def stop(process, sig=signal.SIGTERM):
    os.killpg(process.pid, sig)
    output, _ = process.communicate(timeout=30)
    print(output.decode(errors="replace"))


@pytest.mark.integration
def test_killing_the_worker_mid_delivery_loses_nothing(postgres, national, tmp_path):
    require_service(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    lease = 8
    hundred_status_changes()
    sender = Celery("test-sync-sender", broker=BROKER, backend=BROKER, set_as_current=False)
    national.hold = threading.Event()
    national.hold_from = 25  # the 25th request never gets its answer: the worker dies first
    worker = start_worker(tmp_path, national, lease)
    try:
        sender.send_task("services.sync.tasks.deliver_pending", queue=QUEUE)
        assert national.in_flight.wait(90), "the worker never reached the 25th message"
    finally:
        stop(worker, signal.SIGKILL)
    assert OutboxMessage.objects.filter(state="delivered").count() == 24
    in_flight = OutboxMessage.objects.filter(state="pending", claimed_until__isnull=False)
    assert in_flight.count() >= 1  # claimed, sent, never marked: the lease still holds it
    assert OutboxMessage.objects.count() == 100
    # The receiver did process that request; the worker just never heard the answer.
    national.hold.set()
    national.hold = None
    time.sleep(lease + 1)

    second = start_worker(tmp_path, national, lease)
    try:
        result = sender.send_task("services.sync.tasks.deliver_pending", queue=QUEUE)
        counts = result.get(timeout=120)
    finally:
        stop(second)
    assert counts["delivered"] == 76
    keys = set(OutboxMessage.objects.values_list("key", flat=True))
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"delivered"}
    # Exactly once in effect: every key accepted once; only the message in flight at the kill
    # reached the receiver twice, and the receiver dropped the copy by its key.
    assert set(national.accepted) == keys
    hits = national.hit_counts()
    assert set(hits) == keys
    assert sorted(count for count in hits.values() if count > 1) == [2]
