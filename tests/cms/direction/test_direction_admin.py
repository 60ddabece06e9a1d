import pytest
from django.urls import reverse

from cms.direction.models import DirectionDocument, PetitionReply, RewardSanction, WorkScheduleEntry
from cms.organisation.models import AdministrativeArea, Contact, Leader, OrgUnit
from tests.portal.accounts.factories import UserFactory, enable_totp

MODELS = [
    OrgUnit,
    Leader,
    Contact,
    AdministrativeArea,
    DirectionDocument,
    PetitionReply,
    RewardSanction,
    WorkScheduleEntry,
]


@pytest.fixture
def admin_client(db, client):
    user = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(user)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_record_is_editable_in_the_admin(demo_site, admin_client, model):
    name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"
    assert admin_client.get(reverse(f"{name}:list")).status_code == 200
    assert admin_client.get(reverse(f"{name}:add")).status_code == 200
    record = model.objects.first()
    assert admin_client.get(reverse(f"{name}:edit", args=[record.pk])).status_code == 200
    assert hasattr(record, "updated_at")


def test_a_schedule_entry_without_presiding_person_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_direction_workscheduleentry:add"),
        {"date": "23/11/2026", "starts_at": "09:00", "ends_at": "08:00", "content": "Họp"},
    )
    assert response.status_code == 200
    assert not WorkScheduleEntry.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) >= {"ends_at", "presiding"}


def test_a_malformed_boundary_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_organisation_administrativearea:add"),
        {
            "code": "99999",
            "name": "Thử",
            "kind": "commune",
            "area_km2": "10",
            "population": "100",
            "boundary": "[[1, 2]]",
        },
    )
    assert response.status_code == 200
    assert "boundary" in response.context["form"].errors
    assert not AdministrativeArea.objects.exists()
