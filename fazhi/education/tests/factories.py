"""Education records for tests, made through the actions (never saved by hand), so
that each has its audit event like a real one."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit, User
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role
from fazhi.education import actions
from fazhi.education.choices import (
    OutreachTopic,
    RosterKind,
    ServiceKind,
    ServiceOutcome,
    StudyKind,
    TrainingMode,
    VenueKind,
)
from fazhi.education.models import (
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
)

_seq = itertools.count(1)
DAY = dt.date(2023, 6, 15)


def office_of(town: OrgUnit) -> User:
    """The town's rule-of-law office (司法所): keeps every education register."""
    return User.objects.filter(username=f"edu_office_{town.code}").first() or user_with_role(
        f"edu_office_{town.code}", "rule_of_law_office", town, display_name="赵法治"
    )


def village_of(town: OrgUnit, name: str | None = None) -> OrgUnit:
    """A village of the town (the first one made, unless a name is given)."""
    n = next(_seq)
    if name is None:
        found = OrgUnit.objects.filter(parent=town, kind=OrgKind.VILLAGE).order_by("id").first()
        if found is not None:
            return found
        name = f"测试村{n}"
    return OrgUnitFactory(kind=OrgKind.VILLAGE, parent=town, name=name, code=f"{town.code}{n:03d}")


def _town(unit: OrgUnit) -> OrgUnit:
    return unit.town or unit


def make_session(unit: OrgUnit, *, held_on: dt.date = DAY, kind: str = StudyKind.CENTRAL_GROUP,
                 on_rule_of_law: bool = True, actor=None, **extra) -> StudySession:  # fmt: skip
    data = {"org_unit": unit, "held_on": held_on, "kind": kind, "topic": f"学习习近平法治思想（第{next(_seq)}次）",
            "on_rule_of_law": on_rule_of_law, "presenter": "周书记", "attendees": 15, **extra}  # fmt: skip
    return actions.record_study_session(actor=actor or office_of(_town(unit)), data=data)


def make_event(
    unit: OrgUnit, *, held_on: dt.date = DAY, audience: int = 120, actor=None, **extra
) -> OutreachEvent:
    data = {"org_unit": unit, "held_on": held_on, "venue_kind": VenueKind.VILLAGE, "topic": OutreachTopic.CIVIL_CODE,
            "title": f"民法典进村宣讲（第{next(_seq)}场）", "audience": audience, "presenters": "village_advisor",
            **extra}  # fmt: skip
    return actions.record_outreach_event(actor=actor or office_of(_town(unit)), data=data)


def make_service(
    unit: OrgUnit, *, served_on: dt.date = DAY, village=None, actor=None, **extra
) -> LegalServiceRecord:
    data = {"org_unit": unit, "served_on": served_on, "kind": ServiceKind.CONSULTATION,
            "village": village or (unit if unit.kind == OrgKind.VILLAGE else village_of(_town(unit))),
            "person_name": "谭德明", "phone": "13812345678", "summary": f"咨询土地承包纠纷（{next(_seq)}）",
            "handled_by": "司法所李明", "outcome": ServiceOutcome.RESOLVED, **extra}  # fmt: skip
    return actions.record_legal_service(actor=actor or office_of(_town(unit)), data=data)


def make_member(unit: OrgUnit, *, kind: str = RosterKind.LITERATE_RESIDENT, village=None, actor=None,
                **extra) -> RosterMember:  # fmt: skip
    data = {"org_unit": unit, "kind": kind, "name": f"明白人{next(_seq)}",
            "village": village or (unit if unit.kind == OrgKind.VILLAGE else village_of(_town(unit))),
            "phone": "13912345678", "trained_on": dt.date(2023, 4, 20), **extra}  # fmt: skip
    return actions.add_roster_member(actor=actor or office_of(_town(unit)), data=data)


def make_training(unit: OrgUnit, *, starts_on: dt.date = DAY, actor=None, **extra) -> StaffTraining:
    data = {"org_unit": unit, "title": f"行政执法人员法律知识培训（第{next(_seq)}期）",
            "mode": TrainingMode.CLASSROOM, "starts_on": starts_on, "hours": "3.0", "participants": 40,
            "organiser": "江口镇司法所", **extra}  # fmt: skip
    return actions.record_training(actor=actor or office_of(_town(unit)), data=data)
