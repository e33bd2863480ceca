"""Pages of the applications at the window (办件): the generic list and export, the
two-step 收件 form (the item first, then its materials as checkboxes) and the edit
page, each application's own page (its dates, materials, notices, joint review,
pauses, history and the forms of the steps open to the user), the step endpoint
those forms post to, the printable documents (print page and .docx) and the import
of a batch of applications.

Another town's application is a 404 everywhere, as the register's queryset hides it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core.audit_labels import VERBS
from fazhi.core.models import AuditEvent, User
from fazhi.core.registers.views import (
    apply_errors,
    detail_context,
    error_text,
    form_error_text,
    import_page,
    register_urls,
    require,
)
from fazhi.law import RuleError
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationState, OpinionState
from fazhi.services.definitions.applications import applications, import_applications
from fazhi.services.documents import KINDS, NOTICE, title_of
from fazhi.services.documents import context as documents
from fazhi.services.forms.applications import STEPS, ApplicationForm, item_from, offered_items, take_step
from fazhi.services.models import Application

ERRORS = (RuleError, ValidationError, PermissionDenied)
S = ApplicationState
CHANGE = "services.change_application"


def _application(request, pk: int) -> Application:
    qs = applications.queryset(request.user).select_related("handler", "decided_by", "extension_approved_by")
    return get_object_or_404(qs, pk=pk)


# -- receiving and correcting (收件、修改) ----------------------------------------------------------


def _form_page(request, form, item, items, obj=None, status: int = 200):
    return render(request, "services/application_form.html", {
        "register": applications, "form": form, "item": item, "items": items, "object": obj,
        "can_change_item": obj is None or obj.status in (S.RECEIVED, S.NOTIFIED),
    }, status=status)  # fmt: skip


@require_http_methods(["GET", "POST"])
def application_create(request):
    """收件 in two steps: the item (?item=<pk>), then the applicant and the materials
    received, as checkboxes of that item's list."""
    require(applications, request, "add")
    items = offered_items(request.user)
    if request.method == "GET":
        item = item_from(request.GET.get("item"), items)
        form = ApplicationForm(user=request.user, item=item) if item is not None else None
        return _form_page(request, form, item, items)
    form = ApplicationForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            app = actions.receive_application(actor=request.user, data=form.cleaned_data)
        except ERRORS as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已收件：办件编号{app.number}，查询码{app.receipt_code_display}")
            return redirect(app.get_absolute_url())
    if form.item is None:
        messages.error(request, form_error_text(form) or "请选择政务服务事项清单内的事项")
    return _form_page(request, form if form.item is not None else None, form.item, items, status=400)


@require_http_methods(["GET", "POST"])
def application_edit(request, pk: int):
    """Corrections before the decision (update_application); the item changes only
    before acceptance, chosen again with ?item=<pk>."""
    require(applications, request, "change")
    app = _application(request, pk)
    if app.status not in actions.OPEN:
        messages.error(request, f"办件当前状态为“{app.get_status_display()}”，不能修改申请")
        return redirect(app.get_absolute_url())
    items = offered_items(request.user, app.item)
    if request.method == "GET":
        item = item_from(request.GET.get("item"), items) or app.item
        return _form_page(
            request, ApplicationForm(instance=app, user=request.user, item=item), item, items, app
        )
    form = ApplicationForm(request.POST, instance=app, user=request.user)
    if form.is_valid():
        try:
            actions.update_application(Application.objects.get(pk=app.pk), actor=request.user,
                                       data=form.cleaned_data)  # fmt: skip
        except ERRORS as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已保存：办件{app.number}")
            return redirect(app.get_absolute_url())
    return _form_page(request, form, form.item or app.item, items, app, status=400)


# -- the application's page ------------------------------------------------------------------


def _history(app: Application) -> list[dict]:
    """The application's audit events, oldest first, with the Chinese name of each step."""
    events = list(
        AuditEvent.objects.filter(target_type=Application._meta.label_lower, target_id=str(app.pk)).order_by(
            "id"
        )
    )
    names = dict(User.objects.filter(pk__in={e.actor_id for e in events if e.actor_id})
                 .values_list("pk", "display_name"))  # fmt: skip
    return [{
        "at": e.at, "label": VERBS.get(e.action.rpartition(".")[2], e.action),
        "actor": names.get(e.actor_id) or e.actor_name or ("申请人" if e.action.endswith(".rated") else "系统"),
        "message": e.message,
    } for e in events]  # fmt: skip


def _step_forms(app: Application, user, tasks) -> list[tuple]:
    """(step, label, form, task) for each step open to the user in the application's state."""
    s, change = app.status, user.has_perm(CHANGE)
    paused = app.is_paused
    steps: list[str] = []
    if change and s == S.RECEIVED:
        # Complete materials are accepted; incomplete ones get the one-time notice first.
        steps += (
            ["notice", "supplement", "accept", "refuse"]
            if app.missing_materials
            else ["accept", "notice", "supplement", "refuse"]
        )
    elif change and s == S.NOTIFIED:
        steps += ["supplement", "notice", "refuse"]
    if change and s == S.ACCEPTED and app.item.review_posts.exists():
        steps.append("route")
    forms = []
    mine = (
        [t for t in tasks if t.state == OpinionState.PENDING and actions.may_review(user, t)]
        if s == S.REVIEWING
        else []
    )
    for task in mine:
        form = STEPS["opinion"].form(user=user, application=app, auto_id=f"opinion-{task.pk}-%s",
                                     initial={"task": task.pk})  # fmt: skip
        forms.append(("opinion", f"会签意见：{task.post.name}", form, task))
    if user.has_perm("services.decide_application") and s in actions.RUNNING and not paused:
        steps.append("decide")
    if change and s in actions.RUNNING:
        steps.append("resume" if paused else "pause")
    if (
        user.has_perm("services.extend_application")
        and s in actions.RUNNING
        and app.extension_approved_on is None
        and app.due_on is not None
    ):
        steps.append("extend")
    if change and s == S.DECIDED:
        steps.append("deliver")
    if change and s in actions.OPEN:
        steps.append("withdraw")
    for step in steps:
        form = STEPS[step].form(user=user, application=app, auto_id=f"{step}-%s")
        forms.append((step, STEPS[step].label, form, None))
    return forms  # fmt: skip


def application_detail(request, pk: int):
    require(applications, request, "view")
    app = _application(request, pk)
    ctx = detail_context(request, applications, app)
    ctx["can_change"] = ctx["can_change"] and app.status in actions.OPEN
    ctx["fields"] = [(label, value) for label, value in ctx["fields"] if value not in (None, "")]
    tasks = list(app.reviews.select_related("post", "reviewer"))
    notices = list(app.notices.select_related("issued_by").order_by("issued_on", "id"))
    can_print = documents.may_print(request.user)
    last_notice = notices[-1] if notices else None
    ctx.update(
        app=app,
        tasks=tasks,
        pending_posts=[t.post.name for t in tasks if t.state == OpinionState.PENDING],
        review_posts=[p.name for p in app.item.review_posts.all()] if app.status == S.ACCEPTED else [],
        notices=notices,
        notice_blocked=last_notice is not None and last_notice.revision >= app.revision,
        pauses=list(app.pauses.all()),
        missing=app.missing_materials,
        received=[m for m in app.item.material_list() if m in (app.received_materials or [])],
        acceptance_due=app.acceptance_due_on if app.status == S.RECEIVED else None,
        history=_history(app),
        step_forms=_step_forms(app, request.user, tasks),
        can_print=can_print,
        printable=[(k, title_of(k)) for k in documents.kinds_for(app) if k != NOTICE] if can_print else [],
        documents=documents.documents_of(app) if can_print else [],
    )
    return render(request, "services/application_detail.html", ctx)


@require_POST
def application_step(request, pk: int, step: str):
    require(applications, request, "view")
    app = _application(request, pk)
    if step not in STEPS:
        raise Http404("未知的办理环节")
    form = STEPS[step].form(request.POST, user=request.user, application=app)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(app.get_absolute_url())
    try:
        take_step(app, step, actor=request.user, data=form.cleaned_data)
    except ERRORS as exc:
        messages.error(request, f"{STEPS[step].label}未完成：{error_text(exc)}")
    else:
        messages.success(request, STEPS[step].done)
    return redirect(app.get_absolute_url())


# -- documents (文书) ----------------------------------------------------------------------------


def _notice_of(app: Application, raw: str | None):
    if not raw:
        return None
    if not str(raw).isdigit():
        raise Http404
    return get_object_or_404(app.notices, pk=int(raw))


def _print_kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404("未知的文书种类")
    return kind


def application_print(request, pk: int, kind: str):
    """A document as a print-friendly page (the browser prints it on A4)."""
    require(applications, request, "view")
    app = _application(request, pk)
    kind = _print_kind(kind)
    if not documents.may_print(request.user):
        raise PermissionDenied("您的角色不能出具窗口文书")
    notice = _notice_of(app, request.GET.get("notice"))
    try:
        doc = documents.context_for(app, kind, notice=notice, lookup_url=documents.lookup_url(request))
    except RuleError as exc:
        messages.error(request, error_text(exc))
        return redirect(app.get_absolute_url())
    return render(request, "services/application_print.html",
                  {"app": app, "kind": kind, "title": title_of(kind), "doc": doc, "notice": notice})  # fmt: skip


@require_POST
def application_document(request, pk: int, kind: str):
    """Make the .docx (stored by its digest, audited) and hand it over."""
    require(applications, request, "view")
    app = _application(request, pk)
    kind = _print_kind(kind)
    if not documents.may_print(request.user):
        raise PermissionDenied("您的角色不能出具窗口文书")
    notice = _notice_of(app, request.POST.get("notice"))
    try:
        doc = documents.generate(app, kind, actor=request.user, notice=notice,
                                 lookup_url=documents.lookup_url(request))  # fmt: skip
    except RuleError as exc:
        messages.error(request, error_text(exc))
        return redirect(app.get_absolute_url())
    return redirect(doc.get_absolute_url())


# -- import (批量收件) -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def application_import(request):
    """Receive-only import (a village agent's batch), all rows or none."""
    return import_page(request, applications, importer=import_applications, verbs=("add",),
                       done=lambda result: f"导入完成：收件{result.created}件")  # fmt: skip


urlpatterns = [
    path("applications/<int:pk>/step/<slug:step>/", application_step, name="applications-step"),
    path("applications/<int:pk>/print/<slug:kind>/", application_print, name="applications-print"),
    path("applications/<int:pk>/document/<slug:kind>/", application_document, name="applications-document"),
    *register_urls(applications, detail=application_detail, create=application_create, edit=application_edit,
                   **{"import": application_import}),
]  # fmt: skip
