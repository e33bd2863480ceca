"""Major decisions: the catalogue and the decision as registers, the five steps
(fazhi.law.decisions guards their order and what each needs), the deliberation
with every member's opinion, and the moves after it (workflow.major). Each write
is one transaction with its audit event (decisions.majordecision.<verb>)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core import audit, deadlines
from fazhi.core.registers.actions import (
    action_date,
    change_state,
    clean_record,
    create_record,
    ensure_in_scope,
    update_record,
)
from fazhi.core.workdays import period_due
from fazhi.decisions.choices import (
    CatalogueStatus,
    DecisionStatus,
    DeliberationOutcome,
    MemberPosition,
    ReviewOpinion,
    StepState,
)
from fazhi.decisions.models import (
    DecisionCatalogue,
    DecisionFollowUp,
    DecisionStep,
    ExpertOpinion,
    MajorDecision,
    MemberOpinion,
)
from fazhi.decisions.workflow import major as workflow
from fazhi.law import RuleError
from fazhi.law import decisions as rules

MDR = rules.MAJOR_DECISION_REGULATION


def _plain_step(step: DecisionStep) -> dict[str, Any]:
    fields = ("state", "started_on", "completed_on", "not_applicable_reason", "comment_starts_on",
              "comment_ends_on", "hearing_on", "risk_level", "reviewer", "review_requested_on",
              "review_due_on", "review_opinion", "meeting", "outcome")  # fmt: skip
    return {f: audit._plain(getattr(step, f)) for f in fields if getattr(step, f) not in ("", None)}


# -- the catalogue ------------------------------------------------------------------------


@audit.audited
def create_catalogue(*, actor: Any, data: dict[str, Any]) -> DecisionCatalogue:
    data = {**data, "status": CatalogueStatus.DRAFT, "approved_on": None, "published_on": None}
    return create_record(DecisionCatalogue, actor=actor, data=data)


@audit.audited
def update_catalogue(catalogue: DecisionCatalogue, *, actor: Any, data: dict[str, Any]) -> DecisionCatalogue:
    data = {k: v for k, v in data.items() if k not in ("status", "approved_on", "published_on")}
    return update_record(catalogue, actor=actor, data=data)


@audit.audited
def approve_catalogue(catalogue: DecisionCatalogue, *, actor: Any, on: dt.date | None = None,
                      meeting: str = "") -> DecisionCatalogue:  # fmt: skip
    """The government approves the year's catalogue (第4条)."""
    if not actor.has_perm(workflow.DECIDE):
        raise PermissionDenied("只有领导可以审定决策事项目录")
    ensure_in_scope(actor, catalogue)
    item = DecisionCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    if item.status != CatalogueStatus.DRAFT:
        raise RuleError("决策事项目录已经审定", code="catalogue_approved")
    if not meeting.strip():
        raise RuleError("审定决策事项目录须写明审定会议", law=MDR, article=4, code="meeting_required")
    if not item.decisions.exists():
        raise RuleError("决策事项目录中还没有决策事项", code="catalogue_empty")
    item.status, item.approved_on, item.approved_at_meeting = (
        CatalogueStatus.APPROVED,
        action_date(on),
        meeting.strip(),
    )
    clean_record(item)
    item.save()
    audit.record(actor=actor, action="decisions.decisioncatalogue.approved", target=item,
                 new={"approved_on": item.approved_on.isoformat(), "meeting": item.approved_at_meeting})  # fmt: skip
    return item


@audit.audited
def publish_catalogue(
    catalogue: DecisionCatalogue, *, actor: Any, on: dt.date | None = None
) -> DecisionCatalogue:
    """The approved catalogue is published (第4条)."""
    if not actor.has_perm(workflow.CONDUCT):
        raise PermissionDenied("您的角色不能公布决策事项目录")
    ensure_in_scope(actor, catalogue)
    item = DecisionCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    if item.status != CatalogueStatus.APPROVED:
        raise RuleError("决策事项目录须经审定后才能公布", law=MDR, article=4, code="catalogue_not_approved")
    on = action_date(on)
    if on < item.approved_on:
        raise RuleError("公布日期不能早于审定日期", code="date_before_approval")
    item.status, item.published_on = CatalogueStatus.PUBLISHED, on
    item.save()
    audit.record(actor=actor, action="decisions.decisioncatalogue.published", target=item,
                 new={"published_on": on.isoformat()})  # fmt: skip
    return item


# -- the decision as a register ------------------------------------------------------------


def _check_basis(decision: MajorDecision, documents) -> None:
    if documents:
        from fazhi.decisions.citable import check_citable

        check_citable(documents, unit=decision.org_unit)


@audit.audited
def create_decision(*, actor: Any, data: dict[str, Any]) -> MajorDecision:
    """A decision matter on the year's catalogue, with its five steps waiting."""
    data = {k: v for k, v in data.items() if k in _EDITABLE}
    catalogue = data.get("catalogue")
    if (
        catalogue is not None
        and data.get("org_unit") is not None
        and catalogue.org_unit_id != data["org_unit"].pk
    ):
        raise ValidationError({"catalogue": "决策事项目录不属于所选单位"})
    _check_basis(MajorDecision(org_unit=data.get("org_unit")), data.get("basis_documents"))
    decision = create_record(MajorDecision, actor=actor, data={**data, "status": DecisionStatus.PLANNED})
    DecisionStep.objects.bulk_create(
        DecisionStep(decision=decision, code=step.code, position=i)
        for i, step in enumerate(rules.MAJOR_DECISION_STEPS, start=1)
    )
    return decision


def _differs(decision: MajorDecision, name: str, value: Any) -> bool:
    field = decision._meta.get_field(name)
    if field.many_to_many:
        return sorted(getattr(v, "pk", v) for v in value or ()) != sorted(
            getattr(decision, name).values_list("pk", flat=True)
        )
    return audit._plain(getattr(decision, field.attname)) != audit._plain(getattr(value, "pk", value))


_EDITABLE = ("org_unit", "catalogue", "title", "summary", "lead_post", "lead_leader", "planned_by",
             "basis_documents", "basis")  # fmt: skip


@audit.audited
def update_decision(decision: MajorDecision, *, actor: Any, data: dict[str, Any]) -> MajorDecision:
    """Edit what the decision is about. Once decided, the file is a record: only the
    lead post and leader and the planned date may still change."""
    data = {k: v for k, v in data.items() if k in _EDITABLE}
    if decision.status not in workflow.STEP_STATUSES:
        always = ("lead_post", "lead_leader", "planned_by")
        if any(_differs(decision, k, v) for k, v in data.items() if k not in always):
            raise RuleError("已作出决定的重大行政决策，其事项、内容和依据不能再修改", code="decision_locked")
        data = {k: v for k, v in data.items() if k in always}
    if "catalogue" in data and data["catalogue"].org_unit_id != decision.org_unit_id:
        raise ValidationError({"catalogue": "决策事项目录不属于本单位"})
    if "basis_documents" in data:
        _check_basis(decision, data["basis_documents"])
    return update_record(decision, actor=actor, data=data)


# -- the five steps -------------------------------------------------------------------------


def _steps(decision: MajorDecision) -> dict[str, DecisionStep]:
    return {s.code: s for s in DecisionStep.objects.filter(decision=decision).select_for_update()}


def _guard(decision: MajorDecision, code: str, actor: Any) -> tuple[MajorDecision, dict[str, DecisionStep]]:
    """Lock the decision and its steps; refuse a step the actor may not take, a
    decision no longer in procedure, and a step whose earlier steps are missing."""
    if not actor.has_perm(workflow.STEP_PERMISSIONS[code]):
        raise PermissionDenied(f"您的角色不能办理“{rules.STEPS_BY_CODE[code].name}”")
    ensure_in_scope(actor, decision)
    item = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    if item.status not in workflow.STEP_STATUSES:
        raise RuleError(f"重大行政决策已{workflow.status_label(item.status)}，不能再办理决策程序",
                        code="decision_not_in_procedure")  # fmt: skip
    steps = _steps(item)
    done = [c for c, s in steps.items() if s.state == StepState.DONE]
    not_applicable = [c for c, s in steps.items() if s.state == StepState.NOT_APPLICABLE]
    rules.check_step_allowed(code, done, not_applicable)
    if steps[code].finished:
        raise RuleError(f"{rules.STEPS_BY_CODE[code].name}已经办结", code="step_finished")
    return item, steps


def _save_step(item: MajorDecision, step: DecisionStep, actor: Any, verb: str, before: dict) -> DecisionStep:
    step.recorded_by, step.recorded_at = actor, timezone.now()
    step.save()
    if item.status == DecisionStatus.PLANNED:
        item.status = DecisionStatus.IN_PROCEDURE
        item.save(update_fields=["status", "updated_at"])
    deadlines.sync(item)
    audit.record(actor=actor, action=f"decisions.majordecision.{verb}", target=item, old=before,
                 new={"step": step.code, **_plain_step(step)}, message=rules.STEPS_BY_CODE[step.code].name)  # fmt: skip
    return step


def _check_comment_period(starts: dt.date, ends: dt.date, short_reason: str) -> None:
    if ends < starts:
        raise RuleError("征求意见截止日期不能早于开始日期", code="dates_reversed")
    earliest_end = period_due(rules.PUBLIC_COMMENT, starts)
    if ends < earliest_end and not short_reason.strip():
        days = (ends - starts).days
        raise RuleError(
            f"公开征求意见的期限为{days}日，一般不少于30日（最早截止于{earliest_end:%Y年%m月%d日}）；"
            "确需缩短的，应当说明理由",
            law=MDR, article=15, code="comment_period_short",
        )  # fmt: skip


def _check_hearing(hearing_on: dt.date | None, sent_on: dt.date | None) -> None:
    if hearing_on is None:
        return
    if sent_on is None:
        raise RuleError("举行听证的，应当提前将听证材料送达听证参加人，请填写送达日期", law=MDR, article=18,
                        code="hearing_materials_required")  # fmt: skip
    earliest = period_due(rules.HEARING_MATERIALS, sent_on)
    if hearing_on < earliest:
        raise RuleError(f"听证材料应当于听证会7日前送达，{sent_on:%Y年%m月%d日}送达的，听证会最早于"
                        f"{earliest:%Y年%m月%d日}举行", law=MDR, article=18, code="hearing_notice_short")  # fmt: skip


@audit.audited
def start_public_participation(decision: MajorDecision, *, actor: Any, comment_starts_on: dt.date,
                               comment_ends_on: dt.date, short_reason: str = "", summary: str = "",
                               hearing_on: dt.date | None = None,
                               hearing_materials_sent_on: dt.date | None = None) -> DecisionStep:  # fmt: skip
    """Open the draft for public comment (第14–18条): the portal shows it and takes
    comments while the window is open."""
    item, steps = _guard(decision, "public_participation", actor)
    step = steps["public_participation"]
    before = _plain_step(step)
    _check_comment_period(comment_starts_on, comment_ends_on, short_reason)
    _check_hearing(hearing_on, hearing_materials_sent_on)
    step.state, step.started_on = StepState.STARTED, comment_starts_on
    step.comment_starts_on, step.comment_ends_on = comment_starts_on, comment_ends_on
    step.comment_short_reason, step.summary = short_reason.strip(), summary.strip()
    step.hearing_on, step.hearing_materials_sent_on = hearing_on, hearing_materials_sent_on
    return _save_step(item, step, actor, "step_started", before)


@audit.audited
def complete_public_participation(decision: MajorDecision, *, actor: Any, summary: str,
                                  on: dt.date | None = None) -> DecisionStep:  # fmt: skip
    """Close public participation with how the comments were handled (第17条)."""
    item, steps = _guard(decision, "public_participation", actor)
    step = steps["public_participation"]
    if step.state != StepState.STARTED:
        raise RuleError("请先发布征求意见，再办结公众参与", law=MDR, article=15, code="step_not_started")
    on = action_date(on, "办结日期")
    if on < step.comment_ends_on:
        raise RuleError(f"征求意见期限至{step.comment_ends_on:%Y年%m月%d日}，期满前不能办结公众参与",
                        law=MDR, article=15, code="comment_window_open")  # fmt: skip
    if not summary.strip():
        raise RuleError("办结公众参与须写明意见收集和采纳情况", law=MDR, article=17, code="summary_required")
    before = _plain_step(step)
    step.state, step.completed_on, step.summary = StepState.DONE, on, summary.strip()
    return _save_step(item, step, actor, "step_done", before)


@audit.audited
def record_expert_argumentation(decision: MajorDecision, *, actor: Any, opinions: list[dict[str, str]],
                                summary: str = "", on: dt.date | None = None,
                                started_on: dt.date | None = None) -> DecisionStep:  # fmt: skip
    """Experts and their opinions (第19–21条)."""
    item, steps = _guard(decision, "expert_argumentation", actor)
    rows = [o for o in opinions if (o.get("expert") or "").strip() or (o.get("opinion") or "").strip()]
    if not rows:
        raise RuleError(
            "专家论证须登记至少一位专家及其论证意见", law=MDR, article=20, code="experts_required"
        )
    for row in rows:
        if not (row.get("expert") or "").strip() or not (row.get("opinion") or "").strip():
            raise RuleError("每位专家须填写姓名和论证意见", law=MDR, article=20, code="expert_incomplete")
    on = action_date(on, "论证日期")
    step = steps["expert_argumentation"]
    before = _plain_step(step)
    step.state, step.started_on, step.completed_on, step.summary = (
        StepState.DONE,
        started_on or on,
        on,
        summary.strip(),
    )
    ExpertOpinion.objects.filter(step=step).delete()
    ExpertOpinion.objects.bulk_create(
        ExpertOpinion(step=step, expert=r["expert"].strip(), affiliation=(r.get("affiliation") or "").strip(),
                      opinion=r["opinion"].strip()) for r in rows
    )  # fmt: skip
    return _save_step(item, step, actor, "step_done", before)


@audit.audited
def record_risk_assessment(decision: MajorDecision, *, actor: Any, risk_level: str, measures: str,
                           summary: str = "", on: dt.date | None = None,
                           started_on: dt.date | None = None) -> DecisionStep:  # fmt: skip
    """The level of risk and the measures against it (第22–24条)."""
    from fazhi.decisions.choices import RiskLevel

    item, steps = _guard(decision, "risk_assessment", actor)
    if risk_level not in RiskLevel.values:
        raise RuleError("请选择风险等级", law=MDR, article=23, code="risk_level_required")
    if not measures.strip():
        raise RuleError("风险评估须写明风险防范措施", law=MDR, article=24, code="measures_required")
    on = action_date(on, "评估日期")
    step = steps["risk_assessment"]
    before = _plain_step(step)
    step.state, step.started_on, step.completed_on = StepState.DONE, started_on or on, on
    step.risk_level, step.risk_measures, step.summary = risk_level, measures.strip(), summary.strip()
    return _save_step(item, step, actor, "step_done", before)


@audit.audited
def request_legality_review(decision: MajorDecision, *, actor: Any, reviewer: str, requested_on: dt.date,
                            due_on: dt.date | None = None) -> DecisionStep:  # fmt: skip
    """Send the draft for legality review, leaving the reviewer at least 7 working days (第27条)."""
    if not actor.has_perm(workflow.CONDUCT) and not actor.has_perm(workflow.REVIEW):
        raise PermissionDenied("您的角色不能送请合法性审查")
    ensure_in_scope(actor, decision)
    item = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    if item.status not in workflow.STEP_STATUSES:
        raise RuleError("重大行政决策已不在决策程序中", code="decision_not_in_procedure")
    steps = _steps(item)
    done = [c for c, s in steps.items() if s.state == StepState.DONE]
    not_applicable = [c for c, s in steps.items() if s.state == StepState.NOT_APPLICABLE]
    rules.check_step_allowed("legality_review", done, not_applicable)
    step = steps["legality_review"]
    if step.finished:
        raise RuleError("合法性审查已经办结", code="step_finished")
    if not reviewer.strip():
        raise RuleError("请填写承担合法性审查的机构或人员", law=MDR, article=25, code="reviewer_required")
    requested_on = action_date(requested_on, "送审日期")
    earliest = period_due(rules.LEGALITY_REVIEW_TIME, requested_on)
    due_on = due_on or earliest
    if due_on < earliest:
        raise RuleError(f"合法性审查一般应给予不少于7个工作日的审查时间，{requested_on:%Y年%m月%d日}送审的，"
                        f"审查期限不能早于{earliest:%Y年%m月%d日}", law=MDR, article=27,
                        code="review_time_short")  # fmt: skip
    before = _plain_step(step)
    step.state, step.started_on = StepState.STARTED, requested_on
    step.reviewer, step.review_requested_on, step.review_due_on = reviewer.strip(), requested_on, due_on
    return _save_step(item, step, actor, "review_requested", before)


@audit.audited
def record_legality_review(decision: MajorDecision, *, actor: Any, opinion: str, text: str,
                           on: dt.date | None = None) -> DecisionStep:  # fmt: skip
    """The reviewer's written opinion (第28条)."""
    item, steps = _guard(decision, "legality_review", actor)
    step = steps["legality_review"]
    if step.state != StepState.STARTED:
        raise RuleError("请先送请合法性审查", law=MDR, article=25, code="review_not_requested")
    if opinion not in ReviewOpinion.values:
        raise RuleError("请选择审查结论", law=MDR, article=28, code="opinion_required")
    if not text.strip():
        raise RuleError("合法性审查须出具书面审查意见", law=MDR, article=28, code="review_text_required")
    on = action_date(on, "审查日期")
    if on < step.review_requested_on:
        raise RuleError("审查日期不能早于送审日期", code="date_before_request")
    before = _plain_step(step)
    step.state, step.completed_on, step.review_opinion, step.summary = (
        StepState.DONE,
        on,
        opinion,
        text.strip(),
    )
    return _save_step(item, step, actor, "step_done", before)


@audit.audited
def mark_not_applicable(
    decision: MajorDecision, *, actor: Any, code: str, reason: str, on: dt.date | None = None
) -> DecisionStep:
    """Expert argumentation (第19条) or risk assessment (第22条) does not apply to this
    matter: recorded with the reason. The other steps are never optional."""
    rules.check_not_applicable(code, reason)
    item, steps = _guard(decision, code, actor)
    step = steps[code]
    before = _plain_step(step)
    step.state, step.not_applicable_reason = StepState.NOT_APPLICABLE, reason.strip()
    step.completed_on = action_date(on, "记录日期")
    return _save_step(item, step, actor, "step_not_applicable", before)


@audit.audited
def record_deliberation(decision: MajorDecision, *, actor: Any, meeting: str, on: dt.date, attendees: str,
                        opinions: list[dict[str, Any]], outcome: str, conclusion: str, dissent: str = "",
                        decision_text: str = "") -> DecisionStep:  # fmt: skip
    """The executive meeting discusses the draft and decides (第30条): every member's
    opinion in speaking order, the head's last; dissent is recorded as it was."""
    item, steps = _guard(decision, "collective_deliberation", actor)
    review = steps["legality_review"]
    if review.review_opinion == ReviewOpinion.UNLAWFUL:
        raise RuleError("经合法性审查认为不合法的决策草案，不得提交集体讨论", law=MDR, article=25,
                        code="review_unlawful")  # fmt: skip
    if not meeting.strip():
        raise RuleError("请填写讨论决定的会议", law=MDR, article=30, code="meeting_required")
    if not attendees.strip():
        raise RuleError("请填写出席会议的人员", law=MDR, article=30, code="attendees_required")
    on = action_date(on, "会议日期")
    if review.completed_on and on < review.completed_on:
        raise RuleError("集体讨论应在合法性审查之后进行", law=MDR, article=25, code="date_before_review")
    rows = [o for o in opinions if (o.get("member") or "").strip()]
    if not rows:
        raise RuleError("请逐一登记参会组成人员的意见", law=MDR, article=30, code="opinions_required")
    for row in rows:
        if row.get("position") not in MemberPosition.values:
            raise RuleError(f"请选择{row['member'].strip()}的表态", code="position_required")
    heads = [i for i, r in enumerate(rows) if r.get("is_head")]
    if len(heads) != 1:
        raise RuleError("须且只能有一位行政首长", law=MDR, article=30, code="one_head")
    if heads[0] != len(rows) - 1:
        raise RuleError("行政首长应当在集体讨论的最后发表意见", law=MDR, article=30, code="head_speaks_last")
    if outcome not in DeliberationOutcome.values:
        raise RuleError("请选择讨论结果", law=MDR, article=30, code="outcome_required")
    if not conclusion.strip():
        raise RuleError("请填写行政首长的决定意见", law=MDR, article=30, code="conclusion_required")
    dissenters = [r["member"].strip() for r in rows if r["position"] == MemberPosition.DISAGREE]
    if dissenters and not dissent.strip():
        raise RuleError(f"{'、'.join(dissenters)}持不同意见，应当如实记录", law=MDR, article=30,
                        code="dissent_required")  # fmt: skip
    step = steps["collective_deliberation"]
    before = {"status": item.status, **_plain_step(step)}
    step.state, step.started_on, step.completed_on = StepState.DONE, on, on
    step.meeting, step.attendees, step.outcome = meeting.strip(), attendees.strip(), outcome
    step.head_conclusion, step.dissent = conclusion.strip(), dissent.strip()
    MemberOpinion.objects.filter(step=step).delete()
    MemberOpinion.objects.bulk_create(
        MemberOpinion(step=step, order=i, member=r["member"].strip(), role=(r.get("role") or "").strip(),
                      is_head=bool(r.get("is_head")), position=r["position"], opinion=(r.get("opinion") or "").strip())
        for i, r in enumerate(rows, start=1)
    )  # fmt: skip
    if outcome in (DeliberationOutcome.ADOPTED, DeliberationOutcome.ADOPTED_WITH_CHANGES):
        item.status, item.decided_on, item.outcome = DecisionStatus.DECIDED, on, outcome
        item.decision_text = decision_text.strip() or conclusion.strip()
    else:
        item.status, item.outcome = DecisionStatus.SHELVED, outcome
        item.shelved_reason = conclusion.strip()
    item.save()
    _save_step(item, step, actor, "deliberated", before)
    return step


# -- after the decision ---------------------------------------------------------------------


def _move(
    decision: MajorDecision, action: str, actor: Any, changes: dict[str, Any], note: str = ""
) -> MajorDecision:
    if not actor.has_perm(workflow.PERMISSIONS[action]):
        raise PermissionDenied(f"您的角色不能“{workflow.ACTION_LABELS[action]}”")
    ensure_in_scope(actor, decision)
    item = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    if action == "publish" and item.status in workflow.STEP_STATUSES:
        raise RuleError(
            "重大行政决策未经集体讨论决定，不得公布", law=MDR, article=(30, 32), code="not_decided"
        )
    before, after = change_state(item, status=workflow.next_status(item.status, action), changes=changes)
    audit.record(actor=actor, action=f"decisions.majordecision.{workflow.AUDIT_VERBS[action]}", target=item,
                 old=before, new=after, message=note[:500])  # fmt: skip
    return item


@audit.audited
def report_to_party_committee(decision: MajorDecision, *, actor: Any, on: dt.date | None = None,
                              note: str = "") -> MajorDecision:  # fmt: skip
    """Report the decision to the party committee before it is issued (第31条)."""
    on = action_date(on, "报告日期")
    if decision.decided_on and on < decision.decided_on:
        raise RuleError("报告日期不能早于决定日期", code="date_before_decision")
    return _move(decision, "report", actor, {"reported_on": on, "report_note": note.strip()[:200]}, note)


@audit.audited
def publish_decision(decision: MajorDecision, *, actor: Any, on: dt.date | None = None,
                     where: str = "") -> MajorDecision:  # fmt: skip
    """Publish the decision (第32条)."""
    on = action_date(on, "公布日期")
    if not where.strip():
        raise RuleError("请填写公布载体（如政府网站、公示栏）", law=MDR, article=32, code="where_required")
    if decision.reported_on and on < decision.reported_on:
        raise RuleError("公布日期不能早于向党委报告的日期", law=MDR, article=31, code="date_before_report")
    return _move(decision, "publish", actor, {"published_on": on, "publication_ref": where.strip()[:200]})


@audit.audited
def add_follow_up(decision: MajorDecision, *, actor: Any, progress: str, problems: str = "",
                  on: dt.date | None = None) -> DecisionFollowUp:  # fmt: skip
    """Record how the decision is carried out (第34、35条)."""
    if not progress.strip():
        raise RuleError("请填写执行情况", law=MDR, article=34, code="progress_required")
    on = action_date(on)
    item = _move(decision, "follow_up", actor, {}, progress)
    return DecisionFollowUp.objects.create(decision=item, on=on, progress=progress.strip(),
                                           problems=problems.strip(), actor=actor)  # fmt: skip


@audit.audited
def start_evaluation(decision: MajorDecision, *, actor: Any, reason: str, due_on: dt.date) -> MajorDecision:
    """Start a post-evaluation when results fall short or objections are many (第36条)."""
    if not reason.strip():
        raise RuleError("请写明启动后评估的原因", law=MDR, article=36, code="reason_required")
    if decision.evaluation_reason:
        raise RuleError("后评估已经启动", code="evaluation_started")
    if due_on < timezone.localdate():
        raise RuleError("后评估期限不能早于今天", code="due_in_past")
    return _move(decision, "start_evaluation", actor, {"evaluation_reason": reason.strip(), "evaluation_due_on": due_on},
                 reason)  # fmt: skip


@audit.audited
def complete_evaluation(
    decision: MajorDecision, *, actor: Any, result: str, on: dt.date | None = None
) -> MajorDecision:
    if not decision.evaluation_reason:
        raise RuleError("尚未启动后评估", code="evaluation_not_started")
    if not result.strip():
        raise RuleError("请填写后评估结论", law=MDR, article=36, code="result_required")
    return _move(decision, "complete_evaluation", actor, {"evaluated_on": action_date(on), "evaluation_result": result.strip()},
                 result)  # fmt: skip


@audit.audited
def shelve_decision(decision: MajorDecision, *, actor: Any, reason: str) -> MajorDecision:
    if not reason.strip():
        raise RuleError("请写明暂缓或终止的理由", code="reason_required")
    return _move(decision, "shelve", actor, {"shelved_reason": reason.strip()}, reason)


STEP_NAMES = {s.code: s.name for s in rules.MAJOR_DECISION_STEPS}
