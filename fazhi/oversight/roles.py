"""What each role may do with oversight records.

Every staff role reads them; an officer sees the items of their post ("只看我的")
and works on them (start, submit with evidence) without editing what was asked
or by when; the rule-of-law office keeps the campaigns, the rubrics and the
case-file reviews, files problems and works on them; a leader files problems
and approves close-out (销号), never of an item they submitted themselves
(checked by the actions)."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("rectification", "campaign", "casefilereview", "reviewrubric", "rubricitem")

grant(STAFF_ROLES, *(f"oversight.view_{m}" for m in MODELS))
grant(("rule_of_law_office",), *(f"oversight.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
grant(("officer", "rule_of_law_office", "leader"), "oversight.work_rectification")
grant(("leader",), "oversight.add_rectification", "oversight.change_rectification",
      "oversight.close_out_rectification")  # fmt: skip

# The grants of the task board and leaders' duty, and of disclosure, proposals and inspections.
from fazhi.oversight.duty import roles as _duty_roles  # noqa: E402, F401
from fazhi.oversight.supervision import roles as _supervision_roles  # noqa: E402, F401
