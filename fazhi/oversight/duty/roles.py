"""What each role may do with the leaders' duty records.

Every staff role reads them. The rule-of-law office (法治办) keeps them all; the
leaders keep the work plans, tasks, meetings and admonition talks; officers,
the office and leaders post progress on tasks (an officer only on the tasks of
a post their person holds, checked by the action)."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("workplan", "task", "leadinggroupmember", "admonition", "dutyreport", "meeting", "officerpost",
          "conducttraining", "officerassessment")  # fmt: skip
LEADER_MODELS = ("workplan", "task", "meeting", "admonition")

grant(STAFF_ROLES, *(f"oversight.view_{m}" for m in MODELS))
grant(("rule_of_law_office",), *(f"oversight.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
grant(("leader",), *(f"oversight.{verb}_{m}" for m in LEADER_MODELS for verb in ("add", "change")))
grant(("officer", "rule_of_law_office", "leader"), "oversight.report_task")
