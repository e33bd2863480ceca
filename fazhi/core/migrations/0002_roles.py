"""The roles, as groups. Their permissions are kept in step by
fazhi.core.roles.sync_role_permissions after every migrate."""

from django.db import migrations

ROLES = [
    "officer", "legal_reviewer", "window_clerk", "mediator", "grid_worker",
    "rule_of_law_office", "leader", "sysadmin", "secadmin", "auditor",
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
