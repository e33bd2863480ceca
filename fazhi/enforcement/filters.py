from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.enforcement.choices import (
    Authority,
    CaseStatus,
    DecisionKind,
    DisclosureStatus,
    OfficerStatus,
    PartyKind,
    Procedure,
)
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
from fazhi.enforcement.statistics import OWN


def year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The bodies the user sees, as the form offers them: never another town's names.
        user = kwargs.get("user") or getattr(kwargs.get("request"), "user", None)
        self.filters["body"].queryset = EnforcementBody.objects.visible_to(user)


class MatterFilter(NameFilter):
    class Meta:
        model = Matter
        fields = ["q", "authority", "summary_allowed"]


class OfficerFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="姓名或证号", method="search")
    certified_year = django_filters.NumberFilter(
        label="持证年度", method="filter_certified_year", min_value=2000, max_value=2100
    )
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Officer
        fields = ["q", "status", "certified_year", "org_unit"]

    def filter_certified_year(self, queryset, name, value):
        """Officers holding a valid certificate on some day of the year: an active
        certificate whose term meets the year (the officers the annual report's row 7
        counts, oversight.statistics_duty.certified_in)."""
        if not value:
            return queryset
        start, end = year_range(value)
        return queryset.filter(status=OfficerStatus.ACTIVE, valid_from__lte=end, valid_to__gte=start)

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


# The town's own powers (statutory or assigned) against entrusted ones, as the annual
# report's penalty figures separate them (statistics.penalty_figures).
AUTHORITY_SOURCES = [("own", "本镇职权（法定职权或赋权）"), ("entrusted", "委托执法")]


class CaseFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="文号或当事人", method="search")
    procedure = django_filters.ChoiceFilter(label="程序", choices=Procedure.choices)
    authority = django_filters.ChoiceFilter(label="职权来源", choices=Authority.choices)
    authority_source = django_filters.ChoiceFilter(
        label="职权类别", choices=AUTHORITY_SOURCES, method="filter_authority_source"
    )
    decision_kind = django_filters.ChoiceFilter(label="决定类型", choices=DecisionKind.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=CaseStatus.choices)
    decided_from = django_filters.DateFilter(label="决定日起", field_name="decided_on", lookup_expr="gte")
    decided_to = django_filters.DateFilter(label="决定日止", field_name="decided_on", lookup_expr="lte")
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Case
        fields = ["q", "procedure", "authority", "authority_source", "decision_kind", "status", "decided_from",
                  "decided_to", "org_unit"]  # fmt: skip

    def filter_authority_source(self, queryset, name, value):
        if value == "own":
            return queryset.filter(authority__in=OWN)
        if value == "entrusted":
            return queryset.filter(authority=Authority.ENTRUSTED)
        return queryset

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
