"""What each role may do with the records of government services.

Every staff role reads the market entities, the enterprise visits, the service
items and the applications. The window clerk (the service centre's single window)
and the rule-of-law office keep the market registers and the service list. The
window clerk takes the applications through the window's steps (accept, notify,
route, pause, deliver); the decision is the clerk's for the items the town decides
at the window and the leader's; a leader approves an extension (行政许可法
第42条) and publishes the list. A reviewing post's opinion is given by whoever
holds the post (fazhi/services/actions/window.py)."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("marketentity", "enterprisevisit")
KEEPERS = ("window_clerk", "rule_of_law_office")

grant(STAFF_ROLES, *(f"services.view_{m}" for m in MODELS))
grant(KEEPERS, *(f"services.{verb}_{m}" for m in MODELS for verb in ("add", "change")))

# -- the single window --------------------------------------------------------------
grant(STAFF_ROLES, "services.view_serviceitem", "services.view_application")
grant(KEEPERS, "services.add_serviceitem", "services.change_serviceitem")
grant(("rule_of_law_office", "leader"), "services.publish_serviceitem")
grant(("window_clerk",), "services.add_application", "services.change_application")
grant(("window_clerk", "leader"), "services.decide_application")
grant(("leader",), "services.extend_application")
