"""The reports' background jobs (huey finds this module in every installed app)."""

from __future__ import annotations

import datetime as dt

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="0", minute="20"), name="fazhi.reports.ensure_drafts")
def ensure_drafts() -> int:
    """Each night: every town has a draft of each report for the year just ended,
    so that the submission and publication deadlines reach the warnings."""
    from django.utils import timezone

    from fazhi.reports.actions import ensure_reports

    return ensure_reports(timezone.localdate().year - 1)


def _day(day: str | None) -> dt.date:
    from django.utils import timezone

    return dt.date.fromisoformat(day) if day else timezone.localdate()


@db_periodic_task(crontab(hour="7", minute="30"), name="fazhi.reports.send_digests")
def send_digests(day: str | None = None):
    """Each working day at 07:30: the daily digest of each user's overdue and due-soon
    items, on the channels they chose. Idempotent: a later run of the same day sends
    nothing twice. `day` (ISO date) is for running a day by hand."""
    from fazhi.reports.notify import digest

    on = _day(day)
    if day is None and not digest.is_digest_day(on):
        return digest.Tally()
    return digest.send_digests(on)


@db_periodic_task(crontab(minute="5"), name="fazhi.reports.send_red_notices")
def send_red_notices(day: str | None = None):
    """Five minutes past each hour (the first run of a day, 00:05, finds what turned red
    at midnight; the others what was missed, e.g. while the worker was down): one
    notice per overdue deadline and recipient. Idempotent."""
    from fazhi.reports.notify import digest

    return digest.send_red_notices(_day(day))


@db_periodic_task(crontab(hour="1", minute="40"), name="fazhi.reports.supervision_scan")
def supervision_scan() -> int:
    """Each night: run the supervision models over every town."""
    from fazhi.reports.supervision.jobs import scan_all

    return scan_all()
