"""Against a real clamd (CI starts one with a local EICAR signature database and sets CLAMD_URL)."""

import io
import os

import pytest

from services.files.scanning import ClamdScanner, scan
from services.files.uploads import UploadRefused, inspect_upload
from tests.conftest import require_service

pytestmark = pytest.mark.integration


@pytest.fixture
def clamd(settings):
    url = os.environ.get("CLAMD_URL", "")
    require_service(url and ClamdScanner(url, timeout=5).ping(), "clamd (CLAMD_URL)")
    settings.VIRUS_SCANNERS = {
        "default": {"BACKEND": "services.files.scanning.ClamdScanner", "OPTIONS": {"url": url}}
    }
    return url


def test_real_clamd_refuses_eicar(clamd, eicar):
    with pytest.raises(UploadRefused) as error:
        scan(io.BytesIO(eicar))
    assert error.value.code == "infected"


def test_real_clamd_passes_good_documents(clamd, make_pdf, make_image, make_upload):
    for content in (make_pdf(), make_image("JPEG"), make_image("PNG")):
        assert inspect_upload(make_upload(content)).size == len(content)


def test_real_clamd_refuses_eicar_inside_a_pdf(clamd, eicar, make_pdf, make_upload):
    with pytest.raises(UploadRefused) as error:
        inspect_upload(make_upload(make_pdf(extra=eicar)))
    assert error.value.code == "infected"
