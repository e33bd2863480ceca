"""What each role may do with enforcement records."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("enforcementbody", "entrustment", "matter", "officer", "officeryear", "party", "case", "disclosure")

grant(STAFF_ROLES, *(f"enforcement.view_{m}" for m in MODELS))
grant(("officer",), "enforcement.add_party", "enforcement.change_party", "enforcement.add_case",
      "enforcement.change_case")  # fmt: skip
grant(("rule_of_law_office",), *(f"enforcement.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
grant(("legal_reviewer",), "enforcement.add_legalreview", "enforcement.view_legalreview")
grant(("leader",), "enforcement.add_decisionextension")
grant(("officer",), "enforcement.change_disclosure")  # publish and withdraw decisions (执法公示)
