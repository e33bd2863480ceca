"""What each role may do with disputes and remedies.

Every staff role reads them. Grid workers register disputes (and their parties)
from a phone; mediators and the rule-of-law office (司法所) assign, mediate,
record results, visit and close; the office keeps the committees, mediators,
rooms and screening rounds, and, with the legal reviewer, the reconsideration
and litigation cases; leaders read everything."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("mediationcommittee", "mediator", "mediationroom", "dispute", "screeninground", "reconsideration",
          "litigation")  # fmt: skip

grant(STAFF_ROLES, *(f"disputes.view_{m}" for m in MODELS))
grant(("rule_of_law_office",), *(f"disputes.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
grant(("grid_worker", "mediator"), "disputes.add_dispute")
grant(("mediator", "rule_of_law_office"), "disputes.change_dispute", "disputes.mediate_dispute")
grant(("mediator",), "disputes.add_screeninground", "disputes.change_screeninground")
grant(("legal_reviewer",), "disputes.add_reconsideration", "disputes.change_reconsideration",
      "disputes.add_litigation", "disputes.change_litigation")  # fmt: skip
