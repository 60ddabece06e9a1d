"""Online dossiers: checked by a one-stop officer (the default) or received at submission."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.settings import base
from services.dossiers import flows
from services.dossiers.models import Dossier
from tests.services.dossiers.factories import ready_draft

pytestmark = pytest.mark.django_db


def test_by_default_an_officer_checks_online_dossiers():
    assert base.DOSSIERS_AUTO_RECEIVE_ONLINE is False


def submit(client, dossier):
    client.force_login(dossier.applicant)
    review = len(flows.wizard_steps(dossier)) - 1
    response = client.post(
        reverse("dossiers:step", args=[dossier.pk, review]),
        {"submission_key": str(dossier.submission_key)},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_checked_mode_waits_for_the_officer_and_says_so(client, settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = False
    dossier = ready_draft()
    messages = submit(client, dossier)
    assert dossier.status == Dossier.Status.NEW and dossier.code is None
    assert [event.action for event in dossier.events.all()] == ["submit"]
    assert messages == [
        _(
            "Your dossier has been submitted. The one-stop unit will check it; you will get its "
            "code and the appointment for the result when it is received."
        )
    ]


def test_automatic_mode_receives_at_submission_and_gives_the_code(client, settings):
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = True
    dossier = ready_draft()
    messages = submit(client, dossier)
    assert dossier.status == Dossier.Status.RECEIVED and dossier.code
    assert [event.action for event in dossier.events.all()] == ["submit", "receive"]
    assert messages == [
        _("Your dossier has been received. Its code is %(code)s.") % {"code": dossier.code}
    ]
