"""Oversight records: rectification items, special campaigns and case-file evaluation."""

from fazhi.oversight.models.campaigns import Campaign, CampaignCategory
from fazhi.oversight.models.rectifications import Rectification, RectificationStep
from fazhi.oversight.models.reviews import (
    CaseFileReview,
    ReviewDeduction,
    ReviewRubric,
    ReviewVetoResult,
    RubricItem,
)

__all__ = [
    "Campaign",
    "CampaignCategory",
    "CaseFileReview",
    "Rectification",
    "RectificationStep",
    "ReviewDeduction",
    "ReviewRubric",
    "ReviewVetoResult",
    "RubricItem",
]
