"""Triggers that make the audit tables append-only (fazhi/core/audit_guard.py)."""

from django.db import migrations

from fazhi.core import audit_guard


def install(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statements = audit_guard.postgresql_triggers()
    elif connection.vendor == "sqlite":
        statements = audit_guard.sqlite_triggers()
    else:
        raise RuntimeError(f"no audit guard for the {connection.vendor} database")
    for sql in statements:
        schema_editor.execute(sql)


def remove(apps, schema_editor):
    connection = schema_editor.connection
    for table in audit_guard.GUARDED_TABLES:
        if connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_guard_row ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_guard_truncate ON {table}")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_roles")]
    operations = [migrations.RunPython(install, remove)]
