from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "统计报告"

    def ready(self) -> None:
        from fazhi.core.roles import grant

        view = ("reports.view_report", "reports.view_reporttemplate")
        grant(("rule_of_law_office", "leader", "legal_reviewer"), *view)
        grant(
            ("rule_of_law_office",),
            "reports.add_report",
            "reports.change_report",
            "reports.review_report",
            "reports.submit_report",
            "reports.change_reporttemplate",
            "reports.add_reporttemplate",
        )
        grant(("leader",), "reports.approve_report")
        # The supervision models' flags: read by the reviewers, the office and leaders,
        # confirmed or dismissed by the reviewers and the office.
        grant(("legal_reviewer", "rule_of_law_office", "leader"), "reports.view_supervisionflag")
        grant(("legal_reviewer", "rule_of_law_office"), "reports.handle_supervisionflag")
