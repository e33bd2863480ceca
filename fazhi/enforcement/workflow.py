"""The two procedures of the Administrative Penalty Law as transition tables.

Pure Python: a table `{state: {action: next_state}}` per procedure, and the
guards that the actions run before a transition. Every pair not in a table is
forbidden, and `check_transition` says so in Chinese.
"""

from __future__ import annotations

from fazhi.enforcement.choices import CaseStatus as S
from fazhi.enforcement.choices import Procedure
from fazhi.law import RuleError
from fazhi.law.penalty import PENALTY_LAW

ACTION_LABELS = {
    "record": "当场记录",
    "register": "登记案件线索",
    "file": "立案",
    "decline": "不予立案",
    "investigate": "开始调查取证",
    "submit_review": "提交案件审核",
    "return_to_investigation": "退回补充调查",
    "send_legal_review": "送法制审核",
    "review_passed": "法制审核通过",
    "review_failed": "法制审核未通过",
    "send_deliberation": "提交集体讨论",
    "deliberated": "集体讨论完毕",
    "notify": "事先告知",
    "request_hearing": "当事人申请听证",
    "schedule_hearing": "通知听证时间地点",
    "hold_hearing": "举行听证",
    "decide": "作出决定",
    "hand_over": "当场交付决定书",
    "serve": "送达决定书",
    "record_payment": "登记缴款",
    "defer_payment": "批准延期或分期缴纳",
    "apply_to_court": "申请法院强制执行",
    "close": "结案",
    "archive": "归档",
    "withdraw": "撤销立案",
    "extend": "延长办案期限",
    "revoke": "决定被变更或撤销",
}

SUMMARY: dict[str, dict[str, str]] = {
    S.RECORDED: {"decide": S.DECIDED, "withdraw": S.WITHDRAWN},
    S.DECIDED: {"hand_over": S.SERVED, "revoke": S.DECIDED},
    S.SERVED: {"record_payment": S.SERVED, "close": S.CLOSED, "revoke": S.SERVED},
    S.CLOSED: {"archive": S.ARCHIVED, "revoke": S.CLOSED},
    S.ARCHIVED: {"revoke": S.ARCHIVED},
}

ORDINARY: dict[str, dict[str, str]] = {
    S.REGISTERED: {"file": S.FILED, "decline": S.WITHDRAWN},
    S.FILED: {"investigate": S.INVESTIGATING, "withdraw": S.WITHDRAWN, "extend": S.FILED},
    S.INVESTIGATING: {"submit_review": S.CASE_REVIEW, "withdraw": S.WITHDRAWN, "extend": S.INVESTIGATING},
    S.CASE_REVIEW: {
        "return_to_investigation": S.INVESTIGATING,
        "send_legal_review": S.LEGAL_REVIEW,
        "send_deliberation": S.DELIBERATION,
        "notify": S.NOTIFIED,
        "decide": S.DECIDED,  # no penalty, not established, transfer: no advance notice needed
        "extend": S.CASE_REVIEW,
    },
    S.LEGAL_REVIEW: {
        "review_passed": S.CASE_REVIEW,
        "review_failed": S.INVESTIGATING,
        "extend": S.LEGAL_REVIEW,
    },
    S.DELIBERATION: {"deliberated": S.CASE_REVIEW, "extend": S.DELIBERATION},
    S.NOTIFIED: {"request_hearing": S.HEARING, "decide": S.DECIDED, "extend": S.NOTIFIED},
    S.HEARING: {"schedule_hearing": S.HEARING, "hold_hearing": S.NOTIFIED, "extend": S.HEARING},
    S.DECIDED: {"serve": S.SERVED, "hand_over": S.SERVED, "revoke": S.DECIDED},
    S.SERVED: {
        "record_payment": S.SERVED,
        "defer_payment": S.EXECUTING,
        "apply_to_court": S.EXECUTING,
        "close": S.CLOSED,
        "revoke": S.SERVED,
    },
    S.EXECUTING: {"record_payment": S.EXECUTING, "close": S.CLOSED, "revoke": S.EXECUTING},
    S.CLOSED: {"archive": S.ARCHIVED, "revoke": S.CLOSED},
    S.ARCHIVED: {"revoke": S.ARCHIVED},
}

TABLES = {Procedure.SUMMARY: SUMMARY, Procedure.ORDINARY: ORDINARY}


def status_label(status: str) -> str:
    return S(status).label if status in S.values else status


def allowed_actions(procedure: str, status: str) -> list[str]:
    return list(TABLES[procedure].get(status, {}))


def next_status(procedure: str, status: str, action: str) -> str:
    """The state after `action`, or RuleError when the procedure does not allow it."""
    table = TABLES[procedure]
    if action not in table.get(status, {}):
        label = ACTION_LABELS.get(action, action)
        raise RuleError(
            f"{Procedure(procedure).label}案件在「{status_label(status)}」状态下不能「{label}」，须按法定程序顺序办理",
            law=PENALTY_LAW,
            article=52 if procedure == Procedure.SUMMARY else (54, 65),
            code="transition_forbidden",
        )
    return table[status][action]
