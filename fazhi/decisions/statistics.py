"""The legal advisor's figures for a year (report-figures.md rows 3–6): the firm(s)
engaged, the contracts reviewed, the trainings and lectures given and the
government decision meetings attended.

Each count is bounded by the unit's subtree (one prefix match on OrgUnit.path, as
a subquery) and by the year as a date range, so that it reads the (org unit,
date) indexes of its table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.decisions.choices import ActivityKind
from fazhi.decisions.models import AdvisorActivity, ContractReview, LegalAdvisor

TRAINING_KINDS = (ActivityKind.TRAINING, ActivityKind.LECTURE)


@dataclass(frozen=True)
class AdvisorFigures:
    year: int
    firms: tuple[str, ...]  # the firms engaged for some part of the year, earliest engagement first
    contracts_reviewed: int  # contract reviews completed in the year
    trainings: int  # trainings and lectures given by the advisor
    decision_meetings: int  # government decision meetings the advisor attended


def _units(unit: OrgUnit):
    return subtree_ids(unit.path)


def advisor_figures(unit: OrgUnit, year: int) -> AdvisorFigures:
    """The figures of `unit` and the units under it for `year` (three queries)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = _units(unit)
    firms: list[str] = []
    engaged = (
        LegalAdvisor.objects.filter(org_unit__in=units, starts_on__lte=end, ends_on__gte=start)
        .order_by("starts_on", "id")
        .values_list("firm", flat=True)
    )
    for firm in engaged:
        if firm not in firms:
            firms.append(firm)
    reviewed = ContractReview.objects.filter(org_unit__in=units, reviewed_on__gte=start, reviewed_on__lte=end)
    activities = AdvisorActivity.objects.filter(
        org_unit__in=units,
        kind__in=(*TRAINING_KINDS, ActivityKind.DECISION_MEETING),
        on__gte=start,
        on__lte=end,
    ).aggregate(
        trainings=Count("id", filter=Q(kind__in=TRAINING_KINDS)),
        meetings=Count("id", filter=Q(kind=ActivityKind.DECISION_MEETING)),
    )
    return AdvisorFigures(
        year=year,
        firms=tuple(firms),
        contracts_reviewed=reviewed.count(),
        trainings=activities["trainings"],
        decision_meetings=activities["meetings"],
    )
