from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "依法决策"

    def ready(self) -> None:
        from fazhi.decisions import roles  # noqa: F401  (grants the app's permissions to roles)
