"""Oversight records: rectification items, special campaigns and case-file evaluation."""

# The duty records' role grants, kept beside their models until apps.ready() imports them.
from fazhi.oversight.models.campaigns import Campaign, CampaignCategory
from fazhi.oversight.models.disclosure import InfoItem, InfoRequest
from fazhi.oversight.models.duty import Admonition, DutyReport, LeadingGroupMember
from fazhi.oversight.models.inspections import Inspection
from fazhi.oversight.models.meetings import Meeting
from fazhi.oversight.models.proposals import Proposal
from fazhi.oversight.models.rectifications import Rectification, RectificationStep
from fazhi.oversight.models.responsibility import ConductTraining, OfficerAssessment, OfficerPost
from fazhi.oversight.models.reviews import (
    CaseFileReview,
    ReviewDeduction,
    ReviewRubric,
    ReviewVetoResult,
    RubricItem,
)
from fazhi.oversight.models.taskboard import Task, TaskProgress, WorkPlan

__all__ = [
    "Admonition",
    "Campaign",
    "CampaignCategory",
    "CaseFileReview",
    "ConductTraining",
    "DutyReport",
    "InfoItem",
    "InfoRequest",
    "Inspection",
    "LeadingGroupMember",
    "Meeting",
    "OfficerAssessment",
    "OfficerPost",
    "Proposal",
    "Rectification",
    "RectificationStep",
    "ReviewDeduction",
    "ReviewRubric",
    "ReviewVetoResult",
    "RubricItem",
    "Task",
    "TaskProgress",
    "WorkPlan",
]
