"""What each role may do with the emergency registers.

Every staff role reads the plans, drills and teams (leaders included). The
rule-of-law office and the holder of the emergency post (应急管理岗, an officer's
account in the demo) keep them: add, edit, import, revise a plan."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("emergencyplan", "drill", "emergencyteam", "teammember", "teamequipment")
KEEPERS = ("rule_of_law_office", "officer")

grant(STAFF_ROLES, *(f"emergency.view_{m}" for m in MODELS))
grant(KEEPERS, *(f"emergency.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
