"""The drill figures of a year (report-figures.md row 12): how many drills were held,
of which kinds, and how many people took part.

The count is exact. The annual report writes it rounded down with "余" (12 drills
become "10余次"): that rounding is the report's setting, applied where the report
is written, never here. A drill counts in the year of its date (held_on), for
the unit that keeps it and every unit above; the query is bounded by the unit's
subtree (one prefix match on OrgUnit.path, as a subquery) and by the year as a
date range, so that it reads the (org unit, date) index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.emergency.choices import DrillKind
from fazhi.emergency.models import Drill


@dataclass(frozen=True)
class DrillFigures:
    year: int
    total: int  # drills held in the year
    by_kind: dict[str, int]  # every kind (DrillKind value), in the order of the choices, zeros included
    participants: int  # the sum of the drills' participant counts

    def kinds(self) -> list[tuple[str, str, int]]:
        """(value, label, count) for each kind, in the order of the choices."""
        return [(value, label, self.by_kind[value]) for value, label in DrillKind.choices]


def drill_figures(unit: OrgUnit, year: int) -> DrillFigures:
    """The drills of `unit` and the units under it held in `year` (one query)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = subtree_ids(unit.path)
    counts = Drill.objects.filter(org_unit__in=units, held_on__gte=start, held_on__lte=end).aggregate(
        total=Count("id"),
        participants=Sum("participants"),
        **{f"kind_{value}": Count("id", filter=Q(kind=value)) for value in DrillKind.values},
    )
    return DrillFigures(
        year=year,
        total=counts["total"],
        by_kind={value: counts[f"kind_{value}"] for value in DrillKind.values},
        participants=counts["participants"] or 0,
    )
