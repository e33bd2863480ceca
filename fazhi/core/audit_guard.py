"""Append-only enforcement of the audit tables, and the one way past it.

Triggers on SQLite and PostgreSQL refuse UPDATE and DELETE (and TRUNCATE) of
audit events and checkpoints. `maintenance(...)` is the only door: it opens the
guard for one transaction of this connection and records an audit event saying
why. Test database flushes (the `flush` command) and the retention purge use it.

On SQLite the triggers ask a function that Fazhi registers on each of its own
connections; a connection without it (the sqlite3 shell) cannot write at all.
On PostgreSQL they read a setting that `SET LOCAL` changes for one transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connections, transaction

SQLITE_FUNCTION = "fazhi_audit_maintenance"
PG_SETTING = "fazhi.audit_maintenance"
GUARDED_TABLES = ("core_auditevent", "core_auditcheckpoint")
REFUSAL = "audit records are append-only (GB/T 22239-2019 8.1.4.3)"


def install_sqlite_function(sender=None, connection=None, **kwargs) -> None:
    """connection_created handler: give each SQLite connection the guard's switch."""
    if connection is None or connection.vendor != "sqlite":
        return
    state = connection.__dict__.setdefault("fazhi_audit_maintenance", [False])
    connection.connection.create_function(SQLITE_FUNCTION, 0, lambda: 1 if state[0] else 0)


def sqlite_triggers() -> list[str]:
    sql = []
    for table in GUARDED_TABLES:
        for op in ("UPDATE", "DELETE"):
            sql.append(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"WHEN {SQLITE_FUNCTION}() = 0 BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )
    return sql


def postgresql_triggers() -> list[str]:
    sql = [
        f"""
        CREATE OR REPLACE FUNCTION core_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('{PG_SETTING}', true) = 'on' THEN
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
                RETURN NULL;
            END IF;
            RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    ]
    for table in GUARDED_TABLES:
        sql.append(
            f"CREATE TRIGGER {table}_guard_row BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION core_audit_guard()"
        )
        sql.append(
            f"CREATE TRIGGER {table}_guard_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION core_audit_guard()"
        )
    return sql


@contextlib.contextmanager
def _guard_open(using: str) -> Iterator[None]:
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {PG_SETTING} = 'on'")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL {PG_SETTING} = 'off'")
    else:
        connection.ensure_connection()
        state = connection.__dict__.setdefault("fazhi_audit_maintenance", [False])
        state[0] = True
        try:
            yield
        finally:
            state[0] = False


@contextlib.contextmanager
def maintenance(reason: str, *, actor=None, using: str = "default") -> Iterator[None]:
    """Open the append-only guard for the statements inside the block (one
    transaction), then record an audit event that says why."""
    from fazhi.core import audit

    with transaction.atomic(using=using):
        with _guard_open(using):
            yield
        audit.record(actor=actor, action="core.audit.maintenance", message=reason, target_repr="审计记录维护")
