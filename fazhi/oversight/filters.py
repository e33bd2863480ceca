from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, YearFilter, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.oversight.choices import (
    RectificationSource,
    RectificationStatus,
    ReviewGrade,
    ReviewStatus,
    RubricItemKind,
)
from fazhi.oversight.models import Campaign, CaseFileReview, Rectification, ReviewRubric, RubricItem
from fazhi.oversight.models.inspections import SUPERVISION_SOURCES


def _limit(filterset: RegisterFilterSet, name: str, queryset) -> None:
    """Offer in a choice filter only the records the user sees (the form is built already)."""
    filterset.filters[name].queryset = queryset
    filterset.form.fields[name].queryset = queryset


class RectificationFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="问题或措施", method="search")
    source = django_filters.ChoiceFilter(label="来源", choices=RectificationSource.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=RectificationStatus.choices)
    campaign = django_filters.ModelChoiceFilter(label="专项整治", queryset=Campaign.objects.none())
    overdue = yes_no_filter("已逾期", method="filter_overdue")
    mine = yes_no_filter("只看我的", method="filter_mine")
    due_to = django_filters.DateFilter(label="整改期限止", field_name="due_on", lookup_expr="lte")
    supervision = yes_no_filter("督查、评议或司法建议发现", method="filter_supervision")
    closed_year = django_filters.NumberFilter(
        label="销号年度", method="filter_closed_year", min_value=2000, max_value=2100
    )
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Rectification
        fields = ["q", "source", "status", "campaign", "overdue", "mine", "due_to", "supervision", "closed_year",
                  "org_unit"]  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user or getattr(kwargs.get("request"), "user", None)
        _limit(self, "campaign", Campaign.objects.visible_to(self.user))

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(problem__contains=value) | Q(measures__contains=value)) if value else queryset
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(due_on__lt=timezone.localdate()) & ~Q(status=RectificationStatus.CLOSED)
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_supervision(self, queryset, name, value):
        """Raised by an inspection, an appraisal or a judicial suggestion (the findings the
        annual report's row 22 counts, statistics_supervision.inspection_close_out)."""
        if value is None:
            return queryset
        found = Q(source__in=SUPERVISION_SOURCES)
        return queryset.filter(found) if value else queryset.exclude(found)

    def filter_closed_year(self, queryset, name, value):
        """Closed out (销号) in the year: a date range, as selectors.on_time_rate counts it."""
        if not value:
            return queryset
        start, end = dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        return queryset.filter(status=RectificationStatus.CLOSED, closed_on__gte=start, closed_on__lte=end)

    def filter_mine(self, queryset, name, value):
        """Items the user leads, submitted, or whose post the user's person holds."""
        if not value or self.user is None:
            return queryset
        mine = Q(lead_leader=self.user) | Q(submitted_by=self.user)
        if self.user.person_id:
            mine |= Q(responsible_post__holders=self.user.person_id)
        return queryset.filter(mine).distinct()


class CampaignFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="contains")
    year = YearFilter(label="年度", method="filter_year")
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Campaign
        fields = ["q", "year", "org_unit"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(starts_on__year__lte=value, ends_on__year__gte=value) if value else queryset


class ReviewFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="决定书文号", field_name="case__decision_no", lookup_expr="contains")
    status = django_filters.ChoiceFilter(label="状态", choices=ReviewStatus.choices)
    grade = django_filters.ChoiceFilter(label="等次", choices=ReviewGrade.choices)
    year = YearFilter(label="评查年度", field_name="reviewed_on", lookup_expr="year")

    class Meta:
        model = CaseFileReview
        fields = ["q", "status", "grade", "year"]


class RubricFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称", field_name="name", lookup_expr="contains")

    class Meta:
        model = ReviewRubric
        fields = ["q", "is_active"]


class RubricItemFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="评查项目", field_name="title", lookup_expr="contains")
    rubric = django_filters.ModelChoiceFilter(label="评查标准", queryset=ReviewRubric.objects.none())
    kind = django_filters.ChoiceFilter(label="类型", choices=RubricItemKind.choices)

    class Meta:
        model = RubricItem
        fields = ["q", "rubric", "kind"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _limit(
            self,
            "rubric",
            ReviewRubric.objects.visible_to(user or getattr(kwargs.get("request"), "user", None)),
        )
