"""Enforcement statistics by period: counts and fine totals of decided cases.

The annual report's three pairs of figures (report-figures.md rows 8–10) come
from `penalty_figures`: decided in the year, with a penalty; summary and
ordinary procedure of the town's own powers (statutory or assigned), and
entrusted cases of either procedure counted apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.enforcement.choices import Authority, DecisionKind, Procedure
from fazhi.enforcement.models import Case

OWN = (Authority.STATUTORY, Authority.ASSIGNED)


@dataclass(frozen=True)
class Figure:
    cases: int
    fines: Decimal


def _decided(unit: OrgUnit, start: dt.date, end: dt.date):
    """Penalty decisions of a unit (and the units under it) in [start, end]."""
    return Case.objects.filter(
        org_unit__in=subtree_ids(unit.path),
        decided_on__gte=start,
        decided_on__lte=end,
        decision_kind=DecisionKind.PENALTY,
    )


def penalty_figures(unit: OrgUnit, year: int) -> dict[str, Figure]:
    """{"summary": …, "ordinary": …, "entrusted": …} for the unit's year, one query."""
    qs = _decided(unit, dt.date(year, 1, 1), dt.date(year, 12, 31))
    own_summary = Q(procedure=Procedure.SUMMARY, authority__in=OWN)
    own_ordinary = Q(procedure=Procedure.ORDINARY, authority__in=OWN)
    entrusted = Q(authority=Authority.ENTRUSTED)
    row = qs.aggregate(
        summary_n=Count("id", filter=own_summary), summary_fines=Sum("fine", filter=own_summary),
        ordinary_n=Count("id", filter=own_ordinary), ordinary_fines=Sum("fine", filter=own_ordinary),
        entrusted_n=Count("id", filter=entrusted), entrusted_fines=Sum("fine", filter=entrusted),
    )  # fmt: skip
    zero = Decimal("0")
    return {
        "summary": Figure(row["summary_n"], row["summary_fines"] or zero),
        "ordinary": Figure(row["ordinary_n"], row["ordinary_fines"] or zero),
        "entrusted": Figure(row["entrusted_n"], row["entrusted_fines"] or zero),
    }


def breakdown(unit: OrgUnit, start: dt.date, end: dt.date, by: str) -> list[dict]:
    """Counts, fines and money collected, grouped by one of: procedure, authority,
    matter, village (the party's unit), month; and the on-time rates."""
    field = {
        "procedure": "procedure",
        "authority": "authority",
        "matter": "matter__name",
        "village": "party__org_unit__name",
        "outcome": "decision_kind",
    }[by]
    qs = Case.objects.filter(
        org_unit__in=subtree_ids(unit.path),
        decided_on__gte=start,
        decided_on__lte=end,
    )
    return list(
        qs.values(field)
        .annotate(cases=Count("id"), fines=Sum("fine"), collected=Sum("paid_amount"))
        .order_by(field)
    )


def on_time_rates(unit: OrgUnit, start: dt.date, end: dt.date) -> dict[str, float | None]:
    """Share of ordinary decisions within their 90 days (第60条) and of services
    within 7 working days (第61条), among cases decided in the period."""
    qs = Case.objects.filter(
        org_unit__in=subtree_ids(unit.path),
        decided_on__gte=start, decided_on__lte=end, procedure=Procedure.ORDINARY,
    )  # fmt: skip
    from django.db.models import F

    row = qs.aggregate(
        n=Count("id"),
        decided_on_time=Count("id", filter=Q(decided_on__lte=F("decision_due"))),
        served=Count("id", filter=Q(served_on__isnull=False)),
        served_on_time=Count("id", filter=Q(served_on__lte=F("service_due")) | Q(handed_over=True)),
    )
    return {
        "decision": row["decided_on_time"] / row["n"] if row["n"] else None,
        "service": row["served_on_time"] / row["served"] if row["served"] else None,
    }
