"""The year's figures of the single window (一窗受理): the published list, the
applications, the time they took, the visits they needed and the applicants'
ratings.

Three groups of applications are counted, each by one date of the record, so that
every count is also a filtered list of the applications register:

- **received in the year**: `submitted_on` in the year (list filter `year`). The
  visits and the ratings are counted among these too: the visits of those that
  have ended (delivered or refused, whenever), the ratings of those rated
  (whenever). A figure of the year thus stays with the applications of the year,
  and a rating given in January for a December application counts in December's
  year. (The list can filter by the year of receipt, not by the day an
  application ended or was rated.)
- **decided in the year**: `decided_on` in the year (list filter `decided_year`),
  whenever received: the outcomes, the on-time rates and the working days used.
- **notices issued in the year**: one-time notices (一次性告知书) whose `issued_on`
  is in the year.

Items are those on the published list at the end of the year: status published
now and `published_on` on or before the year's last day. An item withdrawn since
no longer counts for any year (the record keeps no withdrawal date), and an item
published after the year does not count for it.

Every count is bounded by the unit's subtree (one prefix match on OrgUnit.path, as
a subquery) and by the year as a date range, so that it reads the (org unit, date)
indexes; five queries in all, whatever the number of records."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.services.choices import ApplicationOutcome, ApplicationState, ItemKind, ItemStatus, ServiceRating
from fazhi.services.models import Application, CompletenessNotice, ServiceItem

GOOD_GRADES = (5, 4, 3)  # 好评: 非常满意、满意、基本满意
BAD_GRADES = (2, 1)  # 差评: 不满意、非常不满意
ENDED = (ApplicationState.DELIVERED, ApplicationState.REFUSED)
VISIT_BUCKETS = ("0", "1", "2")  # 0 visits, 1 visit, 2 or more (the list's `visits` filter)


def _units(unit: OrgUnit) -> QuerySet:
    return subtree_ids(unit.path)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class _Timeliness:
    """The timing figures of applications decided in the year, from the counts of a
    class that has them (the whole window, or one item)."""

    statutory_counted: int
    on_time_statutory: int
    promised_counted: int
    on_time_promised: int
    days_counted: int
    days_total: int

    @property
    def late_statutory(self) -> int:
        return self.statutory_counted - self.on_time_statutory

    @property
    def late_promised(self) -> int:
        return self.promised_counted - self.on_time_promised

    @property
    def on_time_statutory_rate(self) -> float | None:
        """Decided on or before the statutory due date, of those decided in the year that had one."""
        return _rate(self.on_time_statutory, self.statutory_counted)

    @property
    def on_time_promised_rate(self) -> float | None:
        """Decided on or before the promised due date, of those decided in the year that had one."""
        return _rate(self.on_time_promised, self.promised_counted)

    @property
    def average_working_days(self) -> float | None:
        """The working days used (acceptance to decision, pauses not counted), on average."""
        return self.days_total / self.days_counted if self.days_counted else None


@dataclass(frozen=True)
class ItemFigures(_Timeliness):
    """One item's row: applications received in the year and decided in the year."""

    item_id: int
    code: str
    name: str
    org_unit_id: int
    org_unit_name: str
    received: int = 0  # received in the year
    decided: int = 0  # decided in the year
    statutory_counted: int = 0  # decided in the year, with a statutory due date
    on_time_statutory: int = 0  # of those, decided on or before it
    promised_counted: int = 0  # decided in the year, with a promised due date
    on_time_promised: int = 0  # of those, decided on or before it
    days_counted: int = 0  # decided in the year, with the working days used
    days_total: int = 0  # the sum of those working days


@dataclass(frozen=True)
class WindowFigures(_Timeliness):
    """The single window of a unit (and the units under it) in a year. What each
    field counts is written beside it; the rates are None when there is nothing to
    divide by."""

    year: int
    # -- the list: items published (status published) on or before the year's end --
    items_listed: int
    items_online: int  # of those, can be applied for online
    items_zero_visit: int  # of those, needing no visit (零跑腿)
    items_one_visit: int  # of those, needing one visit
    items_by_kind: dict[str, int]  # ItemKind value → listed items, every kind, in the choices' order
    # -- applications received in the year (submitted_on) --
    received: int
    received_by_status: dict[str, int]  # ApplicationState value → received in the year and in that state now
    accepted: int  # received in the year and accepted (whatever happened after)
    notices: int  # one-time notices issued in the year (issued_on)
    # -- applications decided in the year (decided_on) --
    decided: int
    approved: int
    denied: int
    statutory_counted: int  # decided in the year, with a statutory due date (due_on)
    on_time_statutory: int  # of those, decided_on <= due_on
    promised_counted: int  # decided in the year, with a promised due date (promised_due_on)
    on_time_promised: int  # of those, decided_on <= promised_due_on
    days_counted: int  # decided in the year, with working_days_used
    days_total: int  # the sum of their working_days_used
    # -- received in the year and ended (delivered or refused): visits, by how it ended --
    delivered_visits: tuple[int, int, int]  # delivered: (0 visits, 1 visit, 2 or more)
    refused_visits: tuple[int, int, int]  # refused: (0 visits, 1 visit, 2 or more)
    # -- received in the year and rated --
    ratings: dict[int, int]  # grade 5..1 → applications rated so
    rating_total: int  # the sum of the grades
    # -- per item: every listed item and every item with applications received or decided --
    items: tuple[ItemFigures, ...] = ()

    # the list
    @property
    def items_at_most_one_visit(self) -> int:
        return self.items_zero_visit + self.items_one_visit

    # received
    @property
    def refused(self) -> int:
        return self.received_by_status.get(ApplicationState.REFUSED, 0)

    @property
    def withdrawn(self) -> int:
        return self.received_by_status.get(ApplicationState.WITHDRAWN, 0)

    # visits
    @property
    def ended(self) -> int:
        return sum(self.delivered_visits) + sum(self.refused_visits)

    @property
    def ended_zero_visit(self) -> int:
        return self.delivered_visits[0] + self.refused_visits[0]

    @property
    def ended_at_most_one_visit(self) -> int:
        return sum(self.delivered_visits[:2]) + sum(self.refused_visits[:2])

    @property
    def zero_visit_share(self) -> float | None:
        """零跑腿: ended with no visit to the window, of the ended applications."""
        return _rate(self.ended_zero_visit, self.ended)

    @property
    def at_most_one_visit_share(self) -> float | None:
        """最多跑一次: ended with at most one visit, of the ended applications."""
        return _rate(self.ended_at_most_one_visit, self.ended)

    # ratings
    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def good(self) -> int:
        return sum(self.ratings.get(g, 0) for g in GOOD_GRADES)

    @property
    def bad(self) -> int:
        return sum(self.ratings.get(g, 0) for g in BAD_GRADES)

    @property
    def good_rate(self) -> float | None:
        """好评率: grades 5, 4 and 3, of the rated applications."""
        return _rate(self.good, self.rated)

    @property
    def rating_average(self) -> float | None:
        return self.rating_total / self.rated if self.rated else None


def listed_items(unit: OrgUnit, year: int) -> QuerySet:
    """Items of `unit` and the units under it on the published list at the end of `year`."""
    return ServiceItem.objects.filter(
        org_unit__in=_units(unit), status=ItemStatus.PUBLISHED, published_on__lte=dt.date(year, 12, 31)
    )


def _item_counts(unit: OrgUnit, year: int) -> dict[str, dict[str, int]]:
    rows = (
        listed_items(unit, year)
        .values("kind")
        .annotate(
            n=Count("id"),
            online=Count("id", filter=Q(online=True)),
            zero=Count("id", filter=Q(visits_needed=0)),
            one=Count("id", filter=Q(visits_needed=1)),
        )
        .order_by()
    )
    return {row["kind"]: row for row in rows}


def _received(units: QuerySet, start: dt.date, end: dt.date) -> list[dict]:
    """Received in the year, grouped by item and state now."""
    grades = {f"r{g}": Count("id", filter=Q(rating=g)) for g in ServiceRating.values}
    return list(
        Application.objects.filter(org_unit__in=units, submitted_on__gte=start, submitted_on__lte=end)
        .values("item_id", "status")
        .annotate(
            n=Count("id"),
            accepted=Count("id", filter=Q(accepted_on__isnull=False)),
            v0=Count("id", filter=Q(visit_count=0)),
            v1=Count("id", filter=Q(visit_count=1)),
            v2=Count("id", filter=Q(visit_count__gte=2)),
            grade_sum=Sum("rating"),
            **grades,
        )
        .order_by()
    )


def _decided(units: QuerySet, start: dt.date, end: dt.date) -> list[dict]:
    """Decided in the year, grouped by item and outcome."""
    return list(
        Application.objects.filter(org_unit__in=units, decided_on__gte=start, decided_on__lte=end)
        .values("item_id", "outcome")
        .annotate(
            n=Count("id"),
            statutory=Count("id", filter=Q(due_on__isnull=False)),
            statutory_on_time=Count("id", filter=Q(decided_on__lte=F("due_on"))),
            promised=Count("id", filter=Q(promised_due_on__isnull=False)),
            promised_on_time=Count("id", filter=Q(decided_on__lte=F("promised_due_on"))),
            days_n=Count("working_days_used"),
            days_sum=Sum("working_days_used"),
        )
        .order_by()
    )


def _item_rows(
    unit: OrgUnit, year: int, received: list[dict], decided: list[dict]
) -> tuple[ItemFigures, ...]:
    per: dict[int, Counter] = defaultdict(Counter)
    for row in received:
        per[row["item_id"]]["received"] += row["n"]
    for row in decided:
        c = per[row["item_id"]]
        c["decided"] += row["n"]
        c["statutory_counted"] += row["statutory"]
        c["on_time_statutory"] += row["statutory_on_time"]
        c["promised_counted"] += row["promised"]
        c["on_time_promised"] += row["promised_on_time"]
        c["days_counted"] += row["days_n"]
        c["days_total"] += row["days_sum"] or 0
    listed = Q(status=ItemStatus.PUBLISHED, published_on__lte=dt.date(year, 12, 31))
    items = (
        ServiceItem.objects.filter(org_unit__in=_units(unit))
        .filter(listed | Q(pk__in=list(per)))
        .order_by("org_unit__path", "code")
        .values_list("id", "code", "name", "org_unit_id", "org_unit__name")
    )
    return tuple(
        ItemFigures(item_id=pk, code=code, name=name, org_unit_id=unit_id, org_unit_name=unit_name, **per[pk])
        for pk, code, name, unit_id, unit_name in items
    )


def window_figures(unit: OrgUnit, year: int) -> WindowFigures:
    """The single window's figures of `unit` and the units under it in `year` (five
    queries: the list, received, decided, notices, the items' names)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = _units(unit)
    kinds = _item_counts(unit, year)
    received = _received(units, start, end)
    decided = _decided(units, start, end)
    notices = CompletenessNotice.objects.filter(
        application__org_unit__in=units, issued_on__gte=start, issued_on__lte=end
    ).count()

    by_status: Counter = Counter()
    ratings: Counter = Counter()
    visits = {state: [0, 0, 0] for state in ENDED}
    accepted = rating_total = 0
    for row in received:
        by_status[row["status"]] += row["n"]
        accepted += row["accepted"]
        rating_total += row["grade_sum"] or 0
        for g in ServiceRating.values:
            ratings[g] += row[f"r{g}"]
        if row["status"] in visits:
            for i, key in enumerate(("v0", "v1", "v2")):
                visits[row["status"]][i] += row[key]

    outcomes: Counter = Counter()
    totals: Counter = Counter()
    for row in decided:
        outcomes[row["outcome"]] += row["n"]
        totals.update({k: row[k] or 0 for k in ("statutory", "statutory_on_time", "promised",
                                                  "promised_on_time", "days_n", "days_sum")})  # fmt: skip

    def _items(key: str) -> int:
        return sum(row[key] for row in kinds.values())

    return WindowFigures(
        year=year,
        items_listed=_items("n"),
        items_online=_items("online"),
        items_zero_visit=_items("zero"),
        items_one_visit=_items("one"),
        items_by_kind={k.value: kinds[k.value]["n"] if k.value in kinds else 0 for k in ItemKind},
        received=sum(by_status.values()),
        received_by_status={s.value: by_status.get(s.value, 0) for s in ApplicationState},
        accepted=accepted,
        notices=notices,
        decided=sum(outcomes.values()),
        approved=outcomes.get(ApplicationOutcome.APPROVED, 0),
        denied=outcomes.get(ApplicationOutcome.DENIED, 0),
        statutory_counted=totals["statutory"],
        on_time_statutory=totals["statutory_on_time"],
        promised_counted=totals["promised"],
        on_time_promised=totals["promised_on_time"],
        days_counted=totals["days_n"],
        days_total=totals["days_sum"],
        delivered_visits=tuple(visits[ApplicationState.DELIVERED]),
        refused_visits=tuple(visits[ApplicationState.REFUSED]),
        ratings={g: ratings.get(g, 0) for g in sorted(ServiceRating.values, reverse=True)},
        rating_total=rating_total,
        items=_item_rows(unit, year, received, decided),
    )
