"""Case pages: the on-the-spot form, the case file with its timeline, and the steps."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.file_views import attachments_of
from fazhi.core.registers.views import _apply_errors
from fazhi.enforcement import actions, workflow
from fazhi.enforcement.choices import DecisionKind, PartyKind, PenaltyKind
from fazhi.enforcement.definitions import cases
from fazhi.enforcement.forms import SummaryCaseForm
from fazhi.enforcement.models import Party
from fazhi.law import RuleError


def _require(request, verb: str) -> None:
    if not cases.can(request.user, verb):
        raise PermissionDenied("您的角色无权办理执法案件")


def party_from(data: dict, *, actor, org_unit) -> Party:
    """The party of an on-the-spot case: found by ID number or credit code, else registered."""
    kind, number = data["party_kind"], (data.get("party_id") or "").strip().upper()
    field = "resident_id" if kind == PartyKind.INDIVIDUAL else "uscc"
    if number:
        found = Party.objects.visible_to(actor).filter(**{field: number}).first()
        if found is not None:
            return found
    return actions.create_party(actor=actor, data={
        "org_unit": org_unit, "kind": kind, "name": data["party_name"], field: number,
        "phone": data.get("party_phone") or "", "address": data.get("party_address") or "",
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
def summary_new(request):
    _require(request, "add")
    form = SummaryCaseForm(request.POST or None, request.FILES or None, user=request.user,
                           initial={"occurred_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        matter = d["matter"]
        try:
            with transaction.atomic():
                party = party_from(d, actor=request.user, org_unit=request.user.org_unit)
                body = matter.entrusting_body or _town_body(request.user)
                case = actions.record_summary_case(actor=request.user, data={
                    "org_unit": request.user.org_unit, "authority": matter.authority, "body": body, "matter": matter,
                    "party": party, "source": "on_the_spot", "facts": d["facts"], "place": d["place"],
                    "latitude": d.get("latitude"), "longitude": d.get("longitude"), "occurred_on": d["occurred_on"],
                    "discovered_on": timezone.localdate(), "penalty_kind": d["penalty_kind"],
                    "fine": d.get("fine") or Decimal("0"), "officers": d["officers"],
                    "collected_on_spot": d["collected_on_spot"],
                }, photos=request.FILES.getlist("photos"))  # fmt: skip
        except (RuleError, ValidationError, PermissionDenied) as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"已作出当场处罚决定：{case.decision_no}")
            return redirect(case.get_absolute_url())
    return render(request, "enforcement/summary_form.html", {"form": form, "register": cases})


def _town_body(user):
    from fazhi.enforcement.choices import BodyKind
    from fazhi.enforcement.models import EnforcementBody

    body = EnforcementBody.objects.visible_to(user).filter(kind=BodyKind.TOWN, is_active=True).first()
    if body is None:
        raise RuleError("尚未登记本镇执法主体，请先在“执法主体”中登记", code="no_town_body")
    return body


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
    _require(request, "view")
    case = get_object_or_404(cases.queryset(request.user), pk=pk)
    steps = list(case.steps.select_related("actor"))
    for step in steps:
        step.files = attachments_of(step)
    allowed = [
        (a, workflow.ACTION_LABELS[a])
        for a in workflow.allowed_actions(case.procedure, case.status)
        if request.user.has_perm(STEP_PERMISSIONS.get(a, "enforcement.change_case"))
    ]
    return render(request, "enforcement/case_detail.html", {
        "register": cases, "case": case, "steps": steps, "allowed": allowed,
        "officers": case.officers.select_related("person"), "reviews": case.legal_reviews.select_related("reviewer"),
        "can_change": bool(allowed), "step_form": StepForm(),
        "document_kinds": _document_kinds(), "documents": _documents_of(case),
    })  # fmt: skip


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
    version = forms.IntegerField(widget=forms.HiddenInput)


# Who may take a step: officers take most; a legal reviewer reviews; a leader extends.
STEP_PERMISSIONS = {
    "review_passed": "enforcement.add_legalreview",
    "review_failed": "enforcement.add_legalreview",
    "extend": "enforcement.add_decisionextension",
}

STEP_ACTIONS = {
    "file": lambda c, u, d: actions.file_case(c, actor=u, **d["common"]),
    "investigate": lambda c, u, d: actions.investigate(c, actor=u, **d["common"]),
    "submit_review": lambda c, u, d: actions.submit_review(c, actor=u, **d["common"]),
    "return_to_investigation": lambda c, u, d: actions.return_to_investigation(c, actor=u, **d["common"]),
    "send_legal_review": lambda c, u, d: actions.send_legal_review(c, actor=u, **d["common"]),
    "review_passed": lambda c, u, d: actions.review_case(c, actor=u, passed=True, opinion=d["note"], on=d["on"],
                                                         expected_version=d["version"]),
    "review_failed": lambda c, u, d: actions.review_case(c, actor=u, passed=False, opinion=d["note"], on=d["on"],
                                                         expected_version=d["version"]),
    "send_deliberation": lambda c, u, d: actions.send_deliberation(c, actor=u, **d["common"]),
    "deliberated": lambda c, u, d: actions.deliberated(c, actor=u, **d["common"]),
    "notify": lambda c, u, d: actions.notify(c, actor=u, penalty_kind=d["penalty_kind"], fine=d["fine"], **d["common"]),
    "request_hearing": lambda c, u, d: actions.request_hearing(c, actor=u, **d["common"]),
    "hold_hearing": lambda c, u, d: actions.hold_hearing(c, actor=u, **d["common"]),
    "decide": lambda c, u, d: actions.decide_case(c, actor=u, decision_kind=d["decision_kind"] or "penalty",
                                                  penalty_kind=d["penalty_kind"], fine=d["fine"], **d["common"]),
    "serve": lambda c, u, d: actions.serve_decision(c, actor=u, **d["common"]),
    "hand_over": lambda c, u, d: actions.serve_decision(c, actor=u, handed_over=True, **d["common"]),
    "record_payment": lambda c, u, d: actions.record_payment(c, actor=u, amount=d["fine"], **d["common"]),
    "apply_to_court": lambda c, u, d: actions.apply_to_court(c, actor=u, **d["common"]),
    "close": lambda c, u, d: actions.close_case(c, actor=u, **d["common"]),
    "archive": lambda c, u, d: actions.archive(c, actor=u, **d["common"]),
    "withdraw": lambda c, u, d: actions.withdraw(c, actor=u, **d["common"]),
    "decline": lambda c, u, d: actions.decline(c, actor=u, **d["common"]),
    "defer_payment": lambda c, u, d: actions.defer_payment(c, actor=u, days=d["days"] or 0, note=d["note"],
                                                           on=d["on"], expected_version=d["version"]),
    "extend": lambda c, u, d: actions.extend_decision(c, actor=u, days=d["days"] or 0, reason=d["note"], on=d["on"],
                                                      expected_version=d["version"]),
}  # fmt: skip


@require_POST
def case_step(request, pk: int, action: str):
    case = get_object_or_404(cases.queryset(request.user), pk=pk)
    if action not in STEP_ACTIONS:
        raise Http404("未知的办案环节")
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[k].label}：{v[0]}" for k, v in form.errors.items()
                                         if k in form.fields))  # fmt: skip
        return redirect(case.get_absolute_url())
    d = form.cleaned_data
    on = d["on"] or timezone.localdate()
    data = {"on": on, "note": d["note"] or "", "version": d["version"], "decision_kind": d["decision_kind"],
            "penalty_kind": d["penalty_kind"] or "", "fine": d["fine"] or Decimal("0"), "days": d["days"],
            "common": {"on": on, "note": d["note"] or "", "expected_version": d["version"]}}  # fmt: skip
    try:
        STEP_ACTIONS[action](case, request.user, data)
    except (RuleError, ValidationError) as exc:
        messages.error(request, str(exc) if isinstance(exc, RuleError) else "；".join(exc.messages))
    else:
        messages.success(request, f"已完成：{workflow.ACTION_LABELS[action]}")
    return redirect(case.get_absolute_url())


def statistics_page(request):
    """Enforcement statistics of the user's unit for a year (or a date range)."""
    import datetime as dt

    from fazhi.enforcement import statistics

    _require(request, "view")
    unit = request.user.org_unit
    if unit is None:
        raise PermissionDenied("没有所属单位的账号不能查看统计")
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by = request.GET.get("by", "matter")
    if by not in ("procedure", "authority", "matter", "village", "outcome"):
        by = "matter"
    return render(request, "enforcement/statistics.html", {
        "register": cases, "unit": unit, "year": year, "years": range(timezone.localdate().year, 2019, -1),
        "figures": statistics.penalty_figures(unit, year), "by": by,
        "rows": statistics.breakdown(unit, start, end, by), "rates": statistics.on_time_rates(unit, start, end),
    })  # fmt: skip
