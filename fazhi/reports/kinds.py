"""The kinds of report Fazhi writes, each described once: its parts, its default
narrative, the values its template may quote, its tables, the points it suggests
to the writer and its annual deadlines. `builder.build` turns a kind, a unit, a
year and the town's texts into a `BuiltReport`; the kinds are registered by
their modules (annual, disclosure) in `KINDS`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fazhi.core.models import OrgUnit
from fazhi.law.base import AnnualDeadline
from fazhi.reports.document import Block, Quoted


@dataclass(frozen=True)
class PartSpec:
    code: str
    title: str
    required: bool = True
    written: bool = False  # written by people each year (suggestions shown), not from figures


@dataclass(frozen=True)
class KindSpec:
    code: str
    name: str  # 法治政府建设年度报告
    parts: tuple[PartSpec, ...]
    default_order: tuple[str, ...]
    default_texts: Callable[[], dict[str, str]]  # "preamble" and each part's code
    figures: Callable[[OrgUnit, int], Any]  # what `values` and `tables` are written from
    # The kind's figures, read once a build and handed to `values` and `tables`.
    values: Callable[[OrgUnit, int, dict[str, int], Any], dict[str, Quoted]]
    title: Callable[[OrgUnit, int], list[str]]
    addressee: Callable[[OrgUnit], str]
    signature: Callable[[OrgUnit], list[str]]
    deadlines: tuple[AnnualDeadline, ...]  # submission first when there is one
    tables: Callable[[OrgUnit, int, Any], dict[str, Block]] = lambda unit, year, figures: {}
    table_names: tuple[str, ...] = ()
    suggestions: Callable[[OrgUnit, int, dict[str, Quoted], Any], list[str]] = (
        lambda unit, year, values, figures: []
    )
    rounding: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (label, default k)
    needs_submission: bool = True  # submitted to the county before it is published
    # The year-over-year appendix: a table of this year beside the last, or None.
    comparison: Callable[[OrgUnit, int, dict[str, int]], Block | None] = lambda unit, year, rounding: None
    names: Callable[[], list[tuple[str, str]]] = lambda: []  # (name, what it is) for the editing page

    @property
    def part_titles(self) -> dict[str, str]:
        return {p.code: p.title for p in self.parts}

    def check_order(self, order: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The order as a tuple, or TemplateError naming what is wrong."""
        from fazhi.reports.text import TemplateError

        order = tuple(order)
        known = self.part_titles
        unknown = [c for c in order if c not in known]
        if unknown:
            raise TemplateError(f"报告没有“{'、'.join(unknown)}”这一部分")
        if len(set(order)) != len(order):
            raise TemplateError("同一部分不能排列两次")
        missing = [p.title for p in self.parts if p.required and p.code not in order]
        if missing:
            raise TemplateError(f"必备部分不能删去：{'、'.join(missing)}")
        return order


KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    KINDS[spec.code] = spec
    return spec


def kind(code: str) -> KindSpec:
    _load()
    return KINDS[code]


def all_kinds() -> list[KindSpec]:
    _load()
    return list(KINDS.values())


def _load() -> None:
    # The kinds register themselves on import.
    from fazhi.reports import annual, disclosure  # noqa: F401
