"""The mediation organisations' figures for a year (report-figures.md rows 13 and 14):
committees active in the year by level, mediation rooms active by kind, mediators
serving (full-time and part-time), and the year's screening rounds.

Every count is bounded by the unit's subtree (one prefix match on OrgUnit.path, as
a subquery) and by the year as a date range, so that it reads the (org unit, date)
and (org unit, kind) indexes of its table: five queries whatever the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.disputes.choices import CommitteeLevel, RoomKind
from fazhi.disputes.filters.mediation import active_q
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningResult, ScreeningRound


@dataclass(frozen=True)
class CommitteeFigures:
    year: int
    committees_by_level: dict[str, int]  # CommitteeLevel value -> committees active in the year
    committees: int
    rooms_by_kind: dict[str, int]  # RoomKind value -> rooms active in the year
    rooms: int
    mediators_full_time: int  # mediators serving some time in the year
    mediators_part_time: int
    rounds: int  # screening rounds of the year's months
    rounds_finished: int
    village_reports: int  # village reports made in those rounds (0 is a report)
    villages_reporting: int  # distinct villages and communities that reported
    found: int  # disputes the screening found
    resolved_on_spot: int
    high_risk: int

    @property
    def mediators(self) -> int:
        return self.mediators_full_time + self.mediators_part_time


def _units(unit: OrgUnit):
    return subtree_ids(unit.path)


def _by(queryset, field: str, choices) -> dict[str, int]:
    counts = dict(queryset.order_by().values_list(field).annotate(n=Count("id")))
    return {value: counts.get(value, 0) for value, _ in choices.choices}


def committees_and_rooms(unit: OrgUnit, year: int) -> tuple[dict[str, int], dict[str, int]]:
    """The committees by level and the mediation rooms by kind that were active in
    some part of `year` (the annual report's row 14 needs these alone)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = _units(unit)
    committees = MediationCommittee.objects.filter(
        active_q("established_on", "dissolved_on", start, end), org_unit__in=units
    )
    rooms = MediationRoom.objects.filter(active_q("opened_on", "closed_on", start, end), org_unit__in=units)
    return _by(committees, "level", CommitteeLevel), _by(rooms, "kind", RoomKind)


def committee_figures(unit: OrgUnit, year: int) -> CommitteeFigures:
    """The figures of `unit` and the units under it for `year`."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = _units(unit)
    by_level, by_kind = committees_and_rooms(unit, year)
    mediators = Mediator.objects.filter(
        active_q("appointed_on", "left_on", start, end), org_unit__in=units
    ).aggregate(full=Count("id", filter=Q(full_time=True)), part=Count("id", filter=Q(full_time=False)))
    round_counts = ScreeningRound.objects.filter(
        org_unit__in=units, month__gte=start, month__lte=end
    ).aggregate(rounds=Count("id"), finished=Count("id", filter=Q(finished_on__isnull=False)))
    results = ScreeningResult.objects.filter(
        round__org_unit__in=units, round__month__gte=start, round__month__lte=end, found__isnull=False
    ).aggregate(
        reports=Count("id"),
        villages=Count("village", distinct=True),
        found=Sum("found"),
        resolved=Sum("resolved_on_spot"),
        high_risk=Sum("high_risk"),
    )
    return CommitteeFigures(
        year=year,
        committees_by_level=by_level,
        committees=sum(by_level.values()),
        rooms_by_kind=by_kind,
        rooms=sum(by_kind.values()),
        mediators_full_time=mediators["full"],
        mediators_part_time=mediators["part"],
        rounds=round_counts["rounds"],
        rounds_finished=round_counts["finished"],
        village_reports=results["reports"],
        villages_reporting=results["villages"],
        found=results["found"] or 0,
        resolved_on_spot=results["resolved"] or 0,
        high_risk=results["high_risk"] or 0,
    )
