from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import reverse

from fazhi.core.registers import actions


def _resolve(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
        if callable(obj) and not isinstance(obj, models.Manager):
            obj = obj()
    return obj


@dataclass(frozen=True)
class Column:
    """A column of the list page. `field` is an attribute path ("org_unit.name");
    `mask` is applied before display; `sort` names the ordering field, if any."""

    field: str
    label: str
    mask: Callable[[str], str] | None = None
    sort: str | None = None
    link: bool = False

    def value(self, obj: Any) -> Any:
        display = f"get_{self.field}_display"
        value = (
            getattr(obj, display)()
            if "." not in self.field and hasattr(obj, display)
            else _resolve(obj, self.field)
        )
        if self.mask and value:
            value = self.mask(value)
        return value


def _cell_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, models.Model):
        return str(value)
    return value


@dataclass(frozen=True)
class ExcelColumn:
    """A column of the Excel ledger.

    `field` is the form field it imports into (None: exported only, ignored on
    import). `export` turns a record into the cell value (default: the attribute
    `field`, or its display label for choices). `parse` turns a cell into the form
    value; it may raise ValueError with a Chinese message. A masked column is
    exported masked, and on import a cell equal to the masked current value means
    "unchanged", so an exported ledger imports back without change."""

    header: str
    field: str | None = None
    export: Callable[[Any], Any] | None = None
    parse: Callable[[Any, Any], Any] | None = None
    mask: Callable[[str], str] | None = None
    required: bool = False
    width: int = 14

    def export_value(self, obj: Any) -> Any:
        if self.export is not None:
            value = self.export(obj)
        elif self.field is not None:
            value = Column(self.field, self.header).value(obj)
        else:
            value = None
        if self.mask and value:
            value = self.mask(value)
        return _cell_text(value)


ID_HEADER = "系统编号"


def by_scope_first(term: str):
    """An ordering term on the primary key, written so that it cannot be read off
    the primary key's index: `-id` becomes `(id + 0) DESC`.

    A list page is one town's rows, newest first, 50 at a time. Ordered by a bare
    `id`, PostgreSQL walks the whole table's primary key backwards and filters by
    town, hoping to meet 50 of the town's rows soon: among 41 towns that took 1.1 s
    when the town's rows were old, and in a city's database a small town's page
    would read most of the table. Ordered by an expression, it reads the town's
    rows through the (org_unit, ...) index and sorts them, which costs what the
    town holds, whatever the other towns hold (bench/list_load.py)."""
    key = term.lstrip("-")
    if key not in ("id", "pk"):
        return term
    expression = models.F("id") + 0
    return expression.desc() if term.startswith("-") else expression.asc()


@dataclass
class Register:
    """One register: which model, how it is listed, edited, imported and exported."""

    key: str  # URL segment and name prefix: "people" -> core:people-list
    namespace: str  # URL namespace of the app
    model: type[models.Model]
    label: str  # Chinese name shown in titles
    form_class: Any
    filterset_class: Any
    columns: list[Column]
    excel_columns: list[ExcelColumn]
    detail_fields: list[Column] = field(default_factory=list)
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("-id",)
    page_size: int = 50
    create: Callable[..., Any] | None = None  # (actor=, data=) -> obj
    update: Callable[..., Any] | None = None  # (obj, actor=, data=) -> obj
    module: str = "basic"  # navigation module it belongs to
    importable: bool = True  # offers Excel import (accounts, for one, are made one by one)
    attachments: bool = False  # the detail page lists and takes attachments (evidence)
    description: str = ""
    import_note: str = ""  # what a row with or without a 系统编号 does, when not the usual

    # -- permissions ---------------------------------------------------------
    def perm(self, verb: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.{verb}_{opts.model_name}"

    def can(self, user, verb: str) -> bool:
        return bool(user and user.is_authenticated and user.has_perm(self.perm(verb)))

    # -- reads ---------------------------------------------------------------
    def queryset(self, user) -> models.QuerySet:
        qs = self.model.objects.visible_to(user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*(by_scope_first(term) for term in self.ordering))

    def filtered(self, user, params) -> tuple[Any, models.QuerySet]:
        fs = self.filterset_class(params, queryset=self.queryset(user), request=None, user=user)
        qs = fs.qs if fs.is_valid() else self.queryset(user).none()
        return fs, qs

    # -- writes --------------------------------------------------------------
    def do_create(self, *, actor, data: dict) -> models.Model:
        if self.create is not None:
            return self.create(actor=actor, data=data)
        return actions.create_record(self.model, actor=actor, data=data)

    def do_update(self, obj: models.Model, *, actor, data: dict) -> models.Model:
        if self.update is not None:
            return self.update(obj, actor=actor, data=data)
        return actions.update_record(obj, actor=actor, data=data)

    # -- urls ----------------------------------------------------------------
    def url_name(self, view: str) -> str:
        return f"{self.namespace}:{self.key}-{view}"

    def url(self, view: str, *args: Any) -> str:
        return reverse(self.url_name(view), args=args)

    @property
    def list_url(self) -> str:
        return self.url("list")

    def filtered_url(self, **params: Any) -> str:
        """The list filtered by `params` (empty values left out): where a figure links to
        the records it counts."""
        from urllib.parse import urlencode

        kept = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{self.list_url}?{urlencode(kept, doseq=True)}" if kept else self.list_url

    @property
    def importable_columns(self) -> list[ExcelColumn]:
        return [c for c in self.excel_columns if c.field is not None]


class _Registry(dict):
    def add(self, register: Register) -> Register:
        self[f"{register.namespace}:{register.key}"] = register
        return register


registry = _Registry()
