"""Pages of the legal advisor: the four registers' generic pages, a contract review's
own page with the review step, and the year's figures (法律顾问履职统计)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
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
from fazhi.decisions.actions import advisor as actions
from fazhi.decisions.definitions.advisor import activities, advisors, contracts, policies
from fazhi.decisions.forms.advisor import ContractReviewForm
from fazhi.decisions.statistics import TRAINING_KINDS, advisor_figures
from fazhi.law import RuleError

ERRORS = (RuleError, ValidationError, PermissionDenied)


def contract_detail(request, pk: int):
    require(contracts, request, "view")
    contract = get_object_or_404(contracts.queryset(request.user), pk=pk)
    ctx = detail_context(request, contracts, contract)
    ctx["review_form"] = (
        ContractReviewForm(contract=contract)
        if contract.reviewed_on is None and contracts.can(request.user, "change")
        else None
    )
    return render(request, "decisions/advisor_contract_detail.html", ctx)


@require_POST
def contract_review(request, pk: int):
    require(contracts, request, "change")
    contract = get_object_or_404(contracts.queryset(request.user), pk=pk)
    form = ContractReviewForm(request.POST, contract=contract)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(contract.get_absolute_url())
    try:
        actions.record_contract_review(contract, actor=request.user, **form.cleaned_data)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "已登记审查结论")
    return redirect(contract.get_absolute_url())


def advisor_figures_page(request):
    """The advisor's figures for the user's unit and a year, each linked to the list it counts."""
    unit, year = figures_scope(request, advisors)
    figures = advisor_figures(unit, year)
    scope = {"org_unit": unit.pk}
    rows = [
        ("法律顾问单位", "、".join(figures.firms) or "未聘请", advisors.filtered_url(year=year, **scope),
         "聘期涉及本年度的法律顾问"),
        ("审查合同", f"{figures.contracts_reviewed}件", contracts.filtered_url(reviewed_year=year, **scope),
         "本年度完成审查的合同"),
        ("法治培训、讲座", f"{figures.trainings}次",
         activities.filtered_url(kind=[str(k) for k in TRAINING_KINDS], year=year, **scope), "法律顾问开展的法治培训和讲座"),
        ("列席政府决策会议", f"{figures.decision_meetings}次",
         activities.filtered_url(kind="decision_meeting", year=year, **scope), "法律顾问列席的政府决策会议"),
    ]  # fmt: skip
    return render(request, "decisions/advisor_figures.html", {
        "unit": unit, "year": year, "years": figures_years(), "figures": figures, "rows": rows,
    })  # fmt: skip


urlpatterns = [
    path("advisors/figures/", advisor_figures_page, name="advisor-figures"),
    path("contracts/<int:pk>/review/", contract_review, name="contracts-review"),
    *register_urls(advisors),
    *register_urls(activities),
    *register_urls(contracts, detail=contract_detail),
    *register_urls(policies),
]
