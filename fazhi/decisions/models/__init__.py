"""The records of lawful decision-making: major decisions, normative documents,
public comments, the legal advisor, and the town's settings."""

from fazhi.decisions.models.advisor import AdvisorActivity, ContractReview, LegalAdvisor
from fazhi.decisions.models.major import (
    DecisionCatalogue,
    DecisionFollowUp,
    DecisionStep,
    ExpertOpinion,
    MajorDecision,
    MemberOpinion,
)
from fazhi.decisions.models.normative import DocumentCleanup, NormativeDocument, PublicComment
from fazhi.decisions.models.policy import DecisionPolicy

__all__ = [
    "AdvisorActivity",
    "ContractReview",
    "DecisionCatalogue",
    "DecisionFollowUp",
    "DecisionPolicy",
    "DecisionStep",
    "DocumentCleanup",
    "ExpertOpinion",
    "LegalAdvisor",
    "MajorDecision",
    "MemberOpinion",
    "NormativeDocument",
    "PublicComment",
]
