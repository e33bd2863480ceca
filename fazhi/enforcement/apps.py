from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from fazhi.core import workbench
        from fazhi.enforcement import live, roles  # noqa: F401  (roles: grants; live: connects 实时推送)
        from fazhi.enforcement.panels import latest_decisions

        workbench.register(latest_decisions)
