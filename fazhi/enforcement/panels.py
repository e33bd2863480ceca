"""The enforcement panel of the workbench: the latest decisions in the user's
scope, so that a leader sees on-the-spot penalties as they are made."""

from __future__ import annotations

from fazhi.core.workbench import Panel


def latest_decisions(user) -> Panel | None:
    if not user.has_perm("enforcement.view_case"):
        return None
    from fazhi.enforcement.definitions import cases

    rows = list(cases.queryset(user).filter(decided_on__isnull=False).order_by("-decided_on", "-id")[:10])
    return Panel("最新执法决定", "enforcement/_latest_decisions.html", {"cases": rows}, order=10)
