"""Filters of the education registers. The year filters are those the figures page
(statistics.py) links to, so that a figure and the list it counts agree: each is a
date range, which reads the register's (org unit, date) index."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.education.choices import (
    REPORT_STUDY_KINDS,
    OutreachTopic,
    Presenter,
    RosterKind,
    ServiceKind,
    ServiceOutcome,
    StudyKind,
    TrainingMode,
    VenueKind,
)
from fazhi.education.forms import villages_visible_to
from fazhi.education.models import (
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
)

REPORT_COUNTED = Q(on_rule_of_law=True, kind__in=REPORT_STUDY_KINDS)


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


def _unit_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label="所属单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )


def _year_filter(label: str = "年度") -> django_filters.NumberFilter:
    return django_filters.NumberFilter(label=label, method="filter_year", min_value=2000, max_value=2100)


def _village_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(label="村（社区）", queryset=OrgUnit.objects.none())


class _EducationFilter(RegisterFilterSet):
    """The date field the year filter reads, and the user's villages for `village`."""

    date_field = ""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        if "village" in self.filters:
            villages = villages_visible_to(user)
            self.filters["village"].queryset = villages
            self.form.fields["village"].queryset = villages

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(**{f"{self.date_field}__gte": start, f"{self.date_field}__lte": end})


class StudySessionFilter(_EducationFilter):
    date_field = "held_on"
    q = django_filters.CharFilter(label="学习内容或主讲人", method="search")
    year = _year_filter()
    kind = django_filters.MultipleChoiceFilter(label="学习形式", choices=StudyKind.choices)
    on_rule_of_law = yes_no_filter("法治专题")
    counted = yes_no_filter("计入年度报告学法次数", method="filter_counted")
    org_unit = _unit_filter()

    class Meta:
        model = StudySession
        fields = ["q", "year", "kind", "on_rule_of_law", "counted", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(topic__contains=value) | Q(presenter__contains=value)) if value else queryset

    def filter_counted(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(REPORT_COUNTED) if value else queryset.exclude(REPORT_COUNTED)


class OutreachEventFilter(_EducationFilter):
    date_field = "held_on"
    q = django_filters.CharFilter(label="活动名称", field_name="title", lookup_expr="contains")
    year = _year_filter()
    venue_kind = django_filters.MultipleChoiceFilter(label="活动场所", choices=VenueKind.choices)
    topic = django_filters.MultipleChoiceFilter(label="宣传主题", choices=OutreachTopic.choices)
    presenter = django_filters.ChoiceFilter(
        label="宣讲人员", choices=Presenter.choices, method="filter_presenter"
    )
    constitution_day = yes_no_filter("国家宪法日活动")
    village = _village_filter()
    org_unit = _unit_filter()

    class Meta:
        model = OutreachEvent
        fields = ["q", "year", "venue_kind", "topic", "presenter", "constitution_day", "village", "org_unit"]

    def filter_presenter(self, queryset, name, value):
        # No presenter code is part of another (choices.Presenter), so `contains` is exact.
        return queryset.filter(presenters__contains=value) if value else queryset


class LegalServiceFilter(_EducationFilter):
    date_field = "served_on"
    q = django_filters.CharFilter(label="服务事项或服务人员", method="search")
    year = _year_filter()
    kind = django_filters.MultipleChoiceFilter(label="服务类型", choices=ServiceKind.choices)
    outcome = django_filters.ChoiceFilter(label="办理结果", choices=ServiceOutcome.choices)
    village = _village_filter()
    org_unit = _unit_filter()

    class Meta:
        model = LegalServiceRecord
        fields = ["q", "year", "kind", "outcome", "village", "org_unit"]

    def search(self, queryset, name, value):
        # The person served is not searchable: their name is masked wherever it is shown.
        value = value.strip()
        return (
            queryset.filter(Q(summary__contains=value) | Q(handled_by__contains=value)) if value else queryset
        )


class RosterMemberFilter(_EducationFilter):
    q = django_filters.CharFilter(label="姓名", field_name="name", lookup_expr="contains")
    kind = django_filters.ChoiceFilter(label="类别", choices=RosterKind.choices)
    trained = yes_no_filter("已参加培训", method="filter_trained")
    village = _village_filter()
    org_unit = _unit_filter()

    class Meta:
        model = RosterMember
        fields = ["q", "kind", "trained", "village", "org_unit"]

    def filter_trained(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(trained_on__isnull=not value)


class StaffTrainingFilter(_EducationFilter):
    date_field = "starts_on"
    q = django_filters.CharFilter(label="培训名称或组织单位", method="search")
    year = _year_filter()
    mode = django_filters.ChoiceFilter(label="培训方式", choices=TrainingMode.choices)
    org_unit = _unit_filter()

    class Meta:
        model = StaffTraining
        fields = ["q", "year", "mode", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(organiser__contains=value)) if value else queryset
