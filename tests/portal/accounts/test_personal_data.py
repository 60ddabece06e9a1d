import json

import pytest
from pypdf import PdfReader

from portal.accounts import personal_data
from portal.accounts.models import AuditEvent
from tests.portal.accounts.factories import UserFactory


@pytest.fixture
def citizen(db):
    return UserFactory(full_name="Trần Thị Bình", phone="0912345678", email="binh@example.vn")


def test_my_data_page_shows_what_is_held(client, citizen):
    client.force_login(citizen)
    html = client.get("/tai-khoan/du-lieu-cua-toi/").content.decode()
    assert "Trần Thị Bình" in html
    assert "0912345678" in html


def test_json_export_holds_everything_and_is_logged(client, citizen):
    client.force_login(citizen)
    response = client.get("/tai-khoan/du-lieu-cua-toi/tai-ve.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["full_name"] == "Trần Thị Bình"
    assert data["email_addresses"] == [
        {"email": "binh@example.vn", "verified": True, "primary": True}
    ]
    assert AuditEvent.objects.filter(action="data_exported", subject_id=citizen.pk).count() == 1


def test_pdf_export_is_a_pdf_with_vietnamese_text(client, citizen, tmp_path):
    client.force_login(citizen)
    response = client.get("/tai-khoan/du-lieu-cua-toi/tai-ve.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "export.pdf"
    path.write_bytes(response.content)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Trần Thị Bình" in text
    assert "DỮ LIỆU CÁ NHÂN" in text


def test_another_citizens_data_is_never_reachable(client, citizen):
    other = UserFactory(full_name="Lê Văn Khác")
    client.force_login(other)
    data = json.loads(client.get("/tai-khoan/du-lieu-cua-toi/tai-ve.json").content)
    assert data["account"]["full_name"] == "Lê Văn Khác"
    assert "Trần Thị Bình" not in json.dumps(data, ensure_ascii=False)


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/tai-khoan/du-lieu-cua-toi/tai-ve.json")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/login/")


def test_deletion_request_then_completion_erases_the_person(client, citizen):
    client.force_login(citizen)
    assert client.post("/tai-khoan/du-lieu-cua-toi/yeu-cau-xoa/").status_code == 302
    citizen.refresh_from_db()
    assert citizen.deletion_requested_at is not None
    administrator = UserFactory(is_superuser=True, is_staff=True)
    personal_data.complete_deletion(citizen, by=administrator)
    citizen.refresh_from_db()
    assert (citizen.full_name, citizen.email, citizen.phone, citizen.is_active) == (
        "",
        "",
        "",
        False,
    )
    assert not citizen.has_usable_password()
    actions = list(
        AuditEvent.objects.filter(subject_id=citizen.pk).values_list("action", flat=True)
    )
    assert {"deletion_requested", "deletion_completed"} <= set(actions)
