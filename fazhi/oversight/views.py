"""Oversight pages beyond the generic register pages: a rectification item with
its steps, a campaign with its figures, a case-file review with its findings,
the sampling of files to evaluate, and the evaluation report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.registers.views import (
    apply_errors,
    detail_context,
    error_text,
    figures_scope,
    figures_years,
    require,
    step_posted,
)
from fazhi.law import RuleError
from fazhi.oversight import actions, selectors, workflow
from fazhi.oversight.choices import RectificationStatus
from fazhi.oversight.definitions import campaigns, rectifications, reviews, rubrics
from fazhi.oversight.forms import (
    CompleteReviewForm,
    FindingsForm,
    ReviewStartForm,
    SampleForm,
    StepForm,
    deduction_formset,
    deductions_of,
)
from fazhi.oversight.models import CaseFileReview, Rectification, ReviewRubric

ERRORS = (RuleError, ValidationError, PermissionDenied)


# -- rectification items ---------------------------------------------------------------


def rectification_detail(request, pk: int):
    require(rectifications, request, "view")
    item = get_object_or_404(rectifications.queryset(request.user), pk=pk)
    ctx = detail_context(request, rectifications, item)
    if item.status == RectificationStatus.CLOSED:
        ctx["can_change"] = False  # a closed-out item is a record of what was done
    ctx.update(
        steps=list(item.steps.select_related("actor")),
        allowed=[(a, workflow.ACTION_LABELS[a]) for a in workflow.allowed_actions(item.status)
                 if request.user.has_perm(workflow.PERMISSIONS[a])],
        step_form=StepForm(initial={"on": timezone.localdate()}),
        source_url=_source_url(item),
        evidence_count=len(ctx.get("attachments", [])),  # a submission needs one (佐证材料)
    )  # fmt: skip
    return render(request, "oversight/rectifications_detail.html", ctx)


def _source_url(item: Rectification) -> str:
    if item.content_type_id == ContentType.objects.get_for_model(CaseFileReview).pk and item.object_id:
        return reviews.url("detail", item.object_id)
    if item.campaign_id:
        return campaigns.url("detail", item.campaign_id)
    return ""


@require_POST
def rectification_step(request, pk: int, action: str):
    item = get_object_or_404(rectifications.queryset(request.user), pk=pk)
    if action not in workflow.ACTION_LABELS:
        raise Http404("未知的整改环节")

    def take(data):
        actions.take_step(item, action, actor=request.user, on=data["on"], note=data["note"])

    return step_posted(
        request, item, StepForm(request.POST), take, f"已完成：{workflow.ACTION_LABELS[action]}"
    )


# -- campaigns -------------------------------------------------------------------------


def campaign_detail(request, pk: int):
    require(campaigns, request, "view")
    campaign = get_object_or_404(campaigns.queryset(request.user), pk=pk)
    ctx = detail_context(request, campaigns, campaign)
    problems = (rectifications.queryset(request.user).filter(campaign=campaign)
                .order_by("category__position", "due_on", "id"))  # fmt: skip
    ctx.update(figures=selectors.campaign_figures(campaign), problems=problems[:200],
               can_see_problems=rectifications.can(request.user, "view"))  # fmt: skip
    return render(request, "oversight/campaigns_detail.html", ctx)


# -- case-file reviews -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def review_new(request):
    """Start a review: draw files at random (the sampling form), pick one, name the evaluator."""
    require(reviews, request, "add")
    initial = {"case": request.GET.get("case")} if request.GET.get("case", "").isdigit() else {}
    form = ReviewStartForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            review = actions.start_review(actor=request.user, data=form.cleaned_data)
        except ERRORS as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已开始{review}")
            return redirect(review.get_absolute_url())
    year = timezone.localdate().year - 1
    sample_form = SampleForm(request.GET if "body" in request.GET else None, user=request.user,
                             initial={"year": year, "n": 5, "seed": str(year)})  # fmt: skip
    sample = None
    if sample_form.is_bound and sample_form.is_valid():
        d = sample_form.cleaned_data
        sample = selectors.sample_cases(d["body"], d["year"], d["n"], seed=d["seed"], user=request.user)
    return render(request, "oversight/review_new.html", {
        "register": reviews, "form": form, "sample_form": sample_form, "sample": sample,
        "no_rubric": not ReviewRubric.objects.visible_to(request.user).filter(is_active=True).exists(),
        "can_add_rubric": rubrics.can(request.user, "add"),
    })  # fmt: skip


def _review_or_404(request, pk: int) -> CaseFileReview:
    return get_object_or_404(reviews.queryset(request.user), pk=pk)


def review_detail(request, pk: int, *, findings=None, deductions=None, complete=None):
    require(reviews, request, "view")
    review = _review_or_404(request, pk)
    can_change = reviews.can(request.user, "change") and review.is_draft
    ctx = detail_context(request, reviews, review)
    ct = ContentType.objects.get_for_model(CaseFileReview)
    ctx.update(
        review=review, can_change=can_change,
        veto_results=list(review.veto_results.select_related("item")),
        deductions=list(review.deductions.select_related("item")),
        officers=review.case.officers.select_related("person"),
        rectifications=list(Rectification.objects.visible_to(request.user)
                            .filter(content_type=ct, object_id=str(review.pk)).select_related("lead_leader")),
        deducted=sum(d.points for d in review.deductions.all()),
    )  # fmt: skip
    if can_change:
        ctx.update(
            findings_form=findings or FindingsForm(review=review),
            deduction_formset=deductions or deduction_formset(review),
            complete_form=complete or CompleteReviewForm(user=request.user),
        )
    status = 400 if any(f is not None for f in (findings, deductions, complete)) else 200
    return render(request, "oversight/reviews_detail.html", ctx, status=status)


@require_POST
def review_findings(request, pk: int):
    require(reviews, request, "change")
    review = _review_or_404(request, pk)
    form = FindingsForm(request.POST, review=review)
    formset = deduction_formset(review, request.POST)
    if form.is_valid() and formset.is_valid():
        try:
            actions.record_findings(review, actor=request.user, vetoes=form.vetoes(),
                                    deductions=deductions_of(formset), summary=form.cleaned_data["summary"])  # fmt: skip
        except ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "已保存评查结果")
        return redirect(review.get_absolute_url())
    return review_detail(request, pk, findings=form, deductions=formset)


@require_POST
def review_complete(request, pk: int):
    require(reviews, request, "change")
    review = _review_or_404(request, pk)
    form = CompleteReviewForm(request.POST, user=request.user)
    if not form.is_valid():
        return review_detail(request, pk, complete=form)
    d = form.cleaned_data
    try:
        review = actions.complete_review(review, actor=request.user, lead_leader=d["lead_leader"],
                                         responsible_post=d["responsible_post"], on=d["on"])  # fmt: skip
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"评查完成：{review.score}分，{review.get_grade_display()}")
    return redirect(review.get_absolute_url())


def review_report(request):
    """Average scores per body and per officer of the reviews completed in a year."""
    unit, year = figures_scope(request, reviews)
    return render(request, "oversight/review_report.html", {
        "register": reviews, "unit": unit, "year": year, "years": figures_years(),
        "report": selectors.review_report(unit, year),
    })  # fmt: skip


@require_POST
def rubric_default(request):
    """The Chongqing standard as the user's unit's rubric."""
    require(rubrics, request, "add")
    if request.user.org_unit is None:
        raise PermissionDenied("没有所属单位的账号不能创建评查标准")
    try:
        rubric = actions.create_default_rubric(actor=request.user, org_unit=request.user.org_unit)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
        return redirect(reviews.url("create"))
    messages.success(request, f"已创建评查标准：{rubric}")
    return redirect(rubric.get_absolute_url())
