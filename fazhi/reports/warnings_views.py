"""The warnings board (预警): what is overdue (red) or due soon (yellow) across every
register, mine or my unit's, with its Excel export and the navigation badge
(fetched by htmx after the page has loaded, so no page pays for it)."""

from __future__ import annotations

import io
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core import live
from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.core.roles import ROLES
from fazhi.core.workdays import CalendarNotCovered
from fazhi.reports import warnings

LEVELS = {"": "全部", warnings.RED: "逾期", warnings.YELLOW: "临期"}


def _params(request):
    user = request.user
    if user.org_unit_id is None:
        raise PermissionDenied("没有所属单位的账号没有预警事项")
    scope = request.GET.get("scope") if request.GET.get("scope") in warnings.SCOPES else "mine"
    only = request.GET.get("level") if request.GET.get("level") in (warnings.RED, warnings.YELLOW) else None
    roles = [name for name in user.groups.values_list("name", flat=True) if name in ROLES]
    role = request.GET.get("role") if request.GET.get("role") in roles else None
    unit = user.org_unit
    if request.GET.get("unit"):
        try:
            unit = OrgUnit.objects.visible_to(user).get(pk=int(request.GET["unit"]))
        except (ValueError, OrgUnit.DoesNotExist) as exc:
            raise Http404("没有这个单位") from exc
    return scope, only, role, roles, unit


def _items(request, scope, only, role, unit):
    try:
        return warnings.board(request.user, scope=scope, unit=unit, role=role, only=only), ""
    except CalendarNotCovered as exc:
        # Working days cannot be counted without the year's holiday notice: say so and
        # still list what is overdue by its stored date.
        return warnings.board(request.user, scope=scope, unit=unit, role=role, only=warnings.RED), str(exc)


@require_GET
def board(request):
    scope, only, role, roles, unit = _params(request)
    items, calendar_warning = _items(request, scope, only, role, unit)
    if request.GET.get("format") == "xlsx":
        return _export(request, items, scope)
    red = sum(1 for i in items if i.level == warnings.RED)
    query = {k: v for k, v in request.GET.items() if k != "format" and v}
    return render(request, "reports/warnings.html", {
        "items": items, "red": red, "yellow": len(items) - red, "scope": scope, "scopes": warnings.SCOPES,
        "level": only or "", "levels": LEVELS, "role": role or "",
        "roles": [(r, ROLES[r]) for r in roles], "unit": unit,
        "units": OrgUnit.objects.visible_to(request.user).filter(kind__in=(OrgKind.COUNTY, OrgKind.TOWN)).order_by("path"),
        "window": warnings.window_days(), "today": timezone.localdate(), "calendar_warning": calendar_warning,
        "export_query": urlencode({**query, "format": "xlsx"}),
        "live_after": live.latest_id(), "live_poll_seconds": settings.FAZHI_LIVE_POLL_SECONDS,
    })  # fmt: skip


@require_GET
def badge(request):
    """The navigation's counts of my red and yellow items (an htmx fragment)."""
    if not request.user.is_authenticated or request.user.org_unit_id is None:
        return HttpResponse("预警")
    red, yellow = warnings.counts(request.user)
    return render(request, "reports/_warnings_badge.html", {"red": red, "yellow": yellow})


def _export(request, items, scope: str) -> HttpResponse:
    import xlsxwriter

    from fazhi.core import audit

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("预警")
    bold = book.add_format({"bold": True})
    headers = ["预警", "事项", "记录", "到期日", "情况", "责任人", "责任岗位", "单位", "依据"]
    widths = [8, 30, 36, 12, 16, 12, 16, 16, 30]
    for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.write(0, col, header, bold)
        sheet.set_column(col, col, width)
    for row, item in enumerate(items, start=1):
        d = item.deadline
        values = [item.level_label, d.label, d.record_label, d.due_date.isoformat(), item.when,
                  str(d.owner or ""), d.post.name if d.post_id else "", d.org_unit.name, d.citation]  # fmt: skip
        for col, value in enumerate(values):
            sheet.write_string(row, col, value)
    book.close()
    audit.record(actor=request.user, action="reports.warnings.exported", target_repr="预警",
                 new={"scope": scope, "rows": len(items)})  # fmt: skip
    name = f"预警{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
