"""Disputes (矛盾纠纷): registration with the parties, the steps of the mediation
(workflow/disputes.py), each one transaction with its history row, its deadline
and one audit event (disputes.dispute.<verb>), the reveal of the parties' personal
data, and the Excel ledger's rows (a new dispute, or a closed one from the town's
ledger before Fazhi, taken through the same steps on its own dates)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

from fazhi import law
from fazhi.core import audit, documents, workdays
from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.core.registers.actions import action_date, change_state, clean_record, ensure_in_scope
from fazhi.disputes.choices import AgreementForm, ConfirmationResult, DisputeStatus, Referral
from fazhi.disputes.models import (
    Dispute,
    DisputeParty,
    DisputeStep,
    MediationCommittee,
    MediationRoom,
    Mediator,
)
from fazhi.disputes.workflow import disputes as workflow
from fazhi.law import RuleError
from fazhi.law.mediation import MEDIATION_LAW

S = DisputeStatus
VILLAGE_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
ADD = "disputes.add_dispute"
# What the register's edit page (and the ledger) may change; the rest moves by the steps.
EDITABLE = ("village", "source", "category", "risk_level", "summary", "amount", "people_involved")
PARTY_FIELDS = ("kind", "name", "resident_id", "phone", "address")


# -- where a dispute belongs -------------------------------------------------------------


def town_of(unit: OrgUnit) -> OrgUnit:
    return unit.town or unit


def villages_for(user: Any):
    """The villages and communities `user` may register a dispute in: those they see,
    or, for a grid worker placed on a grid, the grid's own village."""
    unit = getattr(user, "org_unit", None)
    if unit is None:
        return OrgUnit.objects.none()
    if unit.kind in VILLAGE_KINDS or unit.kind == OrgKind.GRID:
        paths = OrgUnit.paths_up(unit.path)
        return OrgUnit.objects.filter(path__in=paths, kind__in=VILLAGE_KINDS).order_by("path")
    return OrgUnit.objects.visible_to(user).filter(kind__in=VILLAGE_KINDS, is_active=True).order_by("path")


def keeping_unit(actor: Any, village: OrgUnit) -> OrgUnit:
    """The unit that keeps a dispute of `village`: the registrar's own unit when it lies in
    the village (a grid worker's grid), so that they still see what they registered;
    otherwise the village itself."""
    unit = getattr(actor, "org_unit", None)
    if village.kind not in VILLAGE_KINDS:
        raise ValidationError({"village": "发生村（社区）须为村或社区"})
    if unit is not None and unit.path.startswith(village.path):
        return unit
    if unit is None or not village.path.startswith(unit.path):
        raise PermissionDenied("只能登记本单位所辖村（社区）的纠纷")
    return village


def short_name(town: OrgUnit) -> str:
    """江口镇 → 江口, the town's name as the number shows it."""
    for suffix in ("街道办事处", "街道", "镇", "乡"):
        if town.name.endswith(suffix) and len(town.name) > len(suffix):
            return town.name[: -len(suffix)]
    return town.name


def scheme(town: OrgUnit) -> str:
    return f"disputes.dispute:{town.pk}"


def format_number(town: OrgUnit, year: int, n: int) -> str:
    return f"{short_name(town)}调〔{year}〕{n}号"


def _number_of(town: OrgUnit, text: str) -> tuple[int, int] | None:
    """(year, n) when `text` is a number of this town's run, else None."""
    match = re.fullmatch(rf"{re.escape(short_name(town))}调〔(\d{{4}})〕(\d+)号", text)
    return (int(match[1]), int(match[2])) if match else None


def _check_number_free(town: OrgUnit, number: str, exclude: int | None = None) -> None:
    taken = Dispute.objects.filter(org_unit__path__startswith=town.path, number=number)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise RuleError(f"编号“{number}”已在本镇使用，纠纷编号在本镇内不能重复", code="number_taken")


# -- parties ------------------------------------------------------------------------------


def _party(values: dict[str, Any], position: int) -> DisputeParty:
    data = {f: values.get(f) for f in PARTY_FIELDS if f in values}
    for name in ("name", "resident_id", "phone", "address"):
        data[name] = (data.get(name) or "").strip()
    data["resident_id"] = data["resident_id"].upper()
    data.setdefault("kind", "individual")
    return DisputeParty(position=position, **data)


def _clean_parties(parties: Iterable[dict[str, Any]]) -> list[DisputeParty]:
    rows = [_party(p, i) for i, p in enumerate(parties, start=1) if (p.get("name") or "").strip()]
    if not rows:
        raise RuleError("请至少登记一方当事人", code="party_required")
    errors = []
    for i, row in enumerate(rows, start=1):
        try:
            row.full_clean(exclude=["dispute"])
        except ValidationError as exc:
            errors.extend(f"当事人{i}：{m}" for m in exc.messages)
    if errors:
        raise ValidationError(errors)
    return rows


def _parties_shown(parties: Iterable[DisputeParty]) -> list[dict[str, str]]:
    return [p.masked() for p in parties]


# -- registration and edits ------------------------------------------------------------------


@audit.audited
def register_dispute(*, actor: Any, data: dict[str, Any], parties: Iterable[dict[str, Any]],
                     number: str = "") -> Dispute:  # fmt: skip
    """A new dispute (已登记) with at least one party, numbered in its town's run for the
    year registered (江口调〔2023〕15号). `number` keeps the number a town's earlier
    ledger gave it, when free."""
    if not actor.has_perm(ADD):
        raise PermissionDenied("您的角色不能登记矛盾纠纷")
    village = data.get("village")
    if village is None:
        raise ValidationError({"village": "请选择纠纷发生的村（社区）"})
    registered_on = action_date(data.get("registered_on"), "登记日期")
    fields = {k: v for k, v in data.items() if k in EDITABLE}
    dispute = Dispute(**fields, org_unit=keeping_unit(actor, village), registered_on=registered_on,
                      registered_by=actor, status=S.REGISTERED)  # fmt: skip
    ensure_in_scope(actor, dispute)
    rows = _clean_parties(parties)
    clean_record(dispute)
    town = town_of(dispute.org_unit)
    number = (number or "").strip()
    if number:
        _check_number_free(town, number)
        run = _number_of(town, number)
        if run is not None:
            documents.reserve_number(scheme(town), run[0], run[1])
    else:
        # Drawn last: the town's sequence row stays locked until the commit.
        number = format_number(
            town, registered_on.year, documents.next_number(scheme(town), registered_on.year)
        )
    dispute.number = number
    dispute.save()
    for row in rows:
        row.dispute = dispute
    DisputeParty.objects.bulk_create(rows)
    DisputeStep.objects.create(dispute=dispute, action="register", label=workflow.ACTION_LABELS["register"],
                               on=registered_on, actor=actor, note=dispute.get_source_display())  # fmt: skip
    new = audit.snapshot(dispute)
    new["parties"] = _parties_shown(rows)
    audit.record(actor=actor, action="disputes.dispute.registered", target=dispute, new=new)
    return dispute


def _party_key(p: DisputeParty) -> tuple:
    return tuple(getattr(p, f) for f in PARTY_FIELDS)


@audit.audited
def update_dispute(dispute: Dispute, *, actor: Any, data: dict[str, Any],
                   parties: Iterable[dict[str, Any]] | None = None) -> Dispute:  # fmt: skip
    """Correct what was registered (village, source, category, risk, summary, amount,
    people) and, when `parties` is given, replace the parties with it. A closed
    dispute no longer changes. Nothing changed, nothing written."""
    ensure_in_scope(actor, dispute)
    item = (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("org_unit", "village")
        .get(pk=dispute.pk)
    )
    before = audit.raw_values(item)
    for name, value in data.items():
        if name in EDITABLE:
            setattr(item, name, value)
    if item.village_id != before["village_id"]:
        if item.village is None:
            raise ValidationError({"village": "请选择纠纷发生的村（社区）"})
        town = town_of(item.org_unit)
        if not item.village.path.startswith(town.path):
            raise ValidationError({"village": "纠纷只能改到本镇的其他村（社区）"})
        if not item.org_unit.path.startswith(item.village.path):
            item.org_unit = keeping_unit(actor, item.village)
    after = audit.raw_values(item)
    changed = audit.changed_fields(before, after)
    old_parties = list(item.parties.all())
    new_parties = _clean_parties(parties) if parties is not None else None
    parties_changed = new_parties is not None and [_party_key(p) for p in old_parties] != [
        _party_key(p) for p in new_parties
    ]
    item.fazhi_changed = bool(changed or parties_changed)  # read by the importer
    if not item.fazhi_changed:
        return item
    if item.status == S.CLOSED:
        raise RuleError("已结案的纠纷不能再修改", code="dispute_closed")
    ensure_in_scope(actor, item)
    clean_record(item)
    item.save()
    old = {k: v for k, v in audit.snapshot(item, before).items() if k in changed}
    new = {k: v for k, v in audit.snapshot(item, after).items() if k in changed}
    if parties_changed:
        item.parties.all().delete()
        for row in new_parties:
            row.dispute = item
        DisputeParty.objects.bulk_create(new_parties)
        old["parties"], new["parties"] = _parties_shown(old_parties), _parties_shown(new_parties)
    audit.record(actor=actor, action="disputes.dispute.changed", target=item, old=old, new=new)
    return item


@audit.audited
def reveal_parties(dispute: Dispute, *, actor: Any) -> list[dict[str, str]]:
    """The parties' names, ID numbers, phones and addresses in full: the same permission
    as a resident's (core.reveal_person_pii), and an audit event each time."""
    if not actor.has_perm("core.reveal_person_pii") or not dispute.is_visible_to(actor):
        raise PermissionDenied("无权查看完整个人信息")
    parties = list(dispute.parties.all())
    audit.record(actor=actor, action="disputes.dispute.pii_revealed", target=dispute,
                 new={"parties": len(parties), "fields": ["name", "resident_id", "phone", "address"]})  # fmt: skip
    return [{"kind": p.get_kind_display(), **{f: getattr(p, f) for f in PARTY_FIELDS if f != "kind"}}
            for p in parties]  # fmt: skip


# -- the steps ------------------------------------------------------------------------------


def _transition(dispute: Dispute, action: str, actor: Any, *, on: dt.date, note: str = "",
                changes: dict[str, Any] | None = None, check=None) -> Dispute:  # fmt: skip
    """Move the dispute by `action`: the step's permission, scope, the row locked, the
    table, `check(locked)` for the step's own rules, then the record, its deadline, its
    history row and one audit event, together."""
    if not actor.has_perm(workflow.PERMISSIONS[action]):
        raise PermissionDenied(f"您的角色不能对矛盾纠纷“{workflow.ACTION_LABELS[action]}”")
    ensure_in_scope(actor, dispute)
    item = (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("org_unit", "village")
        .get(pk=dispute.pk)
    )
    if action == "close":
        refusal = workflow.close_refusal(item.status, item.follow_up_on is not None)
        if refusal is not None:
            raise refusal
    target = workflow.next_status(item.status, action)
    if check is not None:
        check(item)
    before, after = change_state(item, status=target, changes=changes)
    DisputeStep.objects.create(dispute=item, action=action, label=workflow.ACTION_LABELS[action], on=on,
                               actor=actor, note=note)  # fmt: skip
    audit.record(actor=actor, action=f"disputes.dispute.{workflow.AUDIT_VERBS[action]}", target=item,
                 old=before, new=after, message=note[:500])  # fmt: skip
    return item


def _not_before(on: dt.date, earlier: dt.date | None, what: str) -> None:
    if earlier is not None and on < earlier:
        raise RuleError(f"日期不能早于{what}（{earlier:%Y-%m-%d}）", code="date_out_of_order")


def _active_on(obj: Model, start: str, end: str, on: dt.date) -> bool:
    first, last = getattr(obj, start), getattr(obj, end)
    return (first is None or first <= on) and (last is None or last >= on)


@audit.audited
def assign_dispute(dispute: Dispute, *, actor: Any, committee: MediationCommittee, mediators: Iterable[Mediator],
                   room: MediationRoom | None = None, on: dt.date | None = None, note: str = "") -> Dispute:  # fmt: skip
    """已登记 → 已分派: a committee of the dispute's town, one or more of its mediators
    (serving on the day), and optionally a mediation room."""
    on = action_date(on)
    mediators = list(mediators or [])
    if committee is None:
        raise RuleError("请选择承办的人民调解委员会", code="committee_required")
    if not mediators:
        raise RuleError("请至少指定一名调解员", code="mediator_required")
    town = town_of(dispute.org_unit)
    if not committee.org_unit.path.startswith(town.path) or not committee.is_visible_to(actor):
        raise RuleError("承办的人民调解委员会须为本镇的调解委员会", code="committee_elsewhere")
    if not _active_on(committee, "established_on", "dissolved_on", on):
        raise RuleError(f"{committee.name}在{on:%Y-%m-%d}未设立或已撤销", code="committee_inactive")
    for m in mediators:
        if m.committee_id != committee.pk:
            raise RuleError(f"调解员{m.name}不是{committee.name}的调解员", code="mediator_elsewhere")
        if not _active_on(m, "appointed_on", "left_on", on):
            raise RuleError(f"调解员{m.name}在{on:%Y-%m-%d}不在任", code="mediator_inactive")
    if room is not None:
        if not room.org_unit.path.startswith(town.path) or not room.is_visible_to(actor):
            raise RuleError("调解室须为本镇的调解室", code="room_elsewhere")
        if not _active_on(room, "opened_on", "closed_on", on):
            raise RuleError(f"{room.name}在{on:%Y-%m-%d}未设立或已撤销", code="room_inactive")

    def check(item: Dispute) -> None:
        _not_before(on, item.registered_on, "登记日期")

    names = "、".join(m.name for m in mediators)
    text = (
        f"{committee.name}；调解员{names}"
        + (f"；{room.name}" if room else "")
        + (f"；{note}" if note else "")
    )
    item = _transition(dispute, "assign", actor, on=on, note=text, check=check,
                       changes={"committee": committee, "room": room, "assigned_on": on})  # fmt: skip
    item.mediators.set(mediators)
    return item


@audit.audited
def start_mediation(dispute: Dispute, *, actor: Any, on: dt.date | None = None, note: str = "") -> Dispute:
    """已分派 → 调解中."""
    on = action_date(on)

    def check(item: Dispute) -> None:
        _not_before(on, item.assigned_on, "分派日期")

    return _transition(dispute, "start", actor, on=on, note=note, check=check,
                       changes={"mediation_started_on": on})  # fmt: skip


def confirmation_due(resolved_on: dt.date) -> dt.date:
    """The last day to apply jointly for judicial confirmation: 30 days from the day the
    agreement took effect (mediation_judicial_confirmation, the parties' period)."""
    return workdays.period_due(law.period("mediation_judicial_confirmation"), resolved_on)


@audit.audited
def resolve_dispute(dispute: Dispute, *, actor: Any, agreement_form: str, agreement_text: str,
                    confirmation_wanted: bool = False, on: dt.date | None = None) -> Dispute:  # fmt: skip
    """调解中 → 调解成功, with the agreement (written or oral) and its terms. When the
    parties to a written agreement mean to seek judicial confirmation, the due date of
    their application is tracked as a deadline."""
    on = action_date(on)
    agreement_text = (agreement_text or "").strip()
    if agreement_form not in AgreementForm.values:
        raise RuleError("请选择调解协议的形式（书面或口头）", code="agreement_form_required")
    if not agreement_text:
        raise RuleError("请填写调解协议的内容", code="agreement_text_required")
    if confirmation_wanted and agreement_form != AgreementForm.WRITTEN:
        raise RuleError("申请司法确认须有书面调解协议", law=MEDIATION_LAW, article=33,
                        code="confirmation_needs_written_agreement")  # fmt: skip

    def check(item: Dispute) -> None:
        _not_before(on, item.mediation_started_on, "开始调解日期")

    due = confirmation_due(on) if confirmation_wanted else None
    note = AgreementForm(agreement_form).label + (
        f"；当事人拟申请司法确认，期限{due:%Y-%m-%d}" if due else ""
    )
    return _transition(dispute, "resolve", actor, on=on, note=note, check=check, changes={
        "resolved_on": on, "agreement_form": agreement_form, "agreement_text": agreement_text,
        "confirmation_wanted": bool(confirmation_wanted), "confirmation_due_on": due,
    })  # fmt: skip


@audit.audited
def record_failure(dispute: Dispute, *, actor: Any, referral: str, referral_note: str = "",
                   on: dt.date | None = None) -> Dispute:  # fmt: skip
    """调解中 → 调解不成: where the parties were directed (litigation, arbitration, another
    body) and what was done; a note is needed unless the parties gave up."""
    on = action_date(on)
    referral_note = (referral_note or "").strip()
    if referral not in Referral.values:
        raise RuleError("请选择调解不成的处理方式", code="referral_required")
    if referral != Referral.NONE and not referral_note:
        raise RuleError("请填写调解不成的处理情况", code="referral_note_required")

    def check(item: Dispute) -> None:
        _not_before(on, item.mediation_started_on, "开始调解日期")

    note = Referral(referral).label + (f"：{referral_note}" if referral_note else "")
    return _transition(dispute, "fail", actor, on=on, note=note, check=check,
                       changes={"resolved_on": on, "referral": referral, "referral_note": referral_note})  # fmt: skip


@audit.audited
def apply_confirmation(dispute: Dispute, *, actor: Any, on: dt.date | None = None, note: str = "") -> Dispute:
    """The parties jointly applied to the court for judicial confirmation of a written
    agreement. An application after the 30 days is recorded as late."""
    on = action_date(on)

    def check(item: Dispute) -> None:
        if item.agreement_form != AgreementForm.WRITTEN:
            raise RuleError("只有书面调解协议可以申请司法确认", law=MEDIATION_LAW, article=33,
                            code="confirmation_needs_written_agreement")  # fmt: skip
        if item.confirmation_applied_on is not None:
            raise RuleError(
                f"已于{item.confirmation_applied_on:%Y-%m-%d}登记申请司法确认", code="already_applied"
            )
        _not_before(on, item.resolved_on, "调解协议生效日期")

    due = dispute.confirmation_due_on or confirmation_due(dispute.resolved_on or on)
    text = (
        f"期限{due:%Y-%m-%d}" + ("（超过三十日申请期限）" if on > due else "") + (f"；{note}" if note else "")
    )
    return _transition(dispute, "apply_confirmation", actor, on=on, note=text, check=check, changes={
        "confirmation_wanted": True, "confirmation_due_on": due, "confirmation_applied_on": on,
    })  # fmt: skip


@audit.audited
def record_confirmation_result(dispute: Dispute, *, actor: Any, result: str, on: dt.date | None = None,
                               note: str = "") -> Dispute:  # fmt: skip
    """The court's ruling on the application: confirmed valid, or the application rejected."""
    on = action_date(on)
    if result not in ConfirmationResult.values:
        raise RuleError("请选择司法确认结果", code="confirmation_result_required")

    def check(item: Dispute) -> None:
        if item.confirmation_applied_on is None:
            raise RuleError("尚未登记申请司法确认，不能登记确认结果", code="not_applied")
        if item.confirmation_result:
            raise RuleError("已登记司法确认结果", code="already_ruled")
        _not_before(on, item.confirmation_applied_on, "申请司法确认日期")

    text = ConfirmationResult(result).label + (f"；{note}" if note else "")
    return _transition(dispute, "confirmation_result", actor, on=on, note=text, check=check,
                       changes={"confirmation_result": result})  # fmt: skip


@audit.audited
def follow_up(dispute: Dispute, *, actor: Any, note: str, on: dt.date | None = None) -> Dispute:
    """A follow-up visit (回访) after the result: how the agreement is kept, or where the
    referred parties stand. A later visit replaces the date and note; the history keeps both."""
    on = action_date(on)
    note = (note or "").strip()
    if not note:
        raise RuleError("请填写回访情况", code="follow_up_note_required")

    def check(item: Dispute) -> None:
        _not_before(on, item.resolved_on, "调解结束日期")
        _not_before(on, item.follow_up_on, "上次回访日期")

    return _transition(dispute, "follow_up", actor, on=on, note=note, check=check,
                       changes={"follow_up_on": on, "follow_up_note": note})  # fmt: skip


@audit.audited
def close_dispute(dispute: Dispute, *, actor: Any, on: dt.date | None = None, note: str = "") -> Dispute:
    """调解成功或调解不成 → 已结案, once a result and a follow-up visit are recorded."""
    on = action_date(on)

    def check(item: Dispute) -> None:
        _not_before(on, item.follow_up_on, "回访日期")

    return _transition(dispute, "close", actor, on=on, note=(note or "").strip(), check=check,
                       changes={"closed_on": on})  # fmt: skip


def take_step(dispute: Dispute, step: str, *, actor: Any, data: dict[str, Any]) -> Dispute:
    """Take one step by its name (workflow.STEPS), as the page and the API do, with the
    cleaned data of the step's form (forms/disputes.STEP_FORMS)."""
    d = data
    steps = {
        "assign": lambda: assign_dispute(dispute, actor=actor, committee=d.get("committee"),
                                         mediators=d.get("mediators") or [], room=d.get("room"), on=d.get("on"),
                                         note=d.get("note", "")),
        "start": lambda: start_mediation(dispute, actor=actor, on=d.get("on"), note=d.get("note", "")),
        "resolve": lambda: resolve_dispute(dispute, actor=actor, agreement_form=d.get("agreement_form", ""),
                                           agreement_text=d.get("agreement_text", ""),
                                           confirmation_wanted=bool(d.get("confirmation_wanted")), on=d.get("on")),
        "fail": lambda: record_failure(dispute, actor=actor, referral=d.get("referral", ""),
                                       referral_note=d.get("referral_note", ""), on=d.get("on")),
        "apply_confirmation": lambda: apply_confirmation(dispute, actor=actor, on=d.get("on"),
                                                         note=d.get("note", "")),
        "confirmation_result": lambda: record_confirmation_result(dispute, actor=actor,
                                                                  result=d.get("confirmation_result", ""),
                                                                  on=d.get("on"), note=d.get("note", "")),
        "follow_up": lambda: follow_up(dispute, actor=actor, note=d.get("note", ""), on=d.get("on")),
        "close": lambda: close_dispute(dispute, actor=actor, on=d.get("on"), note=d.get("note", "")),
    }  # fmt: skip
    if step not in steps:
        raise RuleError("未知的办理环节", code="unknown_step")
    return steps[step]()


# -- the Excel ledger -------------------------------------------------------------------------


def _ledger_parties(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{f: data.get(f"{slot}_{f}") or "" for f in PARTY_FIELDS}
            for slot in ("party1", "party2") if data.get(f"{slot}_name")]  # fmt: skip


@audit.audited
def import_row(*, actor: Any, data: dict[str, Any]) -> Dispute:
    """A ledger row (forms/disputes.DisputeLedgerForm): a new dispute; when the row
    carries its result, follow-up and close, a dispute closed before Fazhi, taken
    through every step on the row's dates, so that every rule holds as on the page."""
    fields = {k: data[k] for k in EDITABLE if k in data}
    fields["registered_on"] = data["registered_on"]
    dispute = register_dispute(
        actor=actor, data=fields, parties=_ledger_parties(data), number=data.get("number", "")
    )
    if not data.get("closed_on"):
        return dispute
    assigned = data.get("assigned_on") or data["registered_on"]
    dispute = assign_dispute(dispute, actor=actor, committee=data["committee"], mediators=data["mediators"],
                             on=assigned, note="补录")  # fmt: skip
    dispute = start_mediation(dispute, actor=actor, on=assigned, note="补录")
    if data["outcome"] == S.RESOLVED:
        dispute = resolve_dispute(dispute, actor=actor, agreement_form=data["agreement_form"],
                                  agreement_text=data["agreement_text"], on=data["resolved_on"])  # fmt: skip
    else:
        dispute = record_failure(dispute, actor=actor, referral=data["referral"],
                                 referral_note=data.get("referral_note", ""), on=data["resolved_on"])  # fmt: skip
    dispute = follow_up(dispute, actor=actor, note=data["follow_up_note"], on=data["follow_up_on"])
    return close_dispute(dispute, actor=actor, on=data["closed_on"], note="补录")


def _comparable(value: Any) -> Any:
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, str):
        return value.strip()
    return value


@audit.audited
def update_row(dispute: Dispute, *, actor: Any, data: dict[str, Any]) -> Dispute:
    """A ledger row of a registered dispute: what was registered may be corrected; the
    parties and the steps change only on the dispute's page, so a row that differs in
    them is refused, naming the columns."""
    from fazhi.disputes.forms.disputes import DisputeLedgerForm

    form = DisputeLedgerForm(instance=dispute)
    current = form.initial_for(dispute)
    # The parties as stored: the form has read the row's masked cells back to these.
    for slot, party in zip(("party1", "party2"), [*dispute.parties.all(), None, None], strict=False):
        for name in PARTY_FIELDS:
            current[f"{slot}_{name}"] = (
                getattr(party, name) if party else ("individual" if name == "kind" else "")
            )
    differs = [str(form.fields[n].label) for n, value in current.items()
               if n not in EDITABLE and (_comparable(value) or None) != (_comparable(data.get(n)) or None)]  # fmt: skip
    if differs:
        raise RuleError(f"已登记的纠纷只能通过导入更正登记内容；{'、'.join(differs)}与系统记录不同，"
                        "请在纠纷页面办理", code="dispute_changed_by_import")  # fmt: skip
    return update_dispute(dispute, actor=actor, data={k: data[k] for k in EDITABLE if k in data})
