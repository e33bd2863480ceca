"""Major administrative decisions (重大行政决策程序暂行条例, 2019; towns apply it by
reference, 第42条) and normative documents (国办发〔2018〕37号 and 115号, reported).

A major decision goes through five steps in order. Expert argumentation (第19条) and
risk assessment (第22条) are required only for specialised matters and for decisions
that may harm social stability or public safety, so either may be marked not
applicable with a recorded reason; legality review (第25条) and collective
deliberation (第30条) are always required.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from fazhi.law.base import AGENCY, DAYS, WORKING_DAYS, Article, Law, Period, RuleError, Version

MAJOR_DECISION_REGULATION = Law(
    "重大行政决策程序暂行条例",
    "重大行政决策程序暂行条例",
    in_force=date(2019, 9, 1),
    note="国务院令第713号",
)
NORMATIVE_DOCUMENTS_NOTICE = Law(
    "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知",
    "国办发〔2018〕37号",
    in_force=date(2018, 5, 16),
    note="发文日期据公开报道；期限据转述（reported），作为可配置的默认值",
)
LEGALITY_REVIEW_OPINION = Law(
    "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见",
    "国办发〔2018〕115号",
    in_force=date(2018, 12, 4),
    note="发文日期据公开报道；期限据转述（reported），作为可配置的默认值",
)

_MDR = MAJOR_DECISION_REGULATION


@dataclass(frozen=True)
class Step:
    """A required step of a procedure. `optional` steps may be marked not applicable,
    with a recorded reason, when the condition in `note` does not hold."""

    code: str
    name: str
    law: Law
    article: Article
    optional: bool = False
    note: str = ""


PUBLIC_PARTICIPATION = Step("public_participation", "公众参与", _MDR, (14, 15, 16, 17, 18))
EXPERT_ARGUMENTATION = Step(
    "expert_argumentation",
    "专家论证",
    _MDR,
    19,
    optional=True,
    note="专业性、技术性较强的决策事项应当组织专家论证",
)
RISK_ASSESSMENT = Step(
    "risk_assessment",
    "风险评估",
    _MDR,
    22,
    optional=True,
    note="决策实施可能对社会稳定、公共安全等方面造成不利影响的应当进行风险评估",
)
LEGALITY_REVIEW = Step(
    "legality_review",
    "合法性审查",
    _MDR,
    25,
    note="讨论前必须经过合法性审查；不得以征求意见等方式代替",
)
COLLECTIVE_DELIBERATION = Step(
    "collective_deliberation",
    "集体讨论决定",
    _MDR,
    30,
    note="由政府常务会议或者全体会议讨论，行政首长最后发表意见，不同意见如实记录",
)

MAJOR_DECISION_STEPS: tuple[Step, ...] = (
    PUBLIC_PARTICIPATION,
    EXPERT_ARGUMENTATION,
    RISK_ASSESSMENT,
    LEGALITY_REVIEW,
    COLLECTIVE_DELIBERATION,
)
STEPS_BY_CODE = {step.code: step for step in MAJOR_DECISION_STEPS}


def _step(code: str) -> Step:
    try:
        return STEPS_BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown step {code!r}; use one of {', '.join(STEPS_BY_CODE)}") from None


def check_not_applicable(code: str, reason: str) -> None:
    """Refuse marking a step not applicable when the law always requires it, or without a reason."""
    step = _step(code)
    if not step.optional:
        raise RuleError(
            f"{step.name}是重大行政决策的必经程序，不得标记为不适用",
            law=step.law,
            article=step.article,
            code="step_required",
        )
    if not reason.strip():
        raise RuleError(
            f"标记{step.name}不适用，应当记录理由",
            law=step.law,
            article=step.article,
            code="step_reason_required",
        )


def missing_steps(done: Iterable[str], not_applicable: Collection[str] = ()) -> tuple[Step, ...]:
    """The steps, in order, that are neither done nor validly marked not applicable."""
    finished = set(done)
    for code in (*finished, *not_applicable):
        _step(code)
    return tuple(
        step
        for step in MAJOR_DECISION_STEPS
        if step.code not in finished and not (step.optional and step.code in not_applicable)
    )


def check_step_allowed(code: str, done: Iterable[str], not_applicable: Collection[str] = ()) -> None:
    """Refuse a step taken before every earlier step is done or marked not applicable:
    the five steps follow each other in order."""
    step = _step(code)
    earlier = MAJOR_DECISION_STEPS[: MAJOR_DECISION_STEPS.index(step)]
    pending = [s for s in missing_steps(done, not_applicable) if s in earlier]
    if pending:
        first = pending[0]
        names = "、".join(s.name for s in pending)
        raise RuleError(
            f"{step.name}之前应当先完成{names}（已完成或依法标记不适用并记录理由）",
            law=first.law,
            article=first.article,
            code="step_out_of_order",
        )


# --- Periods of major decisions ----------------------------------------------------

PUBLIC_COMMENT = Period(
    "decision_public_comment",
    "重大行政决策公开征求意见期限",
    Version(30, DAYS, _MDR, 15),
    holder=AGENCY,
    minimum=True,
    note="一般不少于30日；因情况紧急等原因需要缩短的，应当在征求意见时说明理由",
)
HEARING_MATERIALS = Period(
    "decision_hearing_materials",
    "听证材料提前送达听证参加人",
    Version(7, DAYS, _MDR, 18),
    holder=AGENCY,
    minimum=True,
    note="自送达之日起计算，到期日为最早可以举行听证会的日期",
)
LEGALITY_REVIEW_TIME = Period(
    "decision_legality_review",
    "重大行政决策合法性审查时间",
    Version(7, WORKING_DAYS, _MDR, 27),
    holder=AGENCY,
    minimum=True,
    note="应当保证必要的审查时间，一般不少于7个工作日；自送请审查之日起计算",
)

# --- Normative documents (reported, configurable) ---------------------------------

NORMATIVE_REVIEW_MIN = Period(
    "normative_legality_review_min",
    "规范性文件合法性审核时间（最短）",
    Version(5, WORKING_DAYS, LEGALITY_REVIEW_OPINION, "关于审核时限的要求"),
    holder=AGENCY,
    minimum=True,
    configurable=True,
    note="一般不少于5个工作日",
)
NORMATIVE_REVIEW_MAX = Period(
    "normative_legality_review_max",
    "规范性文件合法性审核时间（最长）",
    Version(15, WORKING_DAYS, LEGALITY_REVIEW_OPINION, "关于审核时限的要求"),
    holder=AGENCY,
    configurable=True,
    note="最长不超过15个工作日",
)
NORMATIVE_PUBLIC_COMMENT = Period(
    "normative_public_comment",
    "规范性文件公开征求意见期限",
    Version(30, DAYS, NORMATIVE_DOCUMENTS_NOTICE, "关于公开征求意见的要求"),
    holder=AGENCY,
    minimum=True,
    configurable=True,
    note="涉及群众切身利益的，一般不少于30日",
)
NORMATIVE_FILING = Period(
    "normative_filing",
    "规范性文件报送备案",
    Version(30, DAYS, NORMATIVE_DOCUMENTS_NOTICE, "关于备案监督的要求"),
    holder=AGENCY,
    configurable=True,
    note="自发布之日起计算；期限由地方规定，常见为30日（据转述）",
)

PERIODS = (
    PUBLIC_COMMENT,
    HEARING_MATERIALS,
    LEGALITY_REVIEW_TIME,
    NORMATIVE_REVIEW_MIN,
    NORMATIVE_REVIEW_MAX,
    NORMATIVE_PUBLIC_COMMENT,
    NORMATIVE_FILING,
)
THRESHOLDS = ()
