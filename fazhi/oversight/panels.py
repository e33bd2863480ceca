"""The oversight panel of the workbench: the rectification items a user answers
for (as lead leader, or through a post their person holds) that are not yet
closed out, soonest due first. The deadline warnings reach the lead leader;
this panel also reaches the officers who do the work."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.workbench import Panel
from fazhi.oversight.choices import RectificationStatus

LIMIT = 10


def my_rectifications(user) -> Panel | None:
    if not user.has_perm("oversight.view_rectification"):
        return None
    from fazhi.oversight.definitions import rectifications

    mine = Q(lead_leader=user)
    if user.person_id:
        mine |= Q(responsible_post__holders=user.person_id)
    rows = list(
        rectifications.queryset(user)
        .filter(mine)
        .exclude(status=RectificationStatus.CLOSED)
        .distinct()
        .order_by("due_on", "id")[:LIMIT]
    )
    if not rows:
        return None
    return Panel(
        "我的整改事项", "oversight/_my_rectifications.html", {"items": rows, "limit": LIMIT}, order=20
    )
