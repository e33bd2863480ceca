"""Filters of the disputes register: status, source, category, risk, village, committee,
the year registered and the year closed, and the applications for judicial
confirmation that are overdue."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.disputes.actions.disputes import VILLAGE_KINDS
from fazhi.disputes.choices import DisputeCategory, DisputeSource, DisputeStatus, RiskLevel
from fazhi.disputes.models import Dispute, MediationCommittee


def overdue_confirmation_q(today: dt.date) -> Q:
    """Written agreements whose parties meant to seek judicial confirmation and have not
    applied by the due date, while the dispute is still open."""
    return Q(
        confirmation_wanted=True, confirmation_applied_on__isnull=True, confirmation_due_on__lt=today
    ) & ~Q(status=DisputeStatus.CLOSED)


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    year = min(max(year, 1), 9999)  # a year typed wrong finds nothing rather than failing
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class DisputeFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="编号或情况", method="search")
    status = django_filters.ChoiceFilter(label="状态", choices=DisputeStatus.choices)
    source = django_filters.ChoiceFilter(label="来源", choices=DisputeSource.choices)
    category = django_filters.ChoiceFilter(label="类别", choices=DisputeCategory.choices)
    risk_level = django_filters.ChoiceFilter(label="激化风险", choices=RiskLevel.choices)
    village = django_filters.ModelChoiceFilter(label="村（社区）", queryset=OrgUnit.objects.none())
    committee = django_filters.ModelChoiceFilter(
        label="调解委员会", queryset=MediationCommittee.objects.none()
    )
    registered_year = django_filters.NumberFilter(label="登记年度", method="filter_registered_year")
    closed_year = django_filters.NumberFilter(label="结案年度", method="filter_closed_year")
    overdue_confirmation = yes_no_filter("司法确认逾期未申请", method="filter_overdue_confirmation")
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Dispute
        fields = ["q", "status", "source", "category", "risk_level", "village", "committee", "registered_year",
                  "closed_year", "overdue_confirmation", "org_unit"]  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        villages = OrgUnit.objects.visible_to(user).filter(kind__in=VILLAGE_KINDS).order_by("path")
        committees = MediationCommittee.objects.visible_to(user).order_by("name")
        for name, qs in (("village", villages), ("committee", committees)):
            self.filters[name].queryset = qs
            self.form.fields[name].queryset = qs

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(number__contains=value) | Q(summary__contains=value)) if value else queryset

    # Ranges rather than __year, so that the (org_unit, date) indexes serve them.
    def filter_registered_year(self, queryset, name, value):
        return queryset.filter(registered_on__range=_year_range(int(value))) if value else queryset

    def filter_closed_year(self, queryset, name, value):
        return queryset.filter(closed_on__range=_year_range(int(value))) if value else queryset

    def filter_overdue_confirmation(self, queryset, name, value):
        if value is None:
            return queryset
        q = overdue_confirmation_q(timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)
