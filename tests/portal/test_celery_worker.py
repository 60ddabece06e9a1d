"""A task sent through Redis is executed by a real Celery worker process."""

import os
import signal
import time
import uuid
from email import message_from_bytes

import pytest
from celery import Celery

from tests.celery_worker import BROKER, start_worker
from tests.conftest import port_open, require_service

# A queue of this run's own: messages left in Redis by an earlier, interrupted run never reach it.
QUEUE = f"test-round-trip-{uuid.uuid4().hex}"


@pytest.fixture
def worker(tmp_path):
    require_service(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    mail_dir = tmp_path / "mail"
    process = start_worker(
        QUEUE,
        hostname=f"test-{os.getpid()}",
        env={"EMAIL_URL": f"file://{mail_dir}", "VAR_DIR": str(tmp_path)},
    )
    yield mail_dir
    os.killpg(process.pid, signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    print(output.decode(errors="replace"))


@pytest.mark.integration
def test_email_task_round_trip_through_a_real_worker(worker):
    # A client of its own: the portal's app runs tasks eagerly in tests.
    # set_as_current=False: shared tasks elsewhere in the run must keep using the portal's own app.
    # The portal stores no task results, so the mail file is the proof of the round trip.
    sender = Celery("test-sender", broker=BROKER, set_as_current=False)
    sender.send_task(
        "portal.tasks.send_email",
        queue=QUEUE,
        kwargs={
            "to": ["dan@example.vn"],
            "subject": "Hồ sơ đã được tiếp nhận",
            "body": "Mã hồ sơ: 000.00.01.H99-261122-0001",
        },
    )
    deadline = time.monotonic() + 60
    while not (files := list(worker.glob("*.log"))) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(files) == 1
    message = message_from_bytes(files[0].read_bytes())
    assert message["To"] == "dan@example.vn"
    assert "000.00.01.H99-261122-0001" in message.get_payload(decode=True).decode()
