"""`flush` through the audit maintenance path: the append-only triggers refuse
a plain flush, and a test database flush is a maintenance action like any other."""

from django.core.management.commands import flush

from fazhi.core.audit_guard import maintenance


class Command(flush.Command):
    def handle(self, **options):
        with maintenance("清空数据库（flush）", using=options["database"]):
            return super().handle(**options)
