"""`record(...)`: the one way to write an audit event.

Call it inside the transaction of the action it records (the actions in each
app's actions.py are atomic): if the event cannot be written, the exception
rolls the action back with it (GB/T 22239 8.1.4.3d).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.utils import timezone

from fazhi.core import context
from fazhi.core.choices import AuditResult
from fazhi.core.models import AuditEvent

# Fields that say nothing about the record's content and change on every save.
_SKIP_FIELDS = {"created_at", "updated_at", "password"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def raw_values(obj: models.Model) -> dict[str, Any]:
    """The stored values of a record's concrete fields (foreign keys as ids)."""
    return {
        f.attname: _plain(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.name not in _SKIP_FIELDS
    }


def snapshot(obj: models.Model, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the audit event keeps of a record: its values with personal data masked,
    since the audit table is append-only and must not become a copy of the ID numbers."""
    values = dict(raw if raw is not None else raw_values(obj))
    for field, mask in getattr(obj, "PII_FIELDS", {}).items():
        if values.get(field):
            values[field] = mask(values[field])
    return values


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in after if before.get(k) != after.get(k))


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    result: str = AuditResult.SUCCESS,
    message: str = "",
    org_unit_id: int | None = None,
    target_repr: str | None = None,
) -> AuditEvent:
    """Append one event. `action` is `app.model.verb` (core.person.created)."""
    ctx = context.current()
    actor_ok = actor is not None and getattr(actor, "is_authenticated", False)
    if org_unit_id is None:
        if target is not None and getattr(target, "org_unit_id", None):
            org_unit_id = target.org_unit_id
        elif actor_ok:
            org_unit_id = actor.org_unit_id
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor_id=actor.pk if actor_ok else None,
        actor_name=(actor.get_username() if actor_ok else (getattr(actor, "username", "") or "")),
        roles=",".join(sorted(actor.role_codes)) if actor_ok else "",
        org_unit_id=org_unit_id,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=(target_repr if target_repr is not None else str(target) if target is not None else "")[
            :200
        ],
        old=old,
        new=new,
        result=result,
        message=message[:500],
        ip=ctx.ip,
        request_id=ctx.request_id,
    )
