"""What each role may do with the records of lawful decision-making.

Every staff role reads them. The rule-of-law office (司法所) keeps the catalogue,
the decisions' files, the normative documents, the legal advisor's engagement,
activities and the contract reviews; the legal reviewer (and the advisor working
through that role) records legality reviews and contract review opinions; a
leader records the collective deliberation and the decision, and issues documents."""

from fazhi.core.roles import STAFF_ROLES, grant

MODELS = (
    "decisioncatalogue", "majordecision", "normativedocument", "publiccomment",
    "legaladvisor", "advisoractivity", "contractreview", "decisionpolicy",
)  # fmt: skip

grant(STAFF_ROLES, *(f"decisions.view_{m}" for m in MODELS))
grant(("rule_of_law_office",), *(f"decisions.{verb}_{m}" for m in MODELS for verb in ("add", "change")))
grant(("rule_of_law_office",), "decisions.conduct_majordecision")
grant(("legal_reviewer",), "decisions.review_majordecision", "decisions.review_normativedocument",
      "decisions.change_contractreview", "decisions.add_publiccomment", "decisions.change_publiccomment")  # fmt: skip
grant(("rule_of_law_office",), "decisions.review_normativedocument")
grant(("leader",), "decisions.decide_majordecision", "decisions.conduct_majordecision",
      "decisions.issue_normativedocument", "decisions.change_majordecision")  # fmt: skip
