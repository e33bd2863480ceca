"""The registers of reconsideration (行政复议) and litigation (行政诉讼) cases against the
town. A natural person's name (applicant, plaintiff) is masked in the lists, the
exports and the API; the masked cell of an exported ledger imports back unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fazhi.core import masking
from fazhi.core.definitions import parse_bool, parse_choice, parse_date, parse_org_unit, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.core.registers.base import _cell_text
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.choices import LitigationOutcome, PartyKind, ReconsiderationOutcome
from fazhi.disputes.filters.remedies import LitigationFilter, ReconsiderationFilter
from fazhi.disputes.forms.remedies import LitigationForm, ReconsiderationForm
from fazhi.disputes.models import Litigation, Reconsideration

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip


@dataclass(frozen=True)
class PartyNameColumn(ExcelColumn):
    """A party's name: exported masked when the party is a natural person (`kind_field`),
    in full for an organisation. `mask` lets the masked cell import back unchanged."""

    kind_field: str = ""

    def export_value(self, obj: Any) -> Any:
        value = getattr(obj, self.field) or ""
        if getattr(obj, self.kind_field) == PartyKind.INDIVIDUAL:
            value = masking.mask_name(value)
        return _cell_text(value)


def parse_yes_no_blank(raw, user) -> bool | None:
    """是 / 否, blank meaning not recorded."""
    if raw in (None, ""):
        return None
    return parse_bool(raw, user)


def _case_no(obj) -> str:
    return obj.enforcement_case.decision_no if obj.enforcement_case_id else ""


def _handler(obj) -> str:
    return str(obj.handler) if obj.handler_id else ""


reconsiderations = registry.add(Register(
    key="reconsiderations", namespace="disputes", model=Reconsideration, label="行政复议", module="disputes",
    description="本镇作为被申请人的行政复议案件：收到申请书副本后按施行的行政复议法自动计算书面答复期限，"
                "登记答复、复议决定或终止；纠错决定自动生成整改事项。",
    form_class=ReconsiderationForm, filterset_class=ReconsiderationFilter,
    select_related=("org_unit", "enforcement_case", "handler"), ordering=("-copy_served_on", "-id"),
    create=actions.receive_reconsideration, update=actions.update_reconsideration, attachments=True,
    import_note="“系统编号”留空为新增：可补录历史案件的答复日期、复议结果和决定日期，书面答复期限由系统按收到副本之日"
                "施行的法律计算（补录的纠错案件不自动生成整改事项）。填写系统编号的更新原案件的基本信息，答复和结果只能在"
                "案件页面办理。",
    columns=[Column("case_no", "复议案号", link=True, sort="case_no"), Column("masked_applicant", "申请人"),
             Column("enforcement_case", "关联执法案件"), Column("copy_served_on", "收到副本日期", sort="copy_served_on"),
             Column("reply_due_on", "答复期限", sort="reply_due_on"), Column("reply_state", "答复情况"),
             Column("status", "状态", sort="status"), Column("outcome", "复议结果"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("case_no", "复议案号"), Column("body", "复议机关"), Column("applicant_kind", "申请人类型"),
                   Column("masked_applicant", "申请人"), Column("act", "被申请复议的行政行为"),
                   Column("applied_on", "申请日期"), Column("copy_served_on", "收到申请书副本日期"),
                   Column("simple_procedure", "适用简易程序"), Column("reply_due_on", "书面答复期限"),
                   Column("reply_rule", "答复期限依据"), Column("replied_on", "提交答复日期"),
                   Column("reply_state", "答复情况"), Column("status", "状态"), Column("outcome", "复议结果"),
                   Column("decided_on", "复议决定（终止）日期"), Column("decision_no", "决定书文号"),
                   Column("outcome_note", "结果说明"), Column("handler", "承办人"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("复议案号", "case_no", parse=parse_text, required=True, width=24),
                   ExcelColumn("复议机关", "body", parse=parse_text, width=20),
                   ExcelColumn("申请人类型", "applicant_kind", parse=parse_choice(PartyKind), width=12),
                   PartyNameColumn("申请人", "applicant", parse=parse_text, mask=masking.mask_name, required=True,
                                   kind_field="applicant_kind"),
                   ExcelColumn("被申请复议的行政行为", "act", parse=parse_text, width=40),
                   ExcelColumn("涉及政府信息公开", "about_disclosure", parse=parse_bool),
                   ExcelColumn("关联执法决定书文号", "enforcement_case", export=_case_no, parse=parse_text, width=24),
                   ExcelColumn("申请日期", "applied_on", parse=parse_date, width=12),
                   ExcelColumn("收到申请书副本日期", "copy_served_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("适用简易程序", "simple_procedure", parse=parse_bool, width=8),
                   ExcelColumn("书面答复期限", None, export=lambda r: r.reply_due_on, width=12),
                   ExcelColumn("提交答复日期", "replied_on", parse=parse_date, width=12),
                   ExcelColumn("答复情况", None, export=lambda r: r.reply_state(), width=10),
                   ExcelColumn("状态", None, export=lambda r: r.get_status_display()),
                   ExcelColumn("复议结果", "outcome", parse=parse_choice(ReconsiderationOutcome)),
                   ExcelColumn("复议决定日期", "decided_on", parse=parse_date, width=12),
                   ExcelColumn("复议决定书文号", "decision_no", parse=parse_text, width=24),
                   ExcelColumn("结果说明", "outcome_note", parse=parse_text, width=30),
                   ExcelColumn("承办人", None, export=_handler)],
))  # fmt: skip

litigations = registry.add(Register(
    key="litigations", namespace="disputes", model=Litigation, label="行政诉讼", module="disputes",
    description="本镇作为被告的行政诉讼案件：收到起诉状副本后自动计算答辩期限，登记答辩、开庭及负责人出庭应诉、"
                "裁判结果和上诉；败诉案件自动生成整改事项。",
    form_class=LitigationForm, filterset_class=LitigationFilter,
    select_related=("org_unit", "enforcement_case", "handler"), ordering=("-complaint_received_on", "-id"),
    create=actions.receive_litigation, update=actions.update_litigation, attachments=True,
    import_note="“系统编号”留空为新增：可补录历史案件的答辩、开庭、裁判和上诉情况，答辩期限由系统计算（补录的败诉案件不"
                "自动生成整改事项）。填写系统编号的更新原案件的基本信息，诉讼过程只能在案件页面办理。",
    columns=[Column("case_no", "案号", link=True, sort="case_no"), Column("court", "受理法院"),
             Column("masked_plaintiff", "原告"), Column("complaint_received_on", "收到起诉状日期",
                                                       sort="complaint_received_on"),
             Column("defence_due_on", "答辩期限", sort="defence_due_on"), Column("defence_state", "答辩情况"),
             Column("head_appearance", "出庭应诉"), Column("status", "状态", sort="status"),
             Column("final_outcome_label", "裁判结果"), Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("case_no", "案号"), Column("court", "受理法院"), Column("plaintiff_kind", "原告类型"),
                   Column("masked_plaintiff", "原告"), Column("act", "被诉行政行为"),
                   Column("reconsideration", "经过的行政复议"), Column("complaint_received_on", "收到起诉状副本日期"),
                   Column("defence_due_on", "答辩期限"), Column("defence_rule", "答辩期限依据"),
                   Column("defence_filed_on", "提交答辩状日期"), Column("defence_state", "答辩情况"),
                   Column("hearing_on", "开庭日期"), Column("head_appearance", "出庭应诉"),
                   Column("non_appearance_reason", "负责人未出庭的理由"), Column("status", "状态"),
                   Column("outcome", "一审裁判结果"), Column("judged_on", "一审裁判日期"), Column("instance", "审级"),
                   Column("appealed", "已上诉"), Column("appealed_on", "上诉日期"),
                   Column("appeal_outcome", "二审结果"), Column("appeal_judged_on", "二审裁判日期"),
                   Column("handler", "承办人"), Column("note", "备注"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("案号", "case_no", parse=parse_text, required=True, width=24),
                   ExcelColumn("受理法院", "court", parse=parse_text, required=True, width=20),
                   ExcelColumn("原告类型", "plaintiff_kind", parse=parse_choice(PartyKind), width=12),
                   PartyNameColumn("原告", "plaintiff", parse=parse_text, mask=masking.mask_name, required=True,
                                   kind_field="plaintiff_kind"),
                   ExcelColumn("被诉行政行为", "act", parse=parse_text, width=40),
                   ExcelColumn("涉及政府信息公开", "about_disclosure", parse=parse_bool),
                   ExcelColumn("关联执法决定书文号", "enforcement_case", export=_case_no, parse=parse_text, width=24),
                   ExcelColumn("收到起诉状副本日期", "complaint_received_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("答辩期限", None, export=lambda c: c.defence_due_on, width=12),
                   ExcelColumn("提交答辩状日期", "defence_filed_on", parse=parse_date, width=12),
                   ExcelColumn("开庭日期", "hearing_on", parse=parse_date, width=12),
                   ExcelColumn("负责人出庭应诉", "head_appeared", parse=parse_yes_no_blank, width=8),
                   ExcelColumn("出庭负责人", "appearing_person", parse=parse_text),
                   ExcelColumn("负责人未出庭的理由", "non_appearance_reason", parse=parse_text, width=30),
                   ExcelColumn("一审裁判结果", "outcome", parse=parse_choice(LitigationOutcome)),
                   ExcelColumn("一审裁判日期", "judged_on", parse=parse_date, width=12),
                   ExcelColumn("已上诉", "appealed", parse=parse_bool, width=8),
                   ExcelColumn("上诉日期", "appealed_on", parse=parse_date, width=12),
                   ExcelColumn("二审结果", "appeal_outcome", parse=parse_choice(LitigationOutcome)),
                   ExcelColumn("二审裁判日期", "appeal_judged_on", parse=parse_date, width=12),
                   ExcelColumn("状态", None, export=lambda c: c.get_status_display()),
                   ExcelColumn("备注", "note", parse=parse_text, width=30),
                   ExcelColumn("承办人", None, export=_handler)],
))  # fmt: skip
