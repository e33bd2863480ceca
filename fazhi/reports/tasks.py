"""The reports' background job (huey finds this module in every installed app)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="0", minute="20"), name="fazhi.reports.ensure_drafts")
def ensure_drafts() -> int:
    """Each night: every town has a draft of each report for the year just ended,
    so that the submission and publication deadlines reach the warnings."""
    from django.utils import timezone

    from fazhi.reports.actions import ensure_reports

    return ensure_reports(timezone.localdate().year - 1)
