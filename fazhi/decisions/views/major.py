"""Pages of major decisions beyond the generic register pages: the catalogue with
its decisions and its approval, the decision's page with its five steps and the
forms of the next ones, the collective deliberation, and the archive download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.registers.views import detail_context, error_text, form_error_text, register_urls, require
from fazhi.decisions import archive
from fazhi.decisions.actions import major as actions
from fazhi.decisions.choices import CatalogueStatus, StepState
from fazhi.decisions.definitions.major import catalogues, decisions
from fazhi.decisions.forms import major as forms
from fazhi.decisions.models import MajorDecision, PublicComment
from fazhi.decisions.workflow import major as workflow
from fazhi.law import RuleError

ERRORS = (RuleError, ValidationError, PermissionDenied)


# -- catalogue -----------------------------------------------------------------------------


def catalogue_detail(request, pk: int):
    require(catalogues, request, "view")
    catalogue = get_object_or_404(catalogues.queryset(request.user), pk=pk)
    ctx = detail_context(request, catalogues, catalogue)
    today = timezone.localdate()
    ctx.update(
        items=list(decisions.queryset(request.user).filter(catalogue=catalogue)),
        can_approve=catalogue.status == CatalogueStatus.DRAFT and request.user.has_perm(workflow.DECIDE),
        can_publish=catalogue.status == CatalogueStatus.APPROVED and request.user.has_perm(workflow.CONDUCT),
        can_add_decision=decisions.can(request.user, "add"),
        today=today,
    )
    return render(request, "decisions/catalogues_detail.html", ctx)


@require_POST
def catalogue_step(request, pk: int, action: str):
    require(catalogues, request, "view")
    catalogue = get_object_or_404(catalogues.queryset(request.user), pk=pk)
    try:
        if action == "approve":
            form = forms.ApproveCatalogueForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            actions.approve_catalogue(catalogue, actor=request.user, on=form.cleaned_data["on"],
                                      meeting=form.cleaned_data["meeting"])  # fmt: skip
            done = "目录已审定"
        elif action == "publish":
            form = forms.PublishCatalogueForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            actions.publish_catalogue(catalogue, actor=request.user, on=form.cleaned_data["on"])
            done = "目录已公布"
        else:
            raise Http404("未知的操作")
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(catalogue.get_absolute_url())


# -- decision ---------------------------------------------------------------------------------


def _decision_or_404(request, pk: int) -> MajorDecision:
    require(decisions, request, "view")
    return get_object_or_404(decisions.queryset(request.user), pk=pk)


def step_rows(decision: MajorDecision) -> list[dict]:
    """The five steps with their evidence, for the page, the API and the archive."""
    rows = []
    steps = list(decision.steps.prefetch_related("expert_opinions", "member_opinions").order_by("position"))
    for step in steps:
        rows.append({"step": step, "experts": list(step.expert_opinions.all()),
                     "members": list(step.member_opinions.all())})  # fmt: skip
    return rows


def _next_step(decision: MajorDecision, rows: list[dict]):
    if decision.status not in workflow.STEP_STATUSES:
        return None
    return next((r["step"] for r in rows if not r["step"].finished), None)


def decision_detail(request, pk: int):
    require(decisions, request, "view")
    decision = _decision_or_404(request, pk)
    ctx = detail_context(request, decisions, decision)
    rows = step_rows(decision)
    nxt = _next_step(decision, rows)
    user = request.user
    today = timezone.localdate()
    ctx.update(
        rows=rows,
        next_step=nxt,
        can_step=nxt is not None and user.has_perm(workflow.STEP_PERMISSIONS[nxt.code]),
        can_request_review=nxt is not None and nxt.code == "legality_review" and nxt.state == StepState.PENDING
        and (user.has_perm(workflow.CONDUCT) or user.has_perm(workflow.REVIEW)),
        moves=[(a, workflow.ACTION_LABELS[a]) for a in workflow.allowed_actions(
            decision.status, evaluating=bool(decision.evaluation_reason) and not decision.evaluated_on)
            if user.has_perm(workflow.PERMISSIONS[a])],
        follow_ups=list(decision.follow_ups.select_related("actor")),
        comment_count=PublicComment.objects.filter(decision=decision).count(),
        can_add_comment=user.has_perm("decisions.add_publiccomment"),
        basis_documents=list(decision.basis_documents.all()),
        today=today,
        forms={
            "public_participation": forms.PublicParticipationForm(initial={"comment_starts_on": today}),
            "close_participation": forms.CloseParticipationForm(initial={"on": today}),
            "expert": forms.ExpertForm(initial={"on": today}),
            "experts": forms.ExpertFormSet(prefix="experts"),
            "risk": forms.RiskForm(initial={"on": today}),
            "not_applicable": forms.NotApplicableForm(),
            "request_review": forms.RequestReviewForm(initial={"requested_on": today}),
            "review": forms.ReviewForm(initial={"on": today}),
            "move": forms.MoveForm(initial={"on": today}),
        },
    )  # fmt: skip
    for form in ctx["forms"].values():
        for f in getattr(form, "forms", [form]):
            forms.style(f)
    return render(request, "decisions/decisions_detail.html", ctx)


@require_POST
def decision_step(request, pk: int, action: str):
    """One of the step forms of the decision's page."""
    decision = _decision_or_404(request, pk)
    post = request.POST
    try:
        if action == "participation_start":
            form = forms.PublicParticipationForm(post)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            d = form.cleaned_data
            actions.start_public_participation(
                decision, actor=request.user, comment_starts_on=d["comment_starts_on"],
                comment_ends_on=d["comment_ends_on"], short_reason=d["short_reason"], summary=d["summary"],
                hearing_on=d["hearing_on"], hearing_materials_sent_on=d["hearing_materials_sent_on"])  # fmt: skip
            done = "已发布征求意见"
        elif action == "participation_close":
            form = forms.CloseParticipationForm(post)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            actions.complete_public_participation(decision, actor=request.user, summary=form.cleaned_data["summary"],
                                                  on=form.cleaned_data["on"])  # fmt: skip
            done = "公众参与已办结"
        elif action == "experts":
            form, formset = forms.ExpertForm(post), forms.ExpertFormSet(post, prefix="experts")
            if not (form.is_valid() and formset.is_valid()):
                raise ValidationError(form_error_text(form) or "请检查专家意见")
            actions.record_expert_argumentation(
                decision, actor=request.user, opinions=[f.cleaned_data for f in formset.forms if f.cleaned_data],
                summary=form.cleaned_data["summary"], on=form.cleaned_data["on"])  # fmt: skip
            done = "专家论证已登记"
        elif action == "risk":
            form = forms.RiskForm(post)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            d = form.cleaned_data
            actions.record_risk_assessment(decision, actor=request.user, risk_level=d["risk_level"],
                                           measures=d["measures"], summary=d["summary"], on=d["on"])  # fmt: skip
            done = "风险评估已登记"
        elif action == "not_applicable":
            form = forms.NotApplicableForm(post)
            code = post.get("code", "")
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            if code not in workflow.STEP_PERMISSIONS:
                raise Http404("未知的决策程序")
            actions.mark_not_applicable(
                decision, actor=request.user, code=code, reason=form.cleaned_data["reason"]
            )
            done = "已记录不适用理由"
        elif action == "review_request":
            form = forms.RequestReviewForm(post)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            d = form.cleaned_data
            actions.request_legality_review(decision, actor=request.user, reviewer=d["reviewer"],
                                            requested_on=d["requested_on"], due_on=d["due_on"])  # fmt: skip
            done = "已送请合法性审查"
        elif action == "review":
            form = forms.ReviewForm(post)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            d = form.cleaned_data
            actions.record_legality_review(decision, actor=request.user, opinion=d["opinion"], text=d["text"],
                                           on=d["on"])  # fmt: skip
            done = "合法性审查意见已登记"
        else:
            raise Http404("未知的决策程序")
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(decision.get_absolute_url())


@require_http_methods(["GET", "POST"])
def deliberation(request, pk: int):
    """The collective deliberation: the meeting, every member's opinion in order
    (the head's last), the outcome and any dissent (第30条)."""
    decision = _decision_or_404(request, pk)
    if not request.user.has_perm(workflow.DECIDE):
        raise PermissionDenied("只有领导可以登记集体讨论决定")
    today = timezone.localdate()
    form = forms.DeliberationForm(request.POST or None, initial={"on": today})
    formset = forms.MemberFormSet(request.POST or None, prefix="members")
    error = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        d = form.cleaned_data
        try:
            actions.record_deliberation(
                decision, actor=request.user, meeting=d["meeting"], on=d["on"], attendees=d["attendees"],
                opinions=[f.cleaned_data for f in formset.forms if f.cleaned_data], outcome=d["outcome"],
                conclusion=d["conclusion"], dissent=d["dissent"], decision_text=d["decision_text"])  # fmt: skip
        except ERRORS as exc:
            error = error_text(exc)
        else:
            messages.success(request, "集体讨论决定已登记")
            return redirect(decision.get_absolute_url())
    for f in (form, *formset.forms):
        forms.style(f)
    rows = step_rows(decision)
    return render(request, "decisions/decision_deliberation.html", {
        "register": decisions, "object": decision, "form": form, "formset": formset, "error": error,
        "rows": rows, "missing": [r["step"] for r in rows[:4] if not r["step"].finished],
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@require_POST
def decision_move(request, pk: int, action: str):
    decision = _decision_or_404(request, pk)
    if action not in workflow.ACTION_LABELS:
        raise Http404("未知的操作")
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(decision.get_absolute_url())
    d = form.cleaned_data
    text, on = d["text"], d["on"]
    try:
        if action == "report":
            actions.report_to_party_committee(decision, actor=request.user, on=on, note=text)
        elif action == "publish":
            actions.publish_decision(decision, actor=request.user, on=on, where=d["extra"])
        elif action == "follow_up":
            actions.add_follow_up(decision, actor=request.user, progress=text, problems=d["extra"], on=on)
        elif action == "start_evaluation":
            if d["due_on"] is None:
                raise RuleError("请填写后评估期限", code="due_required")
            actions.start_evaluation(decision, actor=request.user, reason=text, due_on=d["due_on"])
        elif action == "complete_evaluation":
            actions.complete_evaluation(decision, actor=request.user, result=text, on=on)
        else:
            actions.shelve_decision(decision, actor=request.user, reason=text)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已完成：{workflow.ACTION_LABELS[action]}")
    return redirect(decision.get_absolute_url())


def decision_archive(request, pk: int):
    """The whole file as one zip: an index and a .docx per part, with the evidence (第33条)."""
    require(decisions, request, "view")
    decision = _decision_or_404(request, pk)
    data, name = archive.build(decision, actor=request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = archive.content_disposition(name)
    return response


urlpatterns = [
    path("catalogues/<int:pk>/step/<slug:action>/", catalogue_step, name="catalogues-step"),
    path("decisions/<int:pk>/step/<slug:action>/", decision_step, name="decisions-step"),
    path("decisions/<int:pk>/move/<slug:action>/", decision_move, name="decisions-move"),
    path("decisions/<int:pk>/deliberation/", deliberation, name="decisions-deliberation"),
    path("decisions/<int:pk>/archive/", decision_archive, name="decisions-archive"),
    *register_urls(catalogues, detail=catalogue_detail),
    *register_urls(decisions, detail=decision_detail),
]
