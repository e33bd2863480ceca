from __future__ import annotations

import django_filters
from django.db.models import Q

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.enforcement.choices import Authority, CaseStatus, DisclosureStatus, PartyKind, Procedure
from fazhi.enforcement.models import (
    Case,
    Disclosure,
    EnforcementBody,
    Entrustment,
    Matter,
    Officer,
    OfficerYear,
    Party,
)


class NameFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="contains")


class BodyFilter(NameFilter):
    class Meta:
        model = EnforcementBody
        fields = ["q", "kind"]


class EntrustmentFilter(RegisterFilterSet):
    class Meta:
        model = Entrustment
        fields = ["body"]


class MatterFilter(NameFilter):
    class Meta:
        model = Matter
        fields = ["q", "authority", "summary_allowed"]


class OfficerFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="姓名或证号", method="search")

    class Meta:
        model = Officer
        fields = ["q", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(person__name__contains=value) | Q(certificate_no__contains=value))
            if value
            else queryset
        )


EXAM_RESULTS = [("passed", "合格"), ("failed", "不合格"), ("none", "未考")]


class OfficerYearFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="姓名或证号", method="search")
    year = django_filters.NumberFilter(label="年度")
    training_completed = yes_no_filter("完成年度培训")
    exam = django_filters.ChoiceFilter(label="考试结果", choices=EXAM_RESULTS, method="filter_exam")
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                field_name="officer__org_unit", method="filter_under_unit")  # fmt: skip

    class Meta:
        model = OfficerYear
        fields = ["q", "year", "training_completed", "exam", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(
                Q(officer__person__name__contains=value) | Q(officer__certificate_no__contains=value)
            )
            if value
            else queryset
        )

    def filter_exam(self, queryset, name, value):
        if value == "none":
            return queryset.filter(exam_passed__isnull=True)
        if value in ("passed", "failed"):
            return queryset.filter(exam_passed=(value == "passed"))
        return queryset


class PartyFilter(NameFilter):
    kind = django_filters.ChoiceFilter(label="类型", choices=PartyKind.choices)

    class Meta:
        model = Party
        fields = ["q", "kind"]


class CaseFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="文号或当事人", method="search")
    procedure = django_filters.ChoiceFilter(label="程序", choices=Procedure.choices)
    authority = django_filters.ChoiceFilter(label="职权来源", choices=Authority.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=CaseStatus.choices)
    decided_from = django_filters.DateFilter(label="决定日起", field_name="decided_on", lookup_expr="gte")
    decided_to = django_filters.DateFilter(label="决定日止", field_name="decided_on", lookup_expr="lte")
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Case
        fields = ["q", "procedure", "authority", "status", "decided_from", "decided_to", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(decision_no__contains=value) | Q(party__name__contains=value))
            if value
            else queryset
        )


class DisclosureFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="文号", field_name="case__decision_no", lookup_expr="contains")
    status = django_filters.ChoiceFilter(label="公示状态", choices=DisclosureStatus.choices)
    decided_from = django_filters.DateFilter(label="决定日起", field_name="decided_on", lookup_expr="gte")
    decided_to = django_filters.DateFilter(label="决定日止", field_name="decided_on", lookup_expr="lte")

    class Meta:
        model = Disclosure
        fields = ["q", "status", "body", "decided_from", "decided_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = kwargs.get("user") or getattr(kwargs.get("request"), "user", None)
        self.filters["body"].queryset = EnforcementBody.objects.visible_to(user)
        self.filters["body"].label = "执法主体"
