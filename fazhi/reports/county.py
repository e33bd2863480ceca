"""The county's overview of its towns' reports of a year: for each town, where each
kind of report stands (its status, its due dates, whether it is late, when it was
published) and the key figures side by side.

    overview = county_overview(county, 2023)
    for row in overview.rows:
        row.name, row.reports["annual"].status_label, row.figures.summary_cases
    overview.total                       # the county's own figures (its whole subtree)

A fixed number of queries, whatever the number of towns: the units under the county
(to map each to its town), the reports, the templates (the due dates of reports not
yet created), and one grouped aggregate per register, summed into towns here. Each
aggregate is the statistics function's own query (the same subtree, dates and
conditions: `penalty_figures`, `dispute_figures`, `proactive_published`,
`inspection_close_out`) grouped by org unit, so that a town's row is its
`figures.compute_all` values and the total the county's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.reports.choices import ReportKind, ReportStatus
from fazhi.reports.models import due_dates

NOT_CREATED = "未建立"

# What the overview counts, in the order of its columns: (field, header, figure key).
FIGURE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("summary_cases", "简易程序处罚（起）", "summary_penalties"),
    ("summary_fines", "简易程序罚款（元）", "summary_penalties"),
    ("ordinary_cases", "一般程序处罚（起）", "ordinary_penalties"),
    ("ordinary_fines", "一般程序罚款（元）", "ordinary_penalties"),
    ("disputes_resolved", "矛盾纠纷排查化解（件）", "disputes_resolved"),
    ("proactive_disclosures", "主动公开政府信息（条）", "proactive_disclosure"),
    ("rectifications_closed", "督查问题整改销号（个）", "rectifications"),
    ("rectifications_on_time", "其中按期销号（个）", "rectifications"),
)


@dataclass
class KeyFigures:
    summary_cases: int = 0
    summary_fines: Decimal = Decimal("0")
    ordinary_cases: int = 0
    ordinary_fines: Decimal = Decimal("0")
    disputes_resolved: int = 0
    proactive_disclosures: int = 0
    rectifications_closed: int = 0
    rectifications_on_time: int = 0

    def add(self, other: KeyFigures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def cells(self) -> list[int | Decimal]:
        """The values in the order of `FIGURE_COLUMNS`."""
        return [getattr(self, name) for name, _, _ in FIGURE_COLUMNS]

    def is_empty(self) -> bool:
        return not any(self.cells())


@dataclass
class ReportState:
    """Where one town's report of one kind stands (`report_id` None: not created)."""

    kind: str
    kind_label: str
    needs_submission: bool = True  # submitted to the county before it is published
    report_id: int | None = None
    status: str = ""
    status_label: str = NOT_CREATED
    submit_due_on: dt.date | None = None
    publish_due_on: dt.date | None = None
    submit_late: bool = False  # past its submission date and not submitted
    publish_late: bool = False  # past its publication date and not published
    submitted_on: dt.date | None = None
    published_on: dt.date | None = None

    @property
    def exists(self) -> bool:
        return self.report_id is not None

    @property
    def late(self) -> bool:
        return self.submit_late or self.publish_late

    @property
    def late_text(self) -> str:
        """逾期未报送、逾期未公开, or "" when on time."""
        return "、".join(
            t for t, late in (("逾期未报送", self.submit_late), ("逾期未公开", self.publish_late)) if late
        )

    @property
    def url(self) -> str:
        """The report's page ("" when it has none), as `Report.get_absolute_url` has it."""
        return "" if self.report_id is None else reverse("reports:reports-detail", args=[self.report_id])


@dataclass
class TownRow:
    unit: OrgUnit  # the town; the county itself for the row of its own records
    name: str
    is_town: bool = True
    reports: dict[str, ReportState] = field(default_factory=dict)  # by kind, in ReportKind's order
    figures: KeyFigures = field(default_factory=KeyFigures)

    @property
    def town_id(self) -> int | None:
        return self.unit.pk if self.is_town else None

    @property
    def report_list(self) -> list[ReportState]:
        return list(self.reports.values())


@dataclass
class CountyOverview:
    unit: OrgUnit
    year: int
    today: dt.date
    rows: list[TownRow]  # one per town
    own: TownRow | None  # the records of units under no town (the county's own), when any
    total: KeyFigures  # the unit's whole subtree: the towns and the county's own

    @property
    def kinds(self) -> list[tuple[str, str, bool]]:
        """(kind, label, whether it is submitted to the county before publication)."""
        from fazhi.reports.kinds import kind as kind_spec

        return [(value, label, kind_spec(value).needs_submission) for value, label in ReportKind.choices]

    @property
    def late_count(self) -> int:
        return sum(1 for row in self.rows for state in row.reports.values() if state.late)


def scope_unit(unit: OrgUnit) -> OrgUnit:
    """The unit whose towns the overview lists: a county or a town as it is; a unit
    below a town (an office, a village, a grid): its town."""
    if unit.kind in (OrgKind.COUNTY, OrgKind.TOWN):
        return unit
    return unit.town or unit


def county_overview(unit: OrgUnit, year: int, *, today: dt.date | None = None) -> CountyOverview:
    """One row per town under `unit` (a county; a town: just that town) for `year`."""
    unit = scope_unit(unit)
    today = today or timezone.localdate()
    town_of, rows = _towns(unit)
    own = TownRow(unit, f"{unit.name}本级", is_town=False)
    _reports(rows, year, today)

    def add(unit_id: int, figures: KeyFigures) -> None:
        row = rows.get(town_of.get(unit_id)) or own
        row.figures.add(figures)

    for unit_id, figures in _figures(unit, year):
        add(unit_id, figures)
    total = KeyFigures()
    for row in [*rows.values(), own]:
        total.add(row.figures)
    return CountyOverview(
        unit, year, today, list(rows.values()), None if own.figures.is_empty() else own, total
    )


# -- the towns -------------------------------------------------------------------------------------


def _towns(unit: OrgUnit) -> tuple[dict[int, int], dict[int, TownRow]]:
    """({unit id: its town's id} for every unit under `unit`, {town id: row} in the
    towns' order), from one query of the subtree."""
    units = list(
        OrgUnit.objects.filter(path__startswith=unit.path)
        .order_by("sort_order", "path")
        .only("id", "kind", "path", "code", "name", "parent", "sort_order")
    )
    towns = [u for u in units if u.kind == OrgKind.TOWN]
    town_by_path = {u.path: u.pk for u in towns}
    town_of: dict[int, int] = {}
    for u in units:
        for up in reversed(OrgUnit.paths_up(u.path)):
            if up in town_by_path:
                town_of[u.pk] = town_by_path[up]
                break
    return town_of, {u.pk: TownRow(u, u.name) for u in towns}


# -- the reports -----------------------------------------------------------------------------------


def _reports(rows: dict[int, TownRow], year: int, today: dt.date) -> None:
    """Each town's report of each kind for `year`: two queries (the reports, and the
    templates whose days set the due dates of the reports not yet created)."""
    from fazhi.reports.kinds import kind as kind_spec
    from fazhi.reports.models import Report, ReportTemplate

    ids = list(rows)
    reports = {
        (r.org_unit_id, r.kind): r
        for r in Report.objects.filter(org_unit_id__in=ids, year=year).only(
            "id",
            "org_unit",
            "kind",
            "status",
            "submit_due_on",
            "publish_due_on",
            "submitted_on",
            "published_on",
        )
    }
    templates = {
        (t.org_unit_id, t.kind): t
        for t in ReportTemplate.objects.filter(org_unit_id__in=ids).only(
            "id", "org_unit", "kind", "submit_by", "publish_by"
        )
    }
    for kind, label in ReportKind.choices:
        needs_submission = kind_spec(kind).needs_submission
        for town_id, row in rows.items():
            report = reports.get((town_id, kind))
            state = ReportState(kind, label, needs_submission)
            if report is None:
                state.submit_due_on, state.publish_due_on = due_dates(
                    kind, year, templates.get((town_id, kind))
                )
            else:
                state.report_id, state.status, state.status_label = (
                    report.pk,
                    report.status,
                    report.status_label,
                )
                state.submit_due_on, state.publish_due_on = report.submit_due_on, report.publish_due_on
                state.submitted_on, state.published_on = report.submitted_on, report.published_on
            # Done as `Report.DEADLINES` has it: submitted once submitted (or published), published once published.
            submitted = state.status in (ReportStatus.SUBMITTED, ReportStatus.PUBLISHED)
            published = state.status == ReportStatus.PUBLISHED
            state.submit_late = bool(state.submit_due_on and state.submit_due_on < today and not submitted)
            state.publish_late = bool(state.publish_due_on and state.publish_due_on < today and not published)
            row.reports[kind] = state


# -- the figures, one grouped query per register ---------------------------------------------------


def _figures(unit: OrgUnit, year: int):
    """(org unit id, its KeyFigures) for every unit with something counted."""
    by_unit: dict[int, KeyFigures] = {}

    def of(pk: int) -> KeyFigures:
        return by_unit.setdefault(pk, KeyFigures())

    for r in _penalties(unit, year):
        f = of(r["org_unit_id"])
        f.summary_cases += r["summary_n"]
        f.summary_fines += r["summary_fines"] or Decimal("0")
        f.ordinary_cases += r["ordinary_n"]
        f.ordinary_fines += r["ordinary_fines"] or Decimal("0")
    for pk, n in _disputes_closed(unit, year):
        of(pk).disputes_resolved += n
    for pk, n in _published(unit, year):
        of(pk).proactive_disclosures += n
    for r in _rectifications(unit, year):
        f = of(r["org_unit_id"])
        f.rectifications_closed += r["closed"]
        f.rectifications_on_time += r["on_time"]
    return by_unit.items()


def _penalties(unit: OrgUnit, year: int):
    """`penalty_figures` grouped by org unit: its queryset and its conditions."""
    from fazhi.enforcement.choices import Procedure
    from fazhi.enforcement.statistics import OWN, _decided

    own_summary = Q(procedure=Procedure.SUMMARY, authority__in=OWN)
    own_ordinary = Q(procedure=Procedure.ORDINARY, authority__in=OWN)
    return (
        _decided(unit, dt.date(year, 1, 1), dt.date(year, 12, 31))
        .values("org_unit_id")
        .annotate(
            summary_n=Count("id", filter=own_summary),
            summary_fines=Sum("fine", filter=own_summary),
            ordinary_n=Count("id", filter=own_ordinary),
            ordinary_fines=Sum("fine", filter=own_ordinary),
        )
        .order_by()
    )


def _disputes_closed(unit: OrgUnit, year: int):
    """`dispute_figures(...).closed` grouped by org unit: closed in the year."""
    from fazhi.disputes.statistics.disputes import _scoped, year_range

    return (
        _scoped(unit)
        .filter(closed_on__range=year_range(year))
        .values("org_unit_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("org_unit_id", "n")
    )


def _published(unit: OrgUnit, year: int):
    """`proactive_published` grouped by org unit: its queryset, `published_items`."""
    from fazhi.oversight.statistics_supervision import published_items

    return (
        published_items(unit, year).values("org_unit_id").annotate(n=Count("id")).order_by().values_list(
            "org_unit_id", "n")
    )  # fmt: skip


def _rectifications(unit: OrgUnit, year: int):
    """`inspection_close_out` grouped by org unit: the items of `selectors.on_time_rate`
    (closed out in the year, from inspections, appraisals and judicial suggestions)
    counted as `selectors.on_time_of` counts them."""
    from fazhi.oversight.choices import RectificationStatus
    from fazhi.oversight.models import Rectification
    from fazhi.oversight.models.inspections import SUPERVISION_SOURCES
    from fazhi.oversight.selectors import _under

    closed = Q(status=RectificationStatus.CLOSED)
    return (
        Rectification.objects.filter(
            org_unit__in=_under(unit),
            closed_on__gte=dt.date(year, 1, 1),
            closed_on__lte=dt.date(year, 12, 31),
            source__in=SUPERVISION_SOURCES,
        )
        .values("org_unit_id")
        .annotate(
            closed=Count("id", filter=closed),
            on_time=Count("id", filter=closed & Q(closed_on__lte=F("due_on"))),
        )
        .order_by()
    )
