"""Editors maintain every record of both apps in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from cms.planning.models import EnvironmentPage, PublicInformationPage
from tests.portal.accounts.factories import UserFactory, enable_totp

APPS = {"planning", "publications"}


@pytest.fixture
def admin_client(client, db):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(administrator)
    client.force_login(administrator)
    return client


def test_every_record_type_has_admin_list_and_add_screens(admin_client):
    models = [m for m in get_snippet_models() if m._meta.app_label in APPS]
    assert {m.__name__ for m in models} >= {
        "PlanningDocument",
        "EnvironmentalRecord",
        "Project",
        "GazetteIssue",
        "Consultation",
        "ConsultationComment",
        "ScienceProgramme",
        "StatisticsRelease",
    }
    for model in models:
        assert any(f.name == "updated_at" for f in model._meta.get_fields()), model
        for action in ("list", "add"):
            url = reverse(
                f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}"
            )
            assert admin_client.get(url).status_code == 200, url


def test_section_pages_can_be_added_in_the_admin(admin_client, hub):
    url = reverse("wagtailadmin_pages:add", args=["planning", "environmentpage", hub.pk])
    assert admin_client.get(url).status_code == 200
    assert PublicInformationPage.objects.count() == 1
    assert EnvironmentPage in PublicInformationPage.allowed_subpage_models()
