from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fazhi.core import roles

        post_migrate.connect(roles.sync_role_permissions, dispatch_uid="fazhi.core.roles")
