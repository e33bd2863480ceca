"""Filter bars of the supervision registers. A year filters a date as a range, so
that it reads the (org unit, date) index of its table."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.oversight.choices import (
    TOWN_INFO_CATEGORIES,
    InfoCategory,
    InfoItemStatus,
    InspectionKind,
    ProposalKind,
    RequestReply,
    Satisfaction,
)
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal


def in_year(queryset, field: str, year) -> object:
    if not year:
        return queryset
    year = int(year)
    if not 1900 <= year <= 2999:
        return queryset.none()
    return queryset.filter(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})


def _unit_filter():
    return django_filters.ModelChoiceFilter(label="所属单位", queryset=OrgUnit.objects.none(),
                                            method="filter_under_unit")  # fmt: skip


class InfoItemFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="标题", field_name="title", lookup_expr="contains")
    category = django_filters.ChoiceFilter(label="公开类别", choices=InfoCategory.choices)
    town_category = yes_no_filter("第二十一条乡镇公开事项", method="filter_town_category")
    status = django_filters.ChoiceFilter(label="状态", choices=InfoItemStatus.choices)
    published_year = django_filters.NumberFilter(label="公开年度", method="filter_published_year")
    overdue = yes_no_filter("逾期未公开", method="filter_overdue")
    org_unit = _unit_filter()

    class Meta:
        model = InfoItem
        fields = ["q", "category", "town_category", "status", "published_year", "overdue", "org_unit"]

    def filter_town_category(self, queryset, name, value):
        if value is None:
            return queryset
        town = Q(category__in=TOWN_INFO_CATEGORIES)
        return queryset.filter(town) if value else queryset.exclude(town)

    def filter_published_year(self, queryset, name, value):
        return in_year(queryset, "published_on", value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(published_on__isnull=True, status=InfoItemStatus.DRAFT, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class InfoRequestFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="编号或内容", method="search")
    reply_kind = django_filters.ChoiceFilter(label="答复类型", choices=RequestReply.choices)
    received_year = django_filters.NumberFilter(label="收到年度", method="filter_received_year")
    replied_year = django_filters.NumberFilter(label="答复年度", method="filter_replied_year")
    pending = yes_no_filter("未答复", method="filter_pending")
    overdue = yes_no_filter("逾期未答复", method="filter_overdue")
    extended = yes_no_filter("已延期", method="filter_extended")
    org_unit = _unit_filter()

    class Meta:
        model = InfoRequest
        fields = ["q", "reply_kind", "received_year", "replied_year", "pending", "overdue", "extended",
                  "org_unit"]  # fmt: skip

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(number__startswith=value) | Q(content__contains=value)) if value else queryset
        )

    def filter_received_year(self, queryset, name, value):
        return in_year(queryset, "received_on", value)

    def filter_replied_year(self, queryset, name, value):
        return in_year(queryset, "replied_on", value)

    def filter_pending(self, queryset, name, value):
        return queryset if value is None else queryset.filter(replied_on__isnull=value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(replied_on__isnull=True, reply_due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_extended(self, queryset, name, value):
        return queryset if value is None else queryset.filter(extension_approved_on__isnull=not value)


class ProposalFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="编号、标题或提出人", method="search")
    kind = django_filters.ChoiceFilter(label="类型", choices=ProposalKind.choices)
    assigned_year = django_filters.NumberFilter(label="交办年度", method="filter_assigned_year")
    replied_year = django_filters.NumberFilter(label="答复年度", method="filter_replied_year")
    satisfaction = django_filters.ChoiceFilter(label="满意度", choices=Satisfaction.choices)
    overdue = yes_no_filter("逾期未答复", method="filter_overdue")
    org_unit = _unit_filter()

    class Meta:
        model = Proposal
        fields = ["q", "kind", "assigned_year", "replied_year", "satisfaction", "overdue", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__startswith=value) | Q(title__contains=value) | Q(proposer__contains=value)
        )

    def filter_assigned_year(self, queryset, name, value):
        return in_year(queryset, "assigned_on", value)

    def filter_replied_year(self, queryset, name, value):
        return in_year(queryset, "replied_on", value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(replied_on__isnull=True, reply_due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class InspectionFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称或机关", method="search")
    kind = django_filters.ChoiceFilter(label="类型", choices=InspectionKind.choices)
    year = django_filters.NumberFilter(label="年度", method="filter_year")
    org_unit = _unit_filter()

    class Meta:
        model = Inspection
        fields = ["q", "kind", "year", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(by_whom__contains=value)) if value else queryset

    def filter_year(self, queryset, name, value):
        return in_year(queryset, "held_on", value)
