"""The education figures of a year (report-figures.md rows 1, 17 and 18):

- row 1: study sessions on the rule of law held by the party committee's central
  study group or an enlarged party committee meeting (集中学习 … 次);
- row 17: outreach events held, and the people they reached (宣讲 … 场次、… 人次);
- row 18: public legal services given (公共法律服务 … 次).

Each figure is one aggregate query bounded by the unit's subtree (a prefix match
on OrgUnit.path, as a subquery) and by the year as a date range, so that it reads
the register's (org unit, date) index. The numbers are exact; a report rounds
them down ("100余场次") by its own settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.education.choices import REPORT_STUDY_KINDS, ServiceKind, StudyKind, VenueKind
from fazhi.education.models import LegalServiceRecord, OutreachEvent, StudySession


@dataclass(frozen=True)
class StudyFigures:
    year: int
    counted: int  # row 1: rule-of-law sessions of the central study group or an enlarged committee meeting
    sessions: int  # every study session of the year, of any kind or topic
    by_kind: dict[str, int] = field(default_factory=dict)  # sessions of the year by kind (every kind listed)


@dataclass(frozen=True)
class OutreachFigures:
    year: int
    events: int  # row 17: outreach events held in the year
    audience: int  # row 17: the sum of their audiences (人次)
    constitution_day: int  # of them, held for National Constitution Day
    by_venue: dict[str, int] = field(default_factory=dict)  # events by venue kind (every kind listed)


@dataclass(frozen=True)
class ServiceFigures:
    year: int
    records: int  # row 18: public legal services given in the year
    by_kind: dict[str, int] = field(default_factory=dict)  # services by kind (every kind listed)


def units_under(unit: OrgUnit):
    """The ids of `unit` and every unit below it, as a subquery."""
    return subtree_ids(unit.path)


def _in_year(model, date_field: str, unit: OrgUnit, year: int):
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return model.objects.filter(
        org_unit__in=units_under(unit), **{f"{date_field}__gte": start, f"{date_field}__lte": end}
    )


def _counts(prefix: str, field_name: str, choices) -> dict[str, Count]:
    return {f"{prefix}{value}": Count("id", filter=Q(**{field_name: value})) for value in choices.values}


def study_figures(unit: OrgUnit, year: int) -> StudyFigures:
    """The study sessions of `unit` and the units under it in `year` (one query)."""
    totals = _in_year(StudySession, "held_on", unit, year).aggregate(
        sessions=Count("id"),
        counted=Count("id", filter=Q(on_rule_of_law=True, kind__in=REPORT_STUDY_KINDS)),
        **_counts("kind_", "kind", StudyKind),
    )
    return StudyFigures(
        year=year,
        counted=totals["counted"],
        sessions=totals["sessions"],
        by_kind={kind: totals[f"kind_{kind}"] for kind in StudyKind.values},
    )


def outreach_figures(unit: OrgUnit, year: int) -> OutreachFigures:
    """The outreach events of `unit` and the units under it in `year` (one query)."""
    totals = _in_year(OutreachEvent, "held_on", unit, year).aggregate(
        events=Count("id"),
        audience=Coalesce(Sum("audience"), 0),
        constitution_day=Count("id", filter=Q(constitution_day=True)),
        **_counts("venue_", "venue_kind", VenueKind),
    )
    return OutreachFigures(
        year=year,
        events=totals["events"],
        audience=totals["audience"],
        constitution_day=totals["constitution_day"],
        by_venue={venue: totals[f"venue_{venue}"] for venue in VenueKind.values},
    )


def service_figures(unit: OrgUnit, year: int) -> ServiceFigures:
    """The public legal services of `unit` and the units under it in `year` (one query)."""
    totals = _in_year(LegalServiceRecord, "served_on", unit, year).aggregate(
        records=Count("id"), **_counts("kind_", "kind", ServiceKind)
    )
    return ServiceFigures(
        year=year,
        records=totals["records"],
        by_kind={kind: totals[f"kind_{kind}"] for kind in ServiceKind.values},
    )
