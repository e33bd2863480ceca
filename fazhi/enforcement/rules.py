"""The checks a case must pass, each a RuleError that names its article.

Thin glue between the records and the rulebook (`fazhi.law.penalty`): the
figures and the law live there; this module knows which record fields they
apply to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.enforcement.choices import Authority, BodyKind, DecisionKind, PenaltyKind, Procedure
from fazhi.law import RuleError, penalty
from fazhi.law.penalty import PENALTY_LAW


def check_officers(officers, on: dt.date) -> None:
    """At least two officers, each with a certificate valid on the day (第42条)."""
    officers = list({o.pk: o for o in officers}.values())  # one officer named twice is one officer
    invalid = [o for o in officers if not o.valid_on(on)]
    if invalid:
        names = "、".join(o.person.name for o in invalid)
        raise RuleError(f"执法人员{names}的执法证在{on:%Y-%m-%d}无效", law=PENALTY_LAW, article=42,
                        code="certificate_invalid")  # fmt: skip
    penalty.check_officer_count(len(officers))


def check_limitation(*, occurred_on: dt.date, act_ended_on: dt.date | None, discovered_on: dt.date,
                     override: str = "") -> None:  # fmt: skip
    """No penalty for an act discovered more than 2 years after it (ended); 5 years
    for the serious cases, which need a recorded reason (第36条)."""
    penalty.check_limitation(act_ended_on or occurred_on, discovered_on, serious=bool(override.strip()))


def check_authority(*, authority: str, body, matter, on: dt.date) -> None:
    """The case acts in the right body's name: the town for its own and assigned
    powers; the entrusting body, under an entrustment in force, for entrusted ones
    (第20条)."""
    if matter.authority != authority:
        raise RuleError(f"事项「{matter.name}」的职权来源是{matter.get_authority_display()}",
                        law=PENALTY_LAW, article=(18, 20), code="authority_mismatch")  # fmt: skip
    if authority == Authority.ENTRUSTED:
        if body.kind != BodyKind.COUNTY_DEPARTMENT or matter.entrusting_body_id != body.pk:
            raise RuleError("委托执法案件须以委托机关的名义作出", law=PENALTY_LAW, article=20,
                            code="entrusted_body")  # fmt: skip
        if not body.entrustments.filter(matters=matter, valid_from__lte=on, valid_to__gte=on).exists():
            raise RuleError(f"{on:%Y-%m-%d}没有有效的书面委托涵盖事项「{matter.name}」", law=PENALTY_LAW,
                            article=20, code="no_entrustment")  # fmt: skip
    elif body.kind != BodyKind.TOWN:
        raise RuleError("本镇法定或赋权事项须以本镇名义作出", law=PENALTY_LAW, article=(18, 24),
                        code="town_body")  # fmt: skip


def check_penalty(*, procedure: str, matter, party_kind: str, decision_kind: str, penalty_kind: str,
                  fine: Decimal) -> None:  # fmt: skip
    """The penalty fits the procedure (第51条) and the matter's legal range."""
    if fine < 0:
        raise RuleError("罚款金额不能为负数", law=PENALTY_LAW, article=59, code="fine_negative")
    if decision_kind != DecisionKind.PENALTY:
        if fine:
            raise RuleError("不予处罚、不能成立或移送的决定不能有罚款", law=PENALTY_LAW, article=57,
                            code="fine_without_penalty")  # fmt: skip
        return
    if penalty_kind != PenaltyKind.FINE and fine:
        raise RuleError("只有罚款才填写罚款金额", law=PENALTY_LAW, article=9, code="fine_without_fine")
    if procedure == Procedure.SUMMARY:
        if not matter.summary_allowed:
            raise RuleError(f"事项「{matter.name}」不适用简易程序", law=PENALTY_LAW, article=51,
                            code="summary_not_allowed")  # fmt: skip
        penalty.check_summary_procedure(party_kind, penalty_kind, fine)
    if penalty_kind == PenaltyKind.FINE:
        low, high = matter.fine_range(party_kind)
        if (low is not None and fine < low) or (high is not None and fine > high):
            raise RuleError(
                f"罚款{fine}元超出「{matter.name}」的法定幅度（{low or 0}至{high}元，{matter.penalty_basis}）",
                law=PENALTY_LAW, article=5, code="fine_out_of_range",
            )  # fmt: skip
