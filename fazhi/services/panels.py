"""The single window's panels of the workbench (工作台):

- 待我会签: the review tasks still pending for a post the user's person holds, in
  applications under joint review, the soonest due first. Whoever holds the post
  gives its opinion (fazhi/services/actions/window.py, `may_review`), whatever
  their role, so the panel asks only that the user may read applications.
- 待受理办件: for those who take applications (window clerks), the applications
  received and not yet accepted, refused or answered with a one-time notice, the
  oldest first, with the last day to do so (行政许可法 第32条).

Registered in ServicesConfig.ready() (`PANELS`)."""

from __future__ import annotations

from fazhi.core.models.scoped import visible_unit_ids
from fazhi.core.workbench import Panel
from fazhi.services.choices import ApplicationState, OpinionState

LIMIT = 10


def my_reviews(user) -> Panel | None:
    if not user.has_perm("services.view_application") or not user.person_id:
        return None
    from fazhi.services.models import ReviewTask

    rows = list(
        ReviewTask.objects.filter(
            state=OpinionState.PENDING,
            post__holders=user.person_id,
            application__status=ApplicationState.REVIEWING,
            application__org_unit__in=visible_unit_ids(user),
        )
        .select_related("post", "application", "application__item")
        .order_by("application__due_on", "application__id")[:LIMIT]
    )
    if not rows:
        return None
    return Panel(
        "待我会签", "services/application_panel_reviews.html", {"tasks": rows, "limit": LIMIT}, order=15
    )


def awaiting_acceptance(user) -> Panel | None:
    if not user.has_perm("services.change_application"):
        return None
    from fazhi.services.definitions.applications import applications

    qs = applications.queryset(user).filter(status=ApplicationState.RECEIVED)
    rows = list(qs.order_by("submitted_on", "id")[:LIMIT])
    if not rows:
        return None
    more = applications.filtered_url(status=ApplicationState.RECEIVED)
    return Panel("待受理办件", "services/application_panel_received.html",
                 {"applications": rows, "limit": LIMIT, "more_url": more}, order=16)  # fmt: skip


PANELS = (my_reviews, awaiting_acceptance)
