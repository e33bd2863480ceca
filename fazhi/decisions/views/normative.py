"""Pages of normative documents and public comments: the generic register pages, a
document's own page (its steps, comments, filing state and the forms of the steps
open to the user), and the step endpoint its forms post to."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from fazhi.core.registers.views import detail_context, error_text, form_error_text, register_urls, require
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import DocumentStatus
from fazhi.decisions.definitions.normative import comments, documents
from fazhi.decisions.forms.normative import STEP_FORMS
from fazhi.decisions.workflow import normative as workflow
from fazhi.law import RuleError

ERRORS = (RuleError, ValidationError, PermissionDenied)


def document_detail(request, pk: int):
    require(documents, request, "view")
    doc = get_object_or_404(documents.queryset(request.user), pk=pk)
    ctx = detail_context(request, documents, doc)
    if doc.status != DocumentStatus.DRAFTING:
        ctx["can_change"] = False  # past drafting, a document moves only by its steps
    steps = [s for s in workflow.allowed_steps(doc.status) if request.user.has_perm(workflow.PERMISSIONS[s])]
    if doc.filed_on is not None and "file" in steps:
        steps.remove("file")
    ctx.update(
        steps=list(doc.steps.select_related("actor")),
        cleanups=list(doc.cleanups.select_related("actor")),
        comments=list(doc.comments.order_by("received_on", "id"))
        if comments.can(request.user, "view")
        else None,
        can_add_comment=comments.can(request.user, "add"),
        filing_state=doc.filing_state(),
        step_forms=[(s, workflow.STEP_LABELS[s], STEP_FORMS[s](auto_id=f"{s}-%s")) for s in steps],
        window_open=actions.comment_window_open(doc),
    )
    return render(request, "decisions/documents_detail.html", ctx)


@require_POST
def document_step(request, pk: int, step: str):
    require(documents, request, "view")
    doc = get_object_or_404(documents.queryset(request.user), pk=pk)
    if step not in STEP_FORMS:
        raise Http404("未知的办理环节")
    form = STEP_FORMS[step](request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(doc.get_absolute_url())
    try:
        actions.take_step(doc, step, actor=request.user, data=form.cleaned_data)
    except ERRORS as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已完成：{workflow.STEP_LABELS[step]}")
    return redirect(doc.get_absolute_url())


urlpatterns = [
    path("documents/<int:pk>/step/<slug:step>/", document_step, name="documents-step"),
    *register_urls(documents, detail=document_detail),
    *register_urls(comments),
]
