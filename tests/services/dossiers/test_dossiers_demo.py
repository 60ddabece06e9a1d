import pytest

from services.dossiers import demo
from services.dossiers.models import Dossier


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True


@pytest.mark.django_db
def test_demo_has_a_dossier_in_every_status_and_is_idempotent(demo_mode, demo_site):
    user = demo.demo_citizen()
    dossiers = Dossier.objects.filter(applicant=user)
    assert sorted(dossiers.values_list("status", flat=True), key=int) == Dossier.Status.values
    received = dossiers.filter(received_at__isnull=False)
    assert all(dossier.code and dossier.events.exists() for dossier in received)
    assert received.filter(due_at__isnull=False).exists()
    assert not user.has_usable_password() or user.username == demo.CITIZEN
    demo.populate(None, None)
    assert Dossier.objects.filter(applicant=user).count() == len(Dossier.Status.values)


@pytest.mark.django_db
def test_no_demo_dossier_outside_demo_mode(demo_site):
    assert not Dossier.objects.exists()
