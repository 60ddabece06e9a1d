"""Who sees and acts on what: a consulted agency sees only the dossier it was consulted on and
only answers its own task; another agency gets 404 on every processing URL; roles get 403."""

import pytest
from django.urls import reverse

from services.backoffice import access, processing
from services.backoffice.processing_urls import ACTION_PATHS
from services.dossiers.models import Dossier
from tests.services.backoffice.processing_fixtures import (
    in_processing,
    log_in,
    office,
)


def denied(response):
    """Wagtail's admin turns a 403 into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandbox_signing")]


@pytest.fixture
def units():
    return (
        office("000.00.12.H99", "Trung tâm PVHCC tỉnh"),
        office("000.00.04.H99", "Sở Tư pháp", prefix="STP "),
        office("000.00.05.H99", "Sở Tài chính", prefix="STC "),
    )


@pytest.fixture
def consulted(units):
    hcc, justice, _finance = units
    asked, other = in_processing(hcc), in_processing(hcc)
    (consultation,) = processing.consult(
        asked, by=hcc.handler, agencies=[justice.agency], question="Ý kiến?", working_days=2
    )
    return asked, other, consultation


def test_the_consulted_agency_sees_only_that_dossier(client, units, consulted):
    hcc, justice, finance = units
    asked, other, consultation = consulted
    assert set(access.shared_dossier_ids(justice.agency).values_list("pk", flat=True)) == {asked.pk}
    assert not access.shared_dossier_ids(finance.agency).exists()
    visible = set(Dossier.objects.for_officer(justice.handler).values_list("pk", flat=True))
    assert asked.pk in visible and other.pk not in visible

    log_in(client, justice.handler)
    assert client.get(reverse("backoffice:dossier", args=[asked.pk])).status_code == 200
    assert client.get(reverse("backoffice:dossier", args=[other.pk])).status_code == 404
    inbox = client.get(reverse("backoffice:consultations"))
    assert inbox.status_code == 200 and asked.code in inbox.content.decode()
    page = client.get(reverse("backoffice:consultation", args=[consultation.pk]))
    assert page.status_code == 200 and "Ý kiến?" in page.content.decode()
    # Seeing is not acting: the consulted unit cannot assign, sign or consult on it.
    for name in ("assign", "consult", "submit_for_signature", "sign_result", "extend"):
        url = reverse(f"backoffice:{name}", args=[asked.pk])
        assert denied(client.get(url)), name
    response = client.post(
        reverse("backoffice:consultation", args=[consultation.pk]), {"answer": "Hợp lệ."}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.answer == "Hợp lệ." and consultation.answered_by == justice.handler


def test_another_agency_gets_404_on_every_processing_url(client, units, consulted):
    hcc, justice, finance = units
    asked, _other, consultation = consulted
    log_in(client, finance.head)
    urls = [reverse(f"backoffice:{name}", args=[asked.pk]) for name in ACTION_PATHS]
    urls += [
        reverse("backoffice:control_sheet", args=[asked.pk]),
        reverse("backoffice:consultation", args=[consultation.pk]),
        reverse("backoffice:consultation_file", args=[consultation.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert asked.code not in client.get(reverse("backoffice:consultations")).content.decode()


def test_roles_inside_the_agency(client, units):
    hcc, _justice, _finance = units
    dossier = in_processing(hcc)
    log_in(client, hcc.desk)
    assert denied(client.get(reverse("backoffice:assign", args=[dossier.pk])))
    assert denied(client.get(reverse("backoffice:sign_result", args=[dossier.pk])))
    log_in(client, hcc.handler)
    assert denied(client.get(reverse("backoffice:assign", args=[dossier.pk])))
    assert client.get(reverse("backoffice:consult", args=[dossier.pk])).status_code == 200
    log_in(client, hcc.head)
    response = client.get(reverse("backoffice:assign", args=[dossier.pk]))
    assert response.status_code == 200 and str(hcc.handler) in response.content.decode()


def test_a_citizen_cannot_open_the_processing_screens(client, units, consulted):
    asked, _other, consultation = consulted
    client.force_login(asked.applicant)
    assert client.get(reverse("backoffice:consultations")).status_code in (302, 403)
    response = client.get(reverse("backoffice:assign", args=[asked.pk]))
    assert response.status_code in (302, 403)


def test_assigned_dossier_ids_follow_the_current_assignment(units):
    hcc, _justice, _finance = units
    dossier = in_processing(hcc)
    assert list(access.assigned_dossier_ids(hcc.handler).values_list("pk", flat=True)) == [
        dossier.pk
    ]
    from portal.accounts import roles
    from tests.portal.accounts.factories import UserFactory

    other = UserFactory.with_role(roles.PROCESSING_OFFICER, agency=hcc.agency, mfa=False)
    processing.assign(dossier, handler=other, by=hcc.head)
    assert not access.assigned_dossier_ids(hcc.handler).exists()
    assert access.assigned_dossier_ids(other).filter(pk=dossier.pk).exists()
