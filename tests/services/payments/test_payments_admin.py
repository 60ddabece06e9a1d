"""Finance staff read payments and gateway notifications in the admin and mark refunds as done."""

import pytest

from portal.accounts import roles
from services.payments import flows
from services.payments.models import Payment, Refund
from tests.portal.accounts.factories import UserFactory
from tests.services.payments.factories import dossier_in_processing

PAYMENTS = "/quan-tri/thanh-toan/giao-dich/"
REFUNDS = "/quan-tri/thanh-toan/hoan-tien/"
NOTIFICATIONS = "/quan-tri/thanh-toan/thong-bao-cong/"


@pytest.fixture
def payment(db):
    return flows.request_payment(dossier_in_processing(), by=None)


def login(client, role=None, **kwargs):
    user = UserFactory.with_role(role, **kwargs) if role else UserFactory(**kwargs)
    client.force_login(user)
    return user


def test_the_administrator_lists_payments_with_amounts_in_dong(client, payment):
    login(client, roles.ADMINISTRATOR)
    response = client.get(PAYMENTS)
    assert response.status_code == 200
    assert payment.reference in response.text
    assert "1.300.000\u00a0₫" in response.text
    assert client.get(f"{PAYMENTS}inspect/{payment.pk}/").status_code == 200
    assert client.get(NOTIFICATIONS).status_code == 200


@pytest.mark.parametrize("path", ["add/", "edit/{pk}/", "delete/{pk}/"])
def test_nobody_creates_edits_or_deletes_a_payment_record(client, payment, path):
    login(client, roles.ADMINISTRATOR, is_superuser=True)
    response = client.get(PAYMENTS + path.format(pk=payment.pk))
    assert response.status_code in (302, 403, 404)
    assert Payment.objects.filter(pk=payment.pk, amount=payment.amount).exists()


def test_marking_a_refund_done_records_when(client, payment):
    refund = Refund.objects.create(payment=payment, amount=payment.amount, reason="Từ chối")
    login(client, roles.ADMINISTRATOR)
    response = client.post(f"{REFUNDS}edit/{refund.pk}/", {"state": Refund.State.REFUNDED})
    assert response.status_code == 302
    refund.refresh_from_db()
    assert refund.state == Refund.State.REFUNDED
    assert refund.refunded_at is not None


@pytest.mark.parametrize("role", [roles.EDITOR, roles.RECEIVING_OFFICER])
def test_editors_and_officers_do_not_see_payments(client, payment, role):
    login(client, role)
    assert client.get(PAYMENTS).status_code in (302, 403)
    assert client.get(REFUNDS).status_code in (302, 403)


def test_the_payment_and_refund_lists_take_no_query_per_row(client, payment):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, roles.ADMINISTRATOR)

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    Refund.objects.create(payment=payment, amount=payment.amount, reason="Từ chối")
    queries(PAYMENTS), queries(REFUNDS)  # warm the caches (content types, permissions)
    one = (queries(PAYMENTS), queries(REFUNDS))
    for _ in range(3):
        more = flows.request_payment(dossier_in_processing(), by=None)
        Refund.objects.create(payment=more, amount=more.amount, reason="Từ chối")
    assert (queries(PAYMENTS), queries(REFUNDS)) == one
