"""The writes of the reports app, each one transaction with its audit event:
save a town's template, create a year's report from it, edit a draft, move it
through its workflow (workflow.TABLE), and make sure every town has its drafts
for the year just ended (a daily job from 1 January)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.models import OrgUnit
from fazhi.core.registers.actions import action_date, change_state, clean_record, ensure_in_scope
from fazhi.law import RuleError
from fazhi.reports import workflow
from fazhi.reports.choices import ReportKind, ReportStatus
from fazhi.reports.kinds import kind as kind_spec
from fazhi.reports.models import Report, ReportStep, ReportTemplate, due_dates

SETTINGS_FIELDS = ("texts", "order", "rounding", "comparison")


def template_for(unit: OrgUnit, kind: str) -> ReportTemplate | None:
    return ReportTemplate.objects.filter(org_unit=unit, kind=kind).first()


def _check_permission(actor: Any, perm: str, what: str) -> None:
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied(f"您的角色不能{what}")


@audit.audited
def save_template(unit: OrgUnit, kind: str, *, actor: Any, data: dict[str, Any]) -> ReportTemplate:
    """Create or change the unit's template of `kind`."""
    _check_permission(actor, "reports.change_reporttemplate", "修改报告模板")
    if kind not in ReportKind.values:
        raise RuleError("报告类型不正确", code="unknown_kind")
    template = ReportTemplate.objects.select_for_update().filter(org_unit=unit, kind=kind).first()
    new = template is None
    if new:
        template = ReportTemplate(org_unit=unit, kind=kind)
    ensure_in_scope(actor, template)
    before = {} if new else audit.snapshot(template)
    for name, value in data.items():
        setattr(template, name, value)
    clean_record(template)
    template.save()
    after = audit.snapshot(template)
    audit.record(actor=actor, action=f"reports.reporttemplate.{'created' if new else 'updated'}", target=template,
                 old=before, new=after)  # fmt: skip
    return template


@audit.audited
def create_report(unit: OrgUnit, kind: str, year: int, *, actor: Any) -> Report:
    """A year's draft from the unit's template (or the default wording)."""
    _check_permission(actor, "reports.add_report", "新建年度报告")
    if kind not in ReportKind.values:
        raise RuleError("报告类型不正确", code="unknown_kind")
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise RuleError(
            f"年度应在2000年至{today.year}年之间：报告写的是已经开始的年度", code="year_out_of_range"
        )
    if Report.objects.filter(org_unit=unit, kind=kind, year=year).exists():
        raise RuleError(f"{unit.name}{year}年的{ReportKind(kind).label}已经建立，请打开它继续编辑",
                        code="report_exists")  # fmt: skip
    template = template_for(unit, kind)
    spec = kind_spec(kind)
    submit, publish = due_dates(kind, year, template)
    report = Report(
        org_unit=unit, kind=kind, year=year, drafter=actor if getattr(actor, "pk", None) else None,
        texts=dict(template.texts) if template else spec.default_texts(),
        order=list(template.order) if template and template.order else list(spec.default_order),
        rounding=dict(template.rounding) if template else {},
        comparison=template.comparison if template else False,
        submit_due_on=submit, publish_due_on=publish,
    )  # fmt: skip
    if actor is not None:
        ensure_in_scope(actor, report)
    clean_record(report)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:  # created by someone else a moment ago
        raise RuleError(
            f"{unit.name}{year}年的{ReportKind(kind).label}已经建立", code="report_exists"
        ) from exc
    from fazhi.core import deadlines

    deadlines.sync(report, new=True)
    audit.record(actor=actor, action="reports.report.created", target=report, new=audit.snapshot(report))
    return report


@audit.audited
def update_report(report: Report, *, actor: Any, data: dict[str, Any]) -> Report:
    """Edit a draft's texts and settings. Reviewed reports are sent back first."""
    _check_permission(actor, workflow.EDIT_PERMISSION, "修改年度报告")
    ensure_in_scope(actor, report)
    item = Report.objects.select_for_update().get(pk=report.pk)
    if item.status != ReportStatus.DRAFT:
        raise RuleError(f"报告已{item.status_label}，只有草稿可以修改；需要修改的，请审核人或领导先退回",
                        code="report_not_draft")  # fmt: skip
    before = {name: getattr(item, name) for name in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    after = {name: getattr(item, name) for name in SETTINGS_FIELDS}
    if before == after:
        return item
    item.revision += 1
    clean_record(item)
    item.save()
    changed = [name for name in SETTINGS_FIELDS if before[name] != after[name]]
    audit.record(actor=actor, action="reports.report.updated", target=item,
                 old={k: before[k] for k in changed}, new={k: after[k] for k in changed})  # fmt: skip
    return item


@audit.audited
def take_step(report: Report, action: str, *, actor: Any, on: dt.date | None = None, note: str = "",
              submitted_to: str = "", submission_ref: str = "") -> Report:  # fmt: skip
    """One step of the workflow: review, approve, submit, publish or return."""
    if action not in workflow.ACTION_LABELS:
        raise RuleError("未知的办理环节", code="unknown_action")
    if not workflow.may(actor, action):
        raise PermissionDenied(f"您的角色不能对年度报告“{workflow.ACTION_LABELS[action]}”")
    ensure_in_scope(actor, report)
    on = action_date(on)
    item = Report.objects.select_for_update().get(pk=report.pk)
    spec = kind_spec(item.kind)
    target = workflow.next_status(item.status, action, needs_submission=spec.needs_submission)
    note = (note or "").strip()
    changes: dict[str, Any] = {}
    if action == "return":
        if not note:
            raise RuleError("退回修改须写明理由", code="reason_required")
        changes = {"reviewed_by": None, "reviewed_on": None, "approved_by": None, "approved_on": None}
    elif action == "review":
        changes = {"reviewed_by": actor, "reviewed_on": on}
    elif action == "approve":
        changes = {"approved_by": actor, "approved_on": on}
    elif action == "submit":
        to = (submitted_to or "").strip() or default_recipient(item)
        changes = {
            "submitted_on": on,
            "submitted_to": to[:100],
            "submission_ref": (submission_ref or "").strip()[:60],
        }
    elif action == "publish":
        changes = {"published_on": on, "published_snapshot": public_snapshot(item, on)}
    for name, earlier in (("reviewed_on", item.reviewed_on), ("approved_on", item.approved_on),
                          ("submitted_on", item.submitted_on)):  # fmt: skip
        if action != "return" and earlier and on < earlier:
            label = Report._meta.get_field(name).verbose_name
            raise RuleError(f"{workflow.ACTION_LABELS[action]}日期不能早于{label}（{earlier:%Y-%m-%d}）",
                            code="date_before_previous_step")  # fmt: skip
    before, after = change_state(item, status=target, changes=changes)
    before.pop("published_snapshot", None)
    after.pop("published_snapshot", None)
    ReportStep.objects.create(report=item, action=action, label=workflow.ACTION_LABELS[action], on=on,
                              actor=actor, note=note)  # fmt: skip
    audit.record(actor=actor, action=f"reports.report.{workflow.AUDIT_VERBS[action]}", target=item,
                 old=before, new=after, message=note[:500])  # fmt: skip
    return item


def default_recipient(report: Report) -> str:
    parent = report.org_unit.parent
    return f"中共{parent.name}委、{parent.name}人民政府" if parent is not None else ""


def public_snapshot(report: Report, on: dt.date) -> dict[str, Any]:
    """The report as published: the build of the day without the writer's
    suggestions. The figures keep the addresses of their records for the staff's
    page; the portal never renders them."""
    from fazhi.reports.builder import build_for

    built = build_for(report)
    for part in built.parts:
        part.suggestions = []
    return built.to_dict()


@audit.audited
def ensure_reports(year: int, *, actor: Any = None) -> int:
    """Every town's draft of each kind for `year`, where none exists yet (the
    daily job from 1 January, so that the deadlines reach the warnings)."""
    from fazhi.core.choices import OrgKind

    towns = OrgUnit.objects.filter(kind=OrgKind.TOWN)
    existing = set(Report.objects.filter(year=year).values_list("org_unit_id", "kind"))
    made = 0
    for town in towns:
        for kind in ReportKind.values:
            if (town.pk, kind) not in existing:
                create_report(town, kind, year, actor=actor)
                made += 1
    return made
