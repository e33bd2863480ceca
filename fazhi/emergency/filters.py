"""Filters of the emergency registers. The drills' year and kind filters are the
ones the drill figures (statistics.drill_figures) link to, so that a figure and
the list it counts agree."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.emergency.choices import DrillKind, MemberRole, PlanCategory, PlanLevel, PlanStatus, TeamKind
from fazhi.emergency.forms import plans_visible_to, teams_visible_to, villages_visible_to
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, TeamEquipment, TeamMember
from fazhi.emergency.models.plans import SOON_DAYS

REVISION_STATES = [("overdue", "已逾期"), ("soon", "即将到期"), ("later", "未到期")]


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def revision_state_q(state: str, today: dt.date) -> Q:
    """Plans in force whose next revision is overdue, due within SOON_DAYS, or later."""
    soon = today + dt.timedelta(days=SOON_DAYS)
    in_force = Q(status=PlanStatus.IN_FORCE)
    return (
        in_force
        & {
            "overdue": Q(next_revision_due__lt=today),
            "soon": Q(next_revision_due__gte=today, next_revision_due__lte=soon),
            "later": Q(next_revision_due__gt=soon),
        }[state]
    )


def _unit_filter(field_name: str = "org_unit") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label="单位", queryset=OrgUnit.objects.none(), field_name=field_name, method="filter_under_unit"
    )


def _year_filter(label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, method="filter_year", min_value=2000, max_value=2100)


class PlanFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="预案名称", field_name="name", lookup_expr="contains")
    category = django_filters.ChoiceFilter(label="预案类别", choices=PlanCategory.choices)
    level = django_filters.ChoiceFilter(label="预案层级", choices=PlanLevel.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=PlanStatus.choices)
    revision = django_filters.ChoiceFilter(
        label="修订期限", choices=REVISION_STATES, method="filter_revision"
    )
    org_unit = _unit_filter()

    class Meta:
        model = EmergencyPlan
        fields = ["q", "category", "level", "status", "revision", "org_unit"]

    def filter_revision(self, queryset, name, value):
        return queryset.filter(revision_state_q(value, timezone.localdate())) if value else queryset


class DrillFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称或地点", method="search")
    kind = django_filters.MultipleChoiceFilter(label="演练类型", choices=DrillKind.choices)
    year = _year_filter("年度")
    plan = django_filters.ModelChoiceFilter(label="应急预案", queryset=EmergencyPlan.objects.none())
    village = django_filters.ModelChoiceFilter(label="所在村（社区）", queryset=OrgUnit.objects.none())
    has_problems = yes_no_filter("发现问题", method="filter_problems")
    org_unit = _unit_filter()

    class Meta:
        model = Drill
        fields = ["q", "kind", "year", "plan", "village", "has_problems", "org_unit"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        for name, queryset in (("plan", plans_visible_to(user)), ("village", villages_visible_to(user))):
            self.filters[name].queryset = queryset
            self.form.fields[name].queryset = queryset

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(place__contains=value)) if value else queryset

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(held_on__gte=start, held_on__lte=end)

    def filter_problems(self, queryset, name, value):
        if value is None:
            return queryset
        found = Q(problems="")
        return queryset.exclude(found) if value else queryset.filter(found)


class TeamFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="队伍名称或队长", method="search")
    kind = django_filters.ChoiceFilter(label="队伍类型", choices=TeamKind.choices)
    is_active = yes_no_filter("在册")
    org_unit = _unit_filter()

    class Meta:
        model = EmergencyTeam
        fields = ["q", "kind", "is_active", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(leader__contains=value)) if value else queryset


class _TeamPartFilter(RegisterFilterSet):
    team = django_filters.ModelChoiceFilter(label="应急队伍", queryset=EmergencyTeam.objects.none())
    org_unit = _unit_filter("team__org_unit")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        self.filters["team"].queryset = teams_visible_to(user)
        self.form.fields["team"].queryset = teams_visible_to(user)


class MemberFilter(_TeamPartFilter):
    q = django_filters.CharFilter(label="姓名", field_name="name", lookup_expr="contains")
    role = django_filters.ChoiceFilter(label="队内职务", choices=MemberRole.choices)
    is_active = yes_no_filter("在队")

    class Meta:
        model = TeamMember
        fields = ["q", "team", "role", "is_active", "org_unit"]


class EquipmentFilter(_TeamPartFilter):
    q = django_filters.CharFilter(label="装备物资", field_name="item", lookup_expr="contains")
    in_order = yes_no_filter("状态完好")

    class Meta:
        model = TeamEquipment
        fields = ["q", "team", "in_order", "org_unit"]
