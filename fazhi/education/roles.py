"""What each role may do with the education registers.

Every staff role reads them. The rule-of-law office (司法所) keeps all five;
officers and mediators, who give most of the talks and answer most of the
questions in the villages, also register outreach events and legal services."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = ("studysession", "outreachevent", "legalservicerecord", "rostermember", "stafftraining")
FIELD_MODELS = ("outreachevent", "legalservicerecord")

grant(STAFF_ROLES, *(f"education.view_{m}" for m in MODELS))
grant(("rule_of_law_office",), *(f"education.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
grant(("officer", "mediator"), *(f"education.{verb}_{m}" for m in FIELD_MODELS for verb in ("add", "change")))
