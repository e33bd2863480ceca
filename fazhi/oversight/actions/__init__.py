"""Every write to oversight records: one transaction, one audit event per change,
the deadlines kept in step. Views, the API, the Excel importer and the demo call
these; none saves a record itself."""

from fazhi.oversight.actions.campaigns import create_campaign, update_campaign
from fazhi.oversight.actions.rectifications import (
    close_out_rectification,
    create_rectification,
    reject_rectification,
    start_rectification,
    submit_rectification,
    take_step,
    update_rectification,
)
from fazhi.oversight.actions.reviews import (
    complete_review,
    create_default_rubric,
    record_findings,
    start_review,
    update_review,
)

__all__ = [
    "close_out_rectification",
    "complete_review",
    "create_campaign",
    "create_default_rubric",
    "create_rectification",
    "record_findings",
    "reject_rectification",
    "start_rectification",
    "start_review",
    "submit_rectification",
    "take_step",
    "update_campaign",
    "update_rectification",
    "update_review",
]
