"""The county's page of its towns' reports: where each town's reports of a year
stand and its key figures side by side (`county.county_overview`), with an Excel
export of the same cells (`?format=xlsx`). A county user sees every town; a town
user (or a user of an office or village of a town) sees only their own town."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.registers.views import _xlsx, figures_year, figures_years
from fazhi.reports.comparison import number_text
from fazhi.reports.county import FIGURE_COLUMNS, CountyOverview, KeyFigures, county_overview, scope_unit

PERMISSION = "reports.view_report"


def county(request):
    """The overview of the user's county (or town) for `?year=` (default: the year
    just ended, whose reports are written and published this spring)."""
    user = request.user
    if not user.has_perm(PERMISSION):
        raise PermissionDenied("您的角色无权进行此操作")
    if user.org_unit is None:
        raise PermissionDenied("没有所属单位的账号不能查看统计")
    unit = scope_unit(user.org_unit)
    year = figures_year(request) if request.GET.get("year") else timezone.localdate().year - 1
    overview = county_overview(unit, year)
    if request.GET.get("format") == "xlsx":
        return _export(request, overview)
    return render(request, "reports/county.html", {
        "unit": unit, "year": year, "years": figures_years(), "overview": overview,
        "figure_headers": [header for _, header, _ in FIGURE_COLUMNS],
        "rows": [(row, _figure_cells(row.unit, row.figures, year, row.is_town)) for row in overview.rows],
        "own_cells": _figure_cells(unit, overview.own.figures, year, False) if overview.own else None,
        "total_cells": _figure_cells(unit, overview.total, year, True),
    })  # fmt: skip


def _figure_cells(unit, figures: KeyFigures, year: int, linked: bool) -> list[tuple[str, str]]:
    """(value as written, the records behind it or "") in the order of the columns."""
    from fazhi.reports.links import figure_link

    cells = []
    for (_, _, key), value in zip(FIGURE_COLUMNS, figures.cells(), strict=True):
        link = figure_link(key, unit, year) if linked else ""
        cells.append((number_text(value), link or ""))
    return cells


# -- the export ------------------------------------------------------------------------------------


def _headers(overview: CountyOverview) -> list[str]:
    headers = ["镇（乡、街道）"]
    for _, label, needs_submission in overview.kinds:
        headers.append(f"{label}·状态")
        if needs_submission:
            headers += [f"{label}·报送期限", f"{label}·报送日期"]
        headers += [f"{label}·公开期限", f"{label}·公开日期", f"{label}·逾期情况"]
    return headers + [header for _, header, _ in FIGURE_COLUMNS]


def _cells(overview: CountyOverview, row) -> list:
    cells: list = [row.name]
    for kind, _, needs_submission in overview.kinds:
        state = row.reports.get(kind)
        if state is None:  # the county's own records: it writes no town report
            cells += [""] * (5 if needs_submission else 4)
            continue
        cells.append(state.status_label)
        if needs_submission:
            cells += [state.submit_due_on, state.submitted_on]
        cells += [state.publish_due_on, state.published_on, state.late_text]
    return cells + row.figures.cells()


def _export(request, overview: CountyOverview):
    import xlsxwriter

    headers = _headers(overview)
    rows = [_cells(overview, row) for row in overview.rows]
    if overview.own is not None:
        rows.append(_cells(overview, overview.own))
    total = ["合计"] + [""] * (len(headers) - len(FIGURE_COLUMNS) - 1) + overview.total.cells()
    rows.append(total)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet(f"{overview.year}年各镇年度报告"[:31])
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    bold = wb.add_format({"bold": True})
    ws.write_string(
        0,
        0,
        f"{overview.unit.name}{overview.year}年度报告和主要数据（导出于{timezone.localdate():%Y-%m-%d}）",
        bold,
    )
    for c, h in enumerate(headers):
        ws.write_string(1, c, h, head)
        ws.set_column(c, c, 16 if c == 0 else 12)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | Decimal) and not isinstance(value, bool):
                ws.write_number(r, c, float(value) if isinstance(value, Decimal) else value)
            else:
                ws.write_string(r, c, str(value))
    ws.freeze_panes(2, 1)
    wb.close()
    audit.record(
        actor=request.user,
        action="reports.report.exported",
        target_repr=f"{overview.unit.name}{overview.year}年各镇年度报告",
        new={"year": overview.year, "towns": len(overview.rows)},
    )
    return _xlsx(buf.getvalue(), f"{overview.unit.name}{overview.year}年各镇年度报告.xlsx")
