"""The enforcement panel of the workbench: the latest decisions in the user's
scope, so that a leader sees on-the-spot penalties as they are made. The panel
updates itself while the page is open (fazhi/static/fazhi/live.js), from the
news of `fazhi.enforcement.live` that follows `live_after`."""

from __future__ import annotations

from django.conf import settings

from fazhi.core import live
from fazhi.core.workbench import Panel


def latest_decisions(user) -> Panel | None:
    if not user.has_perm("enforcement.view_case"):
        return None
    from fazhi.enforcement.definitions import cases
    from fazhi.enforcement.live import DECISION_MADE

    # The cursor is read before the rows: a decision made in between is then both
    # listed and sent, and the page shows it once; never neither.
    after = live.latest_id()
    rows = list(cases.queryset(user).filter(decided_on__isnull=False).order_by("-decided_on", "-id")[:10])
    context = {
        "cases": rows,
        "live_kind": DECISION_MADE.code,
        "live_after": after,
        "live_poll_seconds": settings.FAZHI_LIVE_POLL_SECONDS,
    }
    return Panel("最新执法决定", "enforcement/_latest_decisions.html", context, order=10)
