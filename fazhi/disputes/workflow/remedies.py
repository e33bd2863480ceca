"""The life of a reconsideration case and of a lawsuit against the town, as transition
tables. Every pair not in a table is refused in Chinese (transition_forbidden).

Reconsideration (the town is the respondent): received 已收到答复通知 → replied 已提交答复
→ decided 已作出复议决定. The reconsideration body may decide before the town replies
(a reply never sent is itself a ground for revoking the act), and a withdrawal, a
mediation or a settlement ends the case (已终止) at any point before the decision.

Litigation (the town is the defendant): received 已收到起诉状副本 → defended 已提交答辩
→ judged 已裁判 → appealed 上诉中 → ended 已结案, or judged → ended when the judgement
takes effect without an appeal. The hearing is recorded while the case waits for its
judgement and does not move it; a withdrawal or a ruling is recorded as the judgement."""

from __future__ import annotations

from fazhi.disputes.choices import LitigationOutcome as LO
from fazhi.disputes.choices import LitigationStatus as LS
from fazhi.disputes.choices import ReconsiderationOutcome as RO
from fazhi.disputes.choices import ReconsiderationStatus as RS
from fazhi.law import RuleError

# -- reconsideration ----------------------------------------------------------------------

RECONSIDERATION_TABLE: dict[str, dict[str, str]] = {
    RS.RECEIVED: {"reply": RS.REPLIED, "decide": RS.DECIDED, "end": RS.ENDED},
    RS.REPLIED: {"decide": RS.DECIDED, "end": RS.ENDED},
    RS.DECIDED: {},
    RS.ENDED: {},
}
RECONSIDERATION_STEPS = {
    "reply": "提交书面答复",
    "decide": "登记复议决定",
    "end": "登记终止（撤回、调解、和解）",
}
RECONSIDERATION_VERBS = {"reply": "replied", "decide": "decided", "end": "ended"}
# The outcomes each step records: a decision on the merits, or the end of the case.
DECISION_OUTCOMES = (
    RO.UPHELD,
    RO.DISMISSED,
    RO.REVOKED,
    RO.CHANGED,
    RO.CONFIRMED_UNLAWFUL,
    RO.ORDERED_TO_ACT,
)
ENDING_OUTCOMES = (RO.WITHDRAWN, RO.SETTLED)

# -- litigation ----------------------------------------------------------------------------

LITIGATION_TABLE: dict[str, dict[str, str]] = {
    LS.RECEIVED: {"defend": LS.DEFENDED, "hearing": LS.RECEIVED, "judge": LS.JUDGED},
    LS.DEFENDED: {"hearing": LS.DEFENDED, "judge": LS.JUDGED},
    LS.JUDGED: {"appeal": LS.APPEALED, "close": LS.ENDED},
    LS.APPEALED: {"hearing": LS.APPEALED, "appeal_result": LS.ENDED},
    LS.ENDED: {},
}
LITIGATION_STEPS = {
    "defend": "提交答辩状",
    "hearing": "登记开庭及出庭应诉",
    "judge": "登记裁判结果",
    "appeal": "登记上诉",
    "appeal_result": "登记二审结果",
    "close": "裁判生效结案",
}
LITIGATION_VERBS = {
    "defend": "defended",
    "hearing": "heard",
    "judge": "judged",
    "appeal": "appealed",
    "appeal_result": "appeal_judged",
    "close": "closed",
}
# A judgement the town lost (败诉): it opens a rectification item, as a correcting
# reconsideration decision does.
LOSING_OUTCOMES = (LO.REVOKED, LO.CHANGED, LO.CONFIRMED_UNLAWFUL, LO.CONFIRMED_VOID, LO.ORDERED_TO_ACT,
                   LO.COMPENSATION)  # fmt: skip

# Every step is an edit of the case: the role that may change the register takes it.
RECONSIDERATION_PERMISSION = "disputes.change_reconsideration"
LITIGATION_PERMISSION = "disputes.change_litigation"


def _next(table: dict[str, dict[str, str]], steps: dict[str, str], labels, what: str, status: str,
          action: str) -> str:  # fmt: skip
    if action not in table.get(status, {}):
        state = labels(status).label if status in labels.values else status
        raise RuleError(
            f"{what}在「{state}」状态下不能「{steps.get(action, action)}」", code="transition_forbidden"
        )
    return table[status][action]


def reconsideration_next(status: str, action: str) -> str:
    """The state after `action`, or RuleError (transition_forbidden)."""
    return _next(RECONSIDERATION_TABLE, RECONSIDERATION_STEPS, RS, "行政复议案件", status, action)


def litigation_next(status: str, action: str) -> str:
    """The state after `action`, or RuleError (transition_forbidden)."""
    return _next(LITIGATION_TABLE, LITIGATION_STEPS, LS, "行政诉讼案件", status, action)


def reconsideration_steps(status: str) -> list[str]:
    return [s for s in RECONSIDERATION_STEPS if s in RECONSIDERATION_TABLE.get(status, {})]


def litigation_steps(status: str) -> list[str]:
    return [s for s in LITIGATION_STEPS if s in LITIGATION_TABLE.get(status, {})]
