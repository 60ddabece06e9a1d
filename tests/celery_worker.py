"""A real Celery worker process for integration tests, consuming one queue of the test's own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BROKER = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")


def start_worker(queue, *, hostname, env=None):
    """Start `celery worker` on `queue` in its own process group (stop it with os.killpg).

    The worker gets the test settings, Redis as broker and result backend, and `env` on top;
    pytest's own variables are left out so the worker does not think it is a test process.
    """
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_RESULT_BACKEND": BROKER,
        "CELERY_TASK_IGNORE_RESULT": "0",  # the tests read what the task returned
        **(env or {}),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--queues",
            queue,
            "--loglevel=INFO",
            "--hostname",
            f"{hostname}@%h",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
