"""68 dossiers driven through the real transitions at controlled times (time_machine), for the
statistics tests (acceptance 4) and the browser test.

Period under test: Monday 02/11/2026 – Friday 27/11/2026 (no public holiday; the calendar has none).
Every procedure takes 3 working days on every channel; office hours 07:30–11:30, 13:00–17:00, so a
dossier received on a Monday at 09:00 is due on the Thursday at 09:00.

Groups (name: how many, channel, procedure → what happens → how it counts):

Before the period
- C1: 3 online PA1, received Mon 26/10 09:00 (due Thu 29/10 09:00), completed Wed 04/11 → carried
  over, resolved late.
- C2: 2 counter PA2, received Thu 29/10 09:00 (due Tue 03/11 09:00), completed Mon 02/11 14:00 →
  carried over, resolved early (a day before the appointment's day).
- C3: 2 post PB1, received Fri 30/10 09:00 (due Wed 04/11 09:00), never completed → carried over,
  in progress overdue.
- C4: 1 online PA1, received Mon 26/10, completed Fri 30/10 → closed before the period: not counted.
- C5: 1 online PA1, received Wed 28/10, withdrawn Thu 29/10 → not counted.

In the period
- R1: 8 online PA1, received Mon 02/11 09:00 (due Thu 05/11), completed Tue 03/11 → early;
  4 of them returned and rated (3 satisfied, 1 not satisfied).
- R2: 6 online PA1, received Mon 09/11 09:00 (due Thu 12/11 09:00), completed Thu 12/11 08:30 → on
  time (the appointment's day, before its hour).
- R3: 4 online PA1, received Mon 09/11, completed Fri 13/11 → late.
- R4: 3 online PA1, received Mon 16/11, one supplement request Tue 17/11 answered Thu 19/11 09:00
  (the full 3 days restart: due Tue 24/11 09:00), completed Mon 23/11 → early.
- R5: 2 online PA1, received Mon 02/11, supplements asked Tue 03/11 and Thu 05/11, answered Wed 04/11
  and Fri 06/11 (due Wed 11/11), completed Mon 09/11 → late: more than one supplement request.
- R6: 2 online PA1, received Mon 23/11 (due Thu 26/11), extended by 2 working days on Tue 24/11
  (due Mon 30/11 09:00), completed Fri 27/11 → early.
- R7: 1 online PA1, received Mon 16/11 (due Thu 19/11), extended by 1 working day (due Fri 20/11
  09:00), completed Fri 20/11 08:00 → on time.
- R8: 5 counter PA2, received Tue 10/11 14:00 (due Fri 13/11 14:00), completed Wed 11/11 → early.
- R9: 3 counter PA2, received Wed 25/11 (due Mon 30/11) → in progress within the deadline.
- R10: 2 counter PA2, received Mon 23/11 (due Thu 26/11), completed Tue 01/12, after the period → in
  progress overdue at the end of the period.
- R11: 2 counter PA2, received Mon 16/11, supplement asked Wed 18/11, no answer → waiting.
- R12: 1 counter PA2, received Mon 02/11, supplement asked Tue 03/11, answered Wed 04/11, asked again
  Thu 26/11 → waiting for supplements, late in QĐ 766 (second request).
- R12b: 1 counter PA2, received Mon 23/11, supplement asked Wed 25/11, answered Tue 01/12 → waiting
  at the end of the period (in processing again now).
- R13: 4 post PB1, received Tue 03/11 09:00 (due Fri 06/11 09:00), completed Fri 06/11 11:00 → late.
- R14: 3 post PB1, received Wed 04/11 09:00 (due Mon 09/11 09:00), completed Mon 09/11 09:00 exactly,
  returned Tue 10/11 and rated (satisfied, acceptable, not satisfied) → on time.
- R15: 2 post PB1, received Mon 16/11, stopped Wed 18/11 → stopped, closed without a result (before
  the appointment: on time for QĐ 766).
- R16: 2 online PA1, received Mon 09/11, withdrawn Tue 10/11 → withdrawn, closed without a result.
- R17: 1 online PA1, never received, withdrawn Wed 11/11 → withdrawn only.
- R18: 3 online PB1, never received, refused Thu 12/11 → refused only.
- R19: 2 online PA1, received Tue 01/12 → after the period: not counted.
- R20: 2 online PB1, received Mon 02/11, completed Wed 04/11 → early.

PA1 (field "Hộ tịch") and PA2 (field "Chứng thực") belong to agency A, PB1 (field "Hộ tịch") to
agency B.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from services.dossiers.models import Dossier, Rating
from services.procedures.models import Field, ProcessingTime
from tests.portal.accounts.factories import AgencyFactory
from tests.services.dossiers.factories import DossierFactory, ProcedureFactory

START = date(2026, 11, 2)
END = date(2026, 11, 27)
AFTER = datetime(2026, 12, 2, 12, 0)
AGENCY_A = "000.00.71.H98"
AGENCY_B = "000.00.72.H98"


def at(day, hour=9, minute=0, month=11):
    return timezone.make_aware(datetime(2026, month, day, hour, minute))


def oct_(day, hour=9):
    return at(day, hour, month=10)


def dec(day, hour=9):
    return at(day, hour, month=12)


@dataclass
class World:
    agency_a: object
    agency_b: object
    pa1: object
    pa2: object
    pb1: object
    groups: dict


def _procedure(agency, field, code):
    procedure = ProcedureFactory(agency=agency, field=field, code=code)
    for channel in ("counter", "post"):
        ProcessingTime.objects.create(
            procedure=procedure, channel=channel, amount=Decimal(3), unit="working_day"
        )
    return procedure


class Script:
    """Makes dossiers and moves them through the transitions, each at its own moment."""

    def __init__(self):
        self.made = {}

    def new(self, name, count, procedure, channel):
        dossiers = [
            DossierFactory(procedure=procedure, channel=channel, status=Dossier.Status.NEW)
            for _ in range(count)
        ]
        self.made[name] = dossiers
        return dossiers

    @staticmethod
    def do(dossiers, moment, action, **kwargs):
        with time_machine.travel(moment, tick=False):
            for dossier in dossiers:
                if action == "receive":
                    dossier.receive(at=moment)
                else:
                    getattr(dossier, action)(**kwargs)

    def received(self, name, count, procedure, channel, moment, *, processing=True):
        dossiers = self.new(name, count, procedure, channel)
        self.do(dossiers, moment, "receive")
        if processing:
            self.do(dossiers, moment.replace(minute=30), "start_processing")
        return dossiers


@pytest.fixture(scope="module", name="world")
def world_fixture(django_db_setup, django_db_blocker):
    """The "world" fixture: build(), once for a test module, inside a transaction rolled back at its
    end. A test module imports it to use it."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build()
        yield built
        transaction.set_rollback(True)


def build():
    """Create the 68 dossiers; leave the clock as it is (the transitions travelled in time)."""
    agency_a = AgencyFactory(code=AGENCY_A, name="Sở Tư pháp thử nghiệm")
    agency_b = AgencyFactory(code=AGENCY_B, name="Ủy ban nhân dân xã thử nghiệm")
    civil = Field.objects.create(name="Hộ tịch", ministry="Bộ Tư pháp")
    attest = Field.objects.create(name="Chứng thực", ministry="Bộ Tư pháp")
    pa1 = _procedure(agency_a, civil, "9.900001")
    pa2 = _procedure(agency_a, attest, "9.900002")
    pb1 = _procedure(agency_b, civil, "9.900003")
    s = Script()
    supp = {"items": ["Bản sao giấy khai sinh"], "reason": "Thiếu giấy tờ"}

    # Before the period.
    c1 = s.received("C1", 3, pa1, "online", oct_(26))
    s.do(c1, at(4, 10), "complete")
    c2 = s.received("C2", 2, pa2, "counter", oct_(29))
    s.do(c2, at(2, 14), "complete")
    s.received("C3", 2, pb1, "post", oct_(30))
    c4 = s.received("C4", 1, pa1, "online", oct_(26))
    s.do(c4, oct_(30), "complete")
    c5 = s.received("C5", 1, pa1, "online", oct_(28), processing=False)
    s.do(c5, oct_(29), "withdraw", reason="Không còn nhu cầu")

    # In the period.
    r1 = s.received("R1", 8, pa1, "online", at(2))
    s.do(r1, at(3, 10), "complete")
    s.do(r1[:4], at(4, 10), "return_result")
    s.do(r1[:3], at(4, 11), "rate", level=Rating.Level.SATISFIED)
    s.do(r1[3:4], at(4, 11), "rate", level=Rating.Level.NOT_SATISFIED)
    r2 = s.received("R2", 6, pa1, "online", at(9))
    s.do(r2, at(12, 8, 30), "complete")
    r3 = s.received("R3", 4, pa1, "online", at(9))
    s.do(r3, at(13, 10), "complete")
    r4 = s.received("R4", 3, pa1, "online", at(16))
    s.do(r4, at(17), "request_supplement", **supp)
    s.do(r4, at(19), "supplement")
    s.do(r4, at(23, 10), "complete")
    r5 = s.received("R5", 2, pa1, "online", at(2))
    s.do(r5, at(3), "request_supplement", **supp)
    s.do(r5, at(4), "supplement")
    s.do(r5, at(5), "request_supplement", **supp)
    s.do(r5, at(6), "supplement")
    s.do(r5, at(9, 10), "complete")
    r6 = s.received("R6", 2, pa1, "online", at(23))
    s.do(r6, at(24), "extend", amount=2, unit="working_day", reason="Cần xác minh")
    s.do(r6, at(27, 10), "complete")
    r7 = s.received("R7", 1, pa1, "online", at(16))
    s.do(r7, at(17), "extend", amount=1, unit="working_day", reason="Cần xác minh")
    s.do(r7, at(20, 8), "complete")
    r8 = s.received("R8", 5, pa2, "counter", at(10, 14))
    s.do(r8, at(11, 10), "complete")
    s.received("R9", 3, pa2, "counter", at(25))
    r10 = s.received("R10", 2, pa2, "counter", at(23))
    s.do(r10, dec(1), "complete")
    r11 = s.received("R11", 2, pa2, "counter", at(16))
    s.do(r11, at(18), "request_supplement", **supp)
    r12 = s.received("R12", 1, pa2, "counter", at(2))
    s.do(r12, at(3), "request_supplement", **supp)
    s.do(r12, at(4), "supplement")
    s.do(r12, at(26), "request_supplement", **supp)
    r12b = s.received("R12b", 1, pa2, "counter", at(23))
    s.do(r12b, at(25), "request_supplement", **supp)
    s.do(r12b, dec(1), "supplement")
    r13 = s.received("R13", 4, pb1, "post", at(3))
    s.do(r13, at(6, 11), "complete")
    r14 = s.received("R14", 3, pb1, "post", at(4))
    s.do(r14, at(9, 9), "complete")
    s.do(r14, at(10), "return_result")
    for dossier, level in zip(r14, Rating.Level.values, strict=True):
        s.do([dossier], at(10, 10), "rate", level=level)
    r15 = s.received("R15", 2, pb1, "post", at(16))
    s.do(r15, at(18), "stop", reason="Không đủ điều kiện")
    r16 = s.received("R16", 2, pa1, "online", at(9), processing=False)
    s.do(r16, at(10), "withdraw", reason="Nộp nhầm")
    r17 = s.new("R17", 1, pa1, "online")
    s.do(r17, at(11), "withdraw", reason="Nộp nhầm")
    r18 = s.new("R18", 3, pb1, "online")
    s.do(r18, at(12), "refuse", reason="Không thuộc thẩm quyền")
    s.received("R19", 2, pa1, "online", dec(1))
    r20 = s.received("R20", 2, pb1, "online", at(2))
    s.do(r20, at(4, 10), "complete")

    return World(agency_a, agency_b, pa1, pa2, pb1, s.made)


# The figures of the whole period, counted by hand from the groups above.
EXPECTED = {
    "carried_over": 7,  # C1 3 + C2 2 + C3 2
    "received_online": 30,  # R1 8 + R2 6 + R3 4 + R4 3 + R5 2 + R6 2 + R7 1 + R16 2 + R20 2
    "received_counter": 14,  # R8 5 + R9 3 + R10 2 + R11 2 + R12 1 + R12b 1
    "received_post": 9,  # R13 4 + R14 3 + R15 2
    "received": 53,
    "handled": 60,  # 7 + 53
    "resolved_early": 22,  # C2 2 + R1 8 + R4 3 + R6 2 + R8 5 + R20 2
    "resolved_on_time": 10,  # R2 6 + R7 1 + R14 3
    "resolved_late": 13,  # C1 3 + R3 4 + R5 2 + R13 4
    "resolved": 45,
    "in_progress_on_time": 3,  # R9 3
    "in_progress_overdue": 4,  # C3 2 + R10 2
    "waiting_for_supplements": 4,  # R11 2 + R12 1 + R12b 1
    "closed_without_result": 4,  # R15 2 + R16 2  (45 + 3 + 4 + 4 + 4 = 60)
    "withdrawn": 3,  # R16 2 + R17 1
    "stopped": 2,  # R15 2
    "refused": 3,  # R18 3
    "online_resolved": 31,  # C1 3 + R1 8 + R2 6 + R3 4 + R4 3 + R5 2 + R6 2 + R7 1 + R20 2
    "online_resolved_in_time": 22,  # R1 8 + R2 6 + R4 3 + R6 2 + R7 1 + R20 2
    # early 22 + on time 10 + in progress on time 3 + waiting once R11 2, R12b 1
    # + closed by the appointment R15 2, R16 2 = 42 (R12's second request is late).
    "on_time_766": 42,
}
EXPECTED_RATES = {
    "on_time_rate": 70.0,  # 42 / 60
    "resolved_in_time_rate": 71.1,  # 32 / 45
    "online_in_time_rate": 71.0,  # 22 / 31
    "online_share": 56.6,  # 30 / 53
}
# Agency B (PB1 only): C3, R13, R14, R15, R18, R20.
EXPECTED_AGENCY_B = {
    "carried_over": 2,
    "received_online": 2,
    "received_counter": 0,
    "received_post": 9,
    "received": 11,
    "handled": 13,
    "resolved_early": 2,
    "resolved_on_time": 3,
    "resolved_late": 4,
    "resolved": 9,
    "in_progress_on_time": 0,
    "in_progress_overdue": 2,
    "waiting_for_supplements": 0,
    "closed_without_result": 2,
    "withdrawn": 0,
    "stopped": 2,
    "refused": 3,
    "online_resolved": 2,
    "online_resolved_in_time": 2,
    "on_time_766": 7,  # R20 2 + R14 3 + R15 2
}
# Procedure PA2 (agency A, counter only): C2, R8–R12b.
EXPECTED_PA2 = {
    "carried_over": 2,
    "received_online": 0,
    "received_counter": 14,
    "received_post": 0,
    "received": 14,
    "handled": 16,
    "resolved_early": 7,  # C2 2 + R8 5
    "resolved_on_time": 0,
    "resolved_late": 0,
    "resolved": 7,
    "in_progress_on_time": 3,
    "in_progress_overdue": 2,
    "waiting_for_supplements": 4,
    "closed_without_result": 0,
    "withdrawn": 0,
    "stopped": 0,
    "refused": 0,
    "online_resolved": 0,
    "online_resolved_in_time": 0,
    "on_time_766": 13,  # 7 + 3 + R11 2 + R12b 1
}
