"""Filters of the mediation registers. The year filters are those the mediation
figures (statistics.mediation.committee_figures) link to, so that a figure and the
list it counts agree: a record is active in a year when it was set up by the
year's end and not ended before its start."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Count, Q, Sum
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.disputes.choices import CommitteeLevel, MediatorRole, RoomKind
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningRound


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def active_q(start_field: str, end_field: str, start: dt.date, end: dt.date) -> Q:
    """Set up on or before `end`, and not ended before `start`."""
    return Q(**{f"{start_field}__lte": end}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    )


def _unit_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label="单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )


def _year_filter(label: str = "在册年度") -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, method="filter_year", min_value=2000, max_value=2100)


class _ActiveFilterSet(RegisterFilterSet):
    """A register whose records start and may end: `year` (active some time in the
    year) and `active` (active today)."""

    start_field = ""
    end_field = ""

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(active_q(self.start_field, self.end_field, *year_range(value)))

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        current = active_q(self.start_field, self.end_field, today, today)
        return queryset.filter(current) if value else queryset.exclude(current)


class CommitteeFilter(_ActiveFilterSet):
    start_field, end_field = "established_on", "dissolved_on"
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="contains")
    level = django_filters.MultipleChoiceFilter(label="层级", choices=CommitteeLevel.choices)
    year = _year_filter()
    active = yes_no_filter("目前存续", method="filter_active")
    org_unit = _unit_filter()

    class Meta:
        model = MediationCommittee
        fields = ["q", "level", "year", "active", "org_unit"]


class MediatorFilter(_ActiveFilterSet):
    start_field, end_field = "appointed_on", "left_on"
    q = django_filters.CharFilter(label="姓名", field_name="name", lookup_expr="contains")
    committee = django_filters.ModelChoiceFilter(
        label="人民调解委员会", queryset=MediationCommittee.objects.none()
    )
    role = django_filters.ChoiceFilter(label="职务", choices=MediatorRole.choices)
    full_time = yes_no_filter("专职")
    year = _year_filter()
    active = yes_no_filter("目前在任", method="filter_active")
    org_unit = _unit_filter()

    class Meta:
        model = Mediator
        fields = ["q", "committee", "role", "full_time", "year", "active", "org_unit"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        committees = MediationCommittee.objects.visible_to(user).order_by("name")
        self.filters["committee"].queryset = committees
        self.form.fields["committee"].queryset = committees


class RoomFilter(_ActiveFilterSet):
    start_field, end_field = "opened_on", "closed_on"
    q = django_filters.CharFilter(label="名称或派驻单位", method="search")
    kind = django_filters.MultipleChoiceFilter(label="类型", choices=RoomKind.choices)
    year = _year_filter()
    active = yes_no_filter("目前在用", method="filter_active")
    org_unit = _unit_filter()

    class Meta:
        model = MediationRoom
        fields = ["q", "kind", "year", "active", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(host__contains=value)) if value else queryset


ROUND_STATES = [("open", "排查中"), ("finished", "已完成")]


def with_tallies(queryset):
    """Each round with its village count, reports and totals, read in the same query
    (ScreeningRound.progress() and the totals use them)."""
    reported = Q(results__found__isnull=False)
    return queryset.annotate(
        n_villages=Count("results"),
        n_reported=Count("results", filter=reported),
        n_found=Sum("results__found"),
        n_resolved=Sum("results__resolved_on_spot", filter=reported),
        n_high_risk=Sum("results__high_risk", filter=reported),
    )


class RoundFilter(RegisterFilterSet):
    year = django_filters.NumberFilter(label="年度", method="filter_year", min_value=2000, max_value=2100)
    state = django_filters.ChoiceFilter(label="状态", choices=ROUND_STATES, method="filter_state")
    org_unit = _unit_filter()

    class Meta:
        model = ScreeningRound
        fields = ["year", "state", "org_unit"]

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(month__gte=start, month__lte=end)

    def filter_state(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(finished_on__isnull=value == "open")

    def filter_queryset(self, queryset):
        return with_tallies(super().filter_queryset(queryset))
