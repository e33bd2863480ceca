"""Pages of the supervision registers beyond the generic ones: each record's page
with its steps (withdraw or expire an item, extend a request, find a proposal
difficult, add an inspection's findings), and the figures of a year: the annual
report on government information disclosure, the proposals and the close-out of
inspection findings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.models.scoped import visible_unit_ids
from fazhi.core.registers.views import (
    detail_context,
    error_text,
    figures_scope,
    register_urls,
    require,
    step_posted,
)
from fazhi.law import RuleError
from fazhi.oversight import selectors, statistics_supervision
from fazhi.oversight.choices import InfoItemStatus, RectificationSource
from fazhi.oversight.definitions import rectifications
from fazhi.oversight.supervision import actions
from fazhi.oversight.supervision.definitions import disclosure_requests, disclosures, inspections, proposals
from fazhi.oversight.supervision.forms import ApprovalForm, EndForm, FindingForm

ERRORS = (RuleError, ValidationError, PermissionDenied)


def _today_form(cls):
    return cls(initial={"on": timezone.localdate()})


# -- proactive items ----------------------------------------------------------------------------


def disclosure_detail(request, pk: int):
    require(disclosures, request, "view")
    item = get_object_or_404(disclosures.queryset(request.user), pk=pk)
    ctx = detail_context(request, disclosures, item)
    ended = item.status in (InfoItemStatus.WITHDRAWN, InfoItemStatus.EXPIRED)
    ctx["can_change"] = ctx["can_change"] and not ended
    ctx.update(
        can_end=item.status == InfoItemStatus.PUBLISHED and disclosures.can(request.user, "change"),
        withdraw_form=_today_form(ApprovalForm),
        expire_form=_today_form(EndForm),
        on_portal=item.status == InfoItemStatus.PUBLISHED,
    )
    return render(request, "oversight/disclosures_detail.html", ctx)


@require_POST
def disclosure_withdraw(request, pk: int):
    item = get_object_or_404(disclosures.queryset(request.user), pk=pk)
    return step_posted(request, item, ApprovalForm(request.POST),
                 lambda d: actions.withdraw_info_item(item, actor=request.user, reason=d["reason"], on=d["on"]),
                 "已撤回，公开平台不再展示该信息")  # fmt: skip


@require_POST
def disclosure_expire(request, pk: int):
    item = get_object_or_404(disclosures.queryset(request.user), pk=pk)
    return step_posted(request, item, EndForm(request.POST),
                 lambda d: actions.expire_info_item(item, actor=request.user, reason=d["reason"], on=d["on"]),
                 "已标记失效，公开平台不再展示该信息")  # fmt: skip


# -- requests -----------------------------------------------------------------------------------


def request_detail(request, pk: int):
    require(disclosure_requests, request, "view")
    item = get_object_or_404(disclosure_requests.queryset(request.user), pk=pk)
    ctx = detail_context(request, disclosure_requests, item)
    ctx.update(
        can_extend=(request.user.has_perm("oversight.extend_inforequest") and not item.extended
                    and item.replied_on is None and item.reply_due_on is not None),
        extend_form=_today_form(ApprovalForm),
    )  # fmt: skip
    return render(request, "oversight/disclosure_requests_detail.html", ctx)


@require_POST
def request_extend(request, pk: int):
    item = get_object_or_404(disclosure_requests.queryset(request.user), pk=pk)
    return step_posted(request, item, ApprovalForm(request.POST),
                 lambda d: actions.extend_info_request(item, actor=request.user, reason=d["reason"], on=d["on"]),
                 "已批准延长答复期限")  # fmt: skip


# -- proposals ----------------------------------------------------------------------------------


def proposal_detail(request, pk: int):
    require(proposals, request, "view")
    item = get_object_or_404(proposals.queryset(request.user), pk=pk)
    ctx = detail_context(request, proposals, item)
    ctx.update(
        can_approve=(request.user.has_perm("oversight.approve_difficult_proposal") and not item.difficult
                     and item.replied_on is None),
        difficult_form=_today_form(ApprovalForm),
    )  # fmt: skip
    return render(request, "oversight/proposals_detail.html", ctx)


@require_POST
def proposal_difficult(request, pk: int):
    item = get_object_or_404(proposals.queryset(request.user), pk=pk)
    return step_posted(request, item, ApprovalForm(request.POST),
                 lambda d: actions.approve_difficult_period(item, actor=request.user, reason=d["reason"], on=d["on"]),
                 "已认定为涉及面广、处理难度大，答复期限为交办之日起六个月")  # fmt: skip


# -- inspections --------------------------------------------------------------------------------


def inspection_detail(request, pk: int, *, finding_form=None):
    require(inspections, request, "view")
    item = get_object_or_404(inspections.queryset(request.user), pk=pk)
    ctx = detail_context(request, inspections, item)
    findings = actions.findings_of(item).filter(org_unit__in=visible_unit_ids(request.user))
    can_add = rectifications.can(request.user, "add")
    ctx.update(
        findings=list(
            findings.select_related("lead_leader", "responsible_post").order_by("due_on", "id")[:200]
        ),
        on_time=selectors.on_time_of(findings),
        can_add_finding=can_add,
        finding_form=finding_form or (FindingForm(inspection=item, user=request.user) if can_add else None),
        source_label=RectificationSource(item.finding_source).label,
    )
    return render(request, "oversight/inspections_detail.html", ctx, status=400 if finding_form else 200)


@require_POST
def inspection_finding(request, pk: int):
    require(rectifications, request, "add")
    item = get_object_or_404(inspections.queryset(request.user), pk=pk)
    form = FindingForm(request.POST, inspection=item, user=request.user)
    if not form.is_valid():
        return inspection_detail(request, pk, finding_form=form)
    try:
        finding = actions.add_inspection_finding(item, actor=request.user, data=form.cleaned_data)
    except ERRORS as exc:
        form.add_error(None, error_text(exc))
        return inspection_detail(request, pk, finding_form=form)
    messages.success(request, f"已列为整改事项：{finding}")
    return redirect(item.get_absolute_url())


# -- figures of a year --------------------------------------------------------------------------


def _unit_and_year(request) -> tuple:
    unit, year = figures_scope(request)
    return unit, year, range(timezone.localdate().year, 2018, -1)


def disclosure_report(request):
    """The statistics of the annual report on government information disclosure (第50条)."""
    require(disclosures, request, "view")
    unit, year, years = _unit_and_year(request)
    return render(request, "oversight/disclosure_report.html", {
        "unit": unit, "year": year, "years": years,
        "report": statistics_supervision.disclosure_report(unit, year),
        "items_url": f"{disclosures.url('list')}?published_year={year}&org_unit={unit.pk}",
        "requests_url": f"{disclosure_requests.url('list')}?received_year={year}&org_unit={unit.pk}",
    })  # fmt: skip


def proposal_figures(request):
    require(proposals, request, "view")
    unit, year, years = _unit_and_year(request)
    return render(request, "oversight/proposals_figures.html", {
        "unit": unit, "year": year, "years": years,
        "figures": statistics_supervision.proposal_figures(unit, year),
        "list_url": f"{proposals.url('list')}?replied_year={year}&org_unit={unit.pk}",
    })  # fmt: skip


def inspection_figures(request):
    require(inspections, request, "view")
    unit, year, years = _unit_and_year(request)
    return render(request, "oversight/inspections_figures.html", {
        "unit": unit, "year": year, "years": years,
        "rate": statistics_supervision.inspection_close_out(unit, year),
        "list_url": f"{inspections.url('list')}?year={year}&org_unit={unit.pk}",
        "items_url": f"{rectifications.url('list')}?source=inspection&org_unit={unit.pk}",
    })  # fmt: skip


# -- URLs ---------------------------------------------------------------------------------------


urlpatterns = [
    path("disclosure-report/", disclosure_report, name="disclosure-report"),
    path("disclosures/<int:pk>/withdraw/", disclosure_withdraw, name="disclosures-withdraw"),
    path("disclosures/<int:pk>/expire/", disclosure_expire, name="disclosures-expire"),
    path("disclosure-requests/<int:pk>/extend/", request_extend, name="disclosure-requests-extend"),
    path("proposals/figures/", proposal_figures, name="proposals-figures"),
    path("proposals/<int:pk>/difficult/", proposal_difficult, name="proposals-difficult"),
    path("inspections/figures/", inspection_figures, name="inspections-figures"),
    path("inspections/<int:pk>/findings/", inspection_finding, name="inspections-findings"),
    *register_urls(disclosures, detail=disclosure_detail),
    *register_urls(disclosure_requests, detail=request_detail),
    *register_urls(proposals, detail=proposal_detail),
    *register_urls(inspections, detail=inspection_detail),
]
