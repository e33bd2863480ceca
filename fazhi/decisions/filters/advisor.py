"""Filters of the legal advisor's registers. The year filters are the ones the
advisor's figures (statistics.advisor_figures) link to, so that a figure and the
list it counts agree."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import F, Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.decisions.choices import ActivityKind, ContractOpinion
from fazhi.decisions.models import AdvisorActivity, ContractReview, DecisionPolicy, LegalAdvisor

# The states of a contract review, as ContractReview.state() names them.
CONTRACT_STATES = [
    ("reviewing", "审查中"),
    ("overdue", "已逾期"),
    ("on_time", "按期审查"),
    ("late", "逾期审查"),
]


def contract_state_q(state: str, today: dt.date) -> Q:
    return {
        "reviewing": Q(reviewed_on__isnull=True, due_on__gte=today),
        "overdue": Q(reviewed_on__isnull=True, due_on__lt=today),
        "on_time": Q(reviewed_on__isnull=False, reviewed_on__lte=F("due_on")),
        "late": Q(reviewed_on__isnull=False, reviewed_on__gt=F("due_on")),
    }[state]


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def _unit_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label="单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )


def _year_filter(label: str, method: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, method=method, min_value=2000, max_value=2100)


class AdvisorFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="顾问单位或律师", method="search")
    year = _year_filter("聘期涉及年度", "filter_year")
    in_force = yes_no_filter("目前在聘", method="filter_in_force")
    org_unit = _unit_filter()

    class Meta:
        model = LegalAdvisor
        fields = ["q", "year", "in_force", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(firm__contains=value) | Q(lawyers__contains=value)) if value else queryset

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = _year_range(value)
        return queryset.filter(starts_on__lte=end, ends_on__gte=start)

    def filter_in_force(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        current = Q(starts_on__lte=today, ends_on__gte=today)
        return queryset.filter(current) if value else queryset.exclude(current)


class ActivityFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="事项", field_name="title", lookup_expr="contains")
    kind = django_filters.MultipleChoiceFilter(label="类型", choices=ActivityKind.choices)
    year = _year_filter("年度", "filter_year")
    advisor = django_filters.ModelChoiceFilter(label="法律顾问", queryset=LegalAdvisor.objects.none())
    org_unit = _unit_filter()

    class Meta:
        model = AdvisorActivity
        fields = ["q", "kind", "year", "advisor", "org_unit"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        advisors = LegalAdvisor.objects.visible_to(user)
        self.filters["advisor"].queryset = advisors
        self.form.fields["advisor"].queryset = advisors

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = _year_range(value)
        return queryset.filter(on__gte=start, on__lte=end)


class ContractFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="合同名称或相对方", method="search")
    state = django_filters.ChoiceFilter(label="审查状态", choices=CONTRACT_STATES, method="filter_state")
    opinion = django_filters.ChoiceFilter(label="审查结论", choices=ContractOpinion.choices)
    reviewed_year = _year_filter("审查完成年度", "filter_reviewed_year")
    submitted_year = _year_filter("送审年度", "filter_submitted_year")
    org_unit = _unit_filter()

    class Meta:
        model = ContractReview
        fields = ["q", "state", "opinion", "reviewed_year", "submitted_year", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(title__contains=value) | Q(counterparty__contains=value)) if value else queryset
        )

    def filter_state(self, queryset, name, value):
        return queryset.filter(contract_state_q(value, timezone.localdate())) if value else queryset

    def filter_reviewed_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = _year_range(value)
        return queryset.filter(reviewed_on__gte=start, reviewed_on__lte=end)

    def filter_submitted_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = _year_range(value)
        return queryset.filter(submitted_on__gte=start, submitted_on__lte=end)


class PolicyFilter(RegisterFilterSet):
    org_unit = _unit_filter()

    class Meta:
        model = DecisionPolicy
        fields = ["org_unit"]
