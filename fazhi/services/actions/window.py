"""Writes of the single window (一窗受理). Each action is one transaction with its audit
event (services.<model>.<verb>) and the application's deadlines.

The steps of an application, in the order the window takes them:

    receive  (收件)      → received; a window visit counts as the first visit
    notify   (一次性告知) → notified: every missing material at once, within 5
                           working days of receipt (行政许可法 第32条); a second
                           notice only after the applicant changed the application
    supplement (补正)     → received again, with the materials supplied
    accept   (受理)       → accepted, with a receipt code and the due dates
    refuse   (不予受理)   → refused, with the reason
    route    (分送会签)   → reviewing: one review task per review post of the item
    opinion  (会签意见)   → by a holder of the post; the decision waits for all
    pause / resume       → the clock stops for a hearing, testing, expert review…
                           (第45条) and the due dates move by the days stopped
    extend   (延期)       → a leader adds 10 working days, once (第42条)
    decide   (决定)       → decided: approved or denied (a denial gives reasons, 第38条)
    deliver  (送达)       → delivered; collecting at the window counts a visit
    withdraw (撤回)       → withdrawn, at any point before the decision
    rate     (好差评)     → by the applicant on the portal, once, after the end

Every period is counted in working days (第82条)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core import audit, workdays
from fazhi.core.models import OrgUnit
from fazhi.core.registers.actions import (
    action_date,
    change_state,
    clean_record,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.law import RuleError
from fazhi.law.licensing import LICENSING_LAW
from fazhi.law.registry import period
from fazhi.services.choices import (
    ApplicationChannel,
    ApplicationOutcome,
    ApplicationState,
    DeliveryMethod,
    ItemStatus,
    OpinionState,
    PauseReason,
    ServiceRating,
)
from fazhi.services.models import Application, ClockPause, CompletenessNotice, ReviewTask, ServiceItem

S = ApplicationState
OPEN = (S.RECEIVED, S.NOTIFIED, S.ACCEPTED, S.REVIEWING)  # before the decision
RUNNING = (S.ACCEPTED, S.REVIEWING)  # the decision clock runs
FINISHED = (S.DELIVERED, S.REFUSED)  # the applicant may rate
# What the applicant says; a change of any of these is a new revision of the application.
APPLICANT_FIELDS = ("item", "applicant_kind", "applicant", "id_number", "phone", "address", "village",
                    "content", "received_materials")  # fmt: skip
ALREADY_RATED = "该办件已经评价过，每个办件只能评价一次，感谢您的参与"


def due_dates(app: Application) -> tuple[dt.date | None, dt.date | None]:
    """(statutory, promised) due dates of an accepted application: its item's limits
    counted in working days from acceptance (第42、82条), moved by the working days of
    its closed pauses (第45条); the statutory one by 10 more once extended (第42条)."""
    if app.accepted_on is None:
        return None, None
    item = app.item
    paused = app.paused_days or 0
    statutory = None
    if item.statutory_days is not None:
        statutory = workdays.add_working_days(app.accepted_on, item.statutory_days + paused)
        if app.extension_approved_on is not None:
            statutory = workdays.period_due(period("licensing_decision_extension"), statutory)
    promised = workdays.add_working_days(app.accepted_on, item.promised_days + paused)
    return statutory, promised


def _locked(app: Application, actor: Any) -> Application:
    ensure_in_scope(actor, app)
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("item", "org_unit", "handler")
        .get(pk=app.pk)
    )


def _require(actor: Any, perm: str, what: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied(f"您没有{what}的权限")


def _expect(app: Application, states: tuple[str, ...], what: str) -> None:
    if app.status not in states:
        raise RuleError(
            f"办件当前状态为“{app.get_status_display()}”，不能{what}", code="transition_forbidden"
        )


def _not_before(on: dt.date, earliest: dt.date | None, label: str, other: str) -> None:
    if earliest is not None and on < earliest:
        raise RuleError(f"{label}不能早于{other}（{earliest:%Y-%m-%d}）", code="date_order")


def _step(app: Application, actor: Any, verb: str, *, status: str | None = None, message: str = "",
          extra: dict[str, Any] | None = None, **changes: Any) -> Application:  # fmt: skip
    """Move the application by one step: its changes, its due dates, the audit event.
    `extra` adds what the step made beside the application (a notice, the review
    posts) to the event's new values."""
    changes = dict(changes)
    old, new = change_state(app, status=status or app.status, changes=changes)
    audit.record(actor=actor, action=f"services.application.{verb}", target=app, old=old,
                 new={**new, **(extra or {})}, message=message[:500])  # fmt: skip
    return app


def _refresh_due(app: Application, **changes: Any) -> dict[str, Any]:
    """The due dates the application will have once `changes` are made."""
    names = ("accepted_on", "paused_days", "extension_approved_on")
    view = SimpleNamespace(item=app.item, **{n: changes.get(n, getattr(app, n)) for n in names})
    statutory, promised = due_dates(view)
    return {**changes, "due_on": statutory, "promised_due_on": promised}


# -- the list (政务服务事项清单) -------------------------------------------------------------


@audit.audited
def create_item(*, actor: Any, data: dict[str, Any]) -> ServiceItem:
    """A new item starts as a draft: it takes applications once published."""
    _require(actor, "services.add_serviceitem", "新增政务服务事项")
    return create_record(ServiceItem, actor=actor, data=data)


@audit.audited
def update_item(item: ServiceItem, *, actor: Any, data: dict[str, Any]) -> ServiceItem:
    _require(actor, "services.change_serviceitem", "修改政务服务事项")
    return update_record(item, actor=actor, data=data)


@audit.audited
def publish_item(item: ServiceItem, *, actor: Any, on: dt.date | None = None) -> ServiceItem:
    """Put the item on the published list and its guide on the portal."""
    _require(actor, "services.publish_serviceitem", "公布政务服务事项")
    ensure_in_scope(actor, item)
    item = ServiceItem.objects.select_for_update().get(pk=item.pk)
    if item.status == ItemStatus.PUBLISHED:
        raise RuleError("该事项已经公布", code="already_published")
    on = action_date(on, "公布日期")
    before = {"status": item.status, "published_on": audit._plain(item.published_on)}
    item.status, item.published_on = ItemStatus.PUBLISHED, on
    clean_record(item)
    item.save()
    audit.record(actor=actor, action="services.serviceitem.published", target=item, old=before,
                 new={"status": item.status, "published_on": on.isoformat()})  # fmt: skip
    return item


@audit.audited
def withdraw_item(item: ServiceItem, *, actor: Any, reason: str) -> ServiceItem:
    """Take the item off the list: it takes no new applications; those made go on."""
    _require(actor, "services.publish_serviceitem", "停用政务服务事项")
    ensure_in_scope(actor, item)
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("停用事项须说明理由", code="reason_required")
    item = ServiceItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ItemStatus.PUBLISHED:
        raise RuleError("只能停用已公布的事项", code="not_published")
    item.status = ItemStatus.WITHDRAWN
    item.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="services.serviceitem.disabled", target=item,
                 old={"status": ItemStatus.PUBLISHED}, new={"status": item.status}, message=reason[:500])  # fmt: skip
    return item


# -- receiving and accepting (收件、受理) -------------------------------------------------------


def _next_number(org_unit: OrgUnit, year: int) -> str:
    """The town's next application number of the year, 2023-00001: the town's row is
    locked first, so two windows never draw the same number."""
    OrgUnit.objects.select_for_update().filter(pk=org_unit.pk).first()
    prefix = f"{year}-"
    last = (
        Application.objects.filter(org_unit=org_unit, number__startswith=prefix)
        .aggregate(m=Max("number"))["m"]
    )  # fmt: skip
    seq = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{seq:05d}"


@audit.audited
def receive_application(*, actor: Any, data: dict[str, Any]) -> Application:
    """收件: register an application for a published item of the town's list. The item
    must be on the published list (清单之外无审批). Coming to the window is a visit."""
    from fazhi.services.models.window import new_receipt_code

    _require(actor, "services.add_application", "收件登记")
    item: ServiceItem | None = data.get("item")
    if item is None:
        raise RuleError("须选择政务服务事项清单内的事项", code="item_required")
    if item.status != ItemStatus.PUBLISHED:
        raise RuleError(f"“{item.name}”不在已公布的政务服务事项清单内，不能受理（清单之外无审批）",
                        code="item_not_listed")  # fmt: skip
    data = dict(data)
    data.setdefault("org_unit", item.org_unit)
    data.setdefault("handler", actor if getattr(actor, "pk", None) else None)
    submitted = data.get("submitted_on") or timezone.localdate()
    if submitted > timezone.localdate():
        raise RuleError("收件日期不能晚于今天", code="date_in_future")
    if item.published_on and submitted < item.published_on:
        raise RuleError(f"收件日期早于“{item.name}”的公布日期（{item.published_on:%Y-%m-%d}），"
                        "该日不在政务服务事项清单内（清单之外无审批）", code="item_not_listed")  # fmt: skip
    data["submitted_on"] = submitted
    data["received_materials"] = [m for m in (data.get("received_materials") or []) if m]
    data["number"] = _next_number(data["org_unit"], submitted.year)
    code = new_receipt_code()
    while Application.objects.filter(receipt_code=code).exists():  # 59 random bits: practically never
        code = new_receipt_code()
    data["receipt_code"] = code
    data["visit_count"] = (
        1 if data.get("channel", ApplicationChannel.WINDOW) == ApplicationChannel.WINDOW else 0
    )
    return create_record(Application, actor=actor, data=data, verb="received")


@audit.audited
def update_application(app: Application, *, actor: Any, data: dict[str, Any]) -> Application:
    """Correct what the applicant said before the decision. A change of the
    applicant's own content is a new revision (a later one-time notice may follow);
    the item changes only before acceptance."""
    _require(actor, "services.change_application", "修改申请")
    current = _locked(app, actor)
    _expect(current, OPEN, "修改申请")
    if "item" in data and data["item"] is not None and data["item"].pk != current.item_id:
        _expect(current, (S.RECEIVED, S.NOTIFIED), "更换申请事项")
        if data["item"].status != ItemStatus.PUBLISHED:
            raise RuleError("只能更换为已公布清单内的事项（清单之外无审批）", code="item_not_listed")
    changed = False
    for name in APPLICANT_FIELDS:
        if name not in data:
            continue
        field = Application._meta.get_field(name)
        value = data[name]
        old = getattr(current, field.attname)
        new = value.pk if hasattr(value, "pk") and field.is_relation else value
        if (old or None) != (new or None):
            changed = True
    if changed:
        data = {**data, "revision": current.revision + 1}
    return update_record(current, actor=actor, data=data)


@audit.audited
def issue_notice(app: Application, *, actor: Any, other: str = "", on: dt.date | None = None
                 ) -> CompletenessNotice:  # fmt: skip
    """一次性告知: list at once every material of the item the window has not received,
    within 5 working days of receipt or of the latest supplied materials (第32条).
    Once the applicant has been told, another notice needs a changed application."""
    _require(actor, "services.change_application", "出具一次性告知书")
    app = _locked(app, actor)
    _expect(app, (S.RECEIVED, S.NOTIFIED), "出具一次性告知书")
    on = action_date(on, "告知日期")
    start = app.supplemented_on or app.submitted_on
    _not_before(on, start, "告知日期", "收件或补正日期")
    last = app.notices.order_by("-revision", "-id").first()
    if last is not None and last.revision >= app.revision:
        raise RuleError(
            "应当一次告知申请人需要补正的全部内容；申请人未补正或变更申请的，不得再次告知",
            law=LICENSING_LAW, article=32, code="notice_once",
        )  # fmt: skip
    limit = app.acceptance_due_on
    if on > limit:
        raise RuleError(
            f"应当在收到申请材料之日起5个工作日内一次告知（本件最迟{limit:%Y-%m-%d}）；"
            "逾期不告知的，自收到申请材料之日起即为受理",
            law=LICENSING_LAW, article=32, code="notice_too_late",
        )  # fmt: skip
    missing = app.missing_materials
    other = (other or "").strip()
    if not missing and not other:
        raise RuleError("申请材料已经齐全，无需补正，请直接受理", code="nothing_missing")
    notice = CompletenessNotice.objects.create(
        application=app, issued_on=on, missing=missing, other=other, revision=app.revision, issued_by=actor
    )
    _step(app, actor, "notified", status=S.NOTIFIED, message="；".join(missing + ([other] if other else [])),
          extra={"notice": notice.pk, "missing": missing, "revision": app.revision})  # fmt: skip
    return notice


@audit.audited
def supplement(app: Application, *, actor: Any, materials: list[str], on: dt.date | None = None,
               in_person: bool = False, note: str = "") -> Application:  # fmt: skip
    """补正: the applicant supplies materials (a new revision of the application); the
    5 working days to accept or notify run again from that day."""
    _require(actor, "services.change_application", "登记补正材料")
    app = _locked(app, actor)
    _expect(app, (S.RECEIVED, S.NOTIFIED), "登记补正材料")
    on = action_date(on, "补正日期")
    _not_before(on, app.supplemented_on or app.submitted_on, "补正日期", "收件或上次补正日期")
    listed = app.item.material_list()
    materials = [m.strip() for m in (materials or []) if m and m.strip()]
    note = (note or "").strip()
    unknown = [m for m in materials if m not in listed]
    if unknown:
        raise RuleError(f"以下材料不在该事项的申请材料清单中：{'、'.join(unknown)}", code="material_unknown")
    received = list(app.received_materials or [])
    added = [m for m in materials if m not in received]
    if not added and not note:
        raise RuleError("请选择申请人补正的材料", code="nothing_supplied")
    return _step(
        app, actor, "supplemented", status=S.RECEIVED, message=note, extra={"supplied": added},
        received_materials=[m for m in listed if m in received or m in added],
        revision=app.revision + 1, supplemented_on=on, visit_count=app.visit_count + (1 if in_person else 0),
    )  # fmt: skip


@audit.audited
def accept(app: Application, *, actor: Any, on: dt.date | None = None) -> Application:
    """受理: the materials are complete. The due dates run from acceptance; an
    application neither accepted nor answered with a notice within 5 working days of
    its materials (as received, or as last supplemented) is accepted from the day they
    arrived (第32条), even with materials missing: the notice came too late to ask."""
    _require(actor, "services.change_application", "受理办件")
    app = _locked(app, actor)
    _expect(app, (S.RECEIVED,), "受理")
    on = action_date(on, "受理日期")
    _not_before(on, app.supplemented_on or app.submitted_on, "受理日期", "收件日期")
    missing = app.missing_materials
    late = on > app.acceptance_due_on
    if missing and not late:
        raise RuleError(f"申请材料不齐全，不能受理；缺少：{'、'.join(missing)}。请出具一次性告知书",
                        law=LICENSING_LAW, article=32, code="materials_missing")  # fmt: skip
    message = ""
    if late:
        # Past the 5 working days with no notice the law has already accepted it, from
        # the day the materials arrived, complete or not: the window cannot ask again.
        on = app.supplemented_on or app.submitted_on
        message = (
            f"收到申请材料后5个工作日内未受理也未告知补正，依法自收到申请材料之日（{on:%Y-%m-%d}）起即为受理"
            "（行政许可法第三十二条）"
        )
        if missing:
            message += f"；逾期未告知补正的材料：{'、'.join(missing)}"
    return _step(
        app, actor, "accepted", status=S.ACCEPTED, message=message, **_refresh_due(app, accepted_on=on)
    )


@audit.audited
def refuse(app: Application, *, actor: Any, reason: str, on: dt.date | None = None) -> Application:
    """不予受理: the matter is not the town's or not on the list; the reason is given in
    writing, with the applicant's right to reconsideration or suit (第32条)."""
    _require(actor, "services.change_application", "作出不予受理决定")
    app = _locked(app, actor)
    _expect(app, (S.RECEIVED, S.NOTIFIED), "不予受理")
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("不予受理须书面说明理由", law=LICENSING_LAW, article=32, code="reason_required")
    on = action_date(on, "不予受理日期")
    _not_before(on, app.submitted_on, "不予受理日期", "收件日期")
    return _step(
        app, actor, "refused", status=S.REFUSED, message=reason, refused_on=on, refusal_reason=reason
    )


# -- joint review (联审会签) --------------------------------------------------------------------


@audit.audited
def route(app: Application, *, actor: Any, on: dt.date | None = None) -> Application:
    """分送会签: a review task for every review post of the item, reviewed in parallel."""
    _require(actor, "services.change_application", "分送会签")
    app = _locked(app, actor)
    _expect(app, (S.ACCEPTED,), "分送会签")
    posts = list(app.item.review_posts.all())
    if not posts:
        raise RuleError("该事项无需联审会签，可直接作出决定", code="no_review_posts")
    on = action_date(on, "分送日期")
    _not_before(on, app.accepted_on, "分送日期", "受理日期")
    ReviewTask.objects.bulk_create([ReviewTask(application=app, post=p) for p in posts])
    return _step(app, actor, "routed", status=S.REVIEWING, message="、".join(p.name for p in posts),
                 extra={"posts": [p.pk for p in posts]}, routed_on=on)  # fmt: skip


def may_review(user: Any, task: ReviewTask) -> bool:
    """Only a holder of the post gives the post's opinion."""
    person_id = getattr(user, "person_id", None)
    return bool(
        person_id and getattr(user, "is_active", False) and task.post.holders.filter(pk=person_id).exists()
    )


@audit.audited
def give_opinion(task: ReviewTask, *, actor: Any, agree: bool, opinion: str = "", on: dt.date | None = None
                 ) -> ReviewTask:  # fmt: skip
    """会签意见: the post agrees or disagrees, once; disagreeing gives reasons."""
    app = _locked(task.application, actor)
    _expect(app, (S.REVIEWING,), "出具会签意见")
    task = ReviewTask.objects.select_for_update().select_related("post").get(pk=task.pk)
    if not may_review(actor, task):
        raise PermissionDenied(f"只有“{task.post.name}”的在岗人员才能出具该岗位的会签意见")
    if task.state != OpinionState.PENDING:
        raise RuleError(f"“{task.post.name}”已经出具意见", code="opinion_given")
    opinion = (opinion or "").strip()
    if not agree and not opinion:
        raise RuleError("不同意的，须写明审查意见和理由", code="reason_required")
    on = action_date(on, "出具意见日期")
    _not_before(on, app.routed_on, "出具意见日期", "分送会签日期")
    task.state = OpinionState.AGREED if agree else OpinionState.DISAGREED
    task.opinion, task.reviewer, task.given_on = opinion, actor, on
    task.save()
    app.save(update_fields=["updated_at"])
    audit.record(actor=actor, action="services.application.countersigned", target=app,
                 new={"post": task.post_id, "state": task.state, "given_on": on.isoformat()},
                 message=f"{task.post.name}：{task.get_state_display()}")  # fmt: skip
    return task


# -- the clock (中止计时、延期) -------------------------------------------------------------------


@audit.audited
def pause(app: Application, *, actor: Any, reason: str, note: str = "", on: dt.date | None = None
          ) -> ClockPause:  # fmt: skip
    """Stop the clock for a hearing, a tender or auction, testing, appraisal or expert
    review: the time they take is not counted (第45条)."""
    _require(actor, "services.change_application", "中止计时")
    app = _locked(app, actor)
    _expect(app, RUNNING, "中止计时")
    if reason not in PauseReason.values:
        raise RuleError(f"中止计时的事由应为：{'、'.join(PauseReason.labels)}", law=LICENSING_LAW, article=45,
                        code="pause_reason")  # fmt: skip
    if app.pauses.filter(ended_on__isnull=True).exists():
        raise RuleError("该办件已经中止计时，请先恢复计时", code="already_paused")
    on = action_date(on, "中止计时日期")
    _not_before(on, app.accepted_on, "中止计时日期", "受理日期")
    last = app.pauses.exclude(ended_on=None).order_by("-ended_on").first()
    if last is not None:
        _not_before(on, last.ended_on, "中止计时日期", "上次恢复计时日期")
    record = ClockPause.objects.create(application=app, reason=reason, note=(note or "").strip(), started_on=on,
                                       created_by=actor)  # fmt: skip
    _step(app, actor, "paused", message=f"{record.get_reason_display()}：{record.note}".rstrip("："))
    return record


@audit.audited
def resume(app: Application, *, actor: Any, on: dt.date | None = None) -> Application:
    """Restart the clock: the working days after the pause began up to and including
    this day are not counted, and the due dates move by as many working days."""
    _require(actor, "services.change_application", "恢复计时")
    app = _locked(app, actor)
    record = app.pauses.select_for_update().filter(ended_on__isnull=True).first()
    if record is None:
        raise RuleError("该办件没有中止计时", code="not_paused")
    on = action_date(on, "恢复计时日期")
    _not_before(on, record.started_on, "恢复计时日期", "中止计时日期")
    record.ended_on, record.days = on, workdays.working_days_between(record.started_on, on)
    record.save()
    paused = (app.paused_days or 0) + record.days
    return _step(app, actor, "resumed", message=f"不计入办理时限{record.days}个工作日",
                 **_refresh_due(app, paused_days=paused))  # fmt: skip


@audit.audited
def extend(app: Application, *, actor: Any, reason: str, on: dt.date | None = None) -> Application:
    """A leader approves one extension by 10 working days before the statutory limit
    runs out, and the applicant is told why (第42条)."""
    _require(actor, "services.extend_application", "批准延长办理期限")
    app = _locked(app, actor)
    _expect(app, RUNNING, "延长办理期限")
    reason = (reason or "").strip()
    if not reason:
        raise RuleError(
            "延长办理期限须说明理由并告知申请人", law=LICENSING_LAW, article=42, code="reason_required"
        )
    if app.extension_approved_on is not None:
        raise RuleError("办理期限只能延长一次", law=LICENSING_LAW, article=42, code="extension_once")
    if app.due_on is None:
        raise RuleError("该事项没有法定办结时限，无需延期", code="no_statutory_limit")
    on = action_date(on, "批准日期")
    _not_before(on, app.accepted_on, "批准日期", "受理日期")
    if on > app.due_on:
        raise RuleError(f"延长办理期限须在原期限（{app.due_on:%Y-%m-%d}）届满前批准", law=LICENSING_LAW,
                        article=42, code="extension_too_late")  # fmt: skip
    return _step(app, actor, "extended", message=reason, extension_approved_by=actor, extension_reason=reason,
                 **_refresh_due(app, extension_approved_on=on))  # fmt: skip


# -- deciding and delivering (决定、送达) --------------------------------------------------------


def pending_posts(app: Application) -> list[str]:
    return [t.post.name for t in app.reviews.select_related("post") if t.state == OpinionState.PENDING]


@audit.audited
def decide(app: Application, *, actor: Any, outcome: str, note: str = "", on: dt.date | None = None
           ) -> Application:  # fmt: skip
    """决定: only once every review post has given its opinion; a denial states its
    reasons and the applicant's remedies (第38条)."""
    _require(actor, "services.decide_application", "作出办件决定")
    app = _locked(app, actor)
    _expect(app, RUNNING, "作出决定")
    if outcome not in ApplicationOutcome.values:
        raise RuleError("办理结果应为“准予”或“不予准予”", code="outcome")
    note = (note or "").strip()
    if outcome == ApplicationOutcome.DENIED and not note:
        raise RuleError("不予准予的，须说明理由，并告知申请人依法申请行政复议或者提起行政诉讼的权利",
                        law=LICENSING_LAW, article=38, code="reason_required")  # fmt: skip
    if app.status != S.REVIEWING and app.item.review_posts.exists():
        raise RuleError("该事项须经联审会签，请先分送会签岗位", code="not_routed")
    # The tasks made when routing are what the decision waits for, even if the
    # item's posts changed since.
    waiting = pending_posts(app)
    if waiting:
        raise RuleError(f"须待全部会签岗位出具意见后方可作出决定；尚未出具意见：{'、'.join(waiting)}",
                        code="opinions_pending")  # fmt: skip
    if app.pauses.filter(ended_on__isnull=True).exists():
        raise RuleError("中止计时期间不能作出决定，请先恢复计时", code="paused")
    on = action_date(on, "决定日期")
    _not_before(on, app.routed_on or app.accepted_on, "决定日期", "受理或分送会签日期")
    _not_before(on, app.reviews.aggregate(m=Max("given_on"))["m"], "决定日期", "最后一个会签意见的日期")
    _not_before(on, app.pauses.aggregate(m=Max("ended_on"))["m"], "决定日期", "恢复计时日期")
    used = max(workdays.working_days_between(app.accepted_on, on) - (app.paused_days or 0), 0)
    return _step(app, actor, "decided", status=S.DECIDED, message=note, decided_on=on, decided_by=actor,
                 outcome=outcome, decision_note=note, working_days_used=used)  # fmt: skip


@audit.audited
def deliver(app: Application, *, actor: Any, method: str, on: dt.date | None = None,
            same_visit: bool = False) -> Application:  # fmt: skip
    """送达: the result reaches the applicant; collecting it at the window is a visit,
    unless it is handed over in the same visit as the application or the supplement
    (`same_visit`: an item done on the spot), which must then be that day."""
    _require(actor, "services.change_application", "登记送达")
    app = _locked(app, actor)
    _expect(app, (S.DECIDED,), "登记送达")
    if method not in DeliveryMethod.values:
        raise RuleError(f"送达方式应为：{'、'.join(DeliveryMethod.labels)}", code="delivery_method")
    on = action_date(on, "送达日期")
    _not_before(on, app.decided_on, "送达日期", "决定日期")
    if same_visit:
        last_visit = app.supplemented_on or app.submitted_on
        if method != DeliveryMethod.WINDOW or app.visit_count == 0 or on != last_visit:
            raise RuleError(f"只有申请人在窗口收件或补正的当天（{last_visit:%Y-%m-%d}）当场领取的，才不另计到现场次数",
                            code="not_same_visit")  # fmt: skip
    visits = app.visit_count + (1 if method == DeliveryMethod.WINDOW and not same_visit else 0)
    return _step(app, actor, "delivered", status=S.DELIVERED, delivered_on=on, delivery_method=method,
                 visit_count=visits)  # fmt: skip


@audit.audited
def withdraw(app: Application, *, actor: Any, note: str = "", on: dt.date | None = None) -> Application:
    """The applicant withdraws before the decision. No date is due any more: the
    due dates are cleared, so that the decision's deadline leaves the workbench."""
    _require(actor, "services.change_application", "登记撤回申请")
    app = _locked(app, actor)
    _expect(app, OPEN, "撤回")
    on = action_date(on, "撤回日期")
    _not_before(on, app.submitted_on, "撤回日期", "收件日期")
    record = app.pauses.filter(ended_on__isnull=True).first()
    if record is not None:
        record.ended_on, record.days = on, workdays.working_days_between(record.started_on, on)
        record.save()
    return _step(app, actor, "withdrawn", status=S.WITHDRAWN, message=(note or "").strip(), withdrawn_on=on,
                 due_on=None, promised_due_on=None)  # fmt: skip


# -- the applicant's rating (好差评) -------------------------------------------------------------


@audit.audited
def rate(app: Application, *, score: int, comment: str = "") -> Application:
    """The applicant rates the service by the receipt code, once, after the application
    ended (delivered or refused). No account: the audit event has no actor and keeps
    the comment's length, not its text (a comment may hold personal data)."""
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if score not in ServiceRating.values:
        raise RuleError("评价应为1至5分（非常不满意至非常满意）", code="rating_score")
    comment = (comment or "").strip()[:500]
    with transaction.atomic():
        try:
            current = Application.objects.select_for_update().get(pk=app.pk)
        except Application.DoesNotExist as exc:  # pragma: no cover - the caller found it
            raise RuleError("未找到该办件", code="not_found") from exc
        if current.status not in FINISHED:
            raise RuleError("办件办结后方可评价", code="not_finished")
        if current.rating is not None:
            raise RuleError(ALREADY_RATED, code="already_rated")
        try:
            updated = Application.objects.filter(pk=app.pk, rating__isnull=True).update(
                rating=score, rating_comment=comment, rated_at=timezone.now()
            )
        except IntegrityError as exc:  # pragma: no cover
            raise RuleError(ALREADY_RATED, code="already_rated") from exc
        if not updated:
            raise RuleError(ALREADY_RATED, code="already_rated")
    audit.record(actor=None, action="services.application.rated", target=current,
                 new={"rating": score, "comment_chars": len(comment)})  # fmt: skip
    current.refresh_from_db()
    return current
