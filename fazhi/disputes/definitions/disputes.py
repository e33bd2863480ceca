"""The disputes register (矛盾纠纷排查化解台账): list, pages, Excel ledger both ways.

Exported, the ledger shows every dispute with its parties masked. Imported, a row
without a 系统编号 registers a new dispute; one that also carries the committee,
mediators, result, follow-up and close is a dispute the town closed before Fazhi,
taken through every step on its own dates. A row with a 系统编号 may correct what
was registered; the parties and the steps change only on the dispute's page."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db.models import Q

from fazhi.core.definitions import parse_choice, parse_date, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import (
    AgreementForm,
    DisputeCategory,
    DisputeSource,
    PartyKind,
    Referral,
    RiskLevel,
)
from fazhi.disputes.filters.disputes import DisputeFilter
from fazhi.disputes.forms.disputes import OUTCOMES, PARTY_MASKS, DisputeLedgerForm, committees_for
from fazhi.disputes.models import Dispute


def parse_village(raw, user):
    """A village or community by its code or its name, among those the user may register in."""
    text = parse_text(raw, user)
    if not text:
        return None
    found = list(
        actions.villages_for(user).filter(Q(code=text) | Q(name=text)).values_list("pk", flat=True)[:2]
    )
    if not found:
        raise ValueError(f"村（社区）“{text}”不存在或不在本单位管辖范围内")
    if len(found) > 1:
        raise ValueError(f"有多个名为“{text}”的村（社区），请填写单位代码")
    return found[0]


def parse_committee(raw, user):
    text = parse_text(raw, user)
    if not text:
        return None
    found = list(committees_for(user).filter(name=text).values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"人民调解委员会“{text}”不存在")
    if len(found) > 1:
        raise ValueError(f"有多个名为“{text}”的人民调解委员会，请在页面上办理")
    return found[0]


def parse_amount(raw, user):
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation as exc:
        raise ValueError("应为金额数字，如 1200 或 1200.50") from exc
    if value < 0:
        raise ValueError("金额不能为负数")
    return value


def parse_count(raw, user):
    if raw in (None, ""):
        return None
    try:
        value = int(str(raw).strip())
    except ValueError as exc:
        raise ValueError("应为整数") from exc
    if value < 1:
        raise ValueError("应至少为1")
    return value


def parse_outcome(raw, user):
    text = parse_text(raw, user)
    if not text:
        return ""
    for value, label in OUTCOMES:
        if text in (value, label, label.removeprefix("调解")):
            return value
    raise ValueError("应为“调解成功”或“调解不成”")


def _party(obj: Dispute, slot: int):
    parties = list(obj.parties.all())  # prefetched
    return parties[slot] if slot < len(parties) else None


def _party_cell(slot: int, name: str):
    def export(obj: Dispute):
        party = _party(obj, slot)
        if party is None:
            return ""
        if name == "kind":
            return party.get_kind_display()
        if name == "name":
            return party.masked_name
        return PARTY_MASKS[name](getattr(party, name))

    return export


def _party_columns(slot: int) -> list[ExcelColumn]:
    prefix = f"party{slot + 1}"
    label = "当事人一" if slot == 0 else "当事人二"
    return [
        ExcelColumn(f"{label}类型", f"{prefix}_kind", export=_party_cell(slot, "kind"), parse=parse_choice(PartyKind),
                    width=10),
        ExcelColumn(label, f"{prefix}_name", export=_party_cell(slot, "name"), parse=parse_text, required=slot == 0),
        ExcelColumn(f"{label}公民身份号码", f"{prefix}_resident_id", export=_party_cell(slot, "resident_id"),
                    parse=parse_text, width=22),
        ExcelColumn(f"{label}联系电话", f"{prefix}_phone", export=_party_cell(slot, "phone"), parse=parse_text),
        ExcelColumn(f"{label}住址", f"{prefix}_address", export=_party_cell(slot, "address"), parse=parse_text,
                    width=30),
    ]  # fmt: skip


disputes = registry.add(Register(
    key="disputes", namespace="disputes", model=Dispute, label="矛盾纠纷", module="disputes",
    description="矛盾纠纷排查化解：登记、分派调解委员会和调解员、调解、调解协议和司法确认、回访、结案。"
                "重大风险（可能激化）的纠纷以红色标示。当事人信息脱敏显示。",
    form_class=DisputeLedgerForm, filterset_class=DisputeFilter, attachments=True,
    create=actions.import_row, update=actions.update_row,
    import_note="“系统编号”留空为新登记的纠纷（编号留空的自动编号，填写的沿用原编号）；同时填写承办调解委员会、调解员、"
                "调解结束日期、调解结果、回访日期、回访情况和结案日期的，为补录已结案的历史纠纷，按各日期逐步办理。"
                "填写系统编号的只能更正登记内容，当事人和办理环节请在纠纷页面办理。",
    select_related=("org_unit", "village", "committee", "registered_by"), prefetch_related=("parties", "mediators"),
    ordering=("-registered_on", "-id"),
    columns=[Column("number", "编号", link=True, sort="number"),
             Column("risk_badge", "激化风险", sort="risk_level"),
             Column("village.name", "村（社区）", sort="village__path"), Column("category", "类别"),
             Column("parties_masked", "当事人"), Column("status", "状态", sort="status"),
             Column("committee.name", "调解委员会"),
             Column("registered_on", "登记日期", sort="registered_on"), Column("closed_on", "结案日期", sort="closed_on")],
    detail_fields=[Column("number", "编号"), Column("risk_badge", "激化风险"),
                   Column("village.name", "发生村（社区）"), Column("source", "来源"), Column("category", "类别"),
                   Column("summary", "纠纷简要情况"), Column("amount", "涉及金额（元）"),
                   Column("people_involved", "涉及人数"), Column("registered_on", "登记日期"),
                   Column("registered_by", "登记人"), Column("committee.name", "承办调解委员会"),
                   Column("room.name", "调解室"), Column("assigned_on", "分派日期"),
                   Column("mediation_started_on", "开始调解日期"), Column("resolved_on", "调解结束日期"),
                   Column("outcome", "调解结果"), Column("agreement_form", "协议形式"),
                   Column("agreement_text", "协议内容"), Column("confirmation_state", "司法确认"),
                   Column("referral", "调解不成的处理"), Column("referral_note", "处理情况"),
                   Column("follow_up_on", "回访日期"), Column("follow_up_note", "回访情况"),
                   Column("closed_on", "结案日期"), Column("org_unit.name", "所属单位")],
    excel_columns=[ExcelColumn("编号", "number", parse=parse_text, width=20),
                   ExcelColumn("发生村（社区）", "village", export=lambda d: d.village.name if d.village_id else "",
                               parse=parse_village, required=True, width=16),
                   ExcelColumn("来源", "source", parse=parse_choice(DisputeSource), required=True),
                   ExcelColumn("类别", "category", parse=parse_choice(DisputeCategory), required=True),
                   ExcelColumn("激化风险", "risk_level", parse=parse_choice(RiskLevel), width=16),
                   ExcelColumn("纠纷简要情况", "summary", parse=parse_text, required=True, width=40),
                   ExcelColumn("涉及金额（元）", "amount", export=lambda d: float(d.amount) if d.amount is not None else "",
                               parse=parse_amount),
                   ExcelColumn("涉及人数", "people_involved", parse=parse_count, width=8),
                   ExcelColumn("登记日期", "registered_on", parse=parse_date, required=True, width=12),
                   *_party_columns(0), *_party_columns(1),
                   ExcelColumn("承办调解委员会", "committee", export=lambda d: d.committee.name if d.committee_id else "",
                               parse=parse_committee, width=24),
                   ExcelColumn("调解员", "mediator_names", export=lambda d: "、".join(m.name for m in d.mediators.all()),
                               parse=parse_text, width=16),
                   ExcelColumn("分派日期", "assigned_on", parse=parse_date, width=12),
                   ExcelColumn("开始调解日期", None, export=lambda d: d.mediation_started_on, width=12),
                   ExcelColumn("调解结束日期", "resolved_on", parse=parse_date, width=12),
                   ExcelColumn("调解结果", "outcome", export=lambda d: d.outcome(), parse=parse_outcome),
                   ExcelColumn("协议形式", "agreement_form", parse=parse_choice(AgreementForm)),
                   ExcelColumn("协议内容", "agreement_text", parse=parse_text, width=40),
                   ExcelColumn("申请司法确认期限", None, export=lambda d: d.confirmation_due_on, width=12),
                   ExcelColumn("申请司法确认日期", None, export=lambda d: d.confirmation_applied_on, width=12),
                   ExcelColumn("司法确认结果", None, export=lambda d: d.get_confirmation_result_display()),
                   ExcelColumn("调解不成的处理", "referral", parse=parse_choice(Referral)),
                   ExcelColumn("处理情况", "referral_note", parse=parse_text, width=30),
                   ExcelColumn("回访日期", "follow_up_on", parse=parse_date, width=12),
                   ExcelColumn("回访情况", "follow_up_note", parse=parse_text, width=30),
                   ExcelColumn("结案日期", "closed_on", parse=parse_date, width=12),
                   ExcelColumn("状态", None, export=lambda d: d.get_status_display()),
                   ExcelColumn("所属单位", None, export=lambda d: d.org_unit.name, width=16)],
))  # fmt: skip
