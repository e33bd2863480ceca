"""Generic create and update actions for simple registers: one transaction, the
record, its deadlines and one audit event together. A register with workflow
steps writes its own actions in its app's actions.py and may call these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from fazhi.core import audit, deadlines


def action_name(model: type[models.Model], verb: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{opts.model_name}.{verb}"


def ensure_in_scope(actor: Any, obj: models.Model) -> None:
    """An actor writes only inside their own org unit and the units under it."""
    check = getattr(obj, "is_visible_to", None)
    if check is not None and not check(actor):
        raise PermissionDenied("只能在本单位及下级单位范围内操作")


def _loaded_relations(obj: models.Model) -> set[str]:
    """The foreign keys of `obj` set to records already read from the database
    (and with no `limit_choices_to`): that they exist is known."""
    names = set()
    for f in obj._meta.concrete_fields:
        if not f.is_relation or f.remote_field.limit_choices_to or not f.is_cached(obj):
            continue
        related = f.get_cached_value(obj)
        if related is not None and not related._state.adding and related.pk is not None:
            names.add(f.name)
    return names


def clean_record(obj: models.Model, exclude: list[str] | tuple[str, ...] = ()) -> None:
    """`Model.full_clean` without its query per foreign key when the key is set to a
    record already read: a phone's on-the-spot case would otherwise spend half a
    dozen round trips proving that its own matter, party and officer exist.
    Uniqueness and constraints are checked for every field, as full_clean does."""
    skip = set(exclude)
    errors: dict = {}
    try:
        obj.clean_fields(exclude=skip | _loaded_relations(obj))
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    skip |= set(errors)
    for check in (obj.validate_unique, obj.validate_constraints):
        try:
            check(exclude=skip)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def action_date(on, label: str = "日期"):
    """The day a step was taken: today when not given, never a day still to come."""
    from django.utils import timezone

    from fazhi.law import RuleError

    today = timezone.localdate()
    if on is not None and on > today:
        raise RuleError(f"{label}不能晚于今天", code="date_in_future")
    return on or today


def change_state(
    item: models.Model, *, status: str, changes: dict[str, Any] | None = None
) -> tuple[dict, dict]:
    """A workflow step on a record its action has locked: set the new `status` and
    the step's `changes`, clean, save and bring its deadlines in line. Returns the
    (old, new) values of what changed, for the step's audit event."""
    changes = changes or {}
    attnames = [item._meta.get_field(name).attname for name in changes]
    before = {"status": item.status, **{a: audit._plain(getattr(item, a)) for a in attnames}}
    item.status = status
    for name, value in changes.items():
        setattr(item, name, value)
    after = {"status": item.status, **{a: audit._plain(getattr(item, a)) for a in attnames}}
    clean_record(item)
    item.save()
    deadlines.sync(item)
    return before, after


def _split(model: type[models.Model], data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    m2m_names = {f.name for f in model._meta.many_to_many}
    plain = {k: v for k, v in data.items() if k not in m2m_names}
    m2m = {k: v for k, v in data.items() if k in m2m_names}
    return plain, m2m


def _m2m_values(obj: models.Model, names) -> dict[str, list]:
    return {n: sorted(getattr(obj, n).values_list("pk", flat=True)) for n in names}


@audit.audited
def create_record(model: type[models.Model], *, actor: Any, data: dict[str, Any], verb: str = "created"):
    plain, m2m = _split(model, data)
    obj = model(**plain)
    ensure_in_scope(actor, obj)
    clean_record(obj)
    obj.save()
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    deadlines.sync(obj)
    new = audit.snapshot(obj)
    new.update(_m2m_values(obj, m2m))
    audit.record(actor=actor, action=action_name(model, verb), target=obj, new=new)
    return obj


@audit.audited
def update_record(obj: models.Model, *, actor: Any, data: dict[str, Any], verb: str = "changed"):
    """Apply `data` to the record. Nothing changes, nothing is written: an unchanged
    import row or a form saved without edits leaves no event."""
    model = type(obj)
    ensure_in_scope(actor, obj)
    obj = model.objects.select_for_update().get(pk=obj.pk)
    plain, m2m = _split(model, data)
    before = audit.raw_values(obj)
    before_m2m = _m2m_values(obj, m2m)
    for name, value in plain.items():
        setattr(obj, name, value)
    ensure_in_scope(actor, obj)
    after = audit.raw_values(obj)
    new_m2m = {
        n: sorted(v.pk if isinstance(v, models.Model) else v for v in values) for n, values in m2m.items()
    }
    changed = audit.changed_fields(before, after) + [n for n in m2m if new_m2m[n] != before_m2m[n]]
    obj.fazhi_changed = bool(changed)  # read by the importer to count unchanged rows
    if not changed:
        return obj
    clean_record(obj)
    if hasattr(obj, "version"):
        obj.version += 1
    obj.save()
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    deadlines.sync(obj)
    old_snap = {k: v for k, v in audit.snapshot(obj, before).items() if k in changed}
    new_snap = {k: v for k, v in audit.snapshot(obj, audit.raw_values(obj)).items() if k in changed}
    old_snap.update({n: before_m2m[n] for n in m2m if n in changed})
    new_snap.update({n: new_m2m[n] for n in m2m if n in changed})
    audit.record(actor=actor, action=action_name(model, verb), target=obj, old=old_snap, new=new_snap)
    return obj
