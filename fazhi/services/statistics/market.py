"""The figures of government services for a year.

Market entities (report-figures.md row 2): the entities registered in the year,
by type. An entity counts in the year of its registration date (成立日期),
whatever became of it afterwards: one cancelled later still was a new entity of
that year. The count is bounded by the unit's subtree (one prefix match on
OrgUnit.path, as a subquery) and by the year as a date range, so that it reads
the (org unit, registration date, type) index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.services.choices import EntityType
from fazhi.services.models import MarketEntity


@dataclass(frozen=True)
class MarketFigures:
    year: int
    enterprises: int
    individual_businesses: int
    cooperatives: int
    others: int

    @property
    def total(self) -> int:
        return self.enterprises + self.individual_businesses + self.cooperatives + self.others


def _units(unit: OrgUnit):
    return subtree_ids(unit.path)


def market_figures(unit: OrgUnit, year: int) -> MarketFigures:
    """New market entities of `unit` and the units under it in `year`, by type (one query)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counts = MarketEntity.objects.filter(
        org_unit__in=_units(unit), registered_on__gte=start, registered_on__lte=end
    ).aggregate(**{kind.value: Count("id", filter=Q(entity_type=kind)) for kind in EntityType})
    return MarketFigures(
        year=year,
        enterprises=counts[EntityType.ENTERPRISE],
        individual_businesses=counts[EntityType.INDIVIDUAL],
        cooperatives=counts[EntityType.COOPERATIVE],
        others=counts[EntityType.OTHER],
    )
