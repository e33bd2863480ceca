"""Importing the county's registration export (市场主体登记导出表) in bulk.

The county's market regulation bureau exports a town's registrations as one
Excel sheet with Chinese headers, a thousand rows and more a year. The generic
importer would check and write them row by row (a handful of queries each); this
one looks every unit, village and credit code of the file up at once (one query
per kind of lookup), checks every row in memory against the model's rules, and
writes the file through `actions.market.register_entities` and
`change_entities`: bulk statements, one audit event a record, held in one audit
batch, and one `services.marketentity.imported` event.

As with every import, the file is all or nothing: a bad credit code (or any
other problem) is reported with its row and column, and nothing is written."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fazhi.core import audit
from fazhi.core.models import OrgUnit
from fazhi.core.registers.base import ID_HEADER, Register
from fazhi.core.registers.excel import ImportResult, RowError, open_import
from fazhi.services.actions import market as actions
from fazhi.services.definitions.market import entities, find_villages, village_error
from fazhi.services.models import MarketEntity

IMPORTED = "services.marketentity.imported"


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


class _Lookups:
    """The units and villages a file names, each kind read in one query."""

    def __init__(self, user: Any, index: dict[str, int], rows: list[tuple[int, list[Any]]]) -> None:
        def cells(header: str) -> set[str]:
            if header not in index:
                return set()
            return {_text(values[index[header]]) for _, values in rows} - {""}

        codes = cells("所属单位代码")
        self.units = (
            {u.code: u for u in OrgUnit.objects.visible_to(user).filter(code__in=codes)} if codes else {}
        )
        self.villages, self.ambiguous = find_villages(user, cells("所在村（社区）"))
        self.own_unit = user.org_unit if user.org_unit_id else None

    def unit(self, raw: Any) -> OrgUnit:
        code = _text(raw)
        if not code:
            if self.own_unit is None:
                raise ValueError("您的账号没有所属单位，请填写所属单位代码")
            return self.own_unit
        if code not in self.units:
            raise ValueError(f"单位代码“{code}”不存在或不在本单位管辖范围内")
        return self.units[code]

    def village(self, raw: Any) -> OrgUnit | None:
        text = _text(raw)
        if not text:
            return None
        if text in self.ambiguous or text not in self.villages:
            raise ValueError(village_error(text, self.ambiguous))
        return self.villages[text]


def _header_of(register: Register) -> dict[str, str]:
    return {c.field: c.header for c in register.importable_columns}


def _parse_row(register, user, lookups, index, values, instance, errors, n) -> dict[str, Any] | None:
    """The row's values by field, with foreign keys as records; None when a cell is wrong."""
    data: dict[str, Any] = {}
    ok = True
    for col in register.importable_columns:
        if col.header not in index and not (instance is None and col.field == "org_unit"):
            continue  # a column left out keeps the current value (or the field's default)
        raw = values[index[col.header]] if col.header in index else None  # no unit column: the user's unit
        if instance is not None and col.field == "org_unit" and raw in (None, ""):
            continue  # a record keeps its unit unless the row names another
        if instance is not None and col.mask and raw not in (None, ""):
            current = getattr(instance, col.field) or ""
            if current and str(raw) == col.mask(current):
                raw = current  # the masked value as exported: unchanged
        try:
            if col.field == "org_unit":
                value = lookups.unit(raw)
            elif col.field == "village":
                value = lookups.village(raw)
            else:
                value = col.parse(raw, user) if col.parse else raw
        except ValueError as exc:
            errors.append(RowError(n, col.header, str(exc)))
            ok = False
            continue
        data[col.field] = value
    return data if ok else None


def import_entities(user: Any, upload: Any, register: Register = entities) -> ImportResult:
    """Check the whole file, then import all its rows or none."""
    result, index = open_import(register, upload)
    if index is None:
        return result
    rows = result.rows

    ids = {_text(values[index[ID_HEADER]]) for _, values in rows} - {""} if ID_HEADER in index else set()
    existing = (
        {str(o.pk): o for o in register.queryset(user).filter(pk__in=[i for i in ids if i.isdigit()])}
        if ids
        else {}
    )
    lookups = _Lookups(user, index, rows)
    seen_ids: dict[str, int] = {}
    new: list[tuple[int, dict[str, Any]]] = []
    changes: list[tuple[int, MarketEntity, dict[str, Any]]] = []
    for n, values in rows:
        instance = None
        key = _text(values[index[ID_HEADER]]) if ID_HEADER in index else ""
        if key:
            instance = existing.get(key)
            if instance is None:
                result.errors.append(RowError(n, ID_HEADER, "系统编号不存在或不属于本单位；新增记录请留空"))
                continue
            if key in seen_ids:
                result.errors.append(RowError(n, ID_HEADER, f"与第{seen_ids[key]}行的系统编号重复"))
                continue
            seen_ids[key] = n
        data = _parse_row(register, user, lookups, index, values, instance, result.errors, n)
        if data is None:
            continue
        if instance is None:
            new.append((n, data))
        else:
            changes.append((n, instance, data))

    # Every row that parsed, checked as the records it would make: the model's
    # rules, and the credit codes' uniqueness in the file and the installation.
    objs, numbers = [], []
    for n, data in new:
        objs.append(MarketEntity(**data))
        numbers.append(n)
    for n, instance, data in changes:
        obj = copy.copy(instance)
        for name, value in data.items():
            setattr(obj, name, value)
        objs.append(obj)
        numbers.append(n)
    header = _header_of(register)
    found = actions.check_entities(objs, actor=user, labels=[f"第{n}行" for n in numbers])
    for i, problems in sorted(found.items()):
        for field, messages in problems.items():
            result.errors.extend(RowError(numbers[i], header.get(field, ""), m) for m in messages)
    if result.errors:
        result.errors.sort(key=lambda e: e.row)
        return result

    stage = [n for n, _ in new]  # the rows of the write under way, for a refusal's row number
    try:
        with transaction.atomic(), audit.batch():
            actions.register_entities(actor=user, rows=objs[: len(new)], checked=True)  # as checked
            stage = [n for n, _, _ in changes]
            changed = actions.change_entities(actor=user, changes=[(inst, data) for _, inst, data in changes])
            result.created = len(new)
            result.updated = sum(1 for obj in changed if obj.fazhi_changed)
            result.unchanged = len(changed) - result.updated
            audit.record(
                actor=user,
                action=IMPORTED,
                target=None,
                new={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
                target_repr=register.label,
            )
    except ValidationError as exc:  # what changed since the check (another user's registration)
        n = stage[exc.batch_index] if hasattr(exc, "batch_index") else 1
        problems = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for field, messages in problems.items():
            result.errors.extend(RowError(n, header.get(field, ""), m) for m in messages)
    except IntegrityError:  # a code registered by someone else at the same moment
        result.errors.append(
            RowError(1, header["uscc"], "导入期间有相同的统一社会信用代码被登记，请重新导入")
        )
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    return result
