"""The records of disputes and remedies: mediation organisations, disputes and the
screening rounds, reconsideration and litigation."""

from fazhi.disputes.models.disputes import (
    Dispute,
    DisputeParty,
    DisputeStep,
    ScreeningResult,
    ScreeningRound,
)
from fazhi.disputes.models.mediation import MediationCommittee, MediationRoom, Mediator
from fazhi.disputes.models.remedies import Litigation, Reconsideration

__all__ = [
    "Dispute",
    "DisputeParty",
    "DisputeStep",
    "Litigation",
    "MediationCommittee",
    "MediationRoom",
    "Mediator",
    "Reconsideration",
    "ScreeningResult",
    "ScreeningRound",
]
