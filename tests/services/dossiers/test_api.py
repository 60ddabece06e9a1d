import pytest
from django.urls import reverse

from tests.services.dossiers.factories import DossierFactory, received_dossier

pytestmark = pytest.mark.django_db


def test_the_api_gives_public_fields_only(client):
    dossier = received_dossier()
    response = client.get(f"/api/ho-so/{dossier.code}/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "code",
        "procedure_code",
        "procedure_name",
        "status",
        "status_label",
        "finished",
    }
    assert (data["code"], data["status"], data["finished"]) == (dossier.code, "2", False)
    assert "Nguyễn Văn An" not in response.content.decode()


def test_unknown_codes_and_drafts_are_404(client):
    DossierFactory()
    assert client.get("/api/ho-so/000.00.01.H99-260101-0001/").status_code == 404
    assert client.get("/api/ho-so/None/").status_code == 404


def test_the_lookup_is_in_the_openapi_schema(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/ho-so/{code}/" in schema["paths"]
