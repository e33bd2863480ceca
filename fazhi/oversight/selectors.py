"""Reads of oversight records: on-time close-out rates, a campaign's figures,
the random sample of case files to evaluate and the evaluation report."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.enforcement.choices import CaseStatus
from fazhi.enforcement.models import Case, EnforcementBody
from fazhi.oversight.choices import RectificationStatus, ReviewGrade, ReviewStatus
from fazhi.oversight.models import Campaign, CaseFileReview, Rectification


def evidence_count(rectification: Rectification) -> int:
    """The files of evidence (佐证材料) attached to a rectification item: a submission
    for close-out needs at least one."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import Attachment

    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Rectification), object_id=str(rectification.pk)
    ).count()


def _under(unit: OrgUnit) -> QuerySet:
    return subtree_ids(unit.path)


@dataclass(frozen=True)
class OnTimeRate:
    """Items closed out, those closed out on or before their due date, and the share."""

    closed: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.closed if self.closed else None

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.1f}%"


def on_time_of(queryset: QuerySet) -> OnTimeRate:
    """The on-time close-out rate of some rectification items, in one query."""
    row = queryset.aggregate(
        closed=Count("id", filter=Q(status=RectificationStatus.CLOSED)),
        on_time=Count("id", filter=Q(status=RectificationStatus.CLOSED, closed_on__lte=F("due_on"))),
    )
    return OnTimeRate(row["closed"], row["on_time"])


def on_time_rate(unit: OrgUnit, start: dt.date, end: dt.date, **filters) -> OnTimeRate:
    """Of the items of `unit` (and the units under it) closed out in [start, end],
    the share closed out on or before their due date. `filters` narrow the items
    (source=…, campaign=…)."""
    qs = Rectification.objects.filter(
        org_unit__in=_under(unit), closed_on__gte=start, closed_on__lte=end, **filters
    )
    return on_time_of(qs)


@dataclass
class CategoryRow:
    name: str
    counts: dict[str, int]
    total: int
    overdue: int

    @property
    def cells(self) -> list[int]:
        """The counts in the order of the statuses, for a table row."""
        return [self.counts.get(s.value, 0) for s in RectificationStatus]


def campaign_figures(campaign: Campaign, *, today: dt.date | None = None) -> dict:
    """Counts per category and status, overdue items, and the on-time rate of the
    campaign's problems: {"statuses", "rows", "totals", "on_time"}; three queries."""
    today = today or timezone.localdate()
    qs = Rectification.objects.filter(campaign=campaign)
    cells = {(r["category_id"], r["status"]): r["n"]
             for r in qs.values("category_id", "status").annotate(n=Count("id"))}  # fmt: skip
    overdue = dict(
        qs.exclude(status=RectificationStatus.CLOSED)
        .filter(due_on__lt=today)
        .values("category_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "n")
    )
    statuses = list(RectificationStatus)
    rows = []
    for category in campaign.categories.all():
        counts = {s.value: cells.get((category.pk, s.value), 0) for s in statuses}
        rows.append(CategoryRow(category.name, counts, sum(counts.values()), overdue.get(category.pk, 0)))
    totals = CategoryRow(
        "合计",
        {s.value: sum(r.counts[s.value] for r in rows) for s in statuses},
        sum(r.total for r in rows),
        sum(r.overdue for r in rows),
    )
    return {"statuses": statuses, "rows": rows, "totals": totals, "on_time": on_time_of(qs)}


def closed_cases(body: EnforcementBody, year: int) -> QuerySet:
    """Cases in the body's name closed (or closed and archived) in the year."""
    return Case.objects.filter(
        body=body, status__in=(CaseStatus.CLOSED, CaseStatus.ARCHIVED), closed_on__year=year
    )


def sample_cases(body: EnforcementBody, year: int, n: int, *, seed: int | str, user=None,
                 exclude_reviewed: bool = True) -> list[Case]:  # fmt: skip
    """`n` case files drawn at random among the body's cases closed in `year`
    (all of them when there are fewer), the same ones for the same seed. Files
    already evaluated are left out unless `exclude_reviewed` is False; given a
    `user`, only the files the user sees are drawn."""
    qs = closed_cases(body, year)
    if user is not None:
        qs = qs.visible_to(user)
    if exclude_reviewed:
        qs = qs.exclude(file_reviews__isnull=False)
    ids = list(qs.order_by("id").values_list("id", flat=True))
    # A seeded generator on purpose: the same seed must draw the same files, so that a draw can be checked.
    rng = random.Random(f"{body.pk}:{year}:{seed}")  # noqa: S311
    chosen = rng.sample(ids, min(max(n, 0), len(ids)))
    found = Case.objects.select_related("matter", "body").in_bulk(chosen)
    return [found[i] for i in chosen]


def completed_reviews(unit: OrgUnit, year: int) -> QuerySet:
    return CaseFileReview.objects.filter(
        org_unit__in=_under(unit), status=ReviewStatus.COMPLETED, completed_on__year=year
    )


def review_report(unit: OrgUnit, year: int) -> dict:
    """Average scores of the reviews completed in the year: per body and per officer
    (an officer answers for every file they worked on, through case.officers)."""
    qs = completed_reviews(unit, year)
    overall = qs.aggregate(n=Count("id"), avg=Avg("score"), vetoed=Count("id", filter=Q(vetoed=True)))
    bodies = list(
        qs.values(body=F("case__body__name"))
        .annotate(n=Count("id"), avg=Avg("score"), vetoed=Count("id", filter=Q(vetoed=True)))
        .order_by("body")
    )
    officers = list(
        qs.filter(case__officers__isnull=False)
        .values(
            officer=F("case__officers__id"),
            name=F("case__officers__person__name"),
            certificate_no=F("case__officers__certificate_no"),
        )
        .annotate(n=Count("id"), avg=Avg("score"))
        .order_by("certificate_no")
    )
    counts = dict(qs.values("grade").annotate(n=Count("id")).values_list("grade", "n"))
    grades = [(g.label, counts.get(g.value, 0)) for g in ReviewGrade]
    return {"overall": overall, "bodies": bodies, "officers": officers, "grades": grades}
