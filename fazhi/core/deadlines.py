"""How a register declares its deadlines, and how they are kept and read.

A model lists its deadlines in a `DEADLINES` class attribute:

    DEADLINES = [
        DeadlineSpec("decide", "作出处罚决定", due=lambda c: c.decide_by,
                     owner=lambda c: c.handler, done=lambda c: c.decided_on is not None,
                     citation="行政处罚法第六十条"),
    ]

The register actions call `sync(obj)` in the same transaction as every write;
the workbench and the warnings board read the stored rows only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from fazhi.core.models import Deadline


@dataclass(frozen=True)
class DeadlineSpec:
    key: str
    label: str
    due: Callable[[Any], dt.date | None]
    owner: Callable[[Any], Any] = lambda obj: None
    done: Callable[[Any], bool] = lambda obj: False
    citation: str = ""
    post: Callable[[Any], Any] = lambda obj: None


# Live news that a unit's deadlines changed (created, moved, closed, removed), so that
# the workbench and the warnings count refresh (fazhi/static/fazhi/live.js). Only for
# changes made through the site and the API: commands and jobs (the demo, a bulk
# load) would flood the news table, and open pages still poll every five minutes.
LIVE_KIND = "core.deadlines_changed"


def register_live_kind() -> None:
    from fazhi.core import live

    live.register_kind(LIVE_KIND, "期限变化（工作台和预警刷新）", "core.view_person")


def _announce(org_unit_id: int | None) -> None:
    from fazhi.core import context, live

    if org_unit_id is not None and context.current().channel in ("web", "api"):
        live.publish(LIVE_KIND, org_unit_id, {})


def specs_of(obj: models.Model) -> list[DeadlineSpec]:
    return list(getattr(type(obj), "DEADLINES", []))


def sync(obj: models.Model, *, new: bool = False) -> None:
    """Bring the stored deadlines of `obj` in line with the record: at once, or
    inside an action once at its end, with the record as the action left it.
    `new`: the action created `obj`, so it has no stored deadlines to read."""
    from fazhi.core import audit

    if not specs_of(obj):
        return
    if not audit.defer(("deadlines", obj._meta.label_lower, obj.pk), lambda: _sync_now(obj, new)):
        _sync_now(obj, new)


def _sync_now(obj: models.Model, new: bool = False) -> None:
    specs = specs_of(obj)
    if not specs:
        return
    ct = ContentType.objects.get_for_model(obj)
    existing = (
        {} if new else {d.key: d for d in Deadline.objects.filter(content_type=ct, object_id=str(obj.pk))}
    )
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    created = []
    changed_any = False
    for spec in specs:
        due = spec.due(obj)
        row = existing.get(spec.key)
        if due is None:
            if row is not None:
                row.delete()
                changed_any = True
            continue
        closed = timezone.now() if spec.done(obj) else None
        values = {
            "org_unit_id": obj.org_unit_id,
            "label": spec.label,
            "record_label": str(obj)[:200],
            "url": url,
            "due_date": due,
            "citation": spec.citation,
            "owner": spec.owner(obj),
            "post": spec.post(obj),
        }
        if row is None:
            created.append(
                Deadline(content_type=ct, object_id=str(obj.pk), key=spec.key, closed_at=closed, **values)
            )
            continue
        changed = False
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if (row.closed_at is None) != (closed is None):
            row.closed_at = closed
            changed = True
        if changed:
            row.save()
            changed_any = True
    if created:
        Deadline.objects.bulk_create(created)
    if created or changed_any:
        _announce(obj.org_unit_id)


def due_soon_for(user, *, today: dt.date | None = None, working_days: int | None = None):
    """The user's open deadlines that are overdue or due within `working_days`
    working days (the workbench). Returns (overdue, due_soon) querysets."""
    from django.conf import settings

    from fazhi.core import workdays

    today = today or timezone.localdate()
    n = settings.FAZHI_WORKBENCH_DAYS if working_days is None else working_days
    horizon = workdays.add_working_days(today, n)
    # Mine: those I own, and those without an owner whose post my person holds (a
    # normative document's filing falls to the drafting post, not to a named person).
    mine = models.Q(owner=user)
    if getattr(user, "person_id", None):
        mine |= models.Q(owner__isnull=True, post__holders=user.person_id)
    base = (
        Deadline.objects.visible_to(user)
        .filter(mine, closed_at__isnull=True)
        .select_related("org_unit")
        .order_by("due_date", "id")
    )
    return base.filter(due_date__lt=today), base.filter(due_date__gte=today, due_date__lte=horizon)
