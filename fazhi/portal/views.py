"""The public portal's pages. Every page but the officer's card is open without a
login (`login_not_required`) and reads only through `selectors`, which hand the
templates plain dicts built from allow-lists."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.enforcement.choices import DisclosureStatus
from fazhi.enforcement.models import Disclosure, Officer
from fazhi.law import RuleError
from fazhi.portal import actions, qr, selectors, throttle
from fazhi.portal.forms import (
    CaseCodeForm,
    DecisionSearchForm,
    OfficerSearchForm,
    RatingForm,
    SearchForm,
    TownForm,
)

PAGE_SIZE = 20
NOT_FOUND = "未查询到与该行政行为码对应的案件信息，请核对后重新输入。"
TOO_MANY = "查询过于频繁，请稍后再试。"


def decision_counts(today) -> dict[str, int]:
    """The home page's figures of lawful decision-making and government disclosure."""
    from fazhi.decisions import portal_major, portal_views
    from fazhi.oversight import portal_views as oversight_portal

    return {
        "normative": portal_views.published_documents(today).count(),
        "consultations": portal_views.open_documents(today).count()
        + portal_views.open_decision_steps(today).count(),
        "catalogues": portal_major.published_catalogue_count(),
        "disclosures": oversight_portal.published_items(today).count(),
    }


def public(view):
    """A page anyone may read: no login, GET only."""
    return login_not_required(require_GET(view))


def _page(request, items, per_page: int = PAGE_SIZE):
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    kept = [(k, v) for k, v in request.GET.items() if k != "page" and v]
    return page, urlencode(kept)


def _valid(form, name):
    """A search field's value when it is valid, even if another field is not."""
    form.is_valid()
    return form.cleaned_data.get(name) if hasattr(form, "cleaned_data") and name not in form.errors else None


def _town(form):
    return selectors.town_by_code(_valid(form, "town"))


@public
def home(request):
    today = timezone.localdate()
    return render(request, "portal/home.html", {
        "towns": selectors.towns(),
        "counts": {
            "bodies": selectors.public_bodies().count(),
            "matters": selectors.public_matters().count(),
            "officers": selectors.officers(valid_only=True, today=today).count(),
            "decisions": selectors.published_decisions(today).count(),
            **decision_counts(today),
        },
    })  # fmt: skip


# -- before enforcement (事前公开) ------------------------------------------------------------


@public
def bodies(request):
    form = TownForm(request.GET or None)
    return render(request, "portal/bodies.html", {"form": form, "bodies": selectors.bodies(_town(form))})


@public
def body_detail(request, pk: int):
    body = get_object_or_404(selectors.public_bodies().select_related("org_unit__parent"), pk=pk)
    today = timezone.localdate()
    return render(request, "portal/body_detail.html", {
        "body": selectors.body_detail(body), "remedies": selectors.remedies(today),
    })  # fmt: skip


@public
def matters(request):
    form = SearchForm(request.GET or None, placeholder="事项名称、编码或依据")
    rows = selectors.matters(_town(form), (_valid(form, "q") or "").strip())
    return render(request, "portal/matters.html", {"form": form, "matters": rows})


@public
def matter_detail(request, pk: int):
    matter = get_object_or_404(
        selectors.public_matters().select_related("entrusting_body", "org_unit__parent"), pk=pk
    )
    return render(request, "portal/matter_detail.html", {
        "matter": selectors.matter_detail(matter, timezone.localdate()),
    })  # fmt: skip


@public
def officers(request):
    today = timezone.localdate()
    form = OfficerSearchForm(request.GET or None)
    qs = selectors.officers(
        _town(form), (_valid(form, "q") or "").strip(), bool(_valid(form, "valid_only")), today
    )
    page, query = _page(request, qs)
    rows = [selectors.officer_row(o, today) for o in page]
    return render(
        request, "portal/officers.html", {"form": form, "page": page, "query": query, "officers": rows}
    )


@public
def entrustments(request):
    form = TownForm(request.GET or None)
    return render(request, "portal/entrustments.html", {
        "form": form, "entrustments": selectors.entrustments(_town(form)),
    })  # fmt: skip


# -- after enforcement (事后公开) -------------------------------------------------------------


@public
def decisions(request):
    today = timezone.localdate()
    form = DecisionSearchForm(request.GET or None)
    body_pk, matter_pk = _valid(form, "body"), _valid(form, "matter")
    since, until = _valid(form, "since"), _valid(form, "until")
    if since and until and since > until:
        since = until = None
    qs = selectors.decisions(
        today,
        town=_town(form),
        body=selectors.public_bodies().filter(pk=body_pk).first() if body_pk else None,
        matter=selectors.public_matters().filter(pk=matter_pk).first() if matter_pk else None,
        since=since,
        until=until,
        q=(_valid(form, "q") or "").strip(),
    )
    page, query = _page(request, qs)
    rows = [selectors.decision_row(d) for d in page]
    return render(
        request, "portal/decisions.html", {"form": form, "page": page, "query": query, "decisions": rows}
    )


@public
def decision_detail(request, pk: int):
    """A published decision from its snapshot; a withdrawn one shows only when and why
    it was withdrawn (第48条); an expired one only that its term ended. A decision never
    published (queued, or withdrawn before publication) does not exist here."""
    today = timezone.localdate()
    disclosure = get_object_or_404(
        Disclosure.objects.select_related("case__party").exclude(status=DisclosureStatus.QUEUED),
        pk=pk,
        published_on__isnull=False,
        published_on__lte=today,
    )
    context = {"pk": disclosure.pk, "state": disclosure.status}
    expired = disclosure.status == DisclosureStatus.EXPIRED or (
        disclosure.status == DisclosureStatus.PUBLISHED
        and disclosure.expires_on
        and disclosure.expires_on < today
    )
    if disclosure.status == DisclosureStatus.WITHDRAWN:
        context["withdrawal"] = selectors.withdrawal_notice(disclosure)
    elif disclosure.revoked_on:  # revoked, its withdrawal not yet written: the text is no longer shown
        context["state"] = "revoked"
    elif expired:
        context["state"] = DisclosureStatus.EXPIRED
        context["expires_on"] = disclosure.expires_on
    elif disclosure.status == DisclosureStatus.PUBLISHED:
        context["decision"] = selectors.decision_row(disclosure)
        context["remedies"] = selectors.remedies(disclosure.decided_on)
    else:
        raise Http404("未找到该决定")
    return render(request, "portal/decision_detail.html", context)


# -- certificates (扫码亮证) ----------------------------------------------------------------


def _officer(certificate_no: str) -> Officer:
    return get_object_or_404(
        Officer.objects.select_related("person", "org_unit__parent"), certificate_no=certificate_no
    )


def certificate_url(request, certificate_no: str) -> str:
    """The verification page's address as the card and its QR code print it: on the
    public portal (FAZHI_PUBLIC_URL), else on the host of this request."""
    return qr.public_url(reverse("portal:certificate", args=[certificate_no]), request)


@public
def certificate_lookup(request):
    number = (request.GET.get("no") or "").strip()
    if number and Officer.objects.filter(certificate_no=number).exists():
        return redirect("portal:certificate", certificate_no=number)
    return render(
        request,
        "portal/certificate_lookup.html",
        {"number": number, "not_found": bool(number)},
        status=404 if number else 200,
    )


@public
@never_cache
def certificate(request, certificate_no: str):
    today = timezone.localdate()
    row = selectors.officer_row(_officer(certificate_no), today)
    return render(request, "portal/certificate.html", {
        "officer": row, "today": today, "statement": selectors.certificate_statement(row, today),
    })  # fmt: skip


@public
def certificate_qr(request, certificate_no: str):
    officer = _officer(certificate_no)
    data = qr.svg(
        certificate_url(request, officer.certificate_no), title=f"执法证{officer.certificate_no}核验"
    )
    response = HttpResponse(data, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def officer_card(request, pk: int):
    """The printable card with the QR code, for staff of the officer's town: another
    town's officer is a 404, as everywhere (login required by the middleware)."""
    if not request.user.has_perm("enforcement.view_officer"):
        raise PermissionDenied("您的角色无权查看执法人员")
    officer = get_object_or_404(
        Officer.objects.visible_to(request.user).select_related("person", "org_unit__parent"), pk=pk
    )
    today = timezone.localdate()
    return render(request, "portal/officer_card.html", {
        "officer": selectors.officer_row(officer, today),
        "url": certificate_url(request, officer.certificate_no),
    })  # fmt: skip


# -- the case code (行政行为码) ---------------------------------------------------------------


def _progress(request, case, *, form=None, rated=False, message="", status=200):
    from fazhi.portal.models import ConductRating

    already = rated or ConductRating.objects.filter(case=case).exists()
    return render(request, "portal/case_progress.html", {
        "progress": selectors.case_progress(case, timezone.localdate()),
        "rating_form": None if already else (form or RatingForm(initial={"code": case.access_code})),
        "rated": already, "message": message,
    }, status=status)  # fmt: skip


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_lookup(request):
    """The party types the code printed on the decision. A wrong code, a minor's case
    and a confidential case get the same answer (200, the same words)."""
    if request.method == "GET":
        return render(request, "portal/case_lookup.html", {"form": CaseCodeForm()})
    if not throttle.allow(throttle.LOOKUP, request):
        return render(
            request, "portal/case_lookup.html", {"form": CaseCodeForm(), "error": TOO_MANY}, status=429
        )
    form = CaseCodeForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/case_lookup.html", {"form": form})
    case = selectors.case_by_code(form.cleaned_data["code"])
    if case is None:
        return render(request, "portal/case_lookup.html", {"form": CaseCodeForm(), "error": NOT_FOUND})
    return _progress(request, case)


@login_not_required
@never_cache
@require_POST
def case_rate(request):
    if not throttle.allow(throttle.RATING, request):
        return render(
            request, "portal/case_lookup.html", {"form": CaseCodeForm(), "error": TOO_MANY}, status=429
        )
    form = RatingForm(request.POST)
    case = selectors.case_by_code(request.POST.get("code", ""))
    if case is None:
        return render(request, "portal/case_lookup.html", {"form": CaseCodeForm(), "error": NOT_FOUND})
    if not form.is_valid():
        return _progress(request, case, form=form)
    try:
        actions.rate_conduct(case, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"])
    except RuleError as exc:
        return _progress(request, case, rated=True, message=str(exc))
    return _progress(request, case, rated=True, message="评价已提交，感谢您对行政执法工作的监督。")
