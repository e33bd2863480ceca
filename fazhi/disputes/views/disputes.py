"""Pages of disputes: the list (with the high-risk badge), registration with the
parties, the grid worker's phone page, edits, a dispute's own page (history, masked
parties, the next steps as forms, the agreement, attachments), the step endpoint,
the reveal of the parties' personal data, and the year's figures."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.registers import views as generic
from fazhi.core.registers.views import (
    IdsFirstPaginator,
    apply_errors,
    detail_context,
    error_text,
    figures_scope,
    figures_years,
    form_error_text,
    require,
)
from fazhi.disputes import documents
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import AgreementForm, DisputeStatus
from fazhi.disputes.definitions.disputes import disputes
from fazhi.disputes.forms.disputes import (
    STEP_FORMS,
    DisputeForm,
    PhoneDisputeForm,
    parties_of,
    party_formset,
)
from fazhi.disputes.statistics.disputes import dispute_figures
from fazhi.disputes.workflow import disputes as workflow
from fazhi.law import RuleError

ERRORS = (RuleError, ValidationError, PermissionDenied)


def dispute_list(request):
    """The generic list, on a page that also offers the phone registration and the figures."""
    if request.htmx:
        return generic.list_view(request, disputes)
    require(disputes, request, "view")
    fs, qs = disputes.filtered(request.user, request.GET)
    qs = generic._sorted(disputes, qs, request.GET.get("sort", ""))
    page = IdsFirstPaginator(qs, disputes.page_size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "disputes/disputes_list.html", {
        "register": disputes, "filter": fs, "page": page, "query": query.urlencode(),
        "rows": [(obj, [c.value(obj) for c in disputes.columns]) for obj in page.object_list],
        "sort": request.GET.get("sort", ""), "can_add": disputes.can(request.user, "add"),
        "can_import": disputes.can(request.user, "add") and disputes.can(request.user, "change"),
        "can_figures": request.user.org_unit_id is not None, "year": timezone.localdate().year,
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
def dispute_new(request):
    require(disputes, request, "add")
    form = DisputeForm(request.POST or None, user=request.user)
    parties = party_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        try:
            dispute = actions.register_dispute(actor=request.user, data=form.cleaned_data,
                                               parties=parties_of(parties))  # fmt: skip
        except ERRORS as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记矛盾纠纷：{dispute.number}")
            return redirect(dispute.get_absolute_url())
    return render(
        request, "disputes/dispute_form.html", {"register": disputes, "form": form, "parties": parties}
    )


@require_http_methods(["GET", "POST"])
def dispute_phone(request):
    """Registration on a phone, for grid workers in their village: a few fields, one party."""
    require(disputes, request, "add")
    form = PhoneDisputeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dispute = actions.register_dispute(
                actor=request.user, data=form.dispute_data(), parties=form.parties()
            )
        except ERRORS as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记矛盾纠纷：{dispute.number}")
            return redirect(dispute.get_absolute_url())
    return render(request, "disputes/dispute_phone.html", {"register": disputes, "form": form})


@require_http_methods(["GET", "POST"])
def dispute_edit(request, pk: int):
    require(disputes, request, "change")
    dispute = get_object_or_404(disputes.queryset(request.user), pk=pk)
    if dispute.status == DisputeStatus.CLOSED:
        messages.error(request, "已结案的纠纷不能再修改")
        return redirect(dispute.get_absolute_url())
    form = DisputeForm(request.POST or None, instance=dispute, user=request.user)
    parties = party_formset(request.POST or None, dispute=dispute)
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        try:
            dispute = actions.update_dispute(dispute, actor=request.user, data=form.cleaned_data,
                                             parties=parties_of(parties))  # fmt: skip
        except ERRORS as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已保存：{dispute.number}")
            return redirect(dispute.get_absolute_url())
    return render(request, "disputes/dispute_form.html",
                  {"register": disputes, "form": form, "parties": parties, "object": dispute})  # fmt: skip


def _offered(dispute, step: str) -> bool:
    """Whether the page offers a step the table allows: the confirmation's steps only
    when they can apply (a written agreement not yet taken to court; an application
    not yet ruled on)."""
    if step == "apply_confirmation":
        return dispute.agreement_form == AgreementForm.WRITTEN and dispute.confirmation_applied_on is None
    if step == "confirmation_result":
        return dispute.confirmation_applied_on is not None and not dispute.confirmation_result
    return True


def dispute_detail(request, pk: int):
    require(disputes, request, "view")
    dispute = get_object_or_404(disputes.queryset(request.user).select_related("room"), pk=pk)
    ctx = detail_context(request, disputes, dispute)
    ctx["can_change"] = ctx["can_change"] and dispute.status != DisputeStatus.CLOSED
    # Only what has happened so far: a dispute just registered has no committee or result yet.
    ctx["fields"] = [(label, value) for label, value in ctx["fields"] if value not in (None, "")]
    steps = [s for s in workflow.allowed_actions(dispute.status)
             if request.user.has_perm(workflow.PERMISSIONS[s]) and _offered(dispute, s)]  # fmt: skip
    on = timezone.localdate().isoformat()
    ctx.update(
        history=list(dispute.steps.select_related("actor")),
        parties=list(dispute.parties.all()),
        mediators=list(dispute.mediators.all()),
        can_reveal=request.user.has_perm("core.reveal_person_pii"),
        step_forms=[(s, workflow.ACTION_LABELS[s], STEP_FORMS[s](user=request.user, auto_id=f"{s}-%s",
                                                              initial={"on": on})) for s in steps],
        can_agreement=(dispute.agreement_form == AgreementForm.WRITTEN and request.user.has_perm(workflow.MEDIATE)),
        agreements=documents.agreements_of(dispute),
        confirmation=dispute.confirmation_state(),
    )  # fmt: skip
    return render(request, "disputes/disputes_detail.html", ctx)


@require_POST
def dispute_step(request, pk: int, step: str):
    dispute = get_object_or_404(disputes.queryset(request.user), pk=pk)
    if step not in STEP_FORMS:
        raise Http404("未知的办理环节")
    form = STEP_FORMS[step](request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(dispute.get_absolute_url())
    try:
        actions.take_step(dispute, step, actor=request.user, data=form.cleaned_data)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已完成：{workflow.ACTION_LABELS[step]}")
    return redirect(dispute.get_absolute_url())


@require_POST
def dispute_reveal(request, pk: int):
    dispute = get_object_or_404(disputes.queryset(request.user), pk=pk)
    parties = actions.reveal_parties(dispute, actor=request.user)
    return render(request, "disputes/dispute_parties_full.html", {"parties": parties})


@require_POST
def dispute_agreement(request, pk: int):
    """Generate the mediation agreement (numbered, stored, audited) and hand it over."""
    dispute = get_object_or_404(disputes.queryset(request.user), pk=pk)
    try:
        doc = documents.generate_agreement(dispute, actor=request.user)
    except RuleError as exc:
        messages.error(request, error_text(exc))
        return redirect(dispute.get_absolute_url())
    return redirect(doc.get_absolute_url())


def dispute_figures_page(request):
    """The year's figures of the user's unit, by village and by category, each linking to the list."""
    unit, year = figures_scope(request, disputes, last=timezone.localdate().year)
    figures = dispute_figures(unit, year)
    base = disputes.list_url

    def link(**params) -> str:
        return f"{base}?{urlencode(params)}"

    return render(request, "disputes/dispute_figures.html", {
        "register": disputes, "unit": unit, "year": year, "years": figures_years(), "figures": figures,
        "links": {"registered": link(registered_year=year), "closed": link(closed_year=year),
                  "high_risk": link(registered_year=year, risk_level="high")},
        "village_rows": [(r, link(registered_year=year, village=r.key or ""), link(closed_year=year, village=r.key or ""))
                         for r in figures.by_village],
        "category_rows": [(r, link(registered_year=year, category=r.key), link(closed_year=year, category=r.key))
                          for r in figures.by_category],
    })  # fmt: skip


urlpatterns = [
    path("disputes/figures/", dispute_figures_page, name="dispute-figures"),
    path("disputes/new/phone/", dispute_phone, name="disputes-phone"),
    path("disputes/<int:pk>/step/<slug:step>/", dispute_step, name="disputes-step"),
    path("disputes/<int:pk>/reveal/", dispute_reveal, name="disputes-reveal"),
    path("disputes/<int:pk>/agreement/", dispute_agreement, name="disputes-agreement"),
    *generic.register_urls(
        disputes, list=dispute_list, create=dispute_new, detail=dispute_detail, edit=dispute_edit
    ),
]
