"""Demo step: Jiangkou's yearly reports, through the real actions.

- 2022 and 2023: the annual report on rule-of-law government building reviewed by
  the rule-of-law office, approved by the leader, submitted to the county and
  published before the deadlines; the disclosure report published by 31 January.
  The snapshots are built from the demo's records when the step runs.
- Last year (relative to today): both reports as drafts, so that their deadlines
  reach the workbench and the warnings.
- The supervision models' scan of the year (as on 31 December 2023) and of today,
  so that the flags have something to show."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import DemoContext, step
from fazhi.core.models import User
from fazhi.reports import actions
from fazhi.reports.choices import ReportKind, ReportStatus
from fazhi.reports.models import Report

# year -> (reviewed, approved, submitted, published) of the annual report.
ANNUAL_DATES = {
    2022: (dt.date(2023, 2, 13), dt.date(2023, 2, 20), dt.date(2023, 2, 24), dt.date(2023, 3, 22)),
    2023: (dt.date(2024, 2, 5), dt.date(2024, 2, 19), dt.date(2024, 2, 26), dt.date(2024, 3, 20)),
}
# year -> (reviewed, approved, published) of the disclosure report.
DISCLOSURE_DATES = {
    2022: (dt.date(2023, 1, 16), dt.date(2023, 1, 18), dt.date(2023, 1, 20)),
    2023: (dt.date(2024, 1, 15), dt.date(2024, 1, 19), dt.date(2024, 1, 25)),
}


def _report(town, kind: str, year: int, office) -> Report:
    report = Report.objects.filter(org_unit=town, kind=kind, year=year).first()
    return report or actions.create_report(town, kind, year, actor=office)


@step(90)
def reports(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    office = User.objects.get(username="fazhiban")
    leader = User.objects.get(username="leader")
    county = town.parent.name
    made = 0
    for year, (reviewed, approved, submitted, published) in ANNUAL_DATES.items():
        report = _report(town, ReportKind.ANNUAL, year, office)
        if report.status == ReportStatus.DRAFT:
            report = actions.take_step(report, "review", actor=office, on=reviewed)
            report = actions.take_step(report, "approve", actor=leader, on=approved, note="同意报送")
            report = actions.take_step(report, "submit", actor=office, on=submitted,
                                       submitted_to=f"中共{county}委、{county}人民政府",
                                       submission_ref=f"江口委文〔{year + 1}〕{ctx.rng.randint(3, 12)}号")  # fmt: skip
            actions.take_step(report, "publish", actor=office, on=published, note="在政府门户网站公开")
            made += 1
    for year, (reviewed, approved, published) in DISCLOSURE_DATES.items():
        report = _report(town, ReportKind.DISCLOSURE, year, office)
        if report.status == ReportStatus.DRAFT:
            report = actions.take_step(report, "review", actor=office, on=reviewed)
            report = actions.take_step(report, "approve", actor=leader, on=approved)
            actions.take_step(report, "publish", actor=office, on=published)
            made += 1
    last = timezone.localdate().year - 1
    if last not in ANNUAL_DATES:
        for kind in ReportKind.values:
            _report(town, kind, last, office)
    # The supervision models as the nightly scan of 31 December 2023 saw the year
    # (the lookback runs from the scan's day, so today's scan finds the demo's open items).
    from fazhi.reports.supervision.actions import scan

    flagged = scan(town, today=dt.date(2023, 12, 31)).total_created + scan(town).total_created
    ctx.out(f"年度报告：已公开{made}份（2022、2023年），{last}年报告草稿；监督预警{flagged}条")
