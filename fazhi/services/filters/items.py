"""Filters of the service list (政务服务事项清单): status, kind, online, visits and a
search over code and name, and the unit (the unit and the units under it)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from fazhi.core.filters import RegisterFilterSet, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.services.choices import ItemKind, ItemStatus
from fazhi.services.models import ServiceItem

VISITS = [(0, "0次（零跑腿）"), (1, "1次（最多跑一次）")]


class ServiceItemFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="编码或名称", method="search")
    kind = django_filters.ChoiceFilter(label="事项类型", choices=ItemKind.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=ItemStatus.choices)
    online = yes_no_filter("可网上办理")
    visits_needed = django_filters.TypedChoiceFilter(label="到现场次数", choices=VISITS, coerce=int)
    org_unit = django_filters.ModelChoiceFilter(
        label="所属单位", queryset=OrgUnit.objects.none(), method="filter_under_unit"
    )

    class Meta:
        model = ServiceItem
        fields = ["q", "kind", "status", "online", "visits_needed", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(name__contains=value))
