"""Pages of emergency management: the five registers' generic pages, a plan's own
page (its versions and the revision step), a team's own page (its members and
equipment), and the year's drill figures (应急演练统计)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from fazhi.core import files
from fazhi.core.registers.base import Register
from fazhi.core.registers.views import (
    detail_context,
    error_text,
    figures_scope,
    figures_years,
    form_error_text,
    register_urls,
    require,
)
from fazhi.emergency import actions
from fazhi.emergency.choices import PlanStatus
from fazhi.emergency.definitions import drills, equipment, members, plans, teams
from fazhi.emergency.forms import PlanReviseForm
from fazhi.emergency.models import PlanVersion, TeamEquipment, TeamMember
from fazhi.emergency.statistics import drill_figures
from fazhi.law import RuleError

ERRORS = (RuleError, ValidationError, PermissionDenied)


def plan_detail(request, pk: int):
    require(plans, request, "view")
    plan = get_object_or_404(plans.queryset(request.user), pk=pk)
    ctx = detail_context(request, plans, plan)
    ctx["versions"] = list(
        PlanVersion.objects.filter(plan=plan).select_related("file").order_by("-approved_on", "-id")
    )
    ctx["revise_form"] = (
        PlanReviseForm(plan=plan)
        if plan.status == PlanStatus.IN_FORCE and plans.can(request.user, "change")
        else None
    )
    return render(request, "emergency/plans_detail.html", ctx)


@require_POST
def plan_revise(request, pk: int):
    """Record a new version; its text, when given, is kept as an attachment of the plan
    in the same transaction."""
    require(plans, request, "change")
    plan = get_object_or_404(plans.queryset(request.user), pk=pk)
    form = PlanReviseForm(request.POST, request.FILES, plan=plan)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(plan.get_absolute_url())
    data = dict(form.cleaned_data)
    upload = data.pop("file", None)
    try:
        with transaction.atomic():
            attachment = None
            if upload is not None:
                if not request.user.has_perm("core.add_attachment"):
                    raise PermissionDenied("您的角色不能上传附件")
                attachment = files.store(upload, actor=request.user, org_unit=plan.org_unit, owner=plan,
                                         description=f"预案文本 {data['number']}")  # fmt: skip
            actions.revise_plan(plan, actor=request.user, file=attachment, **data)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已登记修订：{data['number']}")
    return redirect(plan.get_absolute_url())


def _own_columns(register: Register) -> list:
    """A team part's list columns without those naming the team (the page is the team's)."""
    return [c for c in register.columns if not c.field.startswith("team")]


def team_detail(request, pk: int):
    require(teams, request, "view")
    team = get_object_or_404(teams.queryset(request.user), pk=pk)
    ctx = detail_context(request, teams, team)
    if members.can(request.user, "view"):
        columns = _own_columns(members)
        rows = TeamMember.objects.filter(team=team).order_by("-is_active", "role", "name", "id")
        ctx.update(members=[(m, [c.value(m) for c in columns]) for m in rows], member_columns=columns,
                   can_add_member=members.can(request.user, "add"))  # fmt: skip
    if equipment.can(request.user, "view"):
        columns = _own_columns(equipment)
        rows = TeamEquipment.objects.filter(team=team).order_by("item", "id")
        ctx.update(equipment=[(e, [c.value(e) for c in columns]) for e in rows], equipment_columns=columns,
                   can_add_equipment=equipment.can(request.user, "add"))  # fmt: skip
    return render(request, "emergency/teams_detail.html", ctx)


def drill_figures_page(request):
    """The drills of the user's unit in a year, by kind, each count linked to the list it counts."""
    unit, year = figures_scope(request, drills)
    figures = drill_figures(unit, year)
    scope = {"org_unit": unit.pk, "year": year}
    rows = [("开展应急演练", f"{figures.total}次", drills.filtered_url(**scope), "演练日期在本年度的演练")]
    rows += [(f"其中：{label}", f"{count}次", drills.filtered_url(kind=value, **scope), "")
             for value, label, count in figures.kinds() if count]  # fmt: skip
    rows.append(
        ("参演人数合计", f"{figures.participants}人次", drills.filtered_url(**scope), "各次演练参演人数之和")
    )
    return render(request, "emergency/drill_figures.html", {
        "unit": unit, "year": year, "years": figures_years(), "figures": figures, "rows": rows,
    })  # fmt: skip


urlpatterns = [
    path("drills/figures/", drill_figures_page, name="drill-figures"),
    path("plans/<int:pk>/revise/", plan_revise, name="plans-revise"),
    *register_urls(plans, detail=plan_detail),
    *register_urls(drills),
    *register_urls(teams, detail=team_detail),
    *register_urls(members),
    *register_urls(equipment),
]
