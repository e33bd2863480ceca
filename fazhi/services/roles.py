"""What each role may do with the records of government services.

Every staff role reads the market entities and the enterprise visits. The
window clerk (the service centre's single window) and the rule-of-law office
keep them: register, correct, import, record visits and their follow-up."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("marketentity", "enterprisevisit")
KEEPERS = ("window_clerk", "rule_of_law_office")

grant(STAFF_ROLES, *(f"services.view_{m}" for m in MODELS))
grant(KEEPERS, *(f"services.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
