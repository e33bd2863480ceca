"""Reconsideration and litigation cases for tests, made through the actions (never saved
by hand), so that each has its due date, deadline, history and audit events."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.tests.factories import user_with_role
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.choices import PartyKind
from fazhi.disputes.models import Litigation, Reconsideration

_seq = itertools.count(1)
SERVED_2023 = dt.date(2023, 9, 27)
SERVED_2024 = dt.date(2024, 9, 27)


def _user(username: str, role: str, town, name: str) -> User:
    return User.objects.filter(username=username).first() or user_with_role(
        username, role, town, display_name=name
    )


def office_of(town) -> User:
    """The town's rule-of-law office (司法所、法治办): keeps the cases."""
    return _user(f"rm_office_{town.code}", "rule_of_law_office", town, "赵法治")


def leader_of(town) -> User:
    return _user(f"rm_leader_{town.code}", "leader", town, "周领导")


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def make_reconsideration(
    town, *, copy_served_on: dt.date = SERVED_2024, actor=None, **extra
) -> Reconsideration:
    n = next(_seq)
    data = {
        "org_unit": town,
        "case_no": f"云府复〔{copy_served_on.year}〕{n}号",
        "body": "云阳县人民政府",
        "applicant_kind": PartyKind.INDIVIDUAL,
        "applicant": "张三丰",
        "act": f"江口镇行政处罚决定（测试{n}）",
        "copy_served_on": copy_served_on,
        "handler": extra.pop("handler", None),
        **extra,
    }
    return actions.receive_reconsideration(actor=actor or office_of(town), data=data)


def make_litigation(town, *, complaint_received_on: dt.date = dt.date(2024, 3, 1), actor=None,
                    **extra) -> Litigation:  # fmt: skip
    n = next(_seq)
    data = {
        "org_unit": town,
        "case_no": f"（{complaint_received_on.year}）渝0235行初{n}号",
        "court": "云阳县人民法院",
        "plaintiff_kind": PartyKind.INDIVIDUAL,
        "plaintiff": "李四海",
        "act": f"江口镇行政处罚决定（测试{n}）",
        "complaint_received_on": complaint_received_on,
        **extra,
    }
    return actions.receive_litigation(actor=actor or office_of(town), data=data)
