"""Figures of the leaders' duty and the enforcement responsibility system.

- `meeting_quarters(unit, year)`: special rule-of-law meetings per quarter, and the
  quarters that ended without one (report-figures.md row 21, "every quarter").
- `officer_training(unit, year)`: officers holding a valid certificate in the year,
  and of them those who finished the yearly online training and passed the exam
  (row 7; "均" when all did), read from `enforcement.OfficerYear`.
- `task_completion(unit, year)`: the year's plan tasks per lead leader and per
  post, done on time, done late and open (the cadres' assessment).
- `meetings_chaired(unit, year)`: the meetings each leader chaired, by kind.
- `duty_summary(unit, year)`: the leaders' duty in the year in a few numbers, for
  part two of the annual report.

Every figure is bounded by the unit's subtree (one prefix match on OrgUnit.path,
as a subquery) and by the year, so that it reads the tables' (org unit, date or
year) indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import subtree_ids
from fazhi.enforcement.choices import OfficerStatus
from fazhi.enforcement.models import Officer, OfficerYear
from fazhi.oversight.choices import GroupRole, MeetingKind, TaskStatus
from fazhi.oversight.duty.filters import quarter_range
from fazhi.oversight.models import Admonition, DutyReport, LeadingGroupMember, Meeting, Task, WorkPlan


def _units(unit: OrgUnit):
    return subtree_ids(unit.path)


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# -- row 21: a special meeting every quarter ------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    number: int
    start: dt.date
    end: dt.date
    count: int  # special rule-of-law meetings held in the quarter
    ended: bool  # the quarter is over (on the day asked)

    @property
    def label(self) -> str:
        return f"第{'一二三四'[self.number - 1]}季度"

    @property
    def missing(self) -> bool:
        return self.ended and self.count == 0


@dataclass(frozen=True)
class MeetingQuarters:
    year: int
    quarters: list[Quarter]
    missing: list[int]  # ended quarters without a special meeting: these are warned

    @property
    def every_quarter(self) -> bool:
        """Each quarter of a finished year had a special meeting (the report's "每季度")."""
        return all(q.ended and q.count > 0 for q in self.quarters)

    @property
    def total(self) -> int:
        return sum(q.count for q in self.quarters)

    @property
    def missing_text(self) -> str:
        """ "第一季度、第三季度": the warned quarters, for a sentence."""
        return "、".join(q.label for q in self.quarters if q.missing)


def meeting_quarters(unit: OrgUnit, year: int, *, today: dt.date | None = None) -> MeetingQuarters:
    """Special rule-of-law meetings (法治建设专题会议) of `unit` and the units under it,
    per quarter of `year` (one query). A quarter not yet over on `today` is never
    counted as missing: the current year's later quarters are not warned."""
    today = today or timezone.localdate()
    start, end = _year(year)
    rows = (
        Meeting.objects.filter(
            org_unit__in=_units(unit), kind=MeetingKind.SPECIAL, on__gte=start, on__lte=end
        )
        .values_list("on", flat=True)
        .order_by()
    )
    counts: dict[int, int] = defaultdict(int)
    for day in rows:
        counts[(day.month - 1) // 3 + 1] += 1
    quarters = []
    for n in range(1, 5):
        q_start, q_end = quarter_range(year, n)
        quarters.append(Quarter(n, q_start, q_end, counts[n], ended=q_end < today))
    return MeetingQuarters(year, quarters, [q.number for q in quarters if q.missing])


# -- row 7: officers trained and passed -----------------------------------------------------------


@dataclass(frozen=True)
class OfficerTraining:
    year: int
    certified: int  # officers holding a valid certificate for some part of the year
    trained_and_passed: int  # of them, the yearly training finished and the exam passed

    @property
    def all_done(self) -> bool:
        """ "均": every certified officer finished the training and passed the exam."""
        return self.certified > 0 and self.trained_and_passed == self.certified

    @property
    def missing(self) -> int:
        return self.certified - self.trained_and_passed


def certified_in(unit: OrgUnit, year: int):
    """The officers of `unit` and the units under it whose certificate was valid on some
    day of `year`: `Officer.valid_on` (an active certificate, the day within its term)
    over the year's days. A certificate revoked or suspended is not counted."""
    start, end = _year(year)
    return Officer.objects.filter(
        org_unit__in=_units(unit), status=OfficerStatus.ACTIVE, valid_from__lte=end, valid_to__gte=start
    )


def officer_training(unit: OrgUnit, year: int) -> OfficerTraining:
    """Row 7 (two queries)."""
    officers = certified_in(unit, year)
    done = OfficerYear.objects.filter(
        officer__in=officers.values("id"), year=year, training_completed=True, exam_passed=True
    )
    return OfficerTraining(year, officers.count(), done.count())


# -- the cadres' assessment: task completion per person ----------------------------------------


@dataclass
class Completion:
    key: int | None
    label: str
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0  # of the open ones, past their deadline

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.open

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.total if self.total else None


@dataclass(frozen=True)
class TaskCompletion:
    year: int
    leaders: list[Completion]
    posts: list[Completion]
    total: Completion = field(default_factory=lambda: Completion(None, "合计"))


def task_completion(unit: OrgUnit, year: int, *, today: dt.date | None = None) -> TaskCompletion:
    """The tasks of `year`'s plans per lead leader and per responsible post: done on or
    before the deadline, done after it, and open (with those already overdue). One query."""
    today = today or timezone.localdate()
    done = Q(status=TaskStatus.DONE)
    rows = (
        Task.objects.filter(org_unit__in=_units(unit), plan__year=year)
        .values("lead_leader_id", "lead_leader__display_name", "lead_leader__username", "responsible_post_id",
                "responsible_post__name", "responsible_post__org_unit__name")
        .annotate(on_time=Count("id", filter=done & Q(done_on__lte=F("due_on"))),
                  late=Count("id", filter=done & Q(done_on__gt=F("due_on"))),
                  open=Count("id", filter=~done),
                  overdue=Count("id", filter=~done & Q(due_on__lt=today)))
        .order_by()
    )  # fmt: skip
    leaders: dict[int, Completion] = {}
    posts: dict[int | None, Completion] = {}
    total = Completion(None, "合计")
    for r in rows:
        name = r["lead_leader__display_name"] or r["lead_leader__username"]
        post = (
            f"{r['responsible_post__org_unit__name']}·{r['responsible_post__name']}"
            if r["responsible_post_id"]
            else "未指定岗位"
        )
        for bucket in (
            leaders.setdefault(r["lead_leader_id"], Completion(r["lead_leader_id"], name)),
            posts.setdefault(r["responsible_post_id"], Completion(r["responsible_post_id"], post)),
            total,
        ):
            bucket.on_time += r["on_time"]
            bucket.late += r["late"]
            bucket.open += r["open"]
            bucket.overdue += r["overdue"]
    return TaskCompletion(
        year,
        sorted(leaders.values(), key=lambda c: c.label),
        sorted(posts.values(), key=lambda c: c.label),
        total,
    )


# -- which meetings each leader chaired --------------------------------------------------------------


@dataclass
class Chaired:
    leader_id: int
    name: str
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def counts(self) -> list[int]:
        """The counts in the order of MeetingKind, for a table row."""
        return [self.by_kind.get(k, 0) for k in MeetingKind.values]


def meetings_chaired(unit: OrgUnit, year: int) -> list[Chaired]:
    """Per leader, the meetings of `year` they chaired, by kind (one query)."""
    start, end = _year(year)
    rows = (
        Meeting.objects.filter(org_unit__in=_units(unit), on__gte=start, on__lte=end)
        .values("chaired_by_id", "chaired_by__display_name", "chaired_by__username", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_leader: dict[int, Chaired] = {}
    for r in rows:
        name = r["chaired_by__display_name"] or r["chaired_by__username"]
        entry = by_leader.setdefault(r["chaired_by_id"], Chaired(r["chaired_by_id"], name))
        entry.by_kind[r["kind"]] = r["n"]
    return sorted(by_leader.values(), key=lambda c: (-c.total, c.name))


# -- part two of the annual report, in numbers -------------------------------------------------------


@dataclass(frozen=True)
class DutySummary:
    year: int
    plan: WorkPlan | None
    heads: list[str]  # who headed the leading group in the year
    group_members: int
    special_meetings: int
    quarters: MeetingQuarters
    tasks: Completion
    admonitions: int
    duty_reports: int


def duty_summary(unit: OrgUnit, year: int, *, today: dt.date | None = None) -> DutySummary:
    """How the principal leaders fulfilled their duty in `year`, in numbers."""
    start, end = _year(year)
    units = _units(unit)
    serving = LeadingGroupMember.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start), org_unit__in=units, starts_on__lte=end
    ).select_related("user")
    members = list(serving)
    quarters = meeting_quarters(unit, year, today=today)
    return DutySummary(
        year=year,
        plan=WorkPlan.objects.filter(org_unit__in=units, year=year).order_by("org_unit__path", "id").first(),
        heads=[m.display_name for m in members if m.role == GroupRole.HEAD],
        group_members=len(members),
        special_meetings=quarters.total,
        quarters=quarters,
        tasks=task_completion(unit, year, today=today).total,
        admonitions=Admonition.objects.filter(org_unit__in=units, on__gte=start, on__lte=end).count(),
        duty_reports=DutyReport.objects.filter(org_unit__in=units, year=year).count(),
    )
