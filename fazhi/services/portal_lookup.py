"""The applicant's side of the single window on the portal: where an application
stands, found by the receipt code (查询码) printed on the receipt, and the rating
of the service (政务服务好差评) by the same code, once, after the end.

No account and no login. The code is the key, so the page shows that application
and nothing else, from an allow-list (`status_view`): the item, the number, the
dates, the outcome, what is still missing, and the applicant's name masked; never
an ID number, a phone, an address, a staff member's name or another application.
A code that does not exist and one that is malformed get the same words. Lookups
and ratings are counted per client address (fazhi.portal.throttle)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.law import RuleError
from fazhi.portal import throttle
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationState
from fazhi.services.forms_portal import ReceiptCodeForm, ServiceRatingForm
from fazhi.services.models import Application
from fazhi.services.models.window import RECEIPT_ALPHABET, RECEIPT_LENGTH, normalize_receipt_code

NOT_FOUND = "未查询到与该查询码对应的办件，请核对办件回执上的查询码后重新输入。"
TOO_MANY = "查询过于频繁，请稍后再试。"
THANKS = "评价已提交，感谢您对政务服务工作的评价和监督。"

# A person types a 12-character code from paper: a few tries are normal; 59 random
# bits behind these limits make guessing hopeless. FAZHI_PORTAL_RATE_SERVICE_STATUS
# and FAZHI_PORTAL_RATE_SERVICE_RATING override them.
LOOKUP = throttle.Limit("service_status", 20, 600)
RATING = throttle.Limit("service_rating", 5, 3600)

S = ApplicationState


def application_by_code(value: object) -> Application | None:
    """The application with this receipt code, however it was typed; None for a
    code that cannot be one (no query) or that no application has."""
    code = normalize_receipt_code(value)
    if len(code) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in code):
        return None
    return Application.objects.select_related("item", "org_unit").filter(receipt_code=code).first()


def _steps(app: Application, notices: list, pauses: list) -> list[dict[str, Any]]:
    """The steps taken so far, by date (the order of the procedure on the same day)."""
    rows: list[tuple[dt.date, str]] = [(app.submitted_on, "收件")]
    rows += [(n.issued_on, "一次性告知补正材料") for n in notices]
    if app.supplemented_on:
        rows.append((app.supplemented_on, "补正材料"))
    if app.refused_on:
        rows.append((app.refused_on, "不予受理"))
    if app.accepted_on:
        rows.append((app.accepted_on, "受理"))
    if app.routed_on:
        rows.append((app.routed_on, "分送联合审查"))
    for p in pauses:
        rows.append((p.started_on, f"中止计时（{p.get_reason_display()}）"))
        if p.ended_on:
            rows.append((p.ended_on, "恢复计时"))
    if app.decided_on:
        rows.append((app.decided_on, "作出决定"))
    if app.delivered_on:
        rows.append((app.delivered_on, "送达办理结果"))
    if app.withdrawn_on:
        rows.append((app.withdrawn_on, "申请人撤回申请"))
    ordered = sorted(enumerate(rows), key=lambda r: (r[1][0], r[0]))
    return [{"on": on, "label": label} for _, (on, label) in ordered]


def status_view(app: Application) -> dict[str, Any]:
    """What the applicant may see of the application: an allow-list, nothing else."""
    notices = list(app.notices.order_by("issued_on", "id"))
    pauses = list(app.pauses.order_by("started_on", "id"))
    open_pause = next((p for p in pauses if p.ended_on is None), None)
    pending_notice = notices[-1] if notices and app.status == S.NOTIFIED else None
    return {
        "town": app.org_unit.name,
        "item": app.item.name,
        "number": app.number,
        "code": app.receipt_code_display,
        "applicant": app.masked_applicant,
        "status": app.get_status_display(),
        "state": app.status,
        "submitted_on": app.submitted_on,
        "accepted_on": app.accepted_on,
        "refused_on": app.refused_on,
        "decided_on": app.decided_on,
        "delivered_on": app.delivered_on,
        "withdrawn_on": app.withdrawn_on,
        "promised_due_on": app.promised_due_on,
        "paused": open_pause is not None,
        "pause_reason": open_pause.get_reason_display() if open_pause else "",
        "paused_since": open_pause.started_on if open_pause else None,
        "outcome": app.get_outcome_display() if app.outcome else "",
        "missing": list(pending_notice.missing) if pending_notice else [],
        "notice_on": pending_notice.issued_on if pending_notice else None,
        "steps": _steps(app, notices, pauses),
        "finished": app.status in actions.FINISHED,
        "rated": app.rating is not None,
    }


def _lookup_page(request, *, form: ReceiptCodeForm | None = None, error: str = "", status: int = 200):
    return render(
        request,
        "services/portal/status_lookup.html",
        {"form": form or ReceiptCodeForm(), "error": error},
        status=status,
    )


def _status_page(request, app: Application, *, form=None, message: str = "", error: str = ""):
    view = status_view(app)
    rating_form = None
    if view["finished"] and not view["rated"]:
        rating_form = form or ServiceRatingForm(initial={"code": app.receipt_code})
    return render(request, "services/portal/status.html", {
        "app": view, "rating_form": rating_form, "message": message, "error": error,
    })  # fmt: skip


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def status_lookup(request):
    """GET: the form. POST: the application of the typed code, or one neutral answer."""
    if request.method == "GET":
        return _lookup_page(request)
    if not throttle.allow(LOOKUP, request):
        return _lookup_page(request, error=TOO_MANY, status=429)
    form = ReceiptCodeForm(request.POST)
    if not form.is_valid():
        return _lookup_page(request, form=form)
    app = application_by_code(form.cleaned_data["code"])
    if app is None:
        return _lookup_page(request, error=NOT_FOUND)
    return _status_page(request, app)


@login_not_required
@never_cache
@require_POST
def status_rate(request):
    """The applicant's rating, by the code the status page carried; once, after the end
    (the action refuses the rest with its own words)."""
    if not throttle.allow(RATING, request):
        return _lookup_page(request, error=TOO_MANY, status=429)
    app = application_by_code(request.POST.get("code", ""))
    if app is None:
        return _lookup_page(request, error=NOT_FOUND)
    form = ServiceRatingForm(request.POST)
    if not form.is_valid():
        return _status_page(request, app, form=form)
    try:
        rated = actions.rate(app, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"])
    except RuleError as exc:
        return _status_page(request, app, error=str(exc))
    return _status_page(request, rated, message=THANKS)
