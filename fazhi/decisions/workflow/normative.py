"""The life of a normative document (行政规范性文件) as a transition table.

drafting 起草中 → commenting 征求意见 (when it affects the public, unless the reason
for not asking is recorded) → back to drafting when the comment closes → reviewing
合法性审核 → deliberating 待集体审议 (a lawful review; an unlawful one sends it back
to drafting) → approved 审议通过 → issued 已印发 (with its number) → published 已公布
(record filing and clean-up follow; clean-up may repeal it: 已废止). Until it is
issued it may be abandoned (终止制定). Every pair not in the table is refused in
Chinese (transition_forbidden).

The table's actions are finer than the steps a user takes: recording a review is
`pass_review` or `fail_review` by its opinion, a clean-up is `keep`, `amend` or
`repeal` by its outcome. `STEP_OF` maps each action to its step."""

from __future__ import annotations

from fazhi.decisions.choices import DocumentStatus as S
from fazhi.law import RuleError

ACTION_LABELS = {
    "open_comment": "公开征求意见",
    "close_comment": "结束征求意见",
    "send_review": "送请合法性审核",
    "pass_review": "合法性审核通过",
    "fail_review": "合法性审核不通过",
    "deliberate": "集体审议通过",
    "send_back": "审议退回修改",
    "issue": "印发",
    "publish": "公布",
    "file": "报送备案",
    "keep": "清理：继续有效",
    "amend": "清理：需修改",
    "repeal": "清理：废止",
    "abandon": "终止制定",
}

TABLE: dict[str, dict[str, str]] = {
    S.DRAFTING: {"open_comment": S.COMMENTING, "send_review": S.REVIEWING, "abandon": S.ABANDONED},
    S.COMMENTING: {"close_comment": S.DRAFTING, "abandon": S.ABANDONED},
    S.REVIEWING: {"pass_review": S.DELIBERATING, "fail_review": S.DRAFTING, "abandon": S.ABANDONED},
    S.DELIBERATING: {"deliberate": S.APPROVED, "send_back": S.DRAFTING, "abandon": S.ABANDONED},
    S.APPROVED: {"issue": S.ISSUED, "abandon": S.ABANDONED},
    S.ISSUED: {"publish": S.PUBLISHED},
    S.PUBLISHED: {"file": S.PUBLISHED, "keep": S.PUBLISHED, "amend": S.PUBLISHED, "repeal": S.REPEALED},
    S.REPEALED: {},
    S.EXPIRED: {},
    S.ABANDONED: {},
}

# The steps a user takes (the page's buttons, the API's steps/<step>/), with their labels.
STEP_LABELS = {
    "open_comment": "公开征求意见",
    "close_comment": "结束征求意见",
    "send_review": "送请合法性审核",
    "record_review": "登记合法性审核意见",
    "deliberate": "集体审议通过",
    "send_back": "审议退回修改",
    "issue": "印发",
    "publish": "公布",
    "file": "报送备案",
    "cleanup": "评估清理",
    "abandon": "终止制定",
}
STEP_OF = {
    **{a: a for a in STEP_LABELS},
    "pass_review": "record_review",
    "fail_review": "record_review",
    "keep": "cleanup",
    "amend": "cleanup",
    "repeal": "cleanup",
}

EDIT = "decisions.change_normativedocument"
REVIEW = "decisions.review_normativedocument"
ISSUE = "decisions.issue_normativedocument"

# Who takes each step: the drafting office (法治办) runs the procedure, the legality
# reviewer records the review, a leader deliberates, issues, publishes and abandons.
PERMISSIONS = {
    "open_comment": EDIT,
    "close_comment": EDIT,
    "send_review": EDIT,
    "record_review": REVIEW,
    "deliberate": ISSUE,
    "send_back": ISSUE,
    "issue": ISSUE,
    "publish": ISSUE,
    "file": EDIT,
    "cleanup": EDIT,
    "abandon": ISSUE,
}

# The audit verb of each action: decisions.normativedocument.<verb>.
AUDIT_VERBS = {
    "open_comment": "comment_opened",
    "close_comment": "comment_closed",
    "send_review": "review_requested",
    "pass_review": "reviewed",
    "fail_review": "review_failed",
    "deliberate": "deliberated",
    "send_back": "sent_back",
    "issue": "issued",
    "publish": "published",
    "file": "filed",
    "keep": "cleaned_up",
    "amend": "cleaned_up",
    "repeal": "repealed",
    "abandon": "abandoned",
}

ORDER = "起草 → 征求意见 → 合法性审核 → 集体审议 → 印发 → 公布 → 备案"


def status_label(status: str) -> str:
    return S(status).label if status in S.values else status


def allowed_actions(status: str) -> list[str]:
    return list(TABLE.get(status, {}))


def allowed_steps(status: str) -> list[str]:
    """The steps (not the finer actions) open in `status`, in the order of STEP_LABELS."""
    open_ = {STEP_OF[a] for a in allowed_actions(status)}
    return [s for s in STEP_LABELS if s in open_]


def next_status(status: str, action: str) -> str:
    """The state after `action`, or RuleError (transition_forbidden) when the table does not allow it."""
    if action not in TABLE.get(status, {}):
        label = ACTION_LABELS.get(action, action)
        raise RuleError(
            f"规范性文件在「{status_label(status)}」状态下不能「{label}」，须按 {ORDER} 的顺序办理",
            code="transition_forbidden",
        )
    return TABLE[status][action]
