"""The year's reconsideration and litigation figures of a unit (report-figures.md row
16: "4 administrative reconsideration cases, no administrative litigation", counted
as the cases received in the year).

- Reconsideration: cases whose copy of the application was served in the year; by
  outcome; the correction rate (纠错率: decisions that revoked, changed, confirmed
  unlawful or ordered the town to act, of the decisions on the merits; a withdrawal
  or settlement is not a decision); replies on time (of the cases replied to).
- Litigation: cases whose complaint was received in the year; by the outcome that
  stands (the appeal's when there was one); the loss rate (败诉率: lost, of the
  cases with an outcome, withdrawals and rulings included); the head's appearance
  rate (负责人出庭应诉率: the head appeared, of the cases with a hearing).

Each count is bounded by the unit's subtree (one prefix match on OrgUnit.path, as a
subquery) and by the year as a date range, reading the (org unit, date) indexes;
two grouped queries in all."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.disputes.choices import (
    CORRECTING_OUTCOMES,
    LitigationOutcome,
    ReconsiderationOutcome,
    ReconsiderationStatus,
)
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.workflow.remedies import DECISION_OUTCOMES, LOSING_OUTCOMES


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class ReconsiderationFigures:
    received: int
    by_outcome: dict[str, int]  # outcome value → cases, in the order of ReconsiderationOutcome
    pending: int  # neither decided nor ended
    decided: int  # decisions on the merits
    corrected: int  # of which the town was corrected
    replied: int
    replied_on_time: int

    @property
    def correction_rate(self) -> float | None:
        return _rate(self.corrected, self.decided)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.replied_on_time, self.replied)


@dataclass(frozen=True)
class LitigationFigures:
    received: int
    by_outcome: dict[str, int]  # the standing outcome → cases, in the order of LitigationOutcome
    judged: int  # cases with an outcome
    lost: int
    heard: int  # cases with a hearing
    appeared: int  # of which the head appeared

    @property
    def loss_rate(self) -> float | None:
        return _rate(self.lost, self.judged)

    @property
    def appearance_rate(self) -> float | None:
        return _rate(self.appeared, self.heard)


@dataclass(frozen=True)
class RemedyFigures:
    year: int
    reconsideration: ReconsiderationFigures
    litigation: LitigationFigures


def _ordered(counts: Counter, choices) -> dict[str, int]:
    return {v: counts[v] for v in choices.values if counts.get(v)}


def reconsideration_figures(unit: OrgUnit, year: int) -> ReconsiderationFigures:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = subtree_ids(unit.path)
    rows = (
        Reconsideration.objects.filter(org_unit__in=units, copy_served_on__gte=start, copy_served_on__lte=end)
        .values("outcome", "status")
        .annotate(
            n=Count("id"),
            replied=Count("id", filter=Q(replied_on__isnull=False)),
            on_time=Count("id", filter=Q(replied_on__lte=F("reply_due_on"))),
        )
        .order_by()
    )
    outcomes: Counter = Counter()
    received = pending = replied = on_time = 0
    for row in rows:
        received += row["n"]
        replied += row["replied"]
        on_time += row["on_time"]
        if row["outcome"]:
            outcomes[row["outcome"]] += row["n"]
        elif row["status"] not in (ReconsiderationStatus.DECIDED, ReconsiderationStatus.ENDED):
            pending += row["n"]
    return ReconsiderationFigures(
        received=received,
        by_outcome=_ordered(outcomes, ReconsiderationOutcome),
        pending=pending,
        decided=sum(outcomes[o] for o in DECISION_OUTCOMES),
        corrected=sum(outcomes[o] for o in CORRECTING_OUTCOMES),
        replied=replied,
        replied_on_time=on_time,
    )


def litigation_figures(unit: OrgUnit, year: int) -> LitigationFigures:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = subtree_ids(unit.path)
    rows = (
        Litigation.objects.filter(
            org_unit__in=units, complaint_received_on__gte=start, complaint_received_on__lte=end
        )
        .values("outcome", "appeal_outcome")
        .annotate(
            n=Count("id"),
            heard=Count("id", filter=Q(hearing_on__isnull=False)),
            appeared=Count("id", filter=Q(hearing_on__isnull=False, head_appeared=True)),
        )
        .order_by()
    )
    outcomes: Counter = Counter()
    received = heard = appeared = 0
    for row in rows:
        received += row["n"]
        heard += row["heard"]
        appeared += row["appeared"]
        final = row["appeal_outcome"] or row["outcome"]
        if final:
            outcomes[final] += row["n"]
    return LitigationFigures(
        received=received,
        by_outcome=_ordered(outcomes, LitigationOutcome),
        judged=sum(outcomes.values()),
        lost=sum(outcomes[o] for o in LOSING_OUTCOMES),
        heard=heard,
        appeared=appeared,
    )


def remedy_figures(unit: OrgUnit, year: int) -> RemedyFigures:
    """The figures of `unit` and the units under it for `year` (two queries)."""
    return RemedyFigures(
        year=year,
        reconsideration=reconsideration_figures(unit, year),
        litigation=litigation_figures(unit, year),
    )
