import django_filters

from fazhi.core.filters import RegisterFilterSet
from fazhi.core.models import OrgUnit
from fazhi.reports.choices import ReportKind, ReportStatus
from fazhi.reports.models import Report


class ReportFilter(RegisterFilterSet):
    kind = django_filters.ChoiceFilter(label="报告类型", choices=ReportKind.choices)
    year = django_filters.NumberFilter(label="年度")
    status = django_filters.ChoiceFilter(label="状态", choices=ReportStatus.choices)
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip

    class Meta:
        model = Report
        fields = ["kind", "year", "status", "org_unit"]
