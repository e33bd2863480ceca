"""Records of administrative enforcement (行政执法) under the Administrative Penalty Law."""

from fazhi.enforcement.models.bodies import EnforcementBody, Entrustment
from fazhi.enforcement.models.cases import Case, CaseStep, DecisionExtension, LegalReview
from fazhi.enforcement.models.disclosure import Disclosure
from fazhi.enforcement.models.matters import Matter
from fazhi.enforcement.models.officers import Officer, OfficerYear
from fazhi.enforcement.models.parties import Party

__all__ = [
    "Case",
    "CaseStep",
    "DecisionExtension",
    "Disclosure",
    "EnforcementBody",
    "Entrustment",
    "LegalReview",
    "Matter",
    "Officer",
    "OfficerYear",
    "Party",
]
