from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from fazhi.core import workbench
        from fazhi.enforcement import roles  # noqa: F401  (grants the app's permissions to roles)
        from fazhi.enforcement.panels import latest_decisions

        workbench.register(latest_decisions)
