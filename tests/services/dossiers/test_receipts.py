"""BM.01, BM.02 and BM.03 as A5 PDFs with Vietnamese text and a QR code to the public lookup."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.services.dossiers.factories import COMPONENTS, received_dossier, submitted_dossier

pytestmark = pytest.mark.django_db


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def download(client, dossier, form):
    client.force_login(dossier.applicant)
    response = client.get(reverse("dossiers:receipt", args=[dossier.pk, form]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_bm01_holds_the_code_components_and_appointment(client):
    dossier = received_dossier()
    reader, text = download(client, dossier, "bm01")
    assert dossier.code in text
    for name in COMPONENTS:
        assert name in text
    assert timezone.localtime(dossier.due_at).strftime("%d/%m/%Y") in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Nguyễn Văn An" in text and "001099012345" in text
    # A5 portrait: 148 × 210 mm.
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)
    assert reader.pages[0].images, "the QR code"
    assert f"/ho-so/tra-cuu/?ma={dossier.code}" in text.replace(" ", "")


def test_bm02_lists_the_items_to_supplement(client):
    dossier = received_dossier()
    dossier.request_supplement(items=["Bản sao giấy chứng nhận kết hôn"], reason="Thiếu giấy tờ")
    _reader, text = download(client, dossier, "bm02")
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Bản sao giấy chứng nhận kết hôn" in text and "Thiếu giấy tờ" in text


def test_bm03_gives_the_reasons_for_refusal(client, settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = submitted_dossier()
    dossier.refuse(reason="Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.")
    _reader, text = download(client, dossier, "bm03")
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "không thuộc thẩm quyền" in text


def test_a_form_the_dossier_does_not_have_is_404(client):
    dossier = received_dossier()
    client.force_login(dossier.applicant)
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, "bm03"])).status_code == 404
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk, "bm99"])).status_code == 404
