"""The life of a dispute (矛盾纠纷) as a transition table.

registered 已登记 → assigned 已分派 (a committee, its mediators, a room) → mediating
调解中 → resolved 调解成功 (an agreement, written or oral) or unresolved 调解不成
(referred to a court, to arbitration or another body) → a follow-up visit (回访,
the status stays) → closed 已结案. With a written agreement the parties may apply
for judicial confirmation (司法确认) and the court's ruling is recorded; both are
steps that leave the status as it is, and may still be recorded after the close.

Closing needs a result and a follow-up visit: `close_refusal` names what is
missing. Every other pair not in the table is refused in Chinese
(transition_forbidden)."""

from __future__ import annotations

from fazhi.disputes.choices import DisputeStatus as S
from fazhi.law import RuleError

ACTION_LABELS = {
    "register": "登记",
    "assign": "分派调解",
    "start": "开始调解",
    "resolve": "调解成功",
    "fail": "调解不成",
    "apply_confirmation": "申请司法确认",
    "confirmation_result": "登记司法确认结果",
    "follow_up": "回访",
    "close": "结案",
}

TABLE: dict[str, dict[str, str]] = {
    S.REGISTERED: {"assign": S.ASSIGNED},
    S.ASSIGNED: {"start": S.MEDIATING},
    S.MEDIATING: {"resolve": S.RESOLVED, "fail": S.UNRESOLVED},
    S.RESOLVED: {
        "apply_confirmation": S.RESOLVED,
        "confirmation_result": S.RESOLVED,
        "follow_up": S.RESOLVED,
        "close": S.CLOSED,
    },
    S.UNRESOLVED: {"follow_up": S.UNRESOLVED, "close": S.CLOSED},
    S.CLOSED: {"apply_confirmation": S.CLOSED, "confirmation_result": S.CLOSED},
}

# The steps a user takes after registration (the page's forms, the API's steps/<step>/).
STEPS = [a for a in ACTION_LABELS if a != "register"]

# Registering needs `disputes.add_dispute` (grid workers too); every later step is mediation work.
MEDIATE = "disputes.mediate_dispute"
PERMISSIONS = dict.fromkeys(STEPS, MEDIATE)

# The audit verb of each action: disputes.dispute.<verb>.
AUDIT_VERBS = {
    "register": "registered",
    "assign": "assigned",
    "start": "mediation_started",
    "resolve": "resolved",
    "fail": "unresolved",
    "apply_confirmation": "confirmation_applied",
    "confirmation_result": "confirmation_ruled",
    "follow_up": "visited",
    "close": "closed",
}

ORDER = "登记 → 分派调解 → 开始调解 → 调解成功或调解不成 → 回访 → 结案"


def status_label(status: str) -> str:
    return S(status).label if status in S.values else status


def allowed_actions(status: str) -> list[str]:
    """The steps open in `status`, in the order of ACTION_LABELS."""
    open_ = TABLE.get(status, {})
    return [a for a in STEPS if a in open_]


def close_refusal(status: str, followed_up: bool) -> RuleError | None:
    """Why a dispute in `status` cannot be closed yet, naming everything missing; None when it can."""
    if status == S.CLOSED:
        return RuleError("该纠纷已结案", code="already_closed")
    missing = []
    if status not in (S.RESOLVED, S.UNRESOLVED):
        missing.append("调解结果（调解成功或调解不成）")
    if not followed_up:
        missing.append("回访记录")
    if missing:
        return RuleError(f"尚未登记{'和'.join(missing)}，不能结案", code="close_incomplete")
    return None


def next_status(status: str, action: str) -> str:
    """The state after `action`, or RuleError (transition_forbidden) when the table does not allow it."""
    if action not in TABLE.get(status, {}):
        label = ACTION_LABELS.get(action, action)
        raise RuleError(
            f"矛盾纠纷在「{status_label(status)}」状态下不能「{label}」，须按 {ORDER} 的顺序办理",
            code="transition_forbidden",
        )
    return TABLE[status][action]
