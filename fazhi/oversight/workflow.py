"""The life of a rectification item (整改事项) as a transition table.

open 待整改 → in_progress 整改中 → submitted 已提交销号 → closed 已销号; a
submission that does not satisfy the approver goes back to in_progress. Every
pair not in the table is forbidden, and `next_status` says so in Chinese.
Close-out and rejection need their own permission, and the approver may not be
the one who submitted (checked by the actions)."""

from __future__ import annotations

from fazhi.law import RuleError
from fazhi.oversight.choices import RectificationStatus as S

ACTION_LABELS = {
    "start": "开始整改",
    "submit": "提交销号",
    "close_out": "审核销号",
    "reject": "退回整改",
}

TABLE: dict[str, dict[str, str]] = {
    S.OPEN: {"start": S.IN_PROGRESS},
    S.IN_PROGRESS: {"submit": S.SUBMITTED},
    S.SUBMITTED: {"close_out": S.CLOSED, "reject": S.IN_PROGRESS},
    S.CLOSED: {},
}

# The permission each step needs: the responsible side works, an approver closes out.
WORK_PERMISSION = "oversight.work_rectification"
CLOSE_OUT_PERMISSION = "oversight.close_out_rectification"
PERMISSIONS = {
    "start": WORK_PERMISSION,
    "submit": WORK_PERMISSION,
    "close_out": CLOSE_OUT_PERMISSION,
    "reject": CLOSE_OUT_PERMISSION,
}

# The audit verb of each step: oversight.rectification.<verb>.
AUDIT_VERBS = {"start": "started", "submit": "submitted", "close_out": "closed_out", "reject": "rejected"}


def status_label(status: str) -> str:
    return S(status).label if status in S.values else status


def allowed_actions(status: str) -> list[str]:
    return list(TABLE.get(status, {}))


def next_status(status: str, action: str) -> str:
    """The state after `action`, or RuleError (transition_forbidden) when the table does not allow it."""
    if action not in TABLE.get(status, {}):
        label = ACTION_LABELS.get(action, action)
        raise RuleError(
            f"整改事项在「{status_label(status)}」状态下不能「{label}」，"
            "须按 待整改 → 整改中 → 已提交销号 → 已销号 的顺序办理",
            code="transition_forbidden",
        )
    return TABLE[status][action]
