"""What each role may do with the supervision records.

Every staff role reads them. The rule-of-law office keeps all four registers; the
clerk of the disclosure post (政务公开岗; the window clerk role) keeps disclosure:
proactive items and requests. Leaders approve what the law leaves to a
responsible person: the one extension of a request's reply (政府信息公开条例第33条)
and the six-month period of a difficult proposal (代表法第42条)."""

from fazhi.core.roles import STAFF_ROLES, grant

DISCLOSURE = ("infoitem", "inforequest")
MODELS = (*DISCLOSURE, "proposal", "inspection")

grant(STAFF_ROLES, *(f"oversight.view_{m}" for m in MODELS))
grant(("rule_of_law_office",), *(f"oversight.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
grant(("window_clerk",), *(f"oversight.{verb}_{m}" for m in DISCLOSURE for verb in ("add", "change")))
grant(("leader",), "oversight.extend_inforequest", "oversight.approve_difficult_proposal")
