"""Pages of the mediation registers: the four registers' generic pages; a committee's
own page (its mediators, rooms and disputes); a screening round's page with every
village's figures, the grid to record them all at once and the finish step; the
rounds' export with the per-village results; and the year's figures."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import audit
from fazhi.core.registers import excel, registry
from fazhi.core.registers.views import (
    _xlsx,
    detail_context,
    error_text,
    figures_scope,
    figures_years,
    register_urls,
    require,
)
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.choices import CommitteeLevel, DisputeStatus, MediatorRole, RoomKind
from fazhi.disputes.definitions.mediation import committees, mediators, rooms, rounds
from fazhi.disputes.forms.mediation import FinishForm, results_formset, results_of
from fazhi.disputes.models import Dispute, ScreeningResult
from fazhi.disputes.statistics.mediation import committee_figures
from fazhi.law import RuleError

ERRORS = (RuleError, ValidationError, PermissionDenied)


def _disputes_link(**params) -> str | None:
    """The disputes list filtered as asked, when that register offers the filters."""
    register = registry.get("disputes:disputes")
    if register is None or not set(params) <= set(register.filterset_class.base_filters):
        return None
    return f"{register.list_url}?{urlencode(params)}"


def committee_detail(request, pk: int):
    require(committees, request, "view")
    committee = get_object_or_404(committees.queryset(request.user), pk=pk)
    ctx = detail_context(request, committees, committee)
    today = timezone.localdate()
    rank = {role: n for n, role in enumerate(MediatorRole.values)}
    people = sorted(committee.mediators.select_related("user"), key=lambda m: (rank.get(m.role, 9), m.name))
    ctx["mediators"] = [(m, m.active_in(today, today)) for m in people]
    ctx["rooms"] = list(committee.rooms.order_by("kind", "name"))
    ctx["can_see_people"] = mediators.can(request.user, "view")
    handled = (
        Dispute.objects.visible_to(request.user)
        .filter(committee=committee)
        .aggregate(total=Count("id"), closed=Count("id", filter=Q(status=DisputeStatus.CLOSED)))
    )
    ctx["disputes"] = {**handled, "url": _disputes_link(committee=committee.pk)}
    return render(request, "disputes/committees_detail.html", ctx)


def _round_or_404(request, pk: int):
    return get_object_or_404(rounds.queryset(request.user), pk=pk)


def round_detail(request, pk: int, formset=None, finish_error: str = "", status: int = 200):
    require(rounds, request, "view")
    screening = _round_or_404(request, pk)
    ctx = detail_context(request, rounds, screening)
    results = list(screening.results.select_related("village").order_by("village__path"))
    can_record = rounds.can(request.user, "change") and not screening.is_finished
    if can_record and (formset is None or len(formset.forms) != len(results)):
        formset = results_formset(screening)
    reported = [r for r in results if r.is_reported]
    ctx.update(
        results=results,
        rows=list(zip(results, formset.forms, strict=True)) if can_record else [(r, None) for r in results],
        formset=formset if can_record else None,
        finish_form=FinishForm() if can_record else None,
        finish_error=finish_error,
        totals={
            "villages": len(results),
            "reported": len(reported),
            "missing": len(results) - len(reported),
            "found": sum(r.found for r in reported),
            "resolved_on_spot": sum(r.resolved_on_spot for r in reported),
            "high_risk": sum(r.high_risk for r in reported),
            "none_found": sum(1 for r in reported if r.found == 0),
        },
    )
    return render(request, "disputes/rounds_detail.html", ctx, status=status)


@require_POST
def round_results(request, pk: int):
    require(rounds, request, "change")
    screening = _round_or_404(request, pk)
    formset = results_formset(screening, request.POST)
    if not formset.is_valid():
        messages.error(request, "填报内容有误，请按提示修改后重新保存")
        return round_detail(request, pk, formset=formset, status=400)
    try:
        actions.record_results(screening, actor=request.user, results=results_of(formset))
    except ERRORS as exc:
        messages.error(request, error_text(exc))
        return round_detail(request, pk, formset=formset, status=400)
    messages.success(request, "排查结果已保存")
    return redirect(screening.get_absolute_url())


@require_POST
def round_finish(request, pk: int):
    require(rounds, request, "change")
    screening = _round_or_404(request, pk)
    form = FinishForm(request.POST)
    on = form.cleaned_data.get("on") if form.is_valid() else None
    try:
        actions.finish_round(screening, actor=request.user, on=on)
    except ERRORS as exc:
        return round_detail(request, pk, finish_error=error_text(exc), status=400)
    messages.success(request, "本轮排查已完成")
    return redirect(screening.get_absolute_url())


# -- the rounds' export: the rounds, and every village's results on a second sheet ----------

RESULT_HEADERS = ["排查月份", "所属镇", "村（社区）代码", "村（社区）", "是否上报", "排查发现", "当场化解",
                  "重大风险隐患", "上报日期", "上报人", "情况说明"]  # fmt: skip


def _write_sheet(wb, title: str, headers: list[str], rows, widths: list[int]) -> None:
    ws = wb.add_worksheet(title)
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for i, h in enumerate(headers):
        ws.write_string(0, i, h, head)
        ws.set_column(i, i, widths[i] if i < len(widths) else 12)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int) and not isinstance(value, bool):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))  # text stays text: never a formula
    ws.freeze_panes(1, 0)


def rounds_export(request):
    require(rounds, request, "view")
    _, qs = rounds.filtered(request.user, request.GET)
    round_list = list(qs)
    results = (
        ScreeningResult.objects.filter(round__in=[r.pk for r in round_list])
        .select_related("round", "round__org_unit", "village")
        .order_by("-round__month", "round__org_unit__path", "village__path")
    )
    result_rows = [
        [f"{r.round.month:%Y-%m}", r.round.org_unit.name, r.village.code, r.village.name,
         "是" if r.is_reported else "否", r.found, r.resolved_on_spot if r.is_reported else None,
         r.high_risk if r.is_reported else None, r.reported_on, r.reporter, r.note]
        for r in results
    ]  # fmt: skip
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    _write_sheet(wb, rounds.label, excel.export_headers(rounds), excel.export_rows(rounds, round_list),
                 [10] + [c.width for c in rounds.excel_columns])  # fmt: skip
    _write_sheet(wb, "各村排查结果", RESULT_HEADERS, result_rows, [10, 12, 16, 16, 8, 10, 10, 12, 12, 10, 30])
    wb.close()
    audit.record(
        actor=request.user,
        action="disputes.screeninground.exported",
        target_repr=rounds.label,
        new={"rows": len(round_list), "results": len(result_rows),
             "filters": {k: v for k, v in request.GET.items() if v}},
    )  # fmt: skip
    return _xlsx(buf.getvalue(), f"{rounds.label}_{timezone.localdate():%Y%m%d}.xlsx")


# -- the year's figures ------------------------------------------------------------------------


def mediation_figures_page(request):
    """The organisations' figures for the user's unit and a year, each linked to the
    list it counts."""
    unit, year = figures_scope(request, committees)
    f = committee_figures(unit, year)
    scope = {"org_unit": unit.pk, "year": year}
    rows = [
        ("人民调解委员会", f"{f.committees}个", committees.filtered_url(**scope), "本年度存续的调解委员会")
    ]
    rows += [
        (
            f"其中：{label}",
            f"{f.committees_by_level[value]}个",
            committees.filtered_url(level=value, **scope),
            "",
        )
        for value, label in CommitteeLevel.choices
        if f.committees_by_level[value]
    ]
    rows.append(("调解室", f"{f.rooms}个", rooms.filtered_url(**scope), "本年度在用的派驻调解室"))
    rows += [
        (f"其中：{label}", f"{f.rooms_by_kind[value]}个", rooms.filtered_url(kind=value, **scope), "")
        for value, label in RoomKind.choices
        if f.rooms_by_kind[value] or value in (RoomKind.COURT, RoomKind.POLICE)
    ]
    rows += [
        ("调解员", f"{f.mediators}名", mediators.filtered_url(**scope), "本年度在任的委员和调解员"),
        ("其中：专职", f"{f.mediators_full_time}名", mediators.filtered_url(full_time="true", **scope), ""),
        ("其中：兼职", f"{f.mediators_part_time}名", mediators.filtered_url(full_time="false", **scope), ""),
        ("矛盾纠纷排查", f"{f.rounds}轮（已完成{f.rounds_finished}轮）", rounds.filtered_url(**scope),
         "本年度各月的排查"),
        ("村（社区）上报", f"{f.village_reports}次（{f.villages_reporting}个村、社区）", rounds.filtered_url(**scope),
         "各轮排查中村（社区）上报的次数，报“无”的也计入"),
        ("排查发现矛盾纠纷", f"{f.found}件", rounds.filtered_url(**scope), "各村（社区）上报数之和"),
        ("当场化解", f"{f.resolved_on_spot}件", rounds.filtered_url(**scope), ""),
        ("重大风险隐患", f"{f.high_risk}件", rounds.filtered_url(**scope), ""),
    ]  # fmt: skip
    return render(request, "disputes/mediation_figures.html", {
        "unit": unit, "year": year, "years": figures_years(), "figures": f, "rows": rows,
    })  # fmt: skip


urlpatterns = [
    path("committees/figures/", mediation_figures_page, name="mediation-figures"),
    path("rounds/<int:pk>/results/", round_results, name="rounds-results"),
    path("rounds/<int:pk>/finish/", round_finish, name="rounds-finish"),
    *register_urls(committees, detail=committee_detail),
    *register_urls(mediators),
    *register_urls(rooms),
    *register_urls(rounds, detail=round_detail, export=rounds_export),
]
