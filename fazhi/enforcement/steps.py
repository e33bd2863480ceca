"""The steps of a case as the pages and the API take them: who may take which,
and the one way a step's fields reach its action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.enforcement import actions
from fazhi.enforcement.models import Case

# Who may take a step: officers take most; a legal reviewer reviews; a leader extends.
STEP_PERMISSIONS = {
    "review_passed": "enforcement.add_legalreview",
    "review_failed": "enforcement.add_legalreview",
    "extend": "enforcement.add_decisionextension",
    "revoke": "enforcement.add_decisionextension",
}

STEP_ACTIONS = {
    "file": lambda c, u, d: actions.file_case(c, actor=u, **d["common"]),
    "investigate": lambda c, u, d: actions.investigate(c, actor=u, **d["common"]),
    "submit_review": lambda c, u, d: actions.submit_review(c, actor=u, **d["common"]),
    "return_to_investigation": lambda c, u, d: actions.return_to_investigation(c, actor=u, **d["common"]),
    "send_legal_review": lambda c, u, d: actions.send_legal_review(c, actor=u, **d["common"]),
    "review_passed": lambda c, u, d: actions.review_case(c, actor=u, passed=True, opinion=d["note"], on=d["on"],
                                                         expected_version=d["version"]),
    "review_failed": lambda c, u, d: actions.review_case(c, actor=u, passed=False, opinion=d["note"], on=d["on"],
                                                         expected_version=d["version"]),
    "send_deliberation": lambda c, u, d: actions.send_deliberation(c, actor=u, **d["common"]),
    "deliberated": lambda c, u, d: actions.deliberated(c, actor=u, **d["common"]),
    "notify": lambda c, u, d: actions.notify(c, actor=u, penalty_kind=d["penalty_kind"], fine=d["fine"], **d["common"]),
    "request_hearing": lambda c, u, d: actions.request_hearing(c, actor=u, **d["common"]),
    "schedule_hearing": lambda c, u, d: actions.schedule_hearing(c, actor=u, hearing_on=d["hearing_on"],
                                                                 place=d["place"], **d["common"]),
    "hold_hearing": lambda c, u, d: actions.hold_hearing(c, actor=u, **d["common"]),
    "decide": lambda c, u, d: actions.decide_case(c, actor=u, decision_kind=d["decision_kind"] or "penalty",
                                                  penalty_kind=d["penalty_kind"], fine=d["fine"], **d["common"]),
    "serve": lambda c, u, d: actions.serve_decision(c, actor=u, **d["common"]),
    "hand_over": lambda c, u, d: actions.serve_decision(c, actor=u, handed_over=True, **d["common"]),
    "record_payment": lambda c, u, d: actions.record_payment(c, actor=u, amount=d["fine"], **d["common"]),
    "apply_to_court": lambda c, u, d: actions.apply_to_court(c, actor=u, **d["common"]),
    "close": lambda c, u, d: actions.close_case(c, actor=u, **d["common"]),
    "archive": lambda c, u, d: actions.archive(c, actor=u, **d["common"]),
    "withdraw": lambda c, u, d: actions.withdraw(c, actor=u, **d["common"]),
    "decline": lambda c, u, d: actions.decline(c, actor=u, **d["common"]),
    "defer_payment": lambda c, u, d: actions.defer_payment(c, actor=u, days=d["days"] or 0, note=d["note"],
                                                           on=d["on"], expected_version=d["version"]),
    "revoke": lambda c, u, d: actions.revoke_decision(c, actor=u, reason=d["note"], on=d["on"],
                                                      expected_version=d["version"]),
    "extend": lambda c, u, d: actions.extend_decision(c, actor=u, days=d["days"] or 0, reason=d["note"], on=d["on"],
                                                      expected_version=d["version"]),
}  # fmt: skip


def may_take(user, action: str) -> bool:
    return user.has_perm(STEP_PERMISSIONS.get(action, "enforcement.change_case"))


def take(case: Case, action: str, actor: Any, fields: dict[str, Any]) -> Case:
    """Take `action` on `case` with the fields of a step form or request: date,
    note, version, and the decision, fine, days, hearing day and place where the
    step needs them."""
    on: dt.date = fields.get("on") or timezone.localdate()
    note = fields.get("note") or ""
    data = {
        "on": on, "note": note, "version": fields["version"], "decision_kind": fields.get("decision_kind") or "",
        "penalty_kind": fields.get("penalty_kind") or "", "fine": fields.get("fine") or Decimal("0"),
        "days": fields.get("days"), "hearing_on": fields.get("hearing_on"), "place": fields.get("place") or "",
        "common": {"on": on, "note": note, "expected_version": fields["version"]},
    }  # fmt: skip
    return STEP_ACTIONS[action](case, actor, data)
