"""The dashboard page (驾驶舱): the charts of a unit's year, each bar and slice linking
to its records, with the same figures as tables of links beneath for readers
without script (or a screen reader).

Who: holders of `reports.view_report` (the leaders, the rule-of-law office, the
legal reviewers). Which unit: the user's own, or a unit under it chosen with
`?unit=` (a county user picks a town); a unit the user cannot see is a 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.core.registers.views import figures_year, figures_years
from fazhi.reports.dashboard.data import dashboard_data

PERMISSION = "reports.view_report"
PICKABLE = (
    OrgKind.COUNTY,
    OrgKind.TOWN,
)  # the units the picker offers (any unit under the user's may be asked)


def chosen_unit(request) -> OrgUnit:
    """The user's unit, or the unit under it named by `?unit=` (else 404)."""
    own = request.user.org_unit
    asked = request.GET.get("unit")
    if not asked or asked == str(own.pk):
        return own
    if not asked.isdigit():
        raise Http404("没有这个单位")
    unit = OrgUnit.objects.visible_to(request.user).filter(pk=int(asked)).first()
    if unit is None:
        raise Http404("没有这个单位")
    return unit


def units_to_pick(user) -> list[OrgUnit]:
    """The user's own unit, then the counties and towns under it."""
    own = user.org_unit
    under = OrgUnit.objects.filter(path__startswith=own.path, kind__in=PICKABLE).exclude(pk=own.pk)
    return [own, *under.order_by("sort_order", "path")]


def table(chart: dict) -> dict:
    """A chart as a table of links: a bar chart one row per category and one column per
    series; a pie one row per slice."""
    if chart["kind"] == "pie":
        series = chart["series"][0]
        return {"headers": [series["name"]],
                "rows": [(p["name"], [(p["value"], p["url"], False)]) for p in series["data"]]}  # fmt: skip
    return {
        "headers": [s["name"] for s in chart["series"]],
        "rows": [
            (category, [(s["data"][i]["value"], s["data"][i]["url"], s.get("percent", False))
                        for s in chart["series"]])
            for i, category in enumerate(chart["categories"])
        ],
    }  # fmt: skip


def dashboard(request):
    """The dashboard of the chosen unit for `?year=` (default this year)."""
    user = request.user
    if not user.has_perm(PERMISSION):
        raise PermissionDenied("您的角色无权进行此操作")
    if user.org_unit is None:
        raise PermissionDenied("没有所属单位的账号不能查看统计")
    unit = chosen_unit(request)
    year = figures_year(request, last=timezone.localdate().year)
    data = dashboard_data(unit, year)
    return render(request, "reports/dashboard.html", {
        "unit": unit, "year": year, "years": figures_years(), "units": units_to_pick(user), "data": data,
        "charts": [(chart, table(chart)) for chart in data["charts"]], "numbers": data["numbers"],
    })  # fmt: skip
