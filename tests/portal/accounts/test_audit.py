import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory

from portal.accounts import audit
from portal.accounts.models import AuditEvent, User


@pytest.fixture
def officer(db):
    return User.objects.create_user("motcua", password="x" * 16)


@pytest.fixture
def five_events(officer):
    request = RequestFactory().get("/", REMOTE_ADDR="203.113.1.7")
    request.user = officer
    events = [audit.record(AuditEvent.Action.LOGIN, request=request)]
    events.append(audit.record(AuditEvent.Action.LOGIN_FAILED, subject=officer, attempts=3))
    events.append(
        audit.record(AuditEvent.Action.MFA_ADDED, actor=officer, subject=officer, kind="totp")
    )
    events.append(audit.record(AuditEvent.Action.PASSWORD_CHANGED, actor=officer, subject=officer))
    events.append(audit.record(AuditEvent.Action.LOGOUT, actor=officer))
    return events


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify():
    try:
        call_command("verify_audit_log")
    except CommandError as error:
        return str(error)
    return "intact"


def test_events_carry_actor_ip_time_and_a_chain(five_events, officer):
    first = AuditEvent.objects.get(sequence=1)
    assert first.actor_label == "motcua"
    assert first.ip == "203.113.1.7"
    assert first.at.utcoffset().total_seconds() == 0
    assert [event.sequence for event in five_events] == [1, 2, 3, 4, 5]
    assert five_events[1].previous_hash == five_events[0].hash
    assert AuditEvent.objects.get(sequence=3).details == {"kind": "totp"}


def test_intact_log_verifies(five_events, capsys):
    assert verify() == "intact"
    assert "5 rows verified" in capsys.readouterr().out


def test_edited_row_is_named(five_events, capsys):
    raw(
        f"UPDATE {AuditEvent._meta.db_table} SET actor_label = %s WHERE sequence = %s",
        ["hacker", 3],
    )
    assert "tampered" in verify()
    assert "row 3: edited" in capsys.readouterr().err


def test_deleted_row_is_named(five_events, capsys):
    raw(f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence = %s", [2])
    assert "tampered" in verify()
    err = capsys.readouterr().err
    assert "row 2: deleted" in err
    assert "row 3" not in err


def test_deleting_the_newest_rows_is_detected(five_events, capsys):
    raw(f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence >= %s", [4])
    assert "tampered" in verify()
    err = capsys.readouterr().err
    assert "row 4: deleted" in err
    assert "row 5: deleted" in err


def test_a_forged_row_with_a_recomputed_hash_breaks_the_link_to_the_next(five_events, capsys):
    forged = AuditEvent.objects.get(sequence=2)
    forged.details = {"attempts": 1}
    new_hash = audit.chain_hash(forged.previous_hash, forged.hashed_fields())
    raw(
        f"UPDATE {AuditEvent._meta.db_table} SET details = %s, hash = %s WHERE sequence = %s",
        ['{"attempts": 1}', new_hash, 2],
    )
    verify()
    assert "row 3: does not follow the row before it" in capsys.readouterr().err


def test_the_orm_refuses_to_edit_or_delete(five_events):
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(sequence=1).update(action="login")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
