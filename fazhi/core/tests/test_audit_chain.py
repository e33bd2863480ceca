"""The audit chain: append-only on both databases, and `fazhi audit verify`
names the first event that was changed, removed or moved."""

import datetime as dt
import io
import json
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from fazhi.core import audit, audit_verify
from fazhi.core.models import AuditCheckpoint, AuditEvent, AuditHead
from fazhi.core.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(officer_town_a, town_a):
    """Six events on town A's chain."""
    for i in range(6):
        audit.record(actor=officer_town_a, action="core.test.step", target=town_a, new={"i": i})
    return list(AuditEvent.objects.filter(chain=town_a.pk).order_by("seq"))


def _tamper(sql: str, params=()) -> None:
    """What someone holding the database could do: drop the guard, then write."""
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute("DROP TRIGGER core_auditevent_no_update")
            c.execute("DROP TRIGGER core_auditevent_no_delete")
        else:
            c.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        c.execute(sql, params)


def _verify() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_an_intact_chain_verifies(events):
    assert "审计链完好" in _verify()


def test_events_of_a_town_form_its_own_chain(events, town_a):
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    assert all(e.chain == town_a.pk for e in events)
    assert events[1].prev_hash == events[0].hash
    assert AuditHead.objects.get(chain=town_a.pk).seq == 6


def test_a_changed_field_is_named(events):
    _tamper("UPDATE core_auditevent SET new_values = %s WHERE id = %s", ['{"i":99}', events[2].id])
    with pytest.raises(CommandError, match=r"第3号事件（ID \d+）被修改"):
        _verify()


def test_a_deleted_event_is_named(events):
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events[2].id])
    with pytest.raises(CommandError, match="第3号事件被删除"):
        _verify()


def test_deleting_the_last_events_is_noticed(events):
    _tamper("DELETE FROM core_auditevent WHERE id >= %s", [events[4].id])
    with pytest.raises(CommandError, match="第5号事件被删除"):
        _verify()


def test_swapped_events_are_named(events):
    a, b = events[2].id, events[3].id
    _tamper("UPDATE core_auditevent SET id = -id WHERE id IN (%s, %s)", [a, b])
    with connection.cursor() as c:
        c.execute("UPDATE core_auditevent SET id = %s WHERE id = %s", [b, -a])
        c.execute("UPDATE core_auditevent SET id = %s WHERE id = %s", [a, -b])
    with pytest.raises(CommandError, match=r"第4号事件.*被移动"):
        _verify()


def test_a_replaced_link_is_named(events):
    _tamper("UPDATE core_auditevent SET prev_hash = %s WHERE id = %s", ["f" * 64, events[3].id])
    with pytest.raises(CommandError, match=r"第4号事件.*被修改"):
        _verify()


@pytest.mark.parametrize(
    "operation",
    [
        lambda e: AuditEvent.objects.filter(pk=e.pk).update(message="改"),
        lambda e: AuditEvent.objects.filter(pk=e.pk).delete(),
        lambda e: e.delete(),
    ],
    ids=["orm-update", "orm-delete-queryset", "orm-delete-instance"],
)
def test_the_orm_cannot_change_or_delete_events(events, operation):
    with pytest.raises(DatabaseError), transaction.atomic():
        operation(events[0])
    assert AuditEvent.objects.filter(pk=events[0].pk, message="").exists()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET message = 'x'",
        "DELETE FROM core_auditevent",
        "UPDATE core_auditcheckpoint SET seq = 0",
        "DELETE FROM core_auditcheckpoint",
    ],
)
def test_raw_sql_cannot_change_or_delete_audit_rows(events, sql):
    AuditCheckpoint.objects.create(chain=0, seq=0, hash="0" * 64, at=events[0].at)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute(sql)
    assert AuditEvent.objects.count() == len(events)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_truncate_is_refused_on_postgresql(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("TRUNCATE core_auditevent")


def test_a_checkpoint_file_proves_nothing_before_it_was_rewritten(events, tmp_path, town_a):
    cp = tmp_path / "checkpoint.json"
    call_command("audit", "checkpoint", str(cp), stdout=io.StringIO())
    out = io.StringIO()
    call_command("audit", "verify", "--checkpoint", str(cp), stdout=out)
    assert "完好" in out.getvalue()
    # Rewrite the chain from event 2 on, recomputing every hash as a forger
    # without the key could: the chain itself verifies again...
    _tamper("UPDATE core_auditevent SET message = %s WHERE id = %s", ["伪造", events[1].id])
    prev = events[0].hash
    with connection.cursor() as c:
        for e in AuditEvent.objects.filter(chain=town_a.pk, seq__gte=2).order_by("seq"):
            e.prev_hash = prev
            e.hash = audit.event_hash(tuple(getattr(e, f) for f in audit.CANONICAL_FIELDS))
            c.execute(
                "UPDATE core_auditevent SET prev_hash=%s, hash=%s WHERE id=%s", [e.prev_hash, e.hash, e.id]
            )
            prev = e.hash
        c.execute("UPDATE core_audithead SET hash=%s WHERE chain=%s", [prev, town_a.pk])
    assert "完好" in _verify()
    # ...but not against the checkpoint kept elsewhere.
    with pytest.raises(CommandError, match="改写"):
        call_command("audit", "verify", "--checkpoint", str(cp), stdout=io.StringIO())


def test_an_edited_checkpoint_file_is_refused(events, tmp_path):
    cp = tmp_path / "checkpoint.json"
    call_command("audit", "checkpoint", str(cp), stdout=io.StringIO())
    body = json.loads(cp.read_text())
    body["chains"][0]["seq"] = 1
    cp.write_text(json.dumps(body))
    with pytest.raises(CommandError, match="校验码不符"):
        call_command("audit", "verify", "--checkpoint", str(cp), stdout=io.StringIO())


def _record_at(when: dt.datetime, actor, target, monkeypatch) -> None:
    monkeypatch.setattr(audit.timezone, "now", lambda: when)
    audit.record(actor=actor, action="core.test.old", target=target)
    monkeypatch.undo()


def test_purge_removes_whole_old_months_and_verify_starts_from_the_checkpoint(
    officer_town_a, town_a, monkeypatch
):
    for when in ("2025-01-15", "2025-02-04", "2025-03-03"):
        _record_at(dt.datetime.fromisoformat(when + "T09:00:00+00:00"), officer_town_a, town_a, monkeypatch)
    audit.record(actor=officer_town_a, action="core.test.new", target=town_a)
    removed = audit_verify.purge(dt.date(2025, 3, 1), today=dt.date(2026, 11, 25))
    assert removed == 2  # January and February; March stays
    remaining = list(AuditEvent.objects.filter(chain=town_a.pk).order_by("seq").values_list("seq", flat=True))
    assert remaining == [3, 4]
    assert AuditCheckpoint.objects.get(chain=town_a.pk).seq == 2
    assert "完好" in _verify()
    assert AuditEvent.objects.filter(action="core.audit.maintenance").exists()


def test_purge_refuses_young_or_partial_months():
    with pytest.raises(audit_verify.PurgeRefused, match="180天"):
        audit_verify.purge(dt.date(2026, 10, 1), today=dt.date(2026, 11, 25))
    with pytest.raises(audit_verify.PurgeRefused, match="整月"):
        audit_verify.purge(dt.date(2025, 1, 15), today=dt.date(2026, 11, 25))


def test_login_logout_and_failed_login_are_events(client, officer_town_a):
    client.post("/login/", {"username": "officer_a", "password": "wrong"})
    client.post("/login/", {"username": "officer_a", "password": "Test#Pass2023"})
    client.post("/logout/")
    actions = list(AuditEvent.objects.filter(action__startswith="core.user.").values_list("action", "result"))
    assert actions == [
        ("core.user.login_failed", "failure"),
        ("core.user.logged_in", "success"),
        ("core.user.logged_out", "success"),
    ]
    assert "wrong" not in str(list(AuditEvent.objects.values_list("new_values", flat=True)))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="SQLite serialises writers at BEGIN IMMEDIATE"
)
def test_concurrent_writers_never_fork_a_chain(town_a, officer_town_a):
    errors = []

    def write(n):
        from django.db import connections

        try:
            for i in range(15):
                audit.record(
                    actor=officer_town_a, action="core.test.concurrent", target=town_a, new={"w": n, "i": i}
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(AuditEvent.objects.filter(chain=town_a.pk).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 61))
    assert audit_verify.verify().ok


def test_with_an_audit_key_the_chain_is_hmac_sm3(settings, officer_town_a, town_a):
    from fazhi.core import sm3

    settings.FAZHI_AUDIT_KEY = "key-kept-in-the-vault"
    audit._key.cache_clear()
    try:
        event = audit.record(actor=officer_town_a, action="core.test.keyed", target=town_a)
        values = tuple(getattr(event, f) for f in audit.CANONICAL_FIELDS)
        assert event.hash == sm3.hmac_sm3_hex(b"key-kept-in-the-vault", audit.canonical(values))
        assert event.hash != sm3.sm3_hex(audit.canonical(values))
        assert audit_verify.verify().ok
    finally:
        settings.FAZHI_AUDIT_KEY = ""
        audit._key.cache_clear()


def test_sm3_self_test_uses_the_standard_vector(monkeypatch):
    from fazhi.core import sm3

    assert sm3.sm3_hex(b"abc") == sm3.ABC_DIGEST
    monkeypatch.setattr(sm3, "_digest", lambda data: b"\x00" * 32)
    with pytest.raises(sm3.SM3SelfTestError):
        sm3.self_test()


def test_logs_carry_no_password_or_id_number(client, officer_town_a, town_a, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    person = PersonFactory(org_unit=town_a)
    client.post("/login/", {"username": "officer_a", "password": "Wrong#Secret99"})
    client.post("/login/", {"username": "officer_a", "password": "Test#Pass2023"})
    client.get(f"/core/people/?q={person.resident_id}")
    client.post(f"/core/people/{person.pk}/reveal/")
    text = caplog.text
    assert "Wrong#Secret99" not in text and "Test#Pass2023" not in text
    assert person.resident_id not in text
