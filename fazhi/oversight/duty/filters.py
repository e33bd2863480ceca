"""Filters of the leaders' duty registers. Each list can be bounded by a year (a date
range or a year column, read through the table's (org unit, date or year) index);
the figure pages link to these filters, so that a figure and its list agree."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.forms import leaders_visible_to
from fazhi.core.models import OrgUnit, Post, User
from fazhi.oversight.choices import AssessmentResult, GroupRole, MeetingKind, TaskStatus
from fazhi.oversight.models import (
    Admonition,
    ConductTraining,
    DutyReport,
    LeadingGroupMember,
    Meeting,
    OfficerAssessment,
    OfficerPost,
    Task,
    WorkPlan,
)

# The columns of the task board, as Task.board_status() names them.
BOARD_STATES = [
    ("not_started", "未开始"),
    ("in_progress", "进行中"),
    ("overdue", "已逾期"),
    ("done", "已完成"),
]
QUARTERS = [(1, "第一季度"), (2, "第二季度"), (3, "第三季度"), (4, "第四季度")]


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def quarter_range(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(int(year), 3 * int(quarter) - 2, 1)
    end = dt.date(int(year) + 1, 1, 1) if quarter == 4 else dt.date(int(year), 3 * int(quarter) + 1, 1)
    return start, end - dt.timedelta(days=1)


def task_state_q(state: str, today: dt.date) -> Q:
    late = Q(due_on__lt=today) & ~Q(status=TaskStatus.DONE)
    return {
        "not_started": Q(status=TaskStatus.NOT_STARTED) & ~late,
        "in_progress": Q(status=TaskStatus.IN_PROGRESS) & ~late,
        "overdue": late,
        "done": Q(status=TaskStatus.DONE),
    }[state]


@extend_schema_field(OpenApiTypes.INT)
class QuarterFilter(django_filters.ChoiceFilter):
    """A quarter of the year, 1 to 4 (with an empty "all" choice)."""

    def __init__(self, **kwargs):
        super().__init__(label="季度", choices=[(str(n), label) for n, label in QUARTERS], **kwargs)


def _unit() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label="单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )


def _year(label: str = "年度", method: str = "filter_year") -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, method=method, min_value=2000, max_value=2100)


def _limit(filterset: RegisterFilterSet, name: str, queryset) -> None:
    """Offer in a choice filter only the records the user sees (the form is built already)."""
    filterset.filters[name].queryset = queryset
    filterset.form.fields[name].queryset = queryset


class DutyFilterSet(RegisterFilterSet):
    """Keeps the user, and filters a year on the model's date field (`date_field`)."""

    date_field = "on"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user or getattr(kwargs.get("request"), "user", None)

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(**{f"{self.date_field}__gte": start, f"{self.date_field}__lte": end})

    def filter_year_field(self, queryset, name, value):
        return queryset.filter(year=value) if value else queryset


class PlanFilter(DutyFilterSet):
    year = _year(method="filter_year_field")
    org_unit = _unit()

    class Meta:
        model = WorkPlan
        fields = ["year", "org_unit"]


class TaskFilter(DutyFilterSet):
    q = django_filters.CharFilter(label="任务或措施", method="search")
    year = _year("计划年度", "filter_plan_year")
    state = django_filters.ChoiceFilter(label="状态", choices=BOARD_STATES, method="filter_state")
    lead_leader = django_filters.ModelChoiceFilter(label="牵头领导", queryset=User.objects.none())
    responsible_post = django_filters.ModelChoiceFilter(label="责任岗位", queryset=Post.objects.none())
    mine = yes_no_filter("只看我的", method="filter_mine")
    org_unit = _unit()

    class Meta:
        model = Task
        fields = ["q", "year", "state", "lead_leader", "responsible_post", "mine", "org_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, "lead_leader", leaders_visible_to(self.user))
        _limit(self, "responsible_post", Post.objects.visible_to(self.user).select_related("org_unit"))

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(measures__contains=value)) if value else queryset

    def filter_plan_year(self, queryset, name, value):
        return queryset.filter(plan__year=value) if value else queryset

    def filter_state(self, queryset, name, value):
        return queryset.filter(task_state_q(value, timezone.localdate())) if value else queryset

    def filter_mine(self, queryset, name, value):
        """Tasks the user leads, or whose post the user's person holds."""
        if not value or self.user is None:
            return queryset
        mine = Q(lead_leader=self.user)
        if self.user.person_id:
            mine |= Q(responsible_post__holders=self.user.person_id)
        return queryset.filter(mine).distinct()


class GroupMemberFilter(DutyFilterSet):
    year = _year("在任年度")
    role = django_filters.ChoiceFilter(label="小组职务", choices=GroupRole.choices)
    current = yes_no_filter("目前在任", method="filter_current")
    org_unit = _unit()

    class Meta:
        model = LeadingGroupMember
        fields = ["year", "role", "current", "org_unit"]

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start), starts_on__lte=end)

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        serving = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        return queryset.filter(serving) if value else queryset.exclude(serving)


FOLLOW_UP_STATES = [("open", "整改中"), ("overdue", "已逾期"), ("done", "已整改")]


class AdmonitionFilter(DutyFilterSet):
    q = django_filters.CharFilter(label="被约谈人或事由", method="search")
    year = _year()
    follow_up = django_filters.ChoiceFilter(
        label="整改情况", choices=FOLLOW_UP_STATES, method="filter_follow_up"
    )
    talked_by = django_filters.ModelChoiceFilter(label="约谈领导", queryset=User.objects.none())
    org_unit = _unit()

    class Meta:
        model = Admonition
        fields = ["q", "year", "follow_up", "talked_by", "org_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, "talked_by", leaders_visible_to(self.user))

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(person_name__contains=value) | Q(reason__contains=value)) if value else queryset
        )

    def filter_follow_up(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        pending = Q(follow_up_due_on__isnull=False, follow_up_done_on__isnull=True)
        return queryset.filter({
            "open": pending & Q(follow_up_due_on__gte=today),
            "overdue": pending & Q(follow_up_due_on__lt=today),
            "done": Q(follow_up_done_on__isnull=False),
        }[value])  # fmt: skip


class DutyReportFilter(DutyFilterSet):
    year = _year("述职年度", "filter_year_field")
    leader = django_filters.ModelChoiceFilter(label="述职领导", queryset=User.objects.none())
    org_unit = _unit()

    class Meta:
        model = DutyReport
        fields = ["year", "leader", "org_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, "leader", leaders_visible_to(self.user))


class MeetingFilter(DutyFilterSet):
    q = django_filters.CharFilter(label="会议名称", field_name="title", lookup_expr="contains")
    year = _year()
    quarter = QuarterFilter(method="filter_quarter")
    kind = django_filters.ChoiceFilter(label="会议类型", choices=MeetingKind.choices)
    chaired_by = django_filters.ModelChoiceFilter(label="主持人", queryset=User.objects.none())
    org_unit = _unit()

    class Meta:
        model = Meeting
        fields = ["q", "year", "quarter", "kind", "chaired_by", "org_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, "chaired_by", leaders_visible_to(self.user))

    def filter_quarter(self, queryset, name, value):
        """A quarter of the year filtered (or of the current year when none is)."""
        if not value:
            return queryset
        year = self.form.cleaned_data.get("year") or timezone.localdate().year
        start, end = quarter_range(year, int(value))
        return queryset.filter(on__gte=start, on__lte=end)


class OfficerPostFilter(DutyFilterSet):
    q = django_filters.CharFilter(label="姓名或执法证号", method="search")
    post = django_filters.ModelChoiceFilter(label="执法岗位", queryset=Post.objects.none())
    current = yes_no_filter("目前在岗", method="filter_current")
    year = _year("在岗年度")
    org_unit = _unit()

    class Meta:
        model = OfficerPost
        fields = ["q", "post", "current", "year", "org_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, "post", Post.objects.visible_to(self.user).select_related("org_unit"))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(officer__person__name__contains=value) | Q(officer__certificate_no=value))

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        serving = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        return queryset.filter(serving) if value else queryset.exclude(serving)

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start), starts_on__lte=end)


class ConductTrainingFilter(DutyFilterSet):
    year = _year()
    quarter = QuarterFilter()
    org_unit = _unit()

    class Meta:
        model = ConductTraining
        fields = ["year", "quarter", "org_unit"]


class AssessmentFilter(DutyFilterSet):
    q = django_filters.CharFilter(label="姓名或执法证号", method="search")
    year = _year("考核年度", "filter_year_field")
    result = django_filters.ChoiceFilter(label="考核结果", choices=AssessmentResult.choices)
    org_unit = _unit()

    class Meta:
        model = OfficerAssessment
        fields = ["q", "year", "result", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(officer__person__name__contains=value) | Q(officer__certificate_no=value))
