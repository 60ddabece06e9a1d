import os
import socket

import pytest
from django.core.cache import cache

IN_CI = bool(os.environ.get("CI"))


def require_service(available, what):
    """Skip a test whose real service is missing locally; in CI the service must be there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but cannot be reached.")
    pytest.skip(f"{what} is not reachable here.")


def port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def demo_site(db):
    """The demo province's pages in both languages, with Wagtail's cached root paths refreshed."""
    from cms import demo

    home = demo.load_site()
    cache.clear()
    return home


@pytest.fixture
def sandbox_signing(settings):
    """Both signing aliases on the sandbox CA (made in the test's own VAR_DIR), no time-stamp
    server, and the backends made afresh: whatever the environment configures."""
    from services.signing.backends import get_signer

    sandbox = {"BACKEND": "services.signing.backends.sandbox.SandboxSigner"}
    settings.SIGNING_BACKENDS = {"agency": sandbox, "citizen": sandbox}
    settings.SIGNING_TIMESTAMP_URL = ""
    get_signer.cache_clear()
    yield
    get_signer.cache_clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Forget the content types a previous test cached.

    A transactional test ends with a flush that recreates the content types under new ids (the
    sequences are not reset); a cache kept from before would make Wagtail's reference index, for
    one, write ids that no longer exist.
    """
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _celery_join_flag():
    """Reset Celery's process-wide "inside a task" flag before each test.

    Eager tasks set and restore that global around each run; when the live server's thread and the
    test's thread run eager tasks at the same moment, the restore can leave it set, and every later
    `.get()` in the process then fails with "Never call result.get() within a task!".
    """
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
