"""A year's dispute figures for a unit and everything under it.

The annual report's 矛盾纠纷排查化解 figure (report-figures.md row 15) is the number of
disputes closed in the year. Beside it: disputes registered, closed ones resolved by
an agreement and the success rate, high-risk disputes registered, applications for
judicial confirmation, by village and by category. Three queries, each bounded by
the unit's subtree and a date range that an (org_unit, date) index serves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.disputes.choices import DisputeCategory, RiskLevel
from fazhi.disputes.models import Dispute

RESOLVED = Q(agreement_form__in=["written", "oral"])


@dataclass
class Row:
    key: str | int | None
    label: str
    registered: int = 0
    closed: int = 0
    resolved: int = 0
    high_risk: int = 0
    path: str = ""  # a village's place in the tree, for the order of the table

    @property
    def success_rate(self) -> Decimal | None:
        return _rate(self.resolved, self.closed)


@dataclass
class DisputeFigures:
    unit: OrgUnit
    year: int
    registered: int = 0
    closed: int = 0  # the report's 排查化解 figure
    resolved: int = 0
    high_risk: int = 0
    confirmations_applied: int = 0
    by_village: list[Row] = field(default_factory=list)
    by_category: list[Row] = field(default_factory=list)

    @property
    def success_rate(self) -> Decimal | None:
        """Closed in the year with an agreement, as a percentage of those closed (one decimal)."""
        return _rate(self.resolved, self.closed)


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _scoped(unit: OrgUnit):
    return Dispute.objects.filter(org_unit__in=subtree_ids(unit.path))


def closed_count(unit: OrgUnit, year: int) -> int:
    """The disputes of `unit` closed in `year` (the annual report's row 15), the
    same count as dispute_figures(...).closed in one query."""
    return _scoped(unit).filter(closed_on__range=year_range(year)).count()


def dispute_figures(unit: OrgUnit, year: int) -> DisputeFigures:
    """The figures of `unit` (and the units under it) for `year`."""
    span = year_range(year)
    base = _scoped(unit)
    figures = DisputeFigures(unit=unit, year=year)
    villages: dict[int | None, Row] = {}
    categories = {value: Row(value, label) for value, label in DisputeCategory.choices}

    def village_row(pk: int | None, name: str | None, path: str | None) -> Row:
        if pk not in villages:
            villages[pk] = Row(pk, name or "未填写村（社区）", path=path or "~")
        return villages[pk]

    registered = (base.filter(registered_on__range=span)
                  .values("village_id", "village__name", "village__path", "category")
                  .annotate(n=Count("id"), high=Count("id", filter=Q(risk_level=RiskLevel.HIGH))))  # fmt: skip
    for r in registered:
        for row in (
            village_row(r["village_id"], r["village__name"], r["village__path"]),
            categories[r["category"]],
        ):
            row.registered += r["n"]
            row.high_risk += r["high"]
        figures.registered += r["n"]
        figures.high_risk += r["high"]
    closed = (base.filter(closed_on__range=span)
              .values("village_id", "village__name", "village__path", "category")
              .annotate(n=Count("id"), ok=Count("id", filter=RESOLVED)))  # fmt: skip
    for r in closed:
        for row in (
            village_row(r["village_id"], r["village__name"], r["village__path"]),
            categories[r["category"]],
        ):
            row.closed += r["n"]
            row.resolved += r["ok"]
        figures.closed += r["n"]
        figures.resolved += r["ok"]
    figures.confirmations_applied = base.filter(confirmation_applied_on__range=span).count()
    figures.by_village = sorted(villages.values(), key=lambda row: row.path)
    figures.by_category = [row for row in categories.values() if row.registered or row.closed]
    return figures
