"""Filters of the reconsideration and litigation registers: status, outcome, the year a
case was received, and where its reply or defence stands against its due date."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import F, Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.disputes.choices import (
    LitigationOutcome,
    LitigationStatus,
    ReconsiderationOutcome,
    ReconsiderationStatus,
    RemedyDeadlineState,
)
from fazhi.disputes.models import Litigation, Reconsideration


def deadline_q(state: str, *, due: str, done: str, waiting: Q, today: dt.date) -> Q:
    """The cases whose step `done` (a date field) stands in `state` against `due`; a case
    still `waiting` for the step is pending or overdue."""
    return {
        RemedyDeadlineState.PENDING: waiting & Q(**{f"{done}__isnull": True, f"{due}__gte": today}),
        RemedyDeadlineState.OVERDUE: waiting & Q(**{f"{done}__isnull": True, f"{due}__lt": today}),
        RemedyDeadlineState.ON_TIME: Q(**{f"{done}__isnull": False, f"{done}__lte": F(due)}),
        RemedyDeadlineState.LATE: Q(**{f"{done}__isnull": False, f"{done}__gt": F(due)}),
    }[state]


def reply_q(state: str, today: dt.date | None = None) -> Q:
    return deadline_q(state, due="reply_due_on", done="replied_on", today=today or timezone.localdate(),
                      waiting=Q(status=ReconsiderationStatus.RECEIVED))  # fmt: skip


def defence_q(state: str, today: dt.date | None = None) -> Q:
    return deadline_q(state, due="defence_due_on", done="defence_filed_on", today=today or timezone.localdate(),
                      waiting=Q(status=LitigationStatus.RECEIVED))  # fmt: skip


def final_outcome_q(value: str) -> Q:
    """The cases whose standing outcome is `value`: the appeal's, or the first instance's without one."""
    return Q(appeal_outcome=value) | Q(appeal_outcome="", outcome=value)


class _YearFilter(RegisterFilterSet):
    date_field = ""

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        year = int(value)
        if not 1900 < year < 2200:
            return queryset.none()
        return queryset.filter(**{f"{self.date_field}__gte": dt.date(year, 1, 1),
                                  f"{self.date_field}__lte": dt.date(year, 12, 31)})  # fmt: skip


class ReconsiderationFilter(_YearFilter):
    date_field = "copy_served_on"
    q = django_filters.CharFilter(label="案号、申请人或行政行为", method="search")
    status = django_filters.ChoiceFilter(label="状态", choices=ReconsiderationStatus.choices)
    outcome = django_filters.ChoiceFilter(label="复议结果", choices=ReconsiderationOutcome.choices)
    year = django_filters.NumberFilter(label="收到年度", method="filter_year")
    reply = django_filters.ChoiceFilter(
        label="答复情况", choices=RemedyDeadlineState.choices, method="filter_reply"
    )
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Reconsideration
        fields = ["q", "status", "outcome", "year", "reply", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(case_no__contains=value) | Q(applicant=value) | Q(act__contains=value))

    def filter_reply(self, queryset, name, value):
        return queryset.filter(reply_q(value)) if value else queryset


class LitigationFilter(_YearFilter):
    date_field = "complaint_received_on"
    q = django_filters.CharFilter(label="案号、原告或行政行为", method="search")
    status = django_filters.ChoiceFilter(label="状态", choices=LitigationStatus.choices)
    outcome = django_filters.ChoiceFilter(label="裁判结果（生效）", choices=LitigationOutcome.choices,
                                          method="filter_outcome")  # fmt: skip
    year = django_filters.NumberFilter(label="收到年度", method="filter_year")
    defence = django_filters.ChoiceFilter(label="答辩情况", choices=RemedyDeadlineState.choices,
                                          method="filter_defence")  # fmt: skip
    head_appeared = yes_no_filter("负责人出庭")
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Litigation
        fields = ["q", "status", "outcome", "year", "defence", "head_appeared", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(case_no__contains=value) | Q(plaintiff=value) | Q(act__contains=value))

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(final_outcome_q(value)) if value else queryset

    def filter_defence(self, queryset, name, value):
        return queryset.filter(defence_q(value)) if value else queryset
