"""Reconsideration (行政复议) and litigation (行政应诉) cases against the town.

A case is received as a register record, its due date worked out by the rulebook
(never typed): the reconsideration reply by the version of 行政复议法 in force on the
day the copy was served, the litigation defence by 行政诉讼法 第67条. A historical
case (from before Fazhi, or the Excel ledger) may be registered with its dates and
outcome. From then on the case moves only by its steps (workflow/remedies.py), each
one transaction with its history row, its deadline and one audit event
(disputes.reconsideration.<verb>, disputes.litigation.<verb>).

A reconsideration decision that corrects the town (revoked, changed, confirmed
unlawful, ordered to act) and a judgement the town lost open a rectification item in
the same transaction (fazhi.oversight, pointing at the case), led by the leader named
on the step's form and due a number of days after the decision (30 by default,
FAZHI_REMEDY_RECTIFICATION_DAYS)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from fazhi import law
from fazhi.core import audit, workdays
from fazhi.core.forms import leaders_visible_to
from fazhi.core.registers.actions import (
    action_date,
    change_state,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.disputes.choices import (
    CORRECTING_OUTCOMES,
    LitigationOutcome,
    LitigationStatus,
    ReconsiderationOutcome,
    ReconsiderationStatus,
)
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.models.remedies import RemedyStep
from fazhi.disputes.workflow import remedies as workflow
from fazhi.law import RuleError
from fazhi.law.litigation import LITIGATION_LAW
from fazhi.law.reconsideration import RECONSIDERATION_LAW_2023

RECTIFICATION_DAYS = 30

# Fields written only by the steps (or when a historical case is registered).
RECONSIDERATION_STEP_FIELDS = ("replied_on", "outcome", "decided_on", "decision_no", "outcome_note")
LITIGATION_STEP_FIELDS = ("defence_filed_on", "hearing_on", "head_appeared", "appearing_person",
                          "non_appearance_reason", "outcome", "judged_on", "appealed", "appealed_on",
                          "appeal_outcome", "appeal_judged_on")  # fmt: skip


# -- figures --------------------------------------------------------------------------------


def reply_due(copy_served_on: dt.date, simple_procedure: bool = False) -> dt.date:
    """The last day of the respondent's written reply: the version of 行政复议法 in force
    on the day the copy was served (2017 text: 10 calendar days; from 2024-01-01: 10
    working days, 5 in the simple procedure), the civil-procedure rule applying."""
    if simple_procedure:
        if copy_served_on < RECONSIDERATION_LAW_2023.in_force:
            raise RuleError(
                "2024年1月1日前收到申请书副本的案件，适用2017年修正的行政复议法，没有简易程序",
                law=RECONSIDERATION_LAW_2023,
                article=53,
                code="simple_procedure_not_in_force",
            )
        return workdays.period_due(law.period("reconsideration_simple_reply"), copy_served_on)
    return workdays.period_due(law.period("reconsideration_reply"), copy_served_on)


def defence_due(complaint_received_on: dt.date) -> dt.date:
    """The last day to submit the evidence, basis and defence: 15 days from receipt of
    the complaint (行政诉讼法 第67条), the civil-procedure rule applying (第101条)."""
    return workdays.period_due(law.period("litigation_defence"), complaint_received_on)


def rectification_days() -> int:
    """The days a correction is given by default (FAZHI_REMEDY_RECTIFICATION_DAYS, else 30)."""
    return int(getattr(settings, "FAZHI_REMEDY_RECTIFICATION_DAYS", RECTIFICATION_DAYS))


# -- shared helpers -------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value in (None, "")


def _not_future(value: dt.date | None, label: str) -> None:
    if value is not None:
        action_date(value, label)


def _not_before(on: dt.date, earlier: dt.date | None, what: str) -> None:
    if earlier is not None and on < earlier:
        raise RuleError(f"日期不能早于{what}（{earlier:%Y-%m-%d}）", code="date_out_of_order")


def _check_links(data: dict[str, Any], stored: Model | None = None) -> None:
    """A linked enforcement case (and a litigation's reconsideration) belongs to the
    record's own town."""
    unit = data.get("org_unit") or (stored.org_unit if stored is not None else None)
    if unit is None:
        return
    town = unit.town or unit
    for name, label in (("enforcement_case", "关联执法案件"), ("reconsideration", "经过的行政复议")):
        linked = data.get(name)
        if linked is not None and not linked.org_unit.path.startswith(town.path):
            raise RuleError(f"{label}不属于{town.name}，请选择本镇的记录", code="link_out_of_town")


def _stored(obj: Model) -> Model:
    return type(obj).objects.get(pk=obj.pk)


def _locked_fields(obj: Model, data: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """The step fields of `data` whose value differs from the stored record's."""
    stored = _stored(obj)
    return [
        n for n in names
        if n in data and audit._plain(getattr(stored, stored._meta.get_field(n).attname)) != audit._plain(data[n])
    ]  # fmt: skip


def _refuse_step_fields(obj: Model, data: dict[str, Any], names: tuple[str, ...]) -> None:
    changed = _locked_fields(obj, data, names)
    if changed:
        labels = "、".join(str(obj._meta.get_field(n).verbose_name) for n in changed)
        raise RuleError(f"{labels}请在案件页面通过办理环节登记，不能直接修改", code="use_steps")


def _history(obj: Model, actor: Any, steps: list[tuple[str, str, dt.date, str]]) -> None:
    """History rows of a historical case, in the order its steps were taken."""
    field = "reconsideration" if isinstance(obj, Reconsideration) else "litigation"
    RemedyStep.objects.bulk_create([
        RemedyStep(**{field: obj}, action=a, label=label, on=on, actor=actor, note=note) for a, label, on, note in steps
    ])  # fmt: skip


def _transition(obj: Model, action: str, actor: Any, *, on: dt.date, note: str = "",
                changes: dict[str, Any] | None = None, check=None) -> Model:  # fmt: skip
    """Move a case by `action`: the permission, scope, the row locked, `check(locked)`
    for the step's own rules, then the record, its deadline, its history row and one
    audit event, together."""
    model = type(obj)
    if model is Reconsideration:
        permission, nxt, labels, verbs, field = (workflow.RECONSIDERATION_PERMISSION, workflow.reconsideration_next,
                                                 workflow.RECONSIDERATION_STEPS, workflow.RECONSIDERATION_VERBS,
                                                 "reconsideration")  # fmt: skip
    else:
        permission, nxt, labels, verbs, field = (workflow.LITIGATION_PERMISSION, workflow.litigation_next,
                                                 workflow.LITIGATION_STEPS, workflow.LITIGATION_VERBS, "litigation")  # fmt: skip
    if not actor.has_perm(permission):
        raise PermissionDenied(f"您的角色不能办理“{labels[action]}”")
    ensure_in_scope(actor, obj)
    item = model.objects.select_for_update().select_related("org_unit").get(pk=obj.pk)
    target = nxt(item.status, action)
    if check is not None:
        check(item)
    before, after = change_state(item, status=target, changes=changes)
    RemedyStep.objects.create(
        **{field: item}, action=action, label=labels[action], on=on, actor=actor, note=note
    )
    audit.record(actor=actor, action=f"disputes.{model._meta.model_name}.{verbs[action]}", target=item, old=before,
                 new=after, message=note[:500])  # fmt: skip
    return item


def _check_leader(actor: Any, lead_leader: Any) -> None:
    if lead_leader is None:
        raise RuleError("须指定整改牵头领导", code="lead_leader_required")
    if not leaders_visible_to(actor).filter(pk=lead_leader.pk).exists():
        raise RuleError("整改牵头领导须为本单位在职的领导", code="lead_leader_out_of_scope")


def rectifications_of(obj: Model):
    """The rectification items a case opened (oversight points at it by content type and id)."""
    from fazhi.oversight.models import Rectification

    ct = ContentType.objects.get_for_model(obj)
    return Rectification.objects.filter(content_type=ct, object_id=str(obj.pk))


def _open_rectification(obj: Model, *, actor: Any, problem: str, label: str, start: dt.date, lead_leader: Any,
                        responsible_post: Any = None, days: int | None = None):  # fmt: skip
    """One rectification item pointing at the case, unless it already opened one."""
    from fazhi.oversight.actions import create_rectification
    from fazhi.oversight.choices import RectificationSource

    if rectifications_of(obj).exists():
        return None
    days = rectification_days() if days is None else int(days)
    if days < 1:
        raise RuleError("整改期限天数应为正数", code="rectification_days_invalid")
    source = (
        RectificationSource.RECONSIDERATION
        if isinstance(obj, Reconsideration)
        else RectificationSource.LITIGATION
    )
    return create_rectification(actor=actor, data={
        "org_unit": obj.org_unit, "source": source, "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk), "source_label": label[:200], "problem": problem, "lead_leader": lead_leader,
        "responsible_post": responsible_post, "due_on": start + dt.timedelta(days=days),
    })  # fmt: skip


# -- reconsideration: the register ----------------------------------------------------------------


def _reconsideration_status(data: dict[str, Any]) -> str:
    outcome = data.get("outcome") or ""
    if outcome in workflow.ENDING_OUTCOMES:
        return ReconsiderationStatus.ENDED
    if outcome:
        return ReconsiderationStatus.DECIDED
    if data.get("replied_on"):
        return ReconsiderationStatus.REPLIED
    return ReconsiderationStatus.RECEIVED


@audit.audited
def receive_reconsideration(*, actor: Any, data: dict[str, Any]) -> Reconsideration:
    """A copy of an application received (收到答复通知书和申请书副本): the reply's due
    date worked out. A historical case may carry its reply and outcome (补录); it opens
    no rectification item (that is recorded where it was raised)."""
    data = {k: v for k, v in data.items() if k not in ("status", "reply_due_on")}
    served = data.get("copy_served_on")
    if served is None:
        raise RuleError("请填写收到申请书副本的日期", code="copy_served_on_required")
    _not_future(served, "收到副本日期")
    for name, label in (
        ("replied_on", "答复日期"),
        ("decided_on", "复议决定日期"),
        ("applied_on", "申请日期"),
    ):
        _not_future(data.get(name), label)
    _check_links(data)
    data["reply_due_on"] = reply_due(served, bool(data.get("simple_procedure")))
    data["status"] = _reconsideration_status(data)
    obj = create_record(Reconsideration, actor=actor, data=data)
    steps = []
    if obj.replied_on:
        steps.append(
            ("reply", "提交书面答复", obj.replied_on, "补录" + ("（逾期答复）" if obj.replied_late else ""))
        )
    if obj.outcome:
        action = "end" if obj.status == ReconsiderationStatus.ENDED else "decide"
        number = f"，{obj.decision_no}" if obj.decision_no else ""
        steps.append((action, workflow.RECONSIDERATION_STEPS[action], obj.decided_on,
                      f"补录：{obj.get_outcome_display()}{number}"))  # fmt: skip
    _history(obj, actor, steps)
    return obj


@audit.audited
def update_reconsideration(obj: Reconsideration, *, actor: Any, data: dict[str, Any]) -> Reconsideration:
    """Correct a case's particulars (the due date follows a corrected day of service or
    procedure); its reply and outcome change only by the steps."""
    data = {k: v for k, v in data.items() if k not in ("status", "reply_due_on")}
    _refuse_step_fields(obj, data, RECONSIDERATION_STEP_FIELDS)
    stored = _stored(obj)
    served = data.get("copy_served_on") or stored.copy_served_on
    _not_future(served, "收到副本日期")
    _check_links(data, stored)
    simple = data.get("simple_procedure", stored.simple_procedure)
    data["reply_due_on"] = reply_due(served, bool(simple))
    return update_record(obj, actor=actor, data=data)


# -- reconsideration: the steps -------------------------------------------------------------------


@audit.audited
def reply_to_reconsideration(case: Reconsideration, *, actor: Any, on: dt.date | None = None,
                             note: str = "") -> Reconsideration:  # fmt: skip
    """The written reply with its evidence and basis was sent (提出书面答复). A late reply
    is recorded too, and marked 逾期答复."""
    on = action_date(on, "答复日期")

    def check(item: Reconsideration) -> None:
        _not_before(on, item.copy_served_on, "收到副本日期")

    late = on > case.reply_due_on
    note = (f"逾期答复（期限{case.reply_due_on:%Y-%m-%d}）" if late else "") + (note or "").strip()
    return _transition(case, "reply", actor, on=on, note=note, changes={"replied_on": on}, check=check)


@audit.audited
def decide_reconsideration(case: Reconsideration, *, actor: Any, outcome: str, decision_no: str,
                           decided_on: dt.date | None = None, note: str = "", lead_leader: Any = None,
                           responsible_post: Any = None, days: int | None = None) -> Reconsideration:  # fmt: skip
    """The reconsideration decision (复议决定). One that corrects the town opens a
    rectification item in the same transaction."""
    if outcome not in workflow.DECISION_OUTCOMES:
        raise RuleError("请选择复议决定的结果", code="outcome_required")
    decision_no = (decision_no or "").strip()
    if not decision_no:
        raise RuleError("请填写复议决定书文号", code="decision_no_required")
    on = action_date(decided_on, "复议决定日期")
    correcting = outcome in CORRECTING_OUTCOMES
    if correcting:
        _check_leader(actor, lead_leader)

    def check(item: Reconsideration) -> None:
        _not_before(on, item.copy_served_on, "收到副本日期")
        _not_before(on, item.replied_on, "答复日期")

    label = ReconsiderationOutcome(outcome).label
    note = (note or "").strip()
    item = _transition(case, "decide", actor, on=on, note=f"{label}，{decision_no}" + (f"：{note}" if note else ""),
                       changes={"outcome": outcome, "decided_on": on, "decision_no": decision_no,
                                "outcome_note": note}, check=check)  # fmt: skip
    if correcting:
        _open_rectification(
            item, actor=actor, start=on, lead_leader=lead_leader, responsible_post=responsible_post, days=days,
            label=f"行政复议{item.case_no}",
            problem=f"行政复议决定（{decision_no}）{label}本镇行政行为：{item.act}" + (f"。{note}" if note else ""),
        )  # fmt: skip
    return item


@audit.audited
def end_reconsideration(case: Reconsideration, *, actor: Any, outcome: str, on: dt.date | None = None,
                        decision_no: str = "", note: str = "") -> Reconsideration:  # fmt: skip
    """The case ends without a decision on the merits: the applicant withdrew, or it was
    mediated or settled (终止)."""
    if outcome not in workflow.ENDING_OUTCOMES:
        raise RuleError("请选择终止的情形：撤回申请，或调解、和解结案", code="outcome_required")
    on = action_date(on, "终止日期")

    def check(item: Reconsideration) -> None:
        _not_before(on, item.copy_served_on, "收到副本日期")

    note = (note or "").strip()
    label = ReconsiderationOutcome(outcome).label
    return _transition(case, "end", actor, on=on, note=label + (f"：{note}" if note else ""), check=check,
                       changes={"outcome": outcome, "decided_on": on, "decision_no": (decision_no or "").strip(),
                                "outcome_note": note})  # fmt: skip


def take_reconsideration_step(case: Reconsideration, step: str, *, actor: Any,
                              data: dict[str, Any]) -> Reconsideration:  # fmt: skip
    """Take one step by its name, with the cleaned data of its form (forms/remedies)."""
    d = data
    steps = {
        "reply": lambda: reply_to_reconsideration(case, actor=actor, on=d.get("on"), note=d.get("note", "")),
        "decide": lambda: decide_reconsideration(
            case, actor=actor, outcome=d.get("outcome", ""), decision_no=d.get("decision_no", ""),
            decided_on=d.get("on"), note=d.get("note", ""), lead_leader=d.get("lead_leader"),
            responsible_post=d.get("responsible_post"), days=d.get("days")),
        "end": lambda: end_reconsideration(case, actor=actor, outcome=d.get("outcome", ""), on=d.get("on"),
                                           decision_no=d.get("decision_no", ""), note=d.get("note", "")),
    }  # fmt: skip
    if step not in steps:
        raise RuleError("未知的办理环节", code="unknown_step")
    return steps[step]()


# -- litigation: the register -------------------------------------------------------------------


def _litigation_status(data: dict[str, Any]) -> str:
    if data.get("appeal_outcome"):
        return LitigationStatus.ENDED
    if data.get("appealed"):
        return LitigationStatus.APPEALED
    if data.get("outcome"):
        return LitigationStatus.JUDGED
    if data.get("defence_filed_on"):
        return LitigationStatus.DEFENDED
    return LitigationStatus.RECEIVED


def check_appearance(head_appeared: bool | None, appearing_person: str, reason: str) -> None:
    """The head of the defendant appears in court; one who cannot entrusts a staff member
    and the reason is recorded (行政诉讼法 第3条)."""
    if head_appeared is None:
        raise RuleError("请登记行政机关负责人是否出庭应诉", code="appearance_required")
    if head_appeared and not (appearing_person or "").strip():
        raise RuleError("请填写出庭应诉的负责人姓名和职务", code="appearing_person_required")
    if not head_appeared and not (reason or "").strip():
        raise RuleError("行政机关负责人不能出庭的，应当说明理由，并委托相应的工作人员出庭",
                        law=LITIGATION_LAW, article=3, code="non_appearance_reason_required")  # fmt: skip


@audit.audited
def receive_litigation(*, actor: Any, data: dict[str, Any]) -> Litigation:
    """A copy of a complaint received (收到起诉状副本): the defence is due 15 days later.
    A historical case may carry its defence, hearing, judgement and appeal (补录)."""
    data = {k: v for k, v in data.items() if k not in ("status", "defence_due_on", "instance")}
    received = data.get("complaint_received_on")
    if received is None:
        raise RuleError("请填写收到起诉状副本的日期", code="complaint_received_on_required")
    for name, label in (("complaint_received_on", "收到起诉状副本日期"), ("defence_filed_on", "答辩日期"),
                        ("hearing_on", "开庭日期"), ("judged_on", "裁判日期"), ("appealed_on", "上诉日期"),
                        ("appeal_judged_on", "二审裁判日期")):  # fmt: skip
        _not_future(data.get(name), label)
    if data.get("hearing_on"):
        check_appearance(data.get("head_appeared"), data.get("appearing_person", ""),
                         data.get("non_appearance_reason", ""))  # fmt: skip
    _check_links(data)
    data["defence_due_on"] = defence_due(received)
    data["status"] = _litigation_status(data)
    data["instance"] = 2 if data.get("appealed") else 1
    obj = create_record(Litigation, actor=actor, data=data)
    steps = []
    if obj.defence_filed_on:
        late = "（逾期答辩）" if obj.defence_filed_on > obj.defence_due_on else ""
        steps.append(("defend", "提交答辩状", obj.defence_filed_on, f"补录{late}"))
    if obj.hearing_on:
        steps.append(
            ("hearing", workflow.LITIGATION_STEPS["hearing"], obj.hearing_on, f"补录：{obj.head_appearance}")
        )
    if obj.outcome:
        steps.append(("judge", "登记裁判结果", obj.judged_on, f"补录：{obj.get_outcome_display()}"))
    if obj.appealed:
        steps.append(("appeal", "登记上诉", obj.appealed_on or obj.judged_on, "补录"))
    if obj.appeal_outcome:
        steps.append(
            (
                "appeal_result",
                "登记二审结果",
                obj.appeal_judged_on,
                f"补录：{obj.get_appeal_outcome_display()}",
            )
        )
    _history(obj, actor, steps)
    return obj


@audit.audited
def update_litigation(obj: Litigation, *, actor: Any, data: dict[str, Any]) -> Litigation:
    """Correct a case's particulars (the defence due date follows a corrected day of
    receipt); what happened in court changes only by the steps."""
    data = {k: v for k, v in data.items() if k not in ("status", "defence_due_on", "instance")}
    _refuse_step_fields(obj, data, LITIGATION_STEP_FIELDS)
    stored = _stored(obj)
    received = data.get("complaint_received_on") or stored.complaint_received_on
    _not_future(received, "收到起诉状副本日期")
    _check_links(data, stored)
    data["defence_due_on"] = defence_due(received)
    return update_record(obj, actor=actor, data=data)


# -- litigation: the steps ----------------------------------------------------------------------


@audit.audited
def defend_litigation(
    case: Litigation, *, actor: Any, on: dt.date | None = None, note: str = ""
) -> Litigation:
    """The evidence, basis and defence were submitted to the court; a late one is
    recorded too, and marked 逾期答辩."""
    on = action_date(on, "答辩日期")

    def check(item: Litigation) -> None:
        _not_before(on, item.complaint_received_on, "收到起诉状副本日期")

    late = on > case.defence_due_on
    note = (f"逾期答辩（期限{case.defence_due_on:%Y-%m-%d}）" if late else "") + (note or "").strip()
    return _transition(case, "defend", actor, on=on, note=note, changes={"defence_filed_on": on}, check=check)


@audit.audited
def record_hearing(case: Litigation, *, actor: Any, hearing_on: dt.date | None, head_appeared: bool | None,
                   appearing_person: str = "", non_appearance_reason: str = "", note: str = "") -> Litigation:  # fmt: skip
    """The hearing held, with whether the head of the town appeared (出庭应诉); if not, the
    reason (行政诉讼法 第3条)."""
    on = action_date(hearing_on, "开庭日期")
    check_appearance(head_appeared, appearing_person, non_appearance_reason)
    person = (appearing_person or "").strip()
    reason = (non_appearance_reason or "").strip() if not head_appeared else ""

    def check(item: Litigation) -> None:
        _not_before(on, item.complaint_received_on, "收到起诉状副本日期")

    text = f"负责人{person}出庭应诉" if head_appeared else f"负责人未出庭：{reason}"
    note = (note or "").strip()
    return _transition(case, "hearing", actor, on=on, note=text + (f"；{note}" if note else ""), check=check,
                       changes={"hearing_on": on, "head_appeared": bool(head_appeared), "appearing_person": person,
                                "non_appearance_reason": reason})  # fmt: skip


def _lost_problem(item: Litigation, outcome: str, note: str, *, appeal: bool = False) -> str:
    court = "二审" if appeal else "一审"
    text = f"行政诉讼{item.case_no}（{item.court}）{court}{LitigationOutcome(outcome).label}，被诉行政行为：{item.act}"
    return text + (f"。{note}" if note else "")


@audit.audited
def judge_litigation(case: Litigation, *, actor: Any, outcome: str, judged_on: dt.date | None = None,
                     note: str = "", lead_leader: Any = None, responsible_post: Any = None,
                     days: int | None = None) -> Litigation:  # fmt: skip
    """The first-instance judgement or ruling (withdrawal included). A lost case opens a
    rectification item in the same transaction."""
    if outcome not in LitigationOutcome.values:
        raise RuleError("请选择裁判结果", code="outcome_required")
    on = action_date(judged_on, "裁判日期")
    lost = outcome in workflow.LOSING_OUTCOMES
    if lost:
        _check_leader(actor, lead_leader)

    def check(item: Litigation) -> None:
        _not_before(on, item.complaint_received_on, "收到起诉状副本日期")
        _not_before(on, item.hearing_on, "开庭日期")

    note = (note or "").strip()
    label = LitigationOutcome(outcome).label
    item = _transition(case, "judge", actor, on=on, note=label + (f"：{note}" if note else ""), check=check,
                       changes={"outcome": outcome, "judged_on": on})  # fmt: skip
    if lost:
        _open_rectification(item, actor=actor, start=on, lead_leader=lead_leader, responsible_post=responsible_post,
                            days=days, label=f"行政诉讼败诉{item.case_no}", problem=_lost_problem(item, outcome, note))  # fmt: skip
    return item


@audit.audited
def appeal_litigation(
    case: Litigation, *, actor: Any, on: dt.date | None = None, note: str = ""
) -> Litigation:
    """An appeal against the first-instance judgement (by the town or the plaintiff)."""
    on = action_date(on, "上诉日期")

    def check(item: Litigation) -> None:
        _not_before(on, item.judged_on, "一审裁判日期")

    return _transition(case, "appeal", actor, on=on, note=(note or "").strip(), check=check,
                       changes={"appealed": True, "appealed_on": on, "instance": 2})  # fmt: skip


@audit.audited
def record_appeal_result(case: Litigation, *, actor: Any, outcome: str, on: dt.date | None = None, note: str = "",
                         lead_leader: Any = None, responsible_post: Any = None,
                         days: int | None = None) -> Litigation:  # fmt: skip
    """The second-instance judgement, which ends the case. When it leaves the town having
    lost and the case has opened no rectification item yet, it opens one."""
    if outcome not in LitigationOutcome.values:
        raise RuleError("请选择二审结果", code="outcome_required")
    on = action_date(on, "二审裁判日期")
    needs_item = outcome in workflow.LOSING_OUTCOMES and not rectifications_of(case).exists()
    if needs_item:
        _check_leader(actor, lead_leader)

    def check(item: Litigation) -> None:
        _not_before(on, item.appealed_on or item.judged_on, "上诉日期")

    note = (note or "").strip()
    label = LitigationOutcome(outcome).label
    item = _transition(case, "appeal_result", actor, on=on, note=label + (f"：{note}" if note else ""), check=check,
                       changes={"appeal_outcome": outcome, "appeal_judged_on": on})  # fmt: skip
    if needs_item:
        _open_rectification(item, actor=actor, start=on, lead_leader=lead_leader, responsible_post=responsible_post,
                            days=days, label=f"行政诉讼败诉{item.case_no}",
                            problem=_lost_problem(item, outcome, note, appeal=True))  # fmt: skip
    return item


@audit.audited
def close_litigation(
    case: Litigation, *, actor: Any, on: dt.date | None = None, note: str = ""
) -> Litigation:
    """The first-instance judgement took effect without an appeal: the case ends."""
    on = action_date(on, "结案日期")

    def check(item: Litigation) -> None:
        _not_before(on, item.judged_on, "裁判日期")

    return _transition(case, "close", actor, on=on, note=(note or "").strip(), check=check)


def take_litigation_step(case: Litigation, step: str, *, actor: Any, data: dict[str, Any]) -> Litigation:
    """Take one step by its name, with the cleaned data of its form (forms/remedies)."""
    d = data
    steps = {
        "defend": lambda: defend_litigation(case, actor=actor, on=d.get("on"), note=d.get("note", "")),
        "hearing": lambda: record_hearing(
            case, actor=actor, hearing_on=d.get("on"), head_appeared=d.get("head_appeared"),
            appearing_person=d.get("appearing_person", ""), non_appearance_reason=d.get("non_appearance_reason", ""),
            note=d.get("note", "")),
        "judge": lambda: judge_litigation(
            case, actor=actor, outcome=d.get("outcome", ""), judged_on=d.get("on"), note=d.get("note", ""),
            lead_leader=d.get("lead_leader"), responsible_post=d.get("responsible_post"), days=d.get("days")),
        "appeal": lambda: appeal_litigation(case, actor=actor, on=d.get("on"), note=d.get("note", "")),
        "appeal_result": lambda: record_appeal_result(
            case, actor=actor, outcome=d.get("outcome", ""), on=d.get("on"), note=d.get("note", ""),
            lead_leader=d.get("lead_leader"), responsible_post=d.get("responsible_post"), days=d.get("days")),
        "close": lambda: close_litigation(case, actor=actor, on=d.get("on"), note=d.get("note", "")),
    }  # fmt: skip
    if step not in steps:
        raise RuleError("未知的办理环节", code="unknown_step")
    return steps[step]()
