"""Writes of the market entity registers. Each is one transaction with its audit
events (services.<model>.<verb>).

One registration goes through the generic create and update actions. Many at
once (the county's export, the demo) go through `register_entities` and
`change_entities`: the records are checked in memory against the same model
rules, the credit codes' uniqueness with one query for the whole batch, then
written with one bulk statement and one `created` (or `changed`) event each,
held in one audit batch and chained together at its end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from fazhi.core import audit, bulk
from fazhi.core.registers.actions import create_record, ensure_in_scope, update_record
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.models.market import USCC_TAKEN

CREATED = "services.marketentity.created"
CHANGED = "services.marketentity.changed"
_CODES_PER_QUERY = 10_000  # far below the bound parameters SQLite and PostgreSQL accept

# -- one registration ----------------------------------------------------------------------


@audit.audited
def register_entity(*, actor: Any, data: dict[str, Any]) -> MarketEntity:
    return create_record(MarketEntity, actor=actor, data=data)


@audit.audited
def update_entity(entity: MarketEntity, *, actor: Any, data: dict[str, Any]) -> MarketEntity:
    return update_record(entity, actor=actor, data=data)


# -- many registrations ----------------------------------------------------------------------


def _read_relations(obj: MarketEntity) -> set[str]:
    """The foreign keys set to records already read from the database: that they
    exist is known, so checking the fields asks nothing of the database."""
    names = set()
    for f in obj._meta.concrete_fields:
        if f.is_relation and f.is_cached(obj):
            related = f.get_cached_value(obj)
            if related is not None and related.pk is not None and not related._state.adding:
                names.add(f.name)
    return names


def _taken_codes(codes: list[str]) -> dict[str, int]:
    """The credit codes already registered anywhere in the installation, with the record's id."""
    taken: dict[str, int] = {}
    for start in range(0, len(codes), _CODES_PER_QUERY):
        chunk = codes[start : start + _CODES_PER_QUERY]
        taken.update(MarketEntity.objects.filter(uscc__in=chunk).values_list("uscc", "pk"))
    return taken


def check_entities(
    objs: Sequence[MarketEntity], *, actor: Any, labels: Sequence[str] | None = None
) -> dict[int, dict[str, list[str]]]:
    """What is wrong with each record of a batch, by its index: {field: [messages]}.

    The model's field checks (the credit code's check character among them) and
    rules, the actor's scope, and the credit code's uniqueness among the batch and
    in the installation (one query). Foreign keys should be set to records already
    read (as the importer does), or each costs a query. `labels` name the records
    in messages about duplicates ("第5行")."""
    labels = labels or [f"第{i + 1}条" for i in range(len(objs))]
    errors: dict[int, dict[str, list[str]]] = {}
    for i, obj in enumerate(objs):
        found: dict[str, list[str]] = {}
        if obj.org_unit_id is not None:
            try:
                ensure_in_scope(actor, obj)
            except PermissionDenied as exc:
                found["org_unit"] = [str(exc)]
        for check in (lambda o=obj: o.clean_fields(exclude=_read_relations(o)), obj.clean):
            try:
                check()
            except ValidationError as exc:
                problems = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
                for field, messages in problems.items():
                    found.setdefault(field, []).extend(messages)
        if found:
            errors[i] = found
    first_of: dict[str, int] = {}
    for i, obj in enumerate(objs):
        if not obj.uscc or "uscc" in errors.get(i, {}):
            continue
        if obj.uscc in first_of:
            errors.setdefault(i, {})["uscc"] = [f"与{labels[first_of[obj.uscc]]}的统一社会信用代码重复"]
        else:
            first_of[obj.uscc] = i
    taken = _taken_codes(list(first_of))
    for code, i in first_of.items():
        if code in taken and taken[code] != objs[i].pk:
            errors.setdefault(i, {})["uscc"] = [USCC_TAKEN]
    return errors


def _refuse(errors: dict[int, dict[str, list[str]]]) -> None:
    if errors:
        index = min(errors)
        exc = ValidationError(errors[index])
        exc.batch_index = index  # which record of the batch
        raise exc


@audit.audited
def register_entities(
    *, actor: Any, rows: Sequence[dict[str, Any] | MarketEntity], checked: bool = False
) -> list[MarketEntity]:
    """Register many entities at once: all or none. Each row is the data of one
    record (foreign keys as records already read), or the unsaved record itself. A
    refusal is a ValidationError about the first bad row, whose index is its
    `batch_index`.

    `checked`: the caller has just run `check_entities` on these very records, in
    the actor's name (the importer does, to report every row's problems at once),
    so they are not checked twice; the unique index still refuses a code
    registered in the meantime (IntegrityError)."""
    objs = [row if isinstance(row, MarketEntity) else MarketEntity(**row) for row in rows]
    if not checked:
        _refuse(check_entities(objs, actor=actor))
    if connection.features.can_return_rows_from_bulk_insert:
        bulk.insert(MarketEntity, objs)
    else:  # a database that cannot give the new ids back: one insert each
        for obj in objs:
            obj.save(force_insert=True)
    for obj in objs:
        audit.record(actor=actor, action=CREATED, target=obj, new=audit.snapshot(obj))
    return objs


@audit.audited
def change_entities(
    *, actor: Any, changes: Sequence[tuple[MarketEntity, dict[str, Any]]]
) -> list[MarketEntity]:
    """Apply each data dict to its entity (read again, locked): all or none. An
    entity whose values do not change is left alone and marked `fazhi_changed =
    False`; the others are written with one statement and one event each, holding
    only the fields that changed. Returns the entities in the order given."""
    if not changes:
        return []
    locked = MarketEntity.objects.select_for_update(of=("self",)).select_related("org_unit", "village")
    current = {o.pk: o for o in locked.filter(pk__in=[entity.pk for entity, _ in changes])}
    result, changed = [], []
    for position, (entity, data) in enumerate(changes):
        obj = current[entity.pk]
        ensure_in_scope(actor, obj)
        before = audit.raw_values(obj)
        for name, value in data.items():
            setattr(obj, name, value)
        fields = audit.changed_fields(before, audit.raw_values(obj))
        obj.fazhi_changed = bool(fields)
        result.append(obj)
        if fields:
            changed.append((obj, before, fields, position))
    errors = check_entities([obj for obj, _, _, _ in changed], actor=actor)
    _refuse({changed[i][3]: problems for i, problems in errors.items()})  # indexed as given
    if changed:
        now = timezone.now()
        for obj, _, _, _ in changed:
            obj.updated_at = now
        names = sorted({f for _, _, fields, _ in changed for f in fields} | {"updated_at"})
        attnames = {f.attname: f.name for f in MarketEntity._meta.concrete_fields}
        MarketEntity.objects.bulk_update([obj for obj, _, _, _ in changed], [attnames[n] for n in names])
        for obj, before, fields, _ in changed:
            old = {k: v for k, v in audit.snapshot(obj, before).items() if k in fields}
            new = {k: v for k, v in audit.snapshot(obj).items() if k in fields}
            audit.record(actor=actor, action=CHANGED, target=obj, old=old, new=new)
    return result


# -- enterprise visits -----------------------------------------------------------------------


def _visit_data(
    data: dict[str, Any], *, actor: Any, current: EnterpriseVisit | None = None
) -> dict[str, Any]:
    """A visit belongs to its entity's unit; without a handler, the one who records it follows up."""
    entity = data.get("entity") or (current.entity if current is not None else None)
    data = dict(data)
    if entity is not None:
        data["org_unit"] = entity.org_unit
    if current is None and data.get("handler") is None and getattr(actor, "pk", None):
        data["handler"] = actor
    return data


@audit.audited
def record_visit(*, actor: Any, data: dict[str, Any]) -> EnterpriseVisit:
    return create_record(EnterpriseVisit, actor=actor, data=_visit_data(data, actor=actor))


@audit.audited
def update_visit(visit: EnterpriseVisit, *, actor: Any, data: dict[str, Any]) -> EnterpriseVisit:
    return update_record(visit, actor=actor, data=_visit_data(data, actor=actor, current=visit))
