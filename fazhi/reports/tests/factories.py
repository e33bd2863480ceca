"""A town's report taken through the whole workflow, for tests of other apps."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import User
from fazhi.core.tests.factories import user_with_role
from fazhi.reports import actions
from fazhi.reports.models import Report


def _user(username: str, role: str, town) -> User:
    return User.objects.filter(username=username).first() or user_with_role(username, role, town)


def published_report(town, year: int = 2023, kind: str = "annual") -> Report:
    office = _user(f"rep_office_{town.code}", "rule_of_law_office", town)
    leader = _user(f"rep_leader_{town.code}", "leader", town)
    report = actions.create_report(town, kind, year, actor=office)
    report = actions.take_step(report, "review", actor=office, on=dt.date(year + 1, 1, 8))
    report = actions.take_step(report, "approve", actor=leader, on=dt.date(year + 1, 1, 10))
    if report.spec.needs_submission:
        report = actions.take_step(report, "submit", actor=office, on=dt.date(year + 1, 1, 12))
    return actions.take_step(report, "publish", actor=office, on=dt.date(year + 1, 1, 15))
