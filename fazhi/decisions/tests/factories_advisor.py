"""Legal advisor records for tests, made through the actions (never saved by hand),
so that each has its audit events and, for a contract, its deadline."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit, User
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role
from fazhi.decisions.actions import advisor as actions
from fazhi.decisions.choices import ActivityKind, ContractOpinion
from fazhi.decisions.models import AdvisorActivity, ContractReview, DecisionPolicy, LegalAdvisor

_seq = itertools.count(1)
SUBMITTED = dt.date(2023, 9, 28)  # the day before the 2023 National Day holidays


def _user(username: str, role: str, town: OrgUnit, name: str) -> User:
    return User.objects.filter(username=username).first() or user_with_role(
        username, role, town, display_name=name
    )


def office_of(town: OrgUnit) -> User:
    """The town's rule-of-law office (司法所): keeps the advisor's registers."""
    return _user(f"dec_office_{town.code}", "rule_of_law_office", town, "赵法治")


def reviewer_of(town: OrgUnit) -> User:
    """A legal reviewer: records contract review opinions."""
    return _user(f"dec_reviewer_{town.code}", "legal_reviewer", town, "李审查")


def village_of(town: OrgUnit) -> OrgUnit:
    return OrgUnitFactory(kind=OrgKind.VILLAGE, parent=town, name=f"测试村{next(_seq)}")


def make_advisor(
    town: OrgUnit,
    *,
    starts_on: dt.date = dt.date(2023, 1, 1),
    ends_on: dt.date = dt.date(2023, 12, 31),
    firm: str = "龙脊律师事务所",
    **extra,
) -> LegalAdvisor:
    data = {"org_unit": town, "firm": firm, "lawyers": "谭律师", "starts_on": starts_on, "ends_on": ends_on,
            "contract_no": f"FLGW-{next(_seq)}", **extra}  # fmt: skip
    return actions.create_advisor(actor=office_of(town.town or town), data=data)


def advisor_of(town: OrgUnit) -> LegalAdvisor:
    return LegalAdvisor.objects.filter(org_unit=town).first() or make_advisor(town)


def make_activity(
    town: OrgUnit,
    *,
    kind: str = ActivityKind.TRAINING,
    on: dt.date = dt.date(2023, 5, 10),
    advisor=None,
    **extra,
) -> AdvisorActivity:
    data = {"org_unit": town, "advisor": advisor or advisor_of(town.town or town), "kind": kind, "on": on,
            "title": f"法治培训{next(_seq)}", **extra}  # fmt: skip
    return actions.record_activity(actor=office_of(town.town or town), data=data)


def make_contract(
    town: OrgUnit,
    *,
    submitted_on: dt.date = SUBMITTED,
    counterparty: str = "云阳县测试建筑工程有限公司",
    due_on: dt.date | None = None,
    **extra,
) -> ContractReview:
    data = {"org_unit": town, "title": f"测试合同{next(_seq)}", "counterparty": counterparty,
            "submitted_on": submitted_on, "due_on": due_on, **extra}  # fmt: skip
    return actions.submit_contract(actor=office_of(town.town or town), data=data)


def review(
    contract: ContractReview, *, on: dt.date, opinion: str = ContractOpinion.APPROVED, actor=None
) -> ContractReview:
    town = contract.org_unit.town or contract.org_unit
    return actions.record_contract_review(
        contract, actor=actor or reviewer_of(town), reviewer="谭律师", reviewed_on=on, opinion=opinion
    )


def make_policy(unit: OrgUnit, **fields) -> DecisionPolicy:
    return actions.create_policy(actor=office_of(unit.town or unit), data={"org_unit": unit, **fields})
