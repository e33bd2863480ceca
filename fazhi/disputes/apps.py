from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "矛盾纠纷"

    def ready(self) -> None:
        from fazhi.disputes import roles  # noqa: F401  (grants the app's permissions to roles)
        from fazhi.disputes.views.remedies import case_panel
        from fazhi.enforcement import views as enforcement_views

        # An enforcement case's page lists the reconsiderations and lawsuits against it.
        if case_panel not in enforcement_views.CASE_PANELS:
            enforcement_views.CASE_PANELS.append(case_panel)
