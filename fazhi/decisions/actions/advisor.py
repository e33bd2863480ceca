"""Writes of the legal advisor's registers: engagements, the advisor's activities,
contract reviews (with their due date and the review step) and the town's
decision settings. Each is one transaction with its deadlines and one audit event
(decisions.<model>.<verb>)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.registers.actions import create_record, update_record
from fazhi.core.workdays import add_working_days
from fazhi.decisions.forms.advisor import POLICY_EXISTS
from fazhi.decisions.models import AdvisorActivity, ContractReview, DecisionPolicy, LegalAdvisor
from fazhi.law import RuleError

REVIEW_FIELDS = ("reviewer", "reviewed_on", "opinion", "opinion_text", "risk_points")


# -- engagements and activities ------------------------------------------------------------


@audit.audited
def create_advisor(*, actor: Any, data: dict[str, Any]) -> LegalAdvisor:
    return create_record(LegalAdvisor, actor=actor, data=data)


@audit.audited
def update_advisor(advisor: LegalAdvisor, *, actor: Any, data: dict[str, Any]) -> LegalAdvisor:
    return update_record(advisor, actor=actor, data=data)


def _check_advisor_unit(data: dict[str, Any], current: Any = None) -> None:
    """The advisor named must be engaged by the record's unit or a unit above it."""
    advisor = data.get("advisor", getattr(current, "advisor", None))
    unit = data.get("org_unit", getattr(current, "org_unit", None))
    if advisor is None or unit is None:
        return
    if not unit.path.startswith(advisor.org_unit.path):
        raise ValidationError({"advisor": "所选法律顾问不是本单位或上级单位聘请的"})


@audit.audited
def record_activity(*, actor: Any, data: dict[str, Any]) -> AdvisorActivity:
    _check_advisor_unit(data)
    return create_record(AdvisorActivity, actor=actor, data=data)


@audit.audited
def update_activity(activity: AdvisorActivity, *, actor: Any, data: dict[str, Any]) -> AdvisorActivity:
    _check_advisor_unit(data, activity)
    return update_record(activity, actor=actor, data=data)


# -- contract reviews ----------------------------------------------------------------------


def contract_due_on(org_unit, submitted_on: dt.date) -> dt.date:
    """The day a contract submitted on `submitted_on` must be reviewed by: the number of
    working days the unit's setting gives (DecisionPolicy), holidays skipped."""
    days = DecisionPolicy.for_unit(org_unit).contract_review_working_days
    return add_working_days(submitted_on, days)


def _with_due_on(data: dict[str, Any], current: ContractReview | None = None) -> dict[str, Any]:
    if data.get("due_on") is not None or ("due_on" not in data and current is not None):
        return data
    unit = data.get("org_unit") or (current.org_unit if current is not None else None)
    submitted_on = data.get("submitted_on") or (current.submitted_on if current is not None else None)
    if unit is None or submitted_on is None:
        return data  # the record's own validation names what is missing
    return {**data, "due_on": contract_due_on(unit, submitted_on)}


@audit.audited
def submit_contract(*, actor: Any, data: dict[str, Any]) -> ContractReview:
    """Register a contract sent for review. Without a due date, the town's setting
    gives one (so many working days after submission)."""
    _check_advisor_unit(data)
    return create_record(ContractReview, actor=actor, data=_with_due_on(data))


@audit.audited
def update_contract(contract: ContractReview, *, actor: Any, data: dict[str, Any]) -> ContractReview:
    """Edit the contract's record. A due date cleared is computed again."""
    _check_advisor_unit(data, contract)
    return update_record(contract, actor=actor, data=_with_due_on(data, contract))


@audit.audited
def record_contract_review(
    contract: ContractReview,
    *,
    actor: Any,
    reviewer: str,
    reviewed_on: dt.date | None = None,
    opinion: str,
    opinion_text: str = "",
    risk_points: str = "",
) -> ContractReview:
    """The review step: the conclusion of a contract still under review, with who
    reviewed it, when, the opinion and the risks pointed out. Closes its deadline.
    A review already recorded is corrected through the edit page."""
    if not actor.has_perm("decisions.change_contractreview"):
        raise PermissionDenied("您的角色不能登记合同审查意见")
    if contract.reviewed_on is not None:
        raise RuleError(
            "该合同已登记审查结论；如需更正，请编辑合同审查记录", code="contract_already_reviewed"
        )
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise RuleError("审查完成日期不能晚于今天", code="date_in_future")
    if not (reviewer or "").strip():
        raise RuleError("请填写审查人", code="reviewer_required")
    data = {"reviewer": reviewer.strip(), "reviewed_on": reviewed_on, "opinion": opinion,
            "opinion_text": (opinion_text or "").strip(), "risk_points": (risk_points or "").strip()}  # fmt: skip
    return update_record(contract, actor=actor, data=data, verb="reviewed")


# -- the unit's settings -------------------------------------------------------------------


def _check_one_policy(data: dict[str, Any], current: DecisionPolicy | None = None) -> None:
    unit = data.get("org_unit")
    if unit is None:
        return
    others = DecisionPolicy.objects.filter(org_unit=unit)
    if current is not None:
        others = others.exclude(pk=current.pk)
    if others.exists():
        raise ValidationError({"org_unit": POLICY_EXISTS})


@audit.audited
def create_policy(*, actor: Any, data: dict[str, Any]) -> DecisionPolicy:
    _check_one_policy(data)
    return create_record(DecisionPolicy, actor=actor, data=data)


@audit.audited
def update_policy(policy: DecisionPolicy, *, actor: Any, data: dict[str, Any]) -> DecisionPolicy:
    _check_one_policy(data, policy)
    return update_record(policy, actor=actor, data=data)
