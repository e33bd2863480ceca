"""Enforcement's background jobs (huey finds this module in every installed app)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="0", minute="10"), name="fazhi.enforcement.expire_disclosures")
def expire_disclosures() -> int:
    """Each night: end the publication of decisions whose term has run (公示期满)."""
    from fazhi.enforcement import disclosure

    return disclosure.expire()
