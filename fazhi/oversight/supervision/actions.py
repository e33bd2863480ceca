"""Every write to the supervision records: one transaction with its audit event
and its deadlines. The due dates come from the rulebook (政府信息公开条例,
代表法) through the working-day calendar; a refusal is a RuleError citing its
article. Views, the API, the Excel importer and the demo call these."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models

from fazhi.core import audit, deadlines, workdays
from fazhi.core.registers.actions import (
    action_date,
    change_state,
    clean_record,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.law import RuleError, period
from fazhi.law.deputies import DEPUTIES_LAW_2015
from fazhi.law.disclosure import DISCLOSURE_REGULATION
from fazhi.oversight.actions import create_rectification
from fazhi.oversight.choices import InfoItemStatus
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal, Rectification


def _differs(obj: models.Model, data: dict[str, Any]) -> bool:
    """Whether `data` would change any of the record's fields."""
    for name, value in data.items():
        field = obj._meta.get_field(name)
        if audit._plain(getattr(obj, field.attname)) != audit._plain(value):
            return True
    return False


def _require(actor: Any, perm: str, what: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied(f"您的角色不能{what}")


def _locked(obj: models.Model, actor: Any) -> models.Model:
    ensure_in_scope(actor, obj)
    return type(obj).objects.select_for_update().get(pk=obj.pk)


# -- proactive disclosure (主动公开) --------------------------------------------------------------


def proactive_due(made_on: dt.date) -> dt.date:
    """20 working days from the day the information was made or changed (第26条)."""
    return workdays.period_due(period("disclosure_proactive"), made_on)


def _check_publication(item: InfoItem | None, data: dict[str, Any]) -> None:
    published_on = data.get("published_on")
    if published_on is None:
        return
    action_date(published_on, "公开日期")
    content = data.get("content", item.content if item else "")
    if not (content or "").strip() and not (item is not None and _has_attachment(item)):
        raise RuleError("公开的信息须有公开内容，或先在详情页上传附件", code="content_required")


def _has_attachment(item: InfoItem) -> bool:
    from fazhi.core.models import Attachment

    ct = ContentType.objects.get_for_model(InfoItem)
    return Attachment.objects.filter(content_type=ct, object_id=str(item.pk)).exists()


@audit.audited
def create_info_item(*, actor: Any, data: dict[str, Any]) -> InfoItem:
    """A new item, due 20 working days after it was made; one registered as already
    published (an earlier item entered from the ledger) is published at once."""
    _check_publication(None, data)
    published = data.get("published_on") is not None
    data = {**data, "due_on": proactive_due(data["made_on"]),
            "status": InfoItemStatus.PUBLISHED if published else InfoItemStatus.DRAFT}  # fmt: skip
    return create_record(InfoItem, actor=actor, data=data)


@audit.audited
def update_info_item(item: InfoItem, *, actor: Any, data: dict[str, Any]) -> InfoItem:
    """Edit an item; giving it a publication date publishes it (`…infoitem.published`).
    A withdrawn or expired item no longer changes, and a published one is never
    unpublished: it is withdrawn instead."""
    if item.status in (InfoItemStatus.WITHDRAWN, InfoItemStatus.EXPIRED) and _differs(item, data):
        raise RuleError("已撤回或已失效的信息不能修改", code="info_item_ended")
    if item.published_on is not None and "published_on" in data and data["published_on"] is None:
        raise RuleError("已公开的信息不能取消公开；不再公开的，请办理撤回", code="info_item_published")
    if data.get("published_on") != item.published_on:
        _check_publication(item, {"content": item.content, **data})
    made_on = data.get("made_on", item.made_on)
    data = {**data, "due_on": proactive_due(made_on)}
    publishes = item.published_on is None and data.get("published_on") is not None
    if publishes:
        data["status"] = InfoItemStatus.PUBLISHED
    return update_record(item, actor=actor, data=data, verb="published" if publishes else "changed")


def _end_item(item: InfoItem, *, actor: Any, status: str, on: dt.date | None, reason: str) -> InfoItem:
    _require(actor, "oversight.change_infoitem", "办理政务公开信息")
    item = _locked(item, actor)
    if item.status != InfoItemStatus.PUBLISHED:
        raise RuleError("只有已公开的信息才能撤回或标记失效", code="info_item_not_published")
    on = action_date(on, "撤回或失效日期")
    before, after = change_state(item, status=status, changes={"ended_on": on, "end_reason": reason})
    verb = "withdrawn" if status == InfoItemStatus.WITHDRAWN else "expired"
    audit.record(actor=actor, action=f"oversight.infoitem.{verb}", target=item, old=before, new=after,
                 message=reason[:500])  # fmt: skip
    return item


@audit.audited
def withdraw_info_item(item: InfoItem, *, actor: Any, reason: str, on: dt.date | None = None) -> InfoItem:
    """Take a published item off the portal, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("撤回公开的信息须说明理由", code="reason_required")
    return _end_item(item, actor=actor, status=InfoItemStatus.WITHDRAWN, on=on, reason=reason)


@audit.audited
def expire_info_item(item: InfoItem, *, actor: Any, on: dt.date | None = None, reason: str = "") -> InfoItem:
    """Mark a published item as no longer in force (已失效): it leaves the portal."""
    return _end_item(item, actor=actor, status=InfoItemStatus.EXPIRED, on=on, reason=(reason or "").strip())


# -- requests (依申请公开) ----------------------------------------------------------------------

REQUEST_DATES = ("received_on", "correction_asked_on", "correction_received_on", "third_party_asked_on",
                 "third_party_answered_on", "extension_approved_on")  # fmt: skip


def third_party_pause(asked_on: dt.date | None, answered_on: dt.date | None) -> int:
    """Working days spent waiting for a third party's opinion, which do not count
    toward the reply (第33条): up to its answer, and at most its 15 working days (第32条)."""
    if asked_on is None:
        return 0
    limit = workdays.period_due(period("disclosure_third_party_opinion"), asked_on)
    end = min(answered_on, limit) if answered_on else limit
    return workdays.working_days_between(asked_on, end)


def reply_due(request: Any) -> dt.date | None:
    """The day a request must be answered by, from its dates: 20 working days from
    receipt, or from the corrected request when a correction was asked (第30、33条;
    None while the correction is awaited), plus the working days of a third party's
    consultation (第32、33条), plus 20 working days once extended (第33条)."""
    start = request.received_on
    if request.correction_asked_on is not None:
        if request.correction_received_on is None:
            return None
        start = request.correction_received_on
    due = workdays.period_due(period("disclosure_request_reply"), start)
    paused = third_party_pause(request.third_party_asked_on, request.third_party_answered_on)
    if paused:
        due = workdays.add_working_days(due, paused)
    if request.extension_approved_on is not None:
        due = workdays.period_due(period("disclosure_request_reply_extension"), due, on=start)
    return due


def _check_correction(received_on: dt.date, asked_on: dt.date | None) -> None:
    """A correction is asked for at once, within 7 working days of receipt (第30条)."""
    if asked_on is None:
        return
    rule = period("disclosure_request_correction")
    limit = workdays.period_due(rule, received_on)
    if asked_on > limit:
        raise RuleError(
            f"应当自收到申请之日起{rule.version_on(received_on).describe()}内一次性告知申请人补正，"
            f"本申请最迟应于{limit:%Y-%m-%d}告知",
            law=DISCLOSURE_REGULATION, article=30, code="correction_too_late",
        )  # fmt: skip


def _request_dates(request: InfoRequest | None, data: dict[str, Any]) -> SimpleNamespace:
    return SimpleNamespace(**{n: data.get(n, getattr(request, n, None)) for n in REQUEST_DATES})


@audit.audited
def register_info_request(*, actor: Any, data: dict[str, Any]) -> InfoRequest:
    """登记 a request, with its reply due date."""
    dates = _request_dates(None, data)
    _check_correction(dates.received_on, dates.correction_asked_on)
    data = {**data, "reply_due_on": reply_due(dates)}
    return create_record(InfoRequest, actor=actor, data=data, verb="registered")


@audit.audited
def update_info_request(request: InfoRequest, *, actor: Any, data: dict[str, Any]) -> InfoRequest:
    """Edit a request (a correction, a consultation, the reply); the due date follows."""
    dates = _request_dates(request, data)
    if (dates.received_on, dates.correction_asked_on) != (request.received_on, request.correction_asked_on):
        _check_correction(dates.received_on, dates.correction_asked_on)
    return update_record(request, actor=actor, data={**data, "reply_due_on": reply_due(dates)})


@audit.audited
def extend_info_request(
    request: InfoRequest, *, actor: Any, reason: str, on: dt.date | None = None
) -> InfoRequest:
    """A leader approves the one extension of the reply by 20 working days, before
    the period runs out (第33条)."""
    _require(actor, "oversight.extend_inforequest", "批准延长答复期限")
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("延长答复期限须说明理由", code="reason_required")
    request = _locked(request, actor)
    on = action_date(on, "批准日期")
    if on < request.received_on:
        raise RuleError("批准日期不能早于收到申请日期", code="date_before_receipt")
    if request.extension_approved_on is not None:
        raise RuleError("答复期限只能延长一次", law=DISCLOSURE_REGULATION, article=33, code="extension_once")
    if request.replied_on is not None:
        raise RuleError("该申请已经答复，无需延长答复期限", code="already_replied")
    if request.reply_due_on is None:
        raise RuleError("等待申请人补正期间不计算答复期限，无需延长", code="awaiting_correction")
    if on > request.reply_due_on:
        raise RuleError(f"延长答复期限须在原期限（{request.reply_due_on:%Y-%m-%d}）届满前批准",
                        law=DISCLOSURE_REGULATION, article=33, code="extension_too_late")  # fmt: skip
    before = {"reply_due_on": audit._plain(request.reply_due_on)}
    request.extension_approved_by, request.extension_approved_on, request.extension_reason = actor, on, reason
    request.reply_due_on = reply_due(request)
    after = {"reply_due_on": audit._plain(request.reply_due_on), "extension_approved_on": on.isoformat(),
             "extension_reason": reason}  # fmt: skip
    clean_record(request)
    request.save()
    deadlines.sync(request)
    audit.record(actor=actor, action="oversight.inforequest.extended", target=request, old=before, new=after,
                 message=reason[:500])  # fmt: skip
    return request


# -- deputies' suggestions and CPPCC proposals (建议提案) -----------------------------------------


def proposal_due(assigned_on: dt.date, difficult: bool = False) -> dt.date:
    """Three months from assignment, six for a difficult one (代表法第42条)."""
    code = "deputies_suggestion_reply_difficult" if difficult else "deputies_suggestion_reply"
    return workdays.period_due(period(code), assigned_on)


@audit.audited
def register_proposal(*, actor: Any, data: dict[str, Any]) -> Proposal:
    data = {**data, "difficult": False, "reply_due_on": proposal_due(data["assigned_on"])}
    return create_record(Proposal, actor=actor, data=data, verb="registered")


@audit.audited
def update_proposal(proposal: Proposal, *, actor: Any, data: dict[str, Any]) -> Proposal:
    """Edit a proposal (its reply, the deputy's satisfaction); the due date follows
    the assignment day and the period a leader approved."""
    assigned_on = data.get("assigned_on", proposal.assigned_on)
    return update_record(proposal, actor=actor,
                         data={**data, "reply_due_on": proposal_due(assigned_on, proposal.difficult)})  # fmt: skip


@audit.audited
def approve_difficult_period(
    proposal: Proposal, *, actor: Any, reason: str, on: dt.date | None = None
) -> Proposal:
    """A leader finds a proposal wide-ranging and difficult: it is then due six
    months after assignment instead of three (代表法第42条), decided before the
    three months run out."""
    _require(actor, "oversight.approve_difficult_proposal", "认定建议提案涉及面广、处理难度大")
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("认定涉及面广、处理难度大须说明理由", code="reason_required")
    proposal = _locked(proposal, actor)
    on = action_date(on, "认定日期")
    if on < proposal.assigned_on:
        raise RuleError("认定日期不能早于交办日期", code="date_before_assignment")
    if proposal.difficult:
        raise RuleError("该建议提案已认定为涉及面广、处理难度大", code="already_difficult")
    if proposal.replied_on is not None:
        raise RuleError("该建议提案已经答复", code="already_replied")
    if on > proposal.reply_due_on:
        raise RuleError(f"须在三个月答复期限（{proposal.reply_due_on:%Y-%m-%d}）届满前认定",
                        law=DEPUTIES_LAW_2015, article=42, code="difficult_too_late")  # fmt: skip
    before = {"difficult": False, "reply_due_on": proposal.reply_due_on.isoformat()}
    due = proposal_due(proposal.assigned_on, difficult=True)
    changes = {"difficult": True, "difficult_approved_by": actor, "difficult_approved_on": on,
               "difficult_reason": reason, "reply_due_on": due}  # fmt: skip
    for name, value in changes.items():
        setattr(proposal, name, value)
    clean_record(proposal)
    proposal.save()
    deadlines.sync(proposal)
    audit.record(actor=actor, action="oversight.proposal.extended", target=proposal, old=before,
                 new={"difficult": True, "reply_due_on": due.isoformat(), "difficult_reason": reason},
                 message=reason[:500])  # fmt: skip
    return proposal


# -- inspections and their findings (督查评议) --------------------------------------------------


@audit.audited
def create_inspection(*, actor: Any, data: dict[str, Any]) -> Inspection:
    return create_record(Inspection, actor=actor, data=data)


def findings_of(inspection: Inspection) -> models.QuerySet:
    """The rectification items raised by an inspection (one indexed lookup)."""
    ct = ContentType.objects.get_for_model(Inspection)
    return Rectification.objects.filter(content_type=ct, object_id=str(inspection.pk))


@audit.audited
def add_inspection_finding(inspection: Inspection, *, actor: Any, data: dict[str, Any]) -> Rectification:
    """A finding of the inspection as a rectification item: its source follows the
    kind of supervision (督查, 评议, 司法建议), and it points back here."""
    _require(actor, "oversight.add_rectification", "登记整改事项")
    ensure_in_scope(actor, inspection)
    unit = data.get("org_unit") or inspection.org_unit
    if not unit.path.startswith(inspection.org_unit.path):
        raise RuleError("整改事项的所属单位应为督查评议对象或其下级单位", code="finding_outside_unit")
    if data.get("due_on") and data["due_on"] < inspection.held_on:
        raise RuleError("整改期限不能早于督查（评议）日期", code="due_before_inspection")
    item = {
        **{
            k: v
            for k, v in data.items()
            if k in ("problem", "measures", "lead_leader", "responsible_post", "due_on")
        },
        "org_unit": unit,
        "source": inspection.finding_source,
        "content_type": ContentType.objects.get_for_model(Inspection),
        "object_id": str(inspection.pk),
        "source_label": str(inspection)[:200],
    }
    return create_rectification(actor=actor, data=item)
