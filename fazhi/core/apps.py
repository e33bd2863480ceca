from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from fazhi.core import audit, audit_guard, checks, deadlines, permcache, roles, signals, sm3  # noqa: F401  (checks register)

        deadlines.register_live_kind()
        sm3.self_test()
        connection_created.connect(audit_guard.install_sqlite_function, dispatch_uid="fazhi.audit.sqlite")
        audit.connect_signals()
        signals.connect()
        permcache.connect()

        post_migrate.connect(roles.sync_role_permissions, dispatch_uid="fazhi.core.roles")
        post_migrate.connect(_seed_calendar, dispatch_uid="fazhi.core.calendar")


def _seed_calendar(sender=None, using: str = "default", **kwargs) -> None:
    """A database without any calendar year gets the packaged notices, so that
    working days can be counted from the first migrate on (and after a test flush)."""
    if getattr(sender, "label", "") != "core":
        return
    from fazhi.core import workdays
    from fazhi.core.models import CalendarYear

    if not CalendarYear.objects.using(using).exists():
        workdays.seed_from_package()
