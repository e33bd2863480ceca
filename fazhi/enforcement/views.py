"""Case pages: the on-the-spot form, the case file with its timeline, and the steps."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.file_views import attachments_of_many
from fazhi.core.registers.views import (
    apply_errors,
    error_text,
    figures_scope,
    figures_years,
    require,
    step_posted,
)
from fazhi.enforcement import actions, disclosure, steps, workflow
from fazhi.enforcement.choices import DecisionKind, PenaltyKind
from fazhi.enforcement.definitions import cases, disclosures
from fazhi.enforcement.forms import SummaryCaseForm
from fazhi.enforcement.models import Disclosure
from fazhi.law import RuleError

# Panels other apps add to a case's page: fn(user, case) -> fazhi.core.workbench.Panel | None
# (disputes: the reconsiderations and lawsuits against the case).
CASE_PANELS: list = []


@require_http_methods(["GET", "POST"])
def summary_new(request):
    require(cases, request, "add")
    form = SummaryCaseForm(request.POST or None, request.FILES or None, user=request.user,
                           initial={"occurred_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.record_on_the_spot(
                actor=request.user, fields=form.cleaned_data, photos=request.FILES.getlist("photos")
            )
        except (RuleError, ValidationError, PermissionDenied) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已作出当场处罚决定：{case.decision_no}")
            return redirect(case.get_absolute_url())
    return render(request, "enforcement/summary_form.html", {"form": form, "register": cases})


@require_POST
def case_document(request, pk: int, kind: str):
    """Generate one of the case's documents (numbered, stored, audited) and hand it over."""
    from fazhi.enforcement.documents import DOCUMENTS, generate_for_case

    case = get_object_or_404(cases.queryset(request.user), pk=pk)
    if kind not in DOCUMENTS:
        raise Http404("未知的文书")
    if not cases.can(request.user, "view"):
        raise PermissionDenied("无权生成文书")
    doc = generate_for_case(case, kind, actor=request.user)
    return redirect(doc.get_absolute_url())


def case_detail(request, pk: int):
    require(cases, request, "view")
    case = get_object_or_404(cases.queryset(request.user), pk=pk)
    timeline = list(case.steps.select_related("actor"))
    files = attachments_of_many(timeline)  # one query for the whole timeline
    for step in timeline:
        step.files = files.get(str(step.pk), [])
    allowed = [
        (a, workflow.ACTION_LABELS[a])
        for a in workflow.allowed_actions(case.procedure, case.status)
        if steps.may_take(request.user, a)
    ]
    return render(request, "enforcement/case_detail.html", {
        "register": cases, "case": case, "steps": timeline, "allowed": allowed,
        "hearing_earliest": _hearing_earliest(allowed),
        "officers": case.officers.select_related("person"), "reviews": case.legal_reviews.select_related("reviewer"),
        "can_change": bool(allowed), "step_form": StepForm(),
        "document_kinds": _document_kinds(), "documents": _documents_of(case),
        "disclosure": Disclosure.objects.filter(case=case).first(),
        "not_published": disclosure.not_published_because(case) if case.decided_on else "",
        "panels": [p for p in (fn(request.user, case) for fn in CASE_PANELS) if p is not None],
    })  # fmt: skip


def _hearing_earliest(allowed):
    """For the hearing notice form: the earliest hearing day if notified today (第64条),
    or None when the step is not offered or the calendar does not cover the days."""
    if not any(action == "schedule_hearing" for action, _ in allowed):
        return None
    try:
        return actions.hearing_earliest(timezone.localdate())
    except RuleError:
        return None


def _document_kinds():
    from fazhi.enforcement.documents import DOCUMENTS

    return list(DOCUMENTS.values())


def _documents_of(case):
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import GeneratedDocument

    ct = ContentType.objects.get_for_model(case)
    return list(
        GeneratedDocument.objects.filter(content_type=ct, object_id=str(case.pk)).order_by("-id")[:50]
    )


class StepForm(forms.Form):
    on = forms.DateField(
        label="日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label="记录", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    decision_kind = forms.ChoiceField(label="决定类型", choices=DecisionKind.choices, required=False)
    penalty_kind = forms.ChoiceField(
        label="处罚种类", choices=[("", "—"), *PenaltyKind.choices], required=False
    )
    fine = forms.DecimalField(label="罚款或缴款金额（元）", required=False, min_value=0, decimal_places=2)
    passed = forms.BooleanField(label="审核通过", required=False)
    days = forms.IntegerField(label="延长天数", required=False, min_value=1)
    hearing_on = forms.DateField(
        label="听证日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label="听证地点", required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)


@require_POST
def case_step(request, pk: int, action: str):
    case = get_object_or_404(cases.queryset(request.user), pk=pk)
    if action not in steps.STEP_ACTIONS:
        raise Http404("未知的办案环节")
    return step_posted(request, case, StepForm(request.POST), lambda data: steps.take(case, action, request.user, data),
                       f"已完成：{workflow.ACTION_LABELS[action]}")  # fmt: skip


def statistics_page(request):
    """Enforcement statistics of the user's unit for a year (or a date range)."""
    import datetime as dt

    from fazhi.enforcement import statistics

    unit, year = figures_scope(request, cases)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by = request.GET.get("by", "matter")
    if by not in ("procedure", "authority", "matter", "village", "outcome"):
        by = "matter"
    return render(request, "enforcement/statistics.html", {
        "register": cases, "unit": unit, "year": year, "years": figures_years(),
        "figures": statistics.penalty_figures(unit, year), "by": by,
        "rows": statistics.breakdown(unit, start, end, by), "rates": statistics.on_time_rates(unit, start, end),
    })  # fmt: skip


# -- disclosure (执法公示) ------------------------------------------------------------


def _disclosure_step(request, pk: int, act, done: str):
    item = get_object_or_404(disclosures.queryset(request.user), pk=pk)
    try:
        act(item)
    except (RuleError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(item.get_absolute_url())


@require_POST
def disclosure_publish(request, pk: int):
    return _disclosure_step(
        request, pk, lambda d: disclosure.publish(d, actor=request.user), "已在门户网站公示"
    )


@require_POST
def disclosure_withdraw(request, pk: int):
    reason = request.POST.get("reason", "")
    return _disclosure_step(request, pk, lambda d: disclosure.withdraw(d, actor=request.user, reason=reason),
                            "已撤回公示，门户网站显示撤回说明")  # fmt: skip
