from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "fazhi.services"
    label = "services"
    verbose_name = "政务服务"

    def ready(self) -> None:
        from fazhi.core import workbench
        from fazhi.services import roles  # noqa: F401  (grants the app's permissions to roles)
        from fazhi.services.panels import PANELS

        for panel in PANELS:
            workbench.register(panel)
