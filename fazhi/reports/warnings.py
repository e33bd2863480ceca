"""The warnings board (预警) over every register's deadlines, read from the deadline
table that each register fills through its `DEADLINES` (fazhi/core/deadlines.py):
the board knows no register's internals.

An open deadline is red on any day after its due date, and yellow while it is due
within the configured number of working days (`FAZHI_WARNING_DAYS`): due today is
0 working days away, due on the next working day 1, and so on (a rest day counts
as the working days before it). Otherwise it is not on the board.

    items = board(user, scope="mine")                  # mine, red first
    red, yellow = counts(user)                         # the navigation badge

Scopes: "mine" (I own it, or no one owns it and my post does), "unit" (everything
in a unit and below that the user's roles may read: a deadline of a register the
user cannot view is never shown), optionally narrowed to one of the user's roles
(the registers that role may read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from fazhi.core import workdays
from fazhi.core.models import Deadline, OrgUnit

RED, YELLOW = "red", "yellow"
LEVEL_LABELS = {RED: "逾期", YELLOW: "临期"}
SCOPES = {"mine": "我的", "unit": "本单位"}


def window_days() -> int:
    return max(0, int(settings.FAZHI_WARNING_DAYS))


def yellow_until(today: dt.date, window: int) -> dt.date:
    """The last day that is at most `window` working days after `today`."""
    return workdays.add_working_days(today, window + 1) - dt.timedelta(days=1)


def level(due: dt.date, today: dt.date, window: int | None = None) -> str | None:
    """red, yellow or None for an open deadline due on `due`."""
    if due < today:
        return RED
    window = window_days() if window is None else window
    return YELLOW if workdays.working_days_between(today, due) <= window else None


@dataclass(frozen=True)
class WarningItem:
    deadline: Deadline
    level: str
    days: int  # working days left (yellow), or calendar days overdue (red)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def when(self) -> str:
        if self.level == RED:
            return f"已逾期{self.days}天"
        return "今天到期" if self.days == 0 else f"还有{self.days}个工作日"


def _mine(user) -> Q:
    mine = Q(owner=user)
    if getattr(user, "person_id", None):
        mine |= Q(owner__isnull=True, post__holders=user.person_id)
    return mine


def readable_types(user, role: str | None = None) -> QuerySet:
    """The content types whose records the user (or one of their roles) may view."""
    if role is not None:
        groups = Group.objects.filter(name=role, user=user)
    else:
        groups = Group.objects.filter(user=user)
    perms = Permission.objects.filter(group__in=groups, codename__startswith="view_")
    return ContentType.objects.filter(id__in=perms.values("content_type_id"))


def open_deadlines(
    user, *, scope: str = "mine", unit: OrgUnit | None = None, role: str | None = None
) -> QuerySet:
    """The open deadlines of a scope, any due date (the board narrows by level)."""
    qs = Deadline.objects.visible_to(user).filter(closed_at__isnull=True)
    if scope == "mine":
        qs = qs.filter(_mine(user))
    else:
        if unit is not None:
            qs = qs.filter(org_unit__path__startswith=unit.path)
        qs = qs.filter(content_type__in=readable_types(user, role).values("id"))
    if scope == "mine" and role is not None:
        qs = qs.filter(content_type__in=readable_types(user, role).values("id"))
    return qs


def board(user, *, scope: str = "mine", unit: OrgUnit | None = None, role: str | None = None,
          only: str | None = None, today: dt.date | None = None, window: int | None = None) -> list[WarningItem]:  # fmt: skip
    """The red and yellow items of a scope, red first, each by due date."""
    today = today or timezone.localdate()
    window = window_days() if window is None else window
    qs = open_deadlines(user, scope=scope, unit=unit, role=role)
    if only == RED:  # needs no calendar: overdue is by the stored date
        qs = qs.filter(due_date__lt=today)
    else:
        qs = qs.filter(due_date__lte=yellow_until(today, window))
        if only == YELLOW:
            qs = qs.filter(due_date__gte=today)
    qs = qs.select_related("org_unit", "owner", "post", "content_type").order_by("due_date", "id")
    items = []
    for d in qs.distinct()[:2000]:
        if d.due_date < today:
            items.append(WarningItem(d, RED, (today - d.due_date).days))
        else:
            items.append(WarningItem(d, YELLOW, workdays.working_days_between(today, d.due_date)))
    return items


def counts(user, *, today: dt.date | None = None, window: int | None = None) -> tuple[int, int]:
    """(red, yellow) of the user's own items: one query. Without the year's holiday
    notice the working days cannot be counted: red only, yellow 0."""
    today = today or timezone.localdate()
    window = window_days() if window is None else window
    try:
        until = yellow_until(today, window)
    except workdays.CalendarNotCovered:
        until = today - dt.timedelta(days=1)
    row = (
        open_deadlines(user, scope="mine")
        .filter(due_date__lte=until)
        .aggregate(
            red=Count("id", filter=Q(due_date__lt=today), distinct=True),
            yellow=Count("id", filter=Q(due_date__gte=today), distinct=True),
        )
    )
    return row["red"] or 0, row["yellow"] or 0
