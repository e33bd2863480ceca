"""`record(...)`: the one way to write an audit event, and the hash chain.

Call it inside the transaction of the action it records (the actions in each
app's actions.py are atomic): if the event cannot be written, the exception
rolls the action back with it (GB/T 22239 8.1.4.3d).

Each event joins the chain of its town (GLOBAL_CHAIN for events of no town):
the chain's head row is locked, the event takes the next sequence number and
`hash = SM3(canonical(event) including prev_hash)`, HMAC-SM3 when
FAZHI_AUDIT_KEY is set. `fazhi.core.audit_verify` walks the chains.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
import functools
import json
import uuid
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from fazhi.core import bulk, context, sm3
from fazhi.core.choices import AuditResult
from fazhi.core.models import GLOBAL_CHAIN, AuditEvent, AuditHead

GENESIS = "0" * 64  # prev_hash of the first event of a chain

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


def dump_values(values: Any) -> str:
    """Canonical JSON of old/new values: sorted keys, no spaces, UTF-8 text."""
    if values is None:
        return ""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)


# -- the chain ---------------------------------------------------------------

CANONICAL_FIELDS = (
    "chain", "seq", "at", "actor_id", "actor_name", "roles", "org_unit_id", "action", "target_type",
    "target_id", "target_repr", "old_values", "new_values", "result", "message", "ip", "request_id", "prev_hash",
)  # fmt: skip


def format_at(at: dt.datetime) -> str:
    """The event time in UTC with microseconds, the same text on every database."""
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(values: tuple) -> bytes:
    """The bytes an event's hash covers: its fields in CANONICAL_FIELDS order as a
    JSON array (so that no two different events can have the same bytes)."""
    fields = list(values)
    fields[2] = format_at(fields[2])
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


@lru_cache(maxsize=1)
def _key() -> bytes | None:
    key = getattr(settings, "FAZHI_AUDIT_KEY", "")
    return key.encode() if key else None


def event_hash(values: tuple) -> str:
    data = canonical(values)
    key = _key()
    return sm3.hmac_sm3_hex(key, data) if key else sm3.sm3_hex(data)


@lru_cache(maxsize=4096)
def chain_of(org_unit_id: int | None) -> int:
    """The chain of an org unit: its town's id, or GLOBAL_CHAIN above or outside towns.
    Org units never move between towns in practice; the cache is per process."""
    if not org_unit_id:
        return GLOBAL_CHAIN
    from fazhi.core.choices import OrgKind
    from fazhi.core.models import OrgUnit

    path = OrgUnit.objects.filter(pk=org_unit_id).values_list("path", flat=True).first()
    if not path:
        return GLOBAL_CHAIN
    codes = path.strip("/").split("/")
    town = OrgUnit.objects.filter(code__in=codes, kind=OrgKind.TOWN).values_list("pk", flat=True).first()
    return town or GLOBAL_CHAIN


def _lock_head(chain: int) -> AuditHead:
    try:
        return AuditHead.objects.select_for_update().get(chain=chain)
    except AuditHead.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            AuditHead.objects.create(chain=chain, seq=0, hash=GENESIS)
    except IntegrityError:
        pass  # another writer created it first
    return AuditHead.objects.select_for_update().get(chain=chain)


_batch: contextvars.ContextVar[list | None] = contextvars.ContextVar("fazhi_audit_batch", default=None)
_deferred: contextvars.ContextVar[dict | None] = contextvars.ContextVar("fazhi_audit_deferred", default=None)


def defer(key: Any, fn) -> bool:
    """Inside a batch, run `fn` once at the batch's end (the last `fn` given for
    `key` wins) and return True; outside one, return False and leave it to the caller."""
    pending = _deferred.get()
    if pending is None:
        return False
    pending[key] = fn
    return True


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Hold the events of one action and write them together at its end, still
    inside its transaction: the chain's head is then locked for a moment, not
    for the whole action, so that writers of one town wait for each other only
    briefly. Nested batches join the outermost one."""
    if _batch.get() is not None:
        yield
        return
    token = _batch.set([])
    deferred_token = _deferred.set({})
    try:
        with transaction.atomic():
            yield
            for fn in _deferred.get().values():
                fn()
            _deferred.set(None)
            pending = _batch.get()
            _batch.set(None)
            if pending:
                _append(pending)
    finally:
        _deferred.reset(deferred_token)
        _batch.reset(token)


def audited(fn):
    """Decorator of an action: one transaction and one audit batch around it."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with batch():
            return fn(*args, **kwargs)

    return wrapper


def _insert(events: list[AuditEvent]) -> None:
    """The one place events reach the table (tests inject failures here). A long
    batch (an import's) is copied in on PostgreSQL; no caller reads its ids."""
    bulk.insert(AuditEvent, events, ids=False)


def _append(events: list[AuditEvent]) -> None:
    """Chain `events` onto their chains' heads and write them, in one transaction
    (the caller's, when there is one: a failure here fails the whole action, so
    no savepoint is needed)."""
    with transaction.atomic(savepoint=False):
        for chain in sorted({e.chain for e in events}):  # a fixed lock order: no deadlock between towns
            head = _lock_head(chain)
            for event in (e for e in events if e.chain == chain):
                event.seq, event.prev_hash = head.seq + 1, head.hash
                event.hash = event_hash(tuple(getattr(event, f) for f in CANONICAL_FIELDS))
                head.seq, head.hash = event.seq, event.hash
            head.save(update_fields=["seq", "hash", "updated_at"])
        _insert(events)


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
    """Append one event. `action` is `app.model.verb` (core.person.created).

    Inside `batch()` the event is written when the batch ends (still in the same
    transaction); outside, at once."""
    ctx = context.current()
    actor_ok = actor is not None and getattr(actor, "is_authenticated", False)
    if org_unit_id is None:
        if target is not None and getattr(target, "org_unit_id", None):
            org_unit_id = target.org_unit_id
        elif actor_ok:
            org_unit_id = actor.org_unit_id
    event = AuditEvent(
        chain=chain_of(org_unit_id),
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
        old_values=dump_values(old),
        new_values=dump_values(new),
        result=result,
        message=message[:500],
        ip=ctx.ip or "",
        request_id=ctx.request_id,
    )
    pending = _batch.get()
    if pending is not None:
        pending.append(event)
    else:
        _append([event])
    return event


def _forget_chains(**kwargs) -> None:
    chain_of.cache_clear()


def connect_signals() -> None:
    from fazhi.core.models import OrgUnit

    models.signals.post_save.connect(_forget_chains, sender=OrgUnit, dispatch_uid="fazhi.audit.chains")
    models.signals.post_delete.connect(_forget_chains, sender=OrgUnit, dispatch_uid="fazhi.audit.chains.d")
