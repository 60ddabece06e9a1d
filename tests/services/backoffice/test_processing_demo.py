import pytest

from cms import demo as cms_demo
from services.backoffice import demo
from services.backoffice.models import Consultation, Transfer
from services.dossiers.models import Dossier


@pytest.mark.django_db
def test_the_demo_dossiers_are_made_once_with_the_demo_officers(demo_site, settings):
    settings.DEMO_MODE = True
    demo.populate(None, None)  # before the accounts exist: nothing
    assert not Dossier.objects.filter(answers__has_key=demo.MARK).exists()
    cms_demo.ensure_demo_accounts()
    demo.populate(None, None)
    demo.populate(None, None)
    dossiers = Dossier.objects.filter(answers__has_key=demo.MARK)
    assert dossiers.count() == 4
    assert {d.status for d in dossiers} == {Dossier.Status.RECEIVED, Dossier.Status.PROCESSING}
    consultation = Consultation.objects.get(dossier__in=dossiers)
    assert consultation.agency.code == demo.JUSTICE
    transfer = Transfer.objects.get(dossier__in=dossiers)
    assert transfer.from_agency.code == demo.COMMUNE
    from django.contrib.auth import get_user_model

    specialist = get_user_model().objects.get(username="xuly-stp")
    visible = Dossier.objects.for_officer(specialist)
    assert visible.filter(pk=consultation.dossier_id).exists()
    assert visible.filter(pk=transfer.dossier_id).exists()
