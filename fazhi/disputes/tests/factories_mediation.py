"""Mediation organisations and screening rounds for tests, made through the actions
(never saved by hand), so that each has its audit event.

Other test modules use `make_committee(town)`, `make_mediator(committee)` and
`make_room(town, kind)`; the unit may be a town, a village or a community (the
committee's level follows the unit's kind)."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit, User
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.choices import CommitteeLevel, MediatorRole, RoomKind
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningRound

_seq = itertools.count(1)
LEVELS = {OrgKind.TOWN: CommitteeLevel.TOWN, OrgKind.VILLAGE: CommitteeLevel.VILLAGE,
          OrgKind.COMMUNITY: CommitteeLevel.COMMUNITY}  # fmt: skip


def _town(unit: OrgUnit) -> OrgUnit:
    return unit.town or unit


def office_of(unit: OrgUnit) -> User:
    """The town's rule-of-law office (司法所): keeps the mediation registers."""
    town = _town(unit)
    username = f"med_office_{town.code}"
    return User.objects.filter(username=username).first() or user_with_role(
        username, "rule_of_law_office", town, display_name="赵司法"
    )


def mediator_user_of(unit: OrgUnit) -> User:
    """A mediator's account in the town: records screening results."""
    town = _town(unit)
    username = f"med_mediator_{town.code}"
    return User.objects.filter(username=username).first() or user_with_role(
        username, "mediator", town, display_name="张调解"
    )


def village_of(town: OrgUnit, kind: str = OrgKind.VILLAGE) -> OrgUnit:
    suffix = "村" if kind == OrgKind.VILLAGE else "社区"
    return OrgUnitFactory(kind=kind, parent=town, name=f"测试{next(_seq)}{suffix}")


def make_committee(town: OrgUnit, **extra) -> MediationCommittee:
    """A committee of `town` (or of a village or community: the level follows the unit)."""
    n = next(_seq)
    data = {"org_unit": town, "name": f"{town.name}人民调解委员会{n}",
            "level": LEVELS.get(town.kind, CommitteeLevel.INDUSTRY), "established_on": dt.date(2015, 3, 1),
            **extra}  # fmt: skip
    return actions.create_committee(actor=office_of(town), data=data)


def make_mediator(committee: MediationCommittee, **extra) -> Mediator:
    n = next(_seq)
    data = {"committee": committee, "name": f"调解员{n}", "role": MediatorRole.MEDIATOR, "full_time": False,
            "phone": f"1390000{n % 10000:04d}", "appointed_on": dt.date(2018, 1, 1), **extra}  # fmt: skip
    return actions.create_mediator(actor=office_of(committee.org_unit), data=data)


def make_room(town: OrgUnit, kind: str = RoomKind.COURT, **extra) -> MediationRoom:
    n = next(_seq)
    label = dict(RoomKind.choices)[kind]
    data = {"org_unit": town, "name": f"{label}{n}", "kind": kind, "host": f"派驻单位{n}",
            "opened_on": dt.date(2019, 6, 1), **extra}  # fmt: skip
    return actions.create_room(actor=office_of(town), data=data)


def make_round(town: OrgUnit, month: dt.date = dt.date(2023, 5, 1), **extra) -> ScreeningRound:
    """A round of `town` for `month`: one empty row per village and community."""
    data = {"org_unit": town, "month": month, "started_on": month, **extra}
    return actions.open_round(actor=office_of(town), data=data)


def report(screening: ScreeningRound, village: OrgUnit, found: int, on: dt.date | None = None, **extra):
    """A village's report in the round (0: none found)."""
    row = {"village": village, "found": found, "reported_on": on or screening.month + dt.timedelta(days=19),
           **extra}  # fmt: skip
    return actions.record_results(screening, actor=mediator_user_of(screening.org_unit), results=[row])
