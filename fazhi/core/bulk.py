"""Writing many rows of one model at once: COPY on PostgreSQL, bulk_create elsewhere.

Django's bulk_create on PostgreSQL sends each column as one array parameter,
which psycopg quotes in Python: for an Excel import of 20,000 rows that quoting
was a quarter of the import (bench/excel_import.py). COPY sends the rows as they
are. Rows keep every guarantee of an insert (constraints, the transaction they
are written in); what bulk_create would have set on the objects (the ids, the
auto_now dates) is set here before they are sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, connections, models

# Fewer rows than this go through bulk_create: COPY's set-up costs more than it saves.
COPY_FROM = 100

# Fields whose Python values psycopg sends as they are (get_db_prep_save would
# return them unchanged, at a cost of a few calls each per row).
_PLAIN = (
    models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.DateField,
    models.DecimalField, models.ForeignKey, models.AutoField,
)  # fmt: skip


def _prep(field: models.Field, db):
    if isinstance(field, _PLAIN) and not isinstance(field, models.JSONField):
        return lambda value: value
    return lambda value: field.get_db_prep_save(value, db)


def insert(model: type[models.Model], objs: Sequence[models.Model], *, ids: bool = True) -> None:
    """Insert `objs` (new, unsaved instances of `model`). With `ids`, each object
    gets its primary key, drawn from the table's sequence, as bulk_create gives it."""
    if connection.vendor != "postgresql" or len(objs) < COPY_FROM:
        model.objects.bulk_create(objs)
        return
    meta = model._meta
    pk = meta.pk
    fields = [f for f in meta.concrete_fields if f is not pk or ids]
    if ids:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(objs)],
            )
            for obj, (value,) in zip(objs, cur.fetchall(), strict=True):
                obj.pk = value
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    connection.ensure_connection()
    db = connections[connection.alias]  # the connection itself, not the proxy, in the loop
    prep = [_prep(f, db) for f in fields]
    with db.connection.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            copy.write_row([p(f.pre_save(obj, True)) for f, p in zip(fields, prep, strict=True)])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
