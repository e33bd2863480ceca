"""Pages of reconsideration and litigation cases: the generic register pages, each case's
own page (its history, the rectification item it opened, attachments and the forms of
the steps open to the user), the step endpoints its forms post to, the year's figures,
and the panel an enforcement case's page shows of the remedies sought against it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from fazhi.core.registers.views import (
    detail_context,
    error_text,
    figures_scope,
    figures_years,
    form_error_text,
    register_urls,
    require,
)
from fazhi.core.workbench import Panel
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.choices import LitigationOutcome, ReconsiderationOutcome, RemedyDeadlineState
from fazhi.disputes.definitions.remedies import litigations, reconsiderations
from fazhi.disputes.forms.remedies import LITIGATION_STEP_FORMS, RECONSIDERATION_STEP_FORMS
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.statistics.remedies import remedy_figures
from fazhi.disputes.workflow import remedies as workflow
from fazhi.law import RuleError

ERRORS = (RuleError, ValidationError, PermissionDenied)

# What differs between the two kinds of case: register, steps and their forms, permission.
KINDS = {
    "reconsiderations": (reconsiderations, workflow.RECONSIDERATION_STEPS, RECONSIDERATION_STEP_FORMS,
                         workflow.reconsideration_steps, workflow.RECONSIDERATION_PERMISSION,
                         actions.take_reconsideration_step),
    "litigations": (litigations, workflow.LITIGATION_STEPS, LITIGATION_STEP_FORMS, workflow.litigation_steps,
                    workflow.LITIGATION_PERMISSION, actions.take_litigation_step),
}  # fmt: skip


def _rectifications(user, obj) -> list | None:
    """The rectification items the case opened, as the user may see them (None: the
    user may not read rectification items)."""
    if not user.has_perm("oversight.view_rectification"):
        return None
    from fazhi.oversight.models import Rectification

    return list(
        Rectification.objects.visible_to(user).filter(pk__in=actions.rectifications_of(obj).values("pk"))
    )


def _detail(request, pk: int, key: str):
    register, labels, forms, steps_of, permission, _ = KINDS[key]
    require(register, request, "view")
    obj = get_object_or_404(register.queryset(request.user), pk=pk)
    ctx = detail_context(request, register, obj)
    steps = steps_of(obj.status) if request.user.has_perm(permission) else []
    ctx.update(
        history=list(obj.steps.select_related("actor")),
        rectifications=_rectifications(request.user, obj),
        step_forms=[(s, labels[s], forms[s](user=request.user, auto_id=f"{s}-%s")) for s in steps],
        step_url=f"disputes:{key}-step",
        kind=key,
    )
    if isinstance(obj, Litigation):
        ctx["litigation_of"] = obj.reconsideration if obj.reconsideration_id else None
    else:
        ctx["litigations"] = list(obj.litigations.visible_to(request.user)) if litigations.can(
            request.user, "view") else []  # fmt: skip
    return render(request, f"disputes/{key}_detail.html", ctx)


def reconsideration_detail(request, pk: int):
    return _detail(request, pk, "reconsiderations")


def litigation_detail(request, pk: int):
    return _detail(request, pk, "litigations")


def _step(request, pk: int, step: str, key: str):
    register, labels, forms, _, _, take = KINDS[key]
    require(register, request, "view")
    obj = get_object_or_404(register.queryset(request.user), pk=pk)
    if step not in forms:
        raise Http404("未知的办理环节")
    form = forms[step](request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(obj.get_absolute_url())
    before = actions.rectifications_of(obj).count()
    try:
        take(obj, step, actor=request.user, data=form.cleaned_data)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        opened = actions.rectifications_of(obj).count() > before
        messages.success(request, f"已完成：{labels[step]}" + ("；已生成整改事项" if opened else ""))
    return redirect(obj.get_absolute_url())


@require_POST
def reconsideration_step(request, pk: int, step: str):
    return _step(request, pk, step, "reconsiderations")


@require_POST
def litigation_step(request, pk: int, step: str):
    return _step(request, pk, step, "litigations")


# -- figures ------------------------------------------------------------------------------------


def _rate(value) -> str:
    return "—" if value is None else f"{value:.1%}"


def figures_page(request):
    """The year's reconsideration and litigation figures for the user's unit, each linked
    to the list it counts."""
    unit, year = figures_scope(request, reconsiderations)
    f = remedy_figures(unit, year)
    scope = {"year": year, "org_unit": unit.pk}
    r, li = f.reconsideration, f.litigation
    recon_rows = [
        ("收到行政复议案件", f"{r.received}件", reconsiderations.filtered_url(**scope), "本年度收到申请书副本的案件"),
        *((f"其中：{ReconsiderationOutcome(k).label}", f"{n}件", reconsiderations.filtered_url(outcome=k, **scope), "")
          for k, n in r.by_outcome.items()),
        ("尚未审结", f"{r.pending}件", reconsiderations.filtered_url(status="received", **scope), "尚未作出决定或终止"),
        ("复议纠错率", _rate(r.correction_rate), "", f"纠错{r.corrected}件 ÷ 作出复议决定{r.decided}件"),
        ("按期答复率", _rate(r.on_time_rate), reconsiderations.filtered_url(reply=RemedyDeadlineState.ON_TIME, **scope),
         f"按期答复{r.replied_on_time}件 ÷ 已答复{r.replied}件"),
    ]  # fmt: skip
    lit_rows = [
        ("收到行政诉讼案件", f"{li.received}件" if li.received else "无", litigations.filtered_url(**scope),
         "本年度收到起诉状副本的案件"),
        *((f"其中：{LitigationOutcome(k).label}", f"{n}件", litigations.filtered_url(outcome=k, **scope), "")
          for k, n in li.by_outcome.items()),
        ("败诉率", _rate(li.loss_rate), "", f"败诉{li.lost}件 ÷ 已裁判{li.judged}件（以生效裁判为准）"),
        ("负责人出庭应诉率", _rate(li.appearance_rate), litigations.filtered_url(head_appeared="true", **scope),
         f"负责人出庭{li.appeared}件 ÷ 开庭审理{li.heard}件"),
    ]  # fmt: skip
    return render(request, "disputes/remedy_figures.html", {
        "unit": unit, "year": year, "years": figures_years(), "figures": f,
        "recon_rows": recon_rows, "lit_rows": lit_rows,
    })  # fmt: skip


# -- the enforcement case's panel -------------------------------------------------------------------


def case_panel(user, case) -> Panel | None:
    """The reconsiderations and lawsuits against an enforcement case, for its page
    (added to fazhi.enforcement.views.CASE_PANELS by DisputesConfig.ready)."""
    recons = (
        list(Reconsideration.objects.visible_to(user).filter(enforcement_case=case))
        if reconsiderations.can(user, "view")
        else []
    )
    suits = list(Litigation.objects.visible_to(user).filter(enforcement_case=case)) if litigations.can(
        user, "view") else []  # fmt: skip
    if not recons and not suits:
        return None
    return Panel(
        "复议和诉讼", "disputes/remedy_case_panel.html", {"reconsiderations": recons, "litigations": suits}
    )


urlpatterns = [
    path("reconsiderations/figures/", figures_page, name="remedy-figures"),
    path("reconsiderations/<int:pk>/step/<slug:step>/", reconsideration_step, name="reconsiderations-step"),
    path("litigations/<int:pk>/step/<slug:step>/", litigation_step, name="litigations-step"),
    *register_urls(reconsiderations, detail=reconsideration_detail),
    *register_urls(litigations, detail=litigation_detail),
]
