"""Filters of the market entity registers. The year and type filters are the ones
the market figures (statistics.market_figures) link to, so that a figure and
the list it counts agree; each bounds the query by a date range that the
(org unit, date) indexes serve."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet
from fazhi.core.models import OrgUnit
from fazhi.services.choices import EntityStatus, EntityType, VisitState
from fazhi.services.forms.market import villages_visible_to
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.models.market import normalize_uscc

VISIT_STATES = [
    (s.value, s.label) for s in (VisitState.OPEN, VisitState.OVERDUE, VisitState.RESOLVED, VisitState.NONE)
]


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def visit_state_q(state: str, today: dt.date) -> Q:
    """The visits in a state (EnterpriseVisit.state_code), as a query."""
    unresolved = Q(resolved_on__isnull=True)
    return {
        VisitState.OPEN: unresolved & Q(follow_up_due__isnull=False),  # overdue ones included
        VisitState.OVERDUE: unresolved & Q(follow_up_due__lt=today),
        VisitState.RESOLVED: Q(resolved_on__isnull=False),
        VisitState.NONE: unresolved & Q(follow_up_due__isnull=True),
    }[state]


def _unit_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label="单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )


def _year_filter(label: str, method: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, method=method, min_value=1949, max_value=2100)


class MarketEntityFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称或信用代码", method="search")
    entity_type = django_filters.ChoiceFilter(label="主体类型", choices=EntityType.choices)
    registered_year = _year_filter("成立年度", "filter_registered_year")
    village = django_filters.ModelChoiceFilter(label="所在村（社区）", queryset=OrgUnit.objects.none())
    status = django_filters.ChoiceFilter(label="登记状态", choices=EntityStatus.choices)
    org_unit = _unit_filter()

    class Meta:
        model = MarketEntity
        fields = ["q", "entity_type", "registered_year", "village", "status", "org_unit"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        villages = villages_visible_to(user)
        self.filters["village"].queryset = villages
        self.form.fields["village"].queryset = villages

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(uscc__startswith=normalize_uscc(value)))

    def filter_registered_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(registered_on__gte=start, registered_on__lte=end)


class EnterpriseVisitFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="企业名称", field_name="entity__name", lookup_expr="contains")
    state = django_filters.ChoiceFilter(label="跟进情况", choices=VISIT_STATES, method="filter_state")
    year = _year_filter("走访年度", "filter_year")
    org_unit = _unit_filter()

    class Meta:
        model = EnterpriseVisit
        fields = ["q", "state", "year", "org_unit"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(visit_state_q(value, timezone.localdate())) if value else queryset

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(visited_on__gte=start, visited_on__lte=end)
