"""The life of a major administrative decision (重大行政决策程序暂行条例).

The file moves planned 已列入目录 → in_procedure 履行法定程序 (the five steps, in
order, each done or, where the law allows, marked not applicable with a reason)
→ decided 已作出决定 (by the collective deliberation) → reported 已向党委报告
(第31条) → published 已公布 (第32条) → implementing 执行中 (follow-up, 第34、35条)
→ evaluated 已后评估 (第36条). A deliberation that postpones or rejects the draft
shelves it (暂缓或终止); a planned decision may also be shelved.

Steps are guarded by the rulebook (fazhi.law.decisions); the decision-level
moves by the table below. Every pair not in it is refused in Chinese."""

from __future__ import annotations

from fazhi.decisions.choices import DecisionStatus as S
from fazhi.law import RuleError

ACTION_LABELS = {
    "report": "向党委报告",
    "publish": "公布决策",
    "follow_up": "登记执行情况",
    "start_evaluation": "启动后评估",
    "complete_evaluation": "完成后评估",
    "shelve": "暂缓或终止",
}

TABLE: dict[str, dict[str, str]] = {
    S.PLANNED: {"shelve": S.SHELVED},
    S.IN_PROCEDURE: {"shelve": S.SHELVED},
    S.DECIDED: {"report": S.REPORTED},
    S.REPORTED: {"publish": S.PUBLISHED},
    S.PUBLISHED: {"follow_up": S.IMPLEMENTING, "start_evaluation": S.PUBLISHED},
    S.IMPLEMENTING: {
        "follow_up": S.IMPLEMENTING,
        "start_evaluation": S.IMPLEMENTING,
        "complete_evaluation": S.EVALUATED,
    },
    S.EVALUATED: {"follow_up": S.EVALUATED},
    S.SHELVED: {},
}

# Statuses in which the five steps may still be worked on.
STEP_STATUSES = (S.PLANNED, S.IN_PROCEDURE)

CONDUCT = "decisions.conduct_majordecision"
REVIEW = "decisions.review_majordecision"
DECIDE = "decisions.decide_majordecision"

PERMISSIONS = {
    "report": CONDUCT,
    "publish": CONDUCT,
    "follow_up": CONDUCT,
    "start_evaluation": CONDUCT,
    "complete_evaluation": CONDUCT,
    "shelve": DECIDE,
}

# Who works on which step: the legality review is the reviewer's, the deliberation
# is recorded by a leader, the rest by the office that conducts the decision.
STEP_PERMISSIONS = {
    "public_participation": CONDUCT,
    "expert_argumentation": CONDUCT,
    "risk_assessment": CONDUCT,
    "legality_review": REVIEW,
    "collective_deliberation": DECIDE,
}

AUDIT_VERBS = {
    "report": "reported",
    "publish": "published",
    "follow_up": "followed_up",
    "start_evaluation": "evaluation_started",
    "complete_evaluation": "evaluated",
    "shelve": "shelved",
}


def status_label(status: str) -> str:
    return S(status).label if status in S.values else status


def allowed_actions(status: str, *, evaluating: bool = False) -> list[str]:
    actions = list(TABLE.get(status, {}))
    if evaluating:
        actions = [a for a in actions if a != "start_evaluation"]
    elif "complete_evaluation" in actions:
        actions.remove("complete_evaluation")
    return actions


def next_status(status: str, action: str) -> str:
    if action not in TABLE.get(status, {}):
        label = ACTION_LABELS.get(action, action)
        raise RuleError(
            f"重大行政决策在「{status_label(status)}」状态下不能「{label}」，须按 履行法定程序 → 集体讨论决定 → "
            "向党委报告 → 公布 → 执行 → 后评估 的顺序办理",
            code="transition_forbidden",
        )
    return TABLE[status][action]
