from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "fazhi.oversight"
    label = "oversight"
    verbose_name = "监督问责"

    def ready(self) -> None:
        from fazhi.core import workbench
        from fazhi.oversight import roles  # noqa: F401  (grants the app's permissions to roles)
        from fazhi.oversight.panels import my_rectifications

        workbench.register(my_rectifications)
