"""The supervision flags as a register: listed, filtered by model, status, unit
and year of detection, exported, reached through the API. Flags are made by the
scan only (no form, no import); each is confirmed or dismissed on its own page."""

from __future__ import annotations

import django_filters

from fazhi.core.filters import RegisterFilterSet
from fazhi.core.models import OrgUnit
from fazhi.core.registers.base import Column, ExcelColumn, Register, registry
from fazhi.reports.choices import FlagStatus
from fazhi.reports.models import SupervisionFlag
from fazhi.reports.supervision import rules

REASON_SHOWN = 80  # characters of the reason in the list; the page and the export have it whole


def _short(text: str) -> str:
    return text if len(text) <= REASON_SHOWN else text[: REASON_SHOWN - 1] + "…"


class FlagFilter(RegisterFilterSet):
    model = django_filters.ChoiceFilter(label="预警模型", field_name="model_code", choices=rules.CHOICES)
    status = django_filters.ChoiceFilter(label="状态", choices=FlagStatus.choices)
    org_unit = django_filters.ModelChoiceFilter(label="单位", queryset=OrgUnit.objects.none(),
                                                method="filter_under_unit")  # fmt: skip
    year = django_filters.NumberFilter(label="发现年度", method="filter_year")

    class Meta:
        model = SupervisionFlag
        fields = ["model", "status", "org_unit", "year"]

    def filter_year(self, queryset, name, value):
        """A date range, so that the (org unit, detected on) index is read."""
        import datetime as dt

        if value is None or not 2000 <= int(value) <= 2100:
            return queryset if value is None else queryset.none()
        year = int(value)
        return queryset.filter(detected_on__gte=dt.date(year, 1, 1), detected_on__lte=dt.date(year, 12, 31))


flags = registry.add(Register(
    key="flags", namespace="reports", model=SupervisionFlag, label="监督预警", module="reports",
    description="监督预警模型每晚检查执法案件、执法公示和矛盾纠纷台账，发现异常情形（反复顶格罚款、临期决定、"
                "久拖不决、反复检查同一企业、应公示未公示、纠纷结案后再次登记等）提示法制审核人员核实；"
                "核实后确认或排除并说明情况。各模型的阈值和命中数见“预警模型”页面。",
    form_class=None, filterset_class=FlagFilter, importable=False,
    select_related=("org_unit", "handled_by"), ordering=("-detected_on", "-id"),
    columns=[Column("target_label", "记录", link=True), Column("model_code", "预警模型", mask=rules.name_of),
             Column("reason", "预警原因", mask=_short), Column("detected_on", "发现日期", sort="detected_on"),
             Column("status", "状态", sort="status"), Column("handled_by", "处理人"),
             Column("org_unit.name", "单位", sort="org_unit__path")],
    detail_fields=[Column("target_label", "记录"), Column("model_code", "预警模型", mask=rules.name_of),
                   Column("reason", "预警原因"), Column("detected_on", "发现日期"), Column("status", "状态"),
                   Column("note", "处理说明"), Column("handled_by", "处理人"), Column("handled_on", "处理日期"),
                   Column("org_unit.name", "单位")],
    excel_columns=[ExcelColumn("单位", None, export=lambda f: f.org_unit.name, width=16),
                   ExcelColumn("预警模型", None, export=lambda f: rules.name_of(f.model_code), width=22),
                   ExcelColumn("记录", None, export=lambda f: f.target_label, width=30),
                   ExcelColumn("预警原因", None, export=lambda f: f.reason, width=60),
                   ExcelColumn("发现日期", None, export=lambda f: f.detected_on, width=12),
                   ExcelColumn("状态", None, export=lambda f: f.get_status_display()),
                   ExcelColumn("处理说明", None, export=lambda f: f.note, width=40),
                   ExcelColumn("处理人", None, export=lambda f: str(f.handled_by) if f.handled_by_id else ""),
                   ExcelColumn("处理日期", None, export=lambda f: f.handled_on, width=12)],
))  # fmt: skip
