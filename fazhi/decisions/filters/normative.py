"""Filters of the normative documents and public comments registers."""

from __future__ import annotations

import django_filters
from django.db.models import F, Q
from django.utils import timezone

from fazhi.core.filters import RegisterFilterSet, YearFilter, yes_no_filter
from fazhi.core.models import OrgUnit
from fazhi.decisions.choices import CommentChannel, DocumentStatus
from fazhi.decisions.models import MajorDecision, NormativeDocument, PublicComment

FILING_PENDING, FILING_OVERDUE, FILING_ON_TIME, FILING_LATE = "pending", "overdue", "on_time", "late"
FILING_CHOICES = [
    (FILING_PENDING, "待备案"),
    (FILING_OVERDUE, "逾期未备案"),
    (FILING_ON_TIME, "按期备案"),
    (FILING_LATE, "逾期备案"),
]


def filing_q(state: str, today) -> Q:
    """The documents in a filing state, as NormativeDocument.filing_state() names them."""
    due = Q(filing_due_on__isnull=False)
    return {
        FILING_PENDING: due & Q(filed_on__isnull=True, filing_due_on__gte=today),
        FILING_OVERDUE: due & Q(filed_on__isnull=True, filing_due_on__lt=today),
        FILING_ON_TIME: due & Q(filed_on__isnull=False, filed_on__lte=F("filing_due_on")),
        FILING_LATE: due & Q(filed_on__isnull=False, filed_on__gt=F("filing_due_on")),
    }[state]


class DocumentFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="名称或文号", method="search")
    status = django_filters.ChoiceFilter(label="状态", choices=DocumentStatus.choices)
    year = YearFilter(label="公布年度", field_name="published_on", lookup_expr="year")
    filing = django_filters.ChoiceFilter(label="备案情况", choices=FILING_CHOICES, method="filter_filing")
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = NormativeDocument
        fields = ["q", "status", "year", "filing", "org_unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(title__contains=value) | Q(doc_number__contains=value)) if value else queryset
        )

    def filter_filing(self, queryset, name, value):
        return queryset.filter(filing_q(value, timezone.localdate())) if value else queryset


class CommentFilter(RegisterFilterSet):
    q = django_filters.CharFilter(label="意见内容", field_name="content", lookup_expr="contains")
    document = django_filters.ModelChoiceFilter(label="规范性文件", queryset=NormativeDocument.objects.none())
    decision = django_filters.ModelChoiceFilter(label="重大行政决策", queryset=MajorDecision.objects.none())
    channel = django_filters.ChoiceFilter(label="渠道", choices=CommentChannel.choices)
    adopted = yes_no_filter("已采纳")
    year = YearFilter(label="收到年度", field_name="received_on", lookup_expr="year")

    class Meta:
        model = PublicComment
        fields = ["q", "document", "decision", "channel", "adopted", "year"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        user = user or getattr(kwargs.get("request"), "user", None)
        for name, model in (("document", NormativeDocument), ("decision", MajorDecision)):
            qs = model.objects.visible_to(user).order_by("-id")
            self.filters[name].queryset = qs
            self.form.fields[name].queryset = qs
