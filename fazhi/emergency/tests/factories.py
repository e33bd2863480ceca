"""Emergency records for tests, made through the actions (never saved by hand), so
that each has its audit event and, for a plan, its version and deadline."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit, User
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role
from fazhi.emergency import actions
from fazhi.emergency.choices import DrillKind, PlanCategory, PlanLevel, TeamKind
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, TeamEquipment, TeamMember

_seq = itertools.count(1)


def keeper_of(town: OrgUnit) -> User:
    """The town's emergency post holder (an officer's account): keeps the registers."""
    username = f"emg_keeper_{town.code}"
    return User.objects.filter(username=username).first() or user_with_role(
        username, "officer", town, display_name="应急岗"
    )


def village_of(town: OrgUnit, kind: str = OrgKind.VILLAGE) -> OrgUnit:
    n = next(_seq)
    return OrgUnitFactory(kind=kind, parent=town, code=f"{town.code}{n:03d}", name=f"测试村{n}")


def _town(unit: OrgUnit) -> OrgUnit:
    return unit.town or unit


def make_plan(
    unit: OrgUnit,
    *,
    revised_on: dt.date = dt.date(2023, 4, 20),
    version: str = "2023版",
    category: str = PlanCategory.NATURAL_DISASTER,
    **extra,
) -> EmergencyPlan:
    level = PlanLevel.VILLAGE if unit.kind in (OrgKind.VILLAGE, OrgKind.COMMUNITY) else PlanLevel.TOWN
    data = {"org_unit": unit, "category": category, "name": f"测试应急预案{next(_seq)}", "level": level,
            "version": version, "revised_on": revised_on, "approved_by": "测试镇人民政府", **extra}  # fmt: skip
    return actions.create_plan(actor=keeper_of(_town(unit)), data=data)


def make_drill(
    unit: OrgUnit, *, held_on: dt.date = dt.date(2023, 6, 8), kind: str = DrillKind.FLOOD, **extra
) -> Drill:
    data = {"org_unit": unit, "held_on": held_on, "title": f"测试演练{next(_seq)}", "kind": kind,
            "place": "镇便民服务中心", "organiser": "测试镇应急办", "participants": 30,
            "scenario": "模拟暴雨导致山洪", **extra}  # fmt: skip
    return actions.record_drill(actor=keeper_of(_town(unit)), data=data)


def make_team(unit: OrgUnit, *, kind: str | None = None, **extra) -> EmergencyTeam:
    if kind is None:
        kind = TeamKind.VILLAGE if unit.kind in (OrgKind.VILLAGE, OrgKind.COMMUNITY) else TeamKind.MILITIA
    data = {"org_unit": unit, "kind": kind, "name": f"测试应急队{next(_seq)}", "leader": "张队长",
            "leader_phone": "13812345678", "is_active": True, **extra}  # fmt: skip
    return actions.create_team(actor=keeper_of(_town(unit)), data=data)


def team_of(town: OrgUnit) -> EmergencyTeam:
    return EmergencyTeam.objects.filter(org_unit=town).first() or make_team(town)


def make_member(team: EmergencyTeam, **extra) -> TeamMember:
    data = {"team": team, "name": f"队员{next(_seq)}", "role": "member", "phone": "13912345678",
            "is_active": True, **extra}  # fmt: skip
    return actions.add_member(actor=keeper_of(_town(team.org_unit)), data=data)


def make_equipment(team: EmergencyTeam, **extra) -> TeamEquipment:
    data = {"team": team, "item": f"风力灭火机{next(_seq)}", "quantity": 4, "unit": "台",
            "location": "镇应急物资储备库", "checked_on": dt.date(2023, 5, 1), "in_order": True, **extra}  # fmt: skip
    return actions.add_equipment(actor=keeper_of(_town(team.org_unit)), data=data)
