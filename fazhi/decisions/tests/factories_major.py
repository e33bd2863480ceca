"""Major decisions for tests, made through the actions like real ones."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.models import User
from fazhi.core.tests.factories import user_with_role
from fazhi.decisions.actions import major as actions
from fazhi.decisions.choices import DeliberationOutcome, MemberPosition, ReviewOpinion, RiskLevel
from fazhi.decisions.models import DecisionCatalogue, MajorDecision

_seq = itertools.count(1)
START = dt.date(2023, 3, 6)  # a Monday


def _user(username: str, role: str, town, name: str) -> User:
    return User.objects.filter(username=username).first() or user_with_role(
        username, role, town, display_name=name
    )


def office_of(town) -> User:
    return _user(f"dec_office_{town.code}", "rule_of_law_office", town, "赵法治")


def leader_of(town) -> User:
    return _user(f"dec_leader_{town.code}", "leader", town, "周镇长")


def reviewer_of(town) -> User:
    return _user(f"dec_reviewer_{town.code}", "legal_reviewer", town, "李审核")


def catalogue_of(town, year: int = 2023) -> DecisionCatalogue:
    found = DecisionCatalogue.objects.filter(org_unit=town, year=year).first()
    return found or actions.create_catalogue(actor=office_of(town), data={"org_unit": town, "year": year})


def make_decision(town, *, year: int = 2023, **extra) -> MajorDecision:
    data = {"org_unit": town, "catalogue": catalogue_of(town, year), "title": f"决策事项{next(_seq)}",
            "summary": "决策草案内容", **extra}  # fmt: skip
    return actions.create_decision(actor=office_of(town), data=data)


def members(*, dissent: bool = False, head_last: bool = True) -> list[dict]:
    rows = [
        {"member": "吴副镇长", "role": "副镇长", "position": MemberPosition.AGREE, "opinion": "同意"},
        {"member": "郑副镇长", "role": "副镇长",
         "position": MemberPosition.DISAGREE if dissent else MemberPosition.AGREE, "opinion": "分期实施"},
        {"member": "周镇长", "role": "镇长", "position": MemberPosition.AGREE, "opinion": "同意", "is_head": True},
    ]  # fmt: skip
    return rows if head_last else [rows[2], rows[0], rows[1]]


def through_participation(decision: MajorDecision) -> MajorDecision:
    town = decision.org_unit
    actions.start_public_participation(decision, actor=office_of(town), comment_starts_on=START,
                                       comment_ends_on=START + dt.timedelta(days=30))  # fmt: skip
    actions.complete_public_participation(decision, actor=office_of(town), on=START + dt.timedelta(days=31),
                                          summary="收到意见3条，采纳2条")  # fmt: skip
    return decision


def through_review(
    decision: MajorDecision, *, experts: bool = True, opinion=ReviewOpinion.LAWFUL
) -> MajorDecision:
    """Every step before the deliberation done (or marked not applicable)."""
    town = decision.org_unit
    office = office_of(town)
    through_participation(decision)
    on = START + dt.timedelta(days=35)
    if experts:
        actions.record_expert_argumentation(decision, actor=office, on=on, opinions=[
            {"expert": "何专家", "affiliation": "高级工程师", "opinion": "可行"}])  # fmt: skip
        actions.record_risk_assessment(
            decision, actor=office, on=on, risk_level=RiskLevel.LOW, measures="加强宣传"
        )
    else:
        actions.mark_not_applicable(
            decision, actor=office, code="expert_argumentation", reason="不涉及专业问题"
        )
        actions.mark_not_applicable(decision, actor=office, code="risk_assessment", reason="无稳定风险")
    actions.request_legality_review(decision, actor=office, reviewer="镇司法所", requested_on=on)
    due = decision.steps.get(code="legality_review").review_due_on
    actions.record_legality_review(
        decision, actor=reviewer_of(town), opinion=opinion, text="符合法律规定", on=due
    )
    return decision


def deliberate(decision: MajorDecision, **extra) -> MajorDecision:
    town = decision.org_unit
    due = decision.steps.get(code="legality_review").completed_on
    data = {"meeting": "镇政府常务会议", "on": due + dt.timedelta(days=3), "attendees": "镇长、副镇长",
            "opinions": members(), "outcome": DeliberationOutcome.ADOPTED, "conclusion": "同意实施", **extra}  # fmt: skip
    actions.record_deliberation(decision, actor=leader_of(town), **data)
    return MajorDecision.objects.get(pk=decision.pk)
