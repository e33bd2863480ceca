"""Real-time push of enforcement decisions (执法决定实时推送): when a decision is
made, published or withdrawn, the news goes to the workbenches of those who see
the town (the latest-decisions panel updates itself) and to the systems that
subscribe (webhooks). See fazhi.core.live and docs/adr/0003-live-updates.md.

The payload is what a leader's panel shows and a county system needs to find
the decision: no ID number, phone or address, the natural person's name masked.
"""

from __future__ import annotations

import logging

from fazhi.core import live
from fazhi.enforcement import signals
from fazhi.enforcement.models import Case, Disclosure

logger = logging.getLogger("fazhi.live")

DECISION_MADE = live.register_kind("enforcement.decision_made", "作出执法决定", "enforcement.view_case")
DECISION_PUBLISHED = live.register_kind(
    "enforcement.decision_published", "执法决定已公示", "enforcement.view_disclosure"
)
DISCLOSURE_WITHDRAWN = live.register_kind(
    "enforcement.disclosure_withdrawn", "公示已撤回", "enforcement.view_disclosure"
)


def decision_payload(case: Case) -> dict:
    return {
        "case_id": case.pk,
        "decision_no": case.decision_no,
        "procedure": case.get_procedure_display(),
        "matter": case.matter.name,
        "party": case.party.masked_name,
        "penalty_kind": case.penalty_kind,
        "fine": f"{case.fine:.2f}",  # as stored, whatever the action was given
        "decided_on": case.decided_on.isoformat() if case.decided_on else "",
        "url": case.get_absolute_url(),
    }


def disclosure_payload(disclosure: Disclosure) -> dict:
    content = disclosure.content  # built from the portal's allow-list, the name masked
    return {
        "case_id": disclosure.case_id,
        "decision_no": content.get("decision_no", ""),
        "matter": content.get("matter", ""),
        "party": content.get("party", ""),
        "fine": content.get("fine", ""),
        "decided_on": content.get("decided_on", ""),
        "published_on": disclosure.published_on.isoformat() if disclosure.published_on else "",
        "withdrawn_on": disclosure.withdrawn_on.isoformat() if disclosure.withdrawn_on else "",
        "withdrawal_reason": disclosure.withdrawal_reason,
        "url": disclosure.case.get_absolute_url(),
    }


# The signals are sent after the decision's transaction has committed: a failure
# here must not turn a decision that is made into an error for its officer.


def on_decision_made(sender, case: Case, **kwargs) -> None:
    try:
        live.publish(DECISION_MADE.code, case.org_unit_id, decision_payload(case))
    except Exception:
        logger.exception("news of decision on case %s not published", case.pk)


def on_decision_published(sender, disclosure: Disclosure, **kwargs) -> None:
    try:
        live.publish(DECISION_PUBLISHED.code, disclosure.org_unit_id, disclosure_payload(disclosure))
    except Exception:
        logger.exception("news of disclosure %s not published", disclosure.pk)


def on_disclosure_withdrawn(sender, disclosure: Disclosure, **kwargs) -> None:
    try:
        live.publish(DISCLOSURE_WITHDRAWN.code, disclosure.org_unit_id, disclosure_payload(disclosure))
    except Exception:
        logger.exception("news of withdrawn disclosure %s not published", disclosure.pk)


# Connected on import: EnforcementConfig.ready() imports this module.
signals.decision_made.connect(on_decision_made, sender=Case, dispatch_uid="fazhi.live.decision_made")
signals.decision_published.connect(
    on_decision_published, sender=Disclosure, dispatch_uid="fazhi.live.decision_published"
)
signals.disclosure_withdrawn.connect(
    on_disclosure_withdrawn, sender=Disclosure, dispatch_uid="fazhi.live.disclosure_withdrawn"
)
