from __future__ import annotations

import django_filters
from django.db.models import Q

from fazhi.core.filters import RegisterFilterSet, YearFilter
from fazhi.decisions.choices import CatalogueStatus, DecisionStatus
from fazhi.decisions.models import DecisionCatalogue, MajorDecision


class CatalogueFilter(RegisterFilterSet):
    year = YearFilter(label="年度", field_name="year")
    status = django_filters.ChoiceFilter(label="状态", choices=CatalogueStatus.choices)

    class Meta:
        model = DecisionCatalogue
        fields = ["year", "status"]


class DecisionFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="决策事项", method="search")
    year = YearFilter(label="目录年度", field_name="catalogue__year")
    status = django_filters.ChoiceFilter(label="状态", choices=DecisionStatus.choices)
    decided_year = YearFilter(label="决定年度", field_name="decided_on", lookup_expr="year")

    class Meta:
        model = MajorDecision
        fields = ["q", "year", "status", "decided_year"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(summary__contains=value)) if value else queryset
