"""What the fault scenarios need, on an empty migrated database: five agencies with one online
procedure each, citizens with signed-in sessions, and pending sandbox payments.

Run with the stack's environment: python -m chaos.seed --citizens 1200 --payments 700 --facts F
"""

import argparse
import json

from bench import seed as bench_seed

AGENCIES = 5
PROCEDURE_CODE = "9.99810{}"
PAYMENT_PROCEDURE_CODE = "9.998200"


def online_procedure(code, agency, name, **extra):
    # One optional document: the journey may skip it, the fuzzing scenario uploads into it.
    return bench_seed.online_procedure(
        code, agency, name, components=[("Giấy tờ kèm theo", False)], **extra
    )


def citizens(prefix, count):
    from django.utils import timezone

    from portal.accounts.models import User

    now = timezone.now()
    existing = set(
        User.objects.filter(username__startswith=prefix).values_list("username", flat=True)
    )
    User.objects.bulk_create(
        User(
            username=f"{prefix}{n:05d}",
            email=f"{prefix}{n:05d}@example.vn",
            full_name=f"Công dân thử lỗi {n}",
            phone=f"09{n:08d}",
            password="!",  # unusable: they only ever come in through a made session
            consented_at=now,  # the personal-data consent asked at the first sign-in
        )
        for n in range(count)
        if f"{prefix}{n:05d}" not in existing
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("username"))


def session_cookie(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def seed(*, citizen_count, payment_count):
    from portal.accounts.models import Agency
    from services.dossiers.models import Dossier
    from services.payments import flows as payment_flows
    from services.procedures.models import Fee

    facts = {"procedures": []}
    for n in range(AGENCIES):
        agency, _created = Agency.objects.get_or_create(
            code=f"000.00.9{n}.H99", defaults={"name": f"Cơ quan thử lỗi {n + 1}"}
        )
        procedure = online_procedure(
            PROCEDURE_CODE.format(n), agency, f"Thủ tục thử lỗi số {n + 1}"
        )
        component = procedure.components_for()[0]
        facts["procedures"].append(
            {"code": procedure.code, "agency": agency.code, "component": component.pk}
        )
    people = citizens("chaos-c-", citizen_count)
    facts["cookies"] = [session_cookie(user) for user in people]

    paying = online_procedure(
        PAYMENT_PROCEDURE_CODE,
        Agency.objects.get(code="000.00.90.H99"),
        "Thủ tục thử lỗi có lệ phí",
        fees_paid_at="submission",
    )
    Fee.objects.get_or_create(
        procedure=paying,
        channel="online",
        kind="fee",
        defaults={"amount": 50_000, "description": "Lệ phí thử lỗi"},
    )
    payments = []
    for user in citizens("chaos-payer-", payment_count):
        draft = Dossier.objects.create(applicant=user, procedure=paying, agency=paying.agency)
        payment = payment_flows.start_payment(draft, by=user)
        payments.append({"reference": payment.reference, "amount": payment.amount})
    facts["payments"] = payments
    return facts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=1200)
    parser.add_argument("--payments", type=int, default=700)
    parser.add_argument("--facts", required=True)
    options = parser.parse_args(argv)
    import django

    django.setup()
    facts = seed(citizen_count=options.citizens, payment_count=options.payments)
    with open(options.facts, "w", encoding="utf-8") as out:
        json.dump(facts, out)


if __name__ == "__main__":
    main()
