"""The portal's pages of lawful decision-making: the published normative documents of
each town, and 意见征集 (drafts in public comment and major decisions in public
participation, each with a comment form).

As in the rest of the portal, templates get plain dicts built here from allow-lists,
never a model; a commenter's name and contact are never shown, only the number of
comments received. Only a published document, or a subject whose comment window
includes today, exists here: anything else is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.decisions.actions.normative import submit_portal_comment
from fazhi.decisions.choices import DocumentStatus, StepState
from fazhi.decisions.forms.normative import PortalCommentForm
from fazhi.decisions.models import DecisionStep, MajorDecision, NormativeDocument
from fazhi.law import RuleError
from fazhi.portal import selectors, throttle
from fazhi.portal.forms import SearchForm, TownForm

PAGE_SIZE = 20
TOO_MANY = "提交过于频繁，请稍后再试。"
THANKS = "意见已提交，感谢您的参与。我们将认真研究，采纳情况可在文件公布时查看。"

# Comments per client address in an hour, over all subjects and on one subject.
COMMENTS = throttle.Limit("comment", 10, 3600)
COMMENTS_ON_SUBJECT = throttle.Limit("comment_subject", 3, 3600)

SHOWN = (DocumentStatus.PUBLISHED, DocumentStatus.REPEALED, DocumentStatus.EXPIRED)
KIND_DOCUMENT, KIND_DECISION = "document", "decision"


def public(view):
    return login_not_required(require_GET(view))


def _town(form):
    form.is_valid()
    code = (
        form.cleaned_data.get("town") if hasattr(form, "cleaned_data") and "town" not in form.errors else None
    )
    return selectors.town_by_code(code)


def _page(request, items):
    from urllib.parse import urlencode

    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    kept = [(k, v) for k, v in request.GET.items() if k != "page" and v]
    return page, urlencode(kept)


# -- published normative documents ------------------------------------------------------------


def published_documents(today: dt.date) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(
        status__in=SHOWN, published_on__isnull=False, published_on__lte=today
    )


def _validity(doc: NormativeDocument, today: dt.date) -> str:
    if doc.status == DocumentStatus.REPEALED:
        end = doc.ended_on
        return f"已于{end.year}年{end.month}月{end.day}日废止" if end else "已废止"
    if doc.status == DocumentStatus.EXPIRED or (doc.valid_until and doc.valid_until < today):
        return "已失效"
    if doc.effective_on and doc.effective_on > today:
        return "尚未施行"
    return "现行有效"


def _document_row(doc: NormativeDocument, today: dt.date) -> dict[str, Any]:
    return {
        "pk": doc.pk, "title": doc.title, "doc_number": doc.doc_number, "unit": selectors.unit_label(doc.org_unit),
        "published_on": doc.published_on, "effective_on": doc.effective_on, "valid_until": doc.valid_until,
        "validity": _validity(doc, today), "in_force": _validity(doc, today) == "现行有效",
    }  # fmt: skip


@public
def documents(request):
    today = timezone.localdate()
    form = SearchForm(request.GET or None, placeholder="文件名称或文号")
    qs = published_documents(today).select_related("org_unit__parent").order_by("-published_on", "-id")
    town = _town(form)
    if town is not None:
        qs = qs.filter(org_unit__path__startswith=town.path)
    q = (form.cleaned_data.get("q") or "").strip() if form.is_valid() else ""
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(doc_number__contains=q))
    page, query = _page(request, qs)
    return render(request, "decisions/portal/documents.html", {
        "form": form, "page": page, "query": query, "documents": [_document_row(d, today) for d in page],
    })  # fmt: skip


@public
def document_detail(request, pk: int):
    today = timezone.localdate()
    qs = published_documents(today).select_related("org_unit__parent")
    doc = qs.filter(pk=pk).first()
    if doc is None:
        raise Http404("没有该规范性文件")
    row = _document_row(doc, today)
    row.update(text=selectors.scrub(doc.text), end_reason=selectors.scrub(doc.end_reason)
               if doc.status == DocumentStatus.REPEALED else "")  # fmt: skip
    return render(request, "decisions/portal/document_detail.html", {"document": row})


# -- 意见征集 ---------------------------------------------------------------------------------


def open_documents(today: dt.date) -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(
        status=DocumentStatus.COMMENTING, comment_starts_on__lte=today, comment_ends_on__gte=today
    )


def open_decision_steps(today: dt.date) -> QuerySet[DecisionStep]:
    return DecisionStep.objects.filter(
        code="public_participation", state=StepState.STARTED, comment_starts_on__lte=today,
        comment_ends_on__gte=today,
    )  # fmt: skip


def _subject_row(kind: str, subject, starts_on, ends_on, count: int) -> dict[str, Any]:
    return {
        "kind": kind, "kind_label": "规范性文件草案" if kind == KIND_DOCUMENT else "重大行政决策",
        "pk": subject.pk, "title": subject.title, "unit": selectors.unit_label(subject.org_unit),
        "starts_on": starts_on, "ends_on": ends_on, "comments": count,
    }  # fmt: skip


@public
def consultations(request):
    today = timezone.localdate()
    form = TownForm(request.GET or None)
    town = _town(form)
    docs = open_documents(today).select_related("org_unit__parent").annotate(n=Count("comments"))
    steps = (
        open_decision_steps(today)
        .select_related("decision__org_unit__parent")
        .annotate(n=Count("decision__comments"))
    )
    if town is not None:
        docs = docs.filter(org_unit__path__startswith=town.path)
        steps = steps.filter(decision__org_unit__path__startswith=town.path)
    rows = [_subject_row(KIND_DOCUMENT, d, d.comment_starts_on, d.comment_ends_on, d.n) for d in docs]
    rows += [
        _subject_row(KIND_DECISION, s.decision, s.comment_starts_on, s.comment_ends_on, s.n) for s in steps
    ]
    rows.sort(key=lambda r: (r["ends_on"], r["kind"], r["pk"]))
    return render(request, "decisions/portal/consultations.html", {"form": form, "subjects": rows})


def _open_subject(kind: str, pk: int, today: dt.date):
    """(subject, its row with the public text) when its window includes today, else 404."""
    if kind == KIND_DOCUMENT:
        doc = open_documents(today).select_related("org_unit__parent").filter(pk=pk).first()
        if doc is None:
            raise Http404("该事项不在公开征求意见期间")
        row = _subject_row(kind, doc, doc.comment_starts_on, doc.comment_ends_on, doc.comments.count())
        row.update(summary=selectors.scrub(doc.summary), text=selectors.scrub(doc.text),
                   short_reason=selectors.scrub(doc.comment_short_reason))  # fmt: skip
        return doc, row
    step = (
        open_decision_steps(today).select_related("decision__org_unit__parent").filter(decision_id=pk).first()
    )
    if step is None:
        raise Http404("该事项不在公开征求意见期间")
    decision: MajorDecision = step.decision
    row = _subject_row(
        kind, decision, step.comment_starts_on, step.comment_ends_on, decision.comments.count()
    )
    row.update(summary=selectors.scrub(decision.summary), text="",
               short_reason=selectors.scrub(step.comment_short_reason))  # fmt: skip
    return decision, row


def _subject_limit(kind: str, pk: int) -> throttle.Limit:
    """The per-subject limit: its own counter scope for each subject (the scope is what
    the address is counted under), with the count and window of COMMENTS_ON_SUBJECT as
    the installation sets them."""
    base = getattr(throttle, "effective", lambda limit: limit)(COMMENTS_ON_SUBJECT)
    return throttle.Limit(f"cs_{kind[:3]}{pk}"[:20], base.count, base.seconds)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def consultation(request, pk: int, kind: str):
    today = timezone.localdate()
    subject, row = _open_subject(kind, pk, today)
    ctx = {"subject": row, "form": PortalCommentForm(), "message": "", "error": ""}
    if request.method == "GET":
        return render(request, "decisions/portal/consultation.html", ctx)
    if not (throttle.allow(COMMENTS, request) and throttle.allow(_subject_limit(kind, pk), request)):
        ctx.update(error=TOO_MANY, form=PortalCommentForm(request.POST))
        return render(request, "decisions/portal/consultation.html", ctx, status=429)
    form = PortalCommentForm(request.POST)
    if not form.is_valid():
        ctx["form"] = form
        return render(request, "decisions/portal/consultation.html", ctx, status=400)
    d = form.cleaned_data
    try:
        submit_portal_comment(subject, content=d["content"], commenter=d["commenter"], contact=d["contact"])
    except RuleError as exc:
        ctx.update(error=str(exc), form=form)
        return render(request, "decisions/portal/consultation.html", ctx, status=400)
    row["comments"] += 1
    ctx["message"] = THANKS
    return render(request, "decisions/portal/consultation.html", ctx)
