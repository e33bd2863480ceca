"""Filters of the applications register (政务服务办件).

The parameter names are the ones the single window's figures link to
(fazhi/services/views/window_figures.py), so that a figure and the list it counts
agree: org_unit, year, status, item, kind, channel, outcome, late, visits, rating,
decided_year and q. Each year filter is a date range that the (org unit, date)
indexes serve."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import F, Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet
from fazhi.core.models import OrgUnit
from fazhi.services.choices import (
    ApplicationChannel,
    ApplicationOutcome,
    ApplicationState,
    ItemKind,
    ServiceRating,
)
from fazhi.services.models import Application, ServiceItem
from fazhi.services.models.window import normalize_receipt_code

S = ApplicationState
# Before the decision, whatever the clock: the states in which an application can be late.
OPEN_STATES = (S.RECEIVED, S.NOTIFIED, S.ACCEPTED, S.REVIEWING)

LATE_CHOICES = [("statutory", "超过法定办结时限"), ("promised", "超过承诺办结时限")]
LATE_FIELDS = {"statutory": "due_on", "promised": "promised_due_on"}
VISIT_CHOICES = [("0", "0次"), ("1", "1次"), ("2", "2次及以上")]
RATING_CHOICES = [*((str(v), f"{v}分·{label}") for v, label in ServiceRating.choices), ("none", "未评价")]


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def late_q(which: str, today: dt.date) -> Q:
    """Applications late against a limit: decided after the due date, or not yet
    decided and past it today. An application without that due date is never late."""
    due = LATE_FIELDS[which]
    decided_late = Q(decided_on__isnull=False, **{f"{due}__isnull": False}) & Q(decided_on__gt=F(due))
    open_late = Q(decided_on__isnull=True, status__in=OPEN_STATES, **{f"{due}__lt": today})
    return decided_late | open_late


def search_q(value: str) -> Q:
    """A number (2023-00012, or its tail), a receipt code with or without dashes, or
    part of the applicant's name."""
    value = value.strip()
    q = Q(number__contains=value) | Q(applicant__contains=value)
    code = normalize_receipt_code(value)
    if len(code) >= 4:
        q |= Q(receipt_code__startswith=code)
    return q


def items_visible_to(user):
    return ServiceItem.objects.visible_to(user).order_by("code")


def _year_filter(label: str, method: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, method=method, min_value=1949, max_value=2100)


class ApplicationFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="办件编号、查询码或申请人", method="search")
    org_unit = django_filters.ModelChoiceFilter(
        label="单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )
    year = _year_filter("收件年度", "filter_year")
    status = django_filters.ChoiceFilter(label="办理状态", choices=ApplicationState.choices)
    item = django_filters.ModelChoiceFilter(label="申请事项", queryset=ServiceItem.objects.none())
    kind = django_filters.ChoiceFilter(label="事项类型", choices=ItemKind.choices, field_name="item__kind")
    channel = django_filters.ChoiceFilter(label="申请方式", choices=ApplicationChannel.choices)
    outcome = django_filters.ChoiceFilter(label="办理结果", choices=ApplicationOutcome.choices)
    late = django_filters.ChoiceFilter(label="超期", choices=LATE_CHOICES, method="filter_late")
    visits = django_filters.ChoiceFilter(label="到现场次数", choices=VISIT_CHOICES, method="filter_visits")
    rating = django_filters.ChoiceFilter(label="评价", choices=RATING_CHOICES, method="filter_rating")
    decided_year = _year_filter("决定年度", "filter_decided_year")

    class Meta:
        model = Application
        fields = ["q", "org_unit", "year", "status", "item", "kind", "channel", "outcome", "late", "visits",
                  "rating", "decided_year"]  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        items = items_visible_to(user)
        self.filters["item"].queryset = items
        self.form.fields["item"].queryset = items

    def search(self, queryset, name, value):
        return queryset.filter(search_q(value)) if value.strip() else queryset

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(submitted_on__gte=start, submitted_on__lte=end)

    def filter_decided_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(decided_on__gte=start, decided_on__lte=end)

    def filter_late(self, queryset, name, value):
        return queryset.filter(late_q(value, timezone.localdate())) if value else queryset

    def filter_visits(self, queryset, name, value):
        if value == "2":
            return queryset.filter(visit_count__gte=2)
        return queryset.filter(visit_count=int(value)) if value in ("0", "1") else queryset

    def filter_rating(self, queryset, name, value):
        if value == "none":
            return queryset.filter(rating__isnull=True)
        return queryset.filter(rating=int(value)) if value else queryset
