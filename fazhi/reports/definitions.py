"""The yearly reports as a register: listed, filtered, exported, reached through
the API. A report is created from its town's template (`actions.create_report`);
its texts are edited and its steps taken on its own page."""

from __future__ import annotations

from fazhi.core.registers.base import Column, ExcelColumn, Register, registry
from fazhi.reports import actions
from fazhi.reports.filters import ReportFilter
from fazhi.reports.forms import ReportCreateForm
from fazhi.reports.models import Report


def _create(*, actor, data):
    return actions.create_report(data["org_unit"], data["kind"], int(data["year"]), actor=actor)


reports = registry.add(Register(
    key="reports", namespace="reports", model=Report, label="年度报告", module="reports",
    description="法治政府建设年度报告和政府信息公开工作年度报告：按本镇模板从台账生成，"
                "经审核、领导审定、报送上级后向社会公开；报送和公开期限进入预警。",
    form_class=ReportCreateForm, filterset_class=ReportFilter, importable=False,
    select_related=("org_unit", "drafter"), ordering=("-year", "kind", "org_unit__path"), create=_create,
    columns=[Column("__str__", "报告", link=True), Column("kind", "报告类型"), Column("year", "年度", sort="year"),
             Column("status", "状态", sort="status"), Column("deadline_state", "期限情况"),
             Column("submitted_on", "报送日期"), Column("published_on", "公开日期"),
             Column("org_unit.name", "单位", sort="org_unit__path")],
    detail_fields=[],
    excel_columns=[ExcelColumn("单位", None, export=lambda r: r.org_unit.name, width=16),
                   ExcelColumn("报告类型", None, export=lambda r: r.get_kind_display(), width=28),
                   ExcelColumn("年度", None, export=lambda r: r.year),
                   ExcelColumn("状态", None, export=lambda r: r.get_status_display()),
                   ExcelColumn("报送期限", None, export=lambda r: r.submit_due_on, width=12),
                   ExcelColumn("公开期限", None, export=lambda r: r.publish_due_on, width=12),
                   ExcelColumn("审核日期", None, export=lambda r: r.reviewed_on, width=12),
                   ExcelColumn("审定日期", None, export=lambda r: r.approved_on, width=12),
                   ExcelColumn("报送日期", None, export=lambda r: r.submitted_on, width=12),
                   ExcelColumn("报送单位", None, export=lambda r: r.submitted_to, width=24),
                   ExcelColumn("公开日期", None, export=lambda r: r.published_on, width=12),
                   ExcelColumn("期限情况", None, export=lambda r: r.deadline_state())],
))  # fmt: skip
