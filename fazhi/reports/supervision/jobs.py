"""The nightly scan of every town. A plain function: the huey task that runs it
lives in fazhi/reports/tasks.py."""

from __future__ import annotations

import datetime as dt
import logging

logger = logging.getLogger(__name__)


def scan_all(today: dt.date | None = None) -> int:
    """Scan each active town (each in its own transaction); return the number of
    flags created. A town whose scan fails is logged and the others go on."""
    from django.utils import timezone

    from fazhi.core.choices import OrgKind
    from fazhi.core.models import OrgUnit
    from fazhi.reports.supervision.actions import scan

    today = today or timezone.localdate()
    created = 0
    for town in OrgUnit.objects.filter(kind=OrgKind.TOWN, is_active=True).order_by("path"):
        try:
            created += scan(town, today=today).total_created
        except Exception:  # one town's bad data must not stop the others' scan
            logger.exception("supervision scan of %s failed", town.code)
    return created
