"""Factories of the supervision tests (政务公开, 建议提案, 督查评议), made through the
actions so that each record has its deadline and audit events like a real one.
(Kept beside the tests that use them; it holds no test.)"""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.models import User
from fazhi.core.tests.factories import user_with_role
from fazhi.oversight.choices import InfoCategory, InspectionKind, ProposalKind, RequestChannel
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal
from fazhi.oversight.supervision import actions
from fazhi.oversight.tests.factories import leader_of, office_of

_seq = itertools.count(1)


def _user(username: str, role: str, town, name: str) -> User:
    return User.objects.filter(username=username).first() or user_with_role(
        username, role, town, display_name=name
    )


def clerk_of(town) -> User:
    """The clerk of the disclosure post (政务公开岗): a window clerk."""
    return _user(f"clerk_{town.code}", "window_clerk", town, "王公开")


def make_item(town, *, made_on=dt.date(2023, 9, 27), published_on=None, actor=None, **extra) -> InfoItem:
    data = {
        "org_unit": town,
        "category": InfoCategory.HOMESTEAD,
        "title": f"宅基地审批结果公示{next(_seq)}",
        "content": "第一批宅基地审批结果（测试）",
        "made_on": made_on,
        "published_on": published_on,
        "channel": "portal" if published_on else "",
        **extra,
    }
    return actions.create_info_item(actor=actor or clerk_of(town), data=data)


def make_request(town, *, received_on=dt.date(2023, 9, 27), actor=None, **extra) -> InfoRequest:
    data = {
        "org_unit": town,
        "number": f"2023-{next(_seq):03d}",
        "requester": "张三",
        "contact": "13812345678",
        "content": "某村道路硬化项目资金使用情况",
        "received_on": received_on,
        "request_channel": RequestChannel.ONLINE,
        **extra,
    }
    return actions.register_info_request(actor=actor or clerk_of(town), data=data)


def make_proposal(town, *, assigned_on=dt.date(2023, 11, 30), actor=None, **extra) -> Proposal:
    data = {
        "org_unit": town,
        "kind": ProposalKind.DEPUTY,
        "number": f"2023-{next(_seq):03d}",
        "title": "关于硬化通组公路的建议",
        "proposer": "李代表",
        "received_on": assigned_on - dt.timedelta(days=5),
        "assigned_on": assigned_on,
        "lead_leader": leader_of(town),
        **extra,
    }
    return actions.register_proposal(actor=actor or office_of(town), data=data)


def reply(proposal: Proposal, *, on: dt.date, satisfaction: str = "", category: str = "A") -> Proposal:
    return actions.update_proposal(proposal, actor=office_of(proposal.org_unit), data={
        "replied_on": on, "reply_category": category, "reply_text": "已答复", "satisfaction": satisfaction,
    })  # fmt: skip


def make_inspection(town, *, kind=InspectionKind.COUNTY, held_on=dt.date(2023, 6, 15), **extra) -> Inspection:
    data = {
        "org_unit": town,
        "kind": kind,
        "title": f"县级督查{next(_seq)}",
        "by_whom": "云阳县人民政府督查室",
        "held_on": held_on,
        **extra,
    }
    return actions.create_inspection(actor=office_of(town), data=data)


def add_finding(inspection: Inspection, *, due_on=dt.date(2023, 7, 31), **extra):
    data = {"problem": f"督查发现的问题{next(_seq)}", "measures": "按期整改", "lead_leader": leader_of(inspection.org_unit),
            "due_on": due_on, **extra}  # fmt: skip
    return actions.add_inspection_finding(inspection, actor=office_of(inspection.org_unit), data=data)
