"""The supervision flags' pages beyond the register list: a flag with its
confirm and dismiss forms, the models with their thresholds and hit counts for a
year, and a scan of the user's town on demand."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core.registers.views import detail_context, error_text, figures_scope, figures_years, require
from fazhi.law import RuleError
from fazhi.reports.choices import FlagStatus
from fazhi.reports.supervision import actions, rules
from fazhi.reports.supervision.definitions import flags

ERRORS = (RuleError, PermissionDenied)
DONE = {"confirm": "已确认该预警", "dismiss": "已排除该预警"}


def _can_handle(user) -> bool:
    return flags.can(user, "handle")


def flag_detail(request, pk: int):
    require(flags, request, "view")
    flag = get_object_or_404(flags.queryset(request.user).select_related("content_type"), pk=pk)
    ctx = detail_context(request, flags, flag)
    ctx.update(
        model=rules.BY_CODE.get(flag.model_code),
        can_handle=flag.status == FlagStatus.OPEN and _can_handle(request.user),
        status_class={"open": "warning", "confirmed": "danger", "dismissed": "secondary"}.get(flag.status),
    )
    return render(request, "reports/supervision/flag_detail.html", ctx)


@require_POST
def flag_handle(request, pk: int, action: str):
    require(flags, request, "view")
    flag = get_object_or_404(flags.queryset(request.user), pk=pk)
    try:
        actions.handle(flag, action, actor=request.user, note=request.POST.get("note", ""))
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, DONE.get(action, "已处理"))
    return redirect(flags.url("detail", flag.pk))


def models_page(request):
    """Each model: what it looks for, its thresholds as this installation has them,
    and its flags detected in the year in the user's unit (total, open, confirmed,
    dismissed), each count linked to the list of those flags."""
    unit, year = figures_scope(request, flags)
    rows = actions.counts(flags.queryset(request.user), year)
    for row in rows:
        code = row["model"].code
        row["cells"] = [
            (key, row[key], flags.filtered_url(model=code, year=year, status="" if key == "total" else key))
            for key in ("total", *FlagStatus.values)
        ]
    return render(request, "reports/supervision/models.html", {
        "register": flags, "rows": rows, "unit": unit, "year": year, "years": figures_years(),
        "lookback": rules.LOOKBACK_DAYS, "can_scan": _can_handle(request.user),
        "totals": {k: sum(r[k] for r in rows) for k in ("total", *FlagStatus.values)},
    })  # fmt: skip


@require_POST
def scan_now(request):
    """Scan the user's town at once (the nightly job does the same for every town)."""
    require(flags, request, "handle")
    unit = request.user.org_unit
    if unit is None:
        raise PermissionDenied("没有所属单位的账号不能扫描")
    town = unit.town or unit
    try:
        result = actions.scan(town, actor=request.user)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        found = sum(result.hits.values())
        messages.success(
            request, f"扫描完成：{town.name}共命中{found}条记录，新增预警{result.total_created}条"
        )
    return redirect(reverse("reports:flags-models"))
