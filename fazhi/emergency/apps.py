from django.apps import AppConfig


class EmergencyConfig(AppConfig):
    name = "fazhi.emergency"
    label = "emergency"
    verbose_name = "应急管理"

    def ready(self) -> None:
        from fazhi.emergency import roles  # noqa: F401  (grants the app's permissions to roles)
