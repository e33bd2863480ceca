"""The life of a report as a transition table.

draft 草稿 → reviewed 已审核 (the rule-of-law office) → approved 已审定 (a leader) →
submitted 已报送 (to the county party committee and government, recorded) →
published 已公开 (on the public portal). A report that needs no submission (the
disclosure report) goes from approved to published. A reviewer or leader may
send it back to draft with a reason. Only a draft's texts can be edited."""

from __future__ import annotations

from fazhi.law import RuleError
from fazhi.reports.choices import ReportStatus as S

ACTION_LABELS = {
    "review": "审核通过",
    "approve": "领导审定",
    "submit": "报送上级",
    "publish": "向社会公开",
    "return": "退回修改",
}
AUDIT_VERBS = {"review": "reviewed", "approve": "approved", "submit": "submitted", "publish": "published",
               "return": "returned"}  # fmt: skip

TABLE: dict[str, dict[str, str]] = {
    S.DRAFT: {"review": S.REVIEWED},
    S.REVIEWED: {"approve": S.APPROVED, "return": S.DRAFT},
    S.APPROVED: {"submit": S.SUBMITTED, "publish": S.PUBLISHED, "return": S.DRAFT},
    S.SUBMITTED: {"publish": S.PUBLISHED},
    S.PUBLISHED: {},
}

EDIT_PERMISSION = "reports.change_report"
PERMISSIONS = {
    "review": "reports.review_report",
    "approve": "reports.approve_report",
    "submit": "reports.submit_report",
    "publish": "reports.submit_report",
    "return": ("reports.review_report", "reports.approve_report"),
}


def status_label(status: str) -> str:
    return S(status).label if status in S.values else status


def allowed_actions(status: str, *, needs_submission: bool) -> list[str]:
    actions = list(TABLE.get(status, {}))
    if status == S.APPROVED:
        actions.remove("publish" if needs_submission else "submit")
    return actions


def may(user, action: str) -> bool:
    perm = PERMISSIONS[action]
    return any(user.has_perm(p) for p in perm) if isinstance(perm, tuple) else user.has_perm(perm)


def next_status(status: str, action: str, *, needs_submission: bool) -> str:
    if action not in allowed_actions(status, needs_submission=needs_submission):
        order = (
            "草稿 → 已审核 → 已审定 → 已报送 → 已公开"
            if needs_submission
            else "草稿 → 已审核 → 已审定 → 已公开"
        )
        raise RuleError(
            f"报告在「{status_label(status)}」状态下不能「{ACTION_LABELS.get(action, action)}」，须按 {order} 的顺序办理",
            code="transition_forbidden",
        )
    return TABLE[status][action]
