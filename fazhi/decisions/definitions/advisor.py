"""The legal advisor's registers (法律顾问): engagements, the advisor's activities,
contract reviews, and each unit's decision settings (依法决策设置)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from fazhi.core.definitions import parse_choice, parse_date, parse_org_unit, parse_post, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.decisions.actions import advisor as actions
from fazhi.decisions.choices import ActivityKind, ContractOpinion
from fazhi.decisions.filters.advisor import ActivityFilter, AdvisorFilter, ContractFilter, PolicyFilter
from fazhi.decisions.forms.advisor import ActivityForm, AdvisorForm, ContractForm, PolicyForm
from fazhi.decisions.models import AdvisorActivity, ContractReview, DecisionPolicy, LegalAdvisor
from fazhi.decisions.models.advisor import mask_counterparty

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip
_ENGAGEMENT = re.compile(r"^(?P<firm>.+)（(?P<start>\d{4}-\d{2}-\d{2})至(?P<end>\d{4}-\d{2}-\d{2})）$")


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def parse_int(raw, user):
    text = _text(raw).removesuffix(".0")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError("应为非负整数")
    return int(text)


def parse_amount(raw, user):
    text = _text(raw).replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError("应为金额，如 50000 或 50000.00") from exc


def parse_advisor(raw, user):
    """An engagement as exported ("龙脊律师事务所（2023-01-01至2023-12-31）"), by its contract
    number, or by the firm's name when the user sees a single engagement of that firm."""
    text = _text(raw)
    if not text:
        return None
    visible = LegalAdvisor.objects.visible_to(user)
    match = _ENGAGEMENT.match(text)
    if match:
        queries = [visible.filter(firm=match["firm"], starts_on=match["start"], ends_on=match["end"])]
    else:
        queries = [visible.filter(contract_no=text), visible.filter(firm=text)]
    found: list[int] = []
    for qs in queries:
        found = found or list(qs.values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"法律顾问“{text}”不存在，请先登记聘用情况")
    if len(found) > 1:
        raise ValueError(f"“{text}”有多个聘期，请写成“顾问单位（开始日期至结束日期）”或填写聘用合同编号")
    return found[0]


def _advisor_cell(record) -> str:
    return str(record.advisor) if record.advisor_id else ""


advisors = registry.add(Register(
    key="advisors", namespace="decisions", model=LegalAdvisor, label="法律顾问", module="decisions",
    description="聘请的法律顾问单位和律师、聘期、服务范围；年度报告据此写明当年的法律顾问。",
    form_class=AdvisorForm, filterset_class=AdvisorFilter, select_related=("org_unit",),
    ordering=("-starts_on", "id"), create=actions.create_advisor, update=actions.update_advisor,
    columns=[Column("firm", "法律顾问单位", link=True, sort="firm"), Column("lawyers", "顾问律师"),
             Column("starts_on", "聘期开始", sort="starts_on"), Column("ends_on", "聘期结束", sort="ends_on"),
             Column("contract_no", "聘用合同编号"), Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("firm", "法律顾问单位"), Column("lawyers", "顾问律师"), Column("contract_no", "聘用合同编号"),
                   Column("starts_on", "聘期开始"), Column("ends_on", "聘期结束"), Column("fee", "顾问费（元）"),
                   Column("scope", "服务范围"), Column("contact", "联系方式"), Column("source_note", "数据来源说明"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("法律顾问单位", "firm", parse=parse_text, required=True, width=24),
                   ExcelColumn("顾问律师", "lawyers", parse=parse_text, required=True, width=24),
                   ExcelColumn("聘用合同编号", "contract_no", parse=parse_text, width=18),
                   ExcelColumn("聘期开始", "starts_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("聘期结束", "ends_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("顾问费（元）", "fee", parse=parse_amount, width=12),
                   ExcelColumn("服务范围", "scope", parse=parse_text, width=36),
                   ExcelColumn("联系方式", "contact", parse=parse_text, width=16),
                   ExcelColumn("数据来源说明", "source_note", parse=parse_text, width=24)],
))  # fmt: skip

activities = registry.add(Register(
    key="activities", namespace="decisions", model=AdvisorActivity, label="法律顾问履职", module="decisions",
    description="法律顾问的法治培训和讲座、列席政府决策会议、法律咨询、诉讼代理等履职情况；合同审查另在合同审查台账登记。",
    form_class=ActivityForm, filterset_class=ActivityFilter, select_related=("org_unit", "advisor"),
    ordering=("-on", "-id"), create=actions.record_activity, update=actions.update_activity,
    columns=[Column("on", "日期", sort="on"), Column("kind", "类型", sort="kind"), Column("title", "事项", link=True),
             Column("advisor.firm", "法律顾问"), Column("lawyers", "参与律师"), Column("audience", "参加人数"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    excel_columns=[UNIT, ExcelColumn("法律顾问", "advisor", export=_advisor_cell, parse=parse_advisor, required=True,
                                     width=36),
                   ExcelColumn("类型", "kind", parse=parse_choice(ActivityKind), required=True),
                   ExcelColumn("日期", "on", parse=parse_date, required=True, width=12),
                   ExcelColumn("事项", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("参与律师", "lawyers", parse=parse_text, width=16),
                   ExcelColumn("参加人数", "audience", parse=parse_int, width=10),
                   ExcelColumn("情况说明", "note", parse=parse_text, width=36)],
))  # fmt: skip

contracts = registry.add(Register(
    key="contracts", namespace="decisions", model=ContractReview, label="合同审查", module="decisions",
    description="以本镇名义签订的合同在签订前送法律顾问或司法所审查：审查期限按本镇设置的工作日数计算，"
                "审查结论、意见和风险提示逐件登记。相对方为自然人的，姓名在列表和导出中隐去。",
    form_class=ContractForm, filterset_class=ContractFilter,
    select_related=("org_unit", "advisor", "submitting_post"), ordering=("-submitted_on", "-id"),
    create=actions.submit_contract, update=actions.update_contract,
    import_note="“系统编号”留空为新增；“审查期限”留空的，按本镇设置的合同审查工作日数计算。",
    columns=[Column("title", "合同名称", link=True), Column("counterparty", "合同相对方", mask=mask_counterparty),
             Column("amount", "合同金额（元）", sort="amount"), Column("submitted_on", "送审日期", sort="submitted_on"),
             Column("due_on", "审查期限", sort="due_on"), Column("reviewed_on", "审查完成日期", sort="reviewed_on"),
             Column("opinion", "审查结论"), Column("state", "审查状态"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("title", "合同名称"), Column("counterparty", "合同相对方", mask=mask_counterparty),
                   Column("amount", "合同金额（元）"), Column("submitting_post", "送审岗位"),
                   Column("submitted_on", "送审日期"), Column("due_on", "审查期限"), Column("advisor", "审查的法律顾问"),
                   Column("reviewer", "审查人"), Column("reviewed_on", "审查完成日期"), Column("opinion", "审查结论"),
                   Column("opinion_text", "审查意见"), Column("risk_points", "风险提示"), Column("state", "审查状态"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("合同名称", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("合同相对方", "counterparty", parse=parse_text, mask=mask_counterparty, required=True,
                               width=30),
                   ExcelColumn("合同金额（元）", "amount", parse=parse_amount, width=14),
                   ExcelColumn("送审岗位代码", "submitting_post",
                               export=lambda c: c.submitting_post.code if c.submitting_post_id else "",
                               parse=parse_post),
                   ExcelColumn("送审日期", "submitted_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("审查期限", "due_on", parse=parse_date, width=12),
                   ExcelColumn("审查的法律顾问", "advisor", export=_advisor_cell, parse=parse_advisor, width=36),
                   ExcelColumn("审查人", "reviewer", parse=parse_text),
                   ExcelColumn("审查完成日期", "reviewed_on", parse=parse_date, width=12),
                   ExcelColumn("审查结论", "opinion", parse=parse_choice(ContractOpinion)),
                   ExcelColumn("审查意见", "opinion_text", parse=parse_text, width=36),
                   ExcelColumn("风险提示", "risk_points", parse=parse_text, width=36),
                   ExcelColumn("审查状态", None, export=lambda c: c.state(), width=10)],
))  # fmt: skip

policies = registry.add(Register(
    key="policies", namespace="decisions", model=DecisionPolicy, label="依法决策设置", module="decisions",
    description="本单位规范性文件备案、合法性审核、有效期和合同审查的期限设置；每个单位一份，下级单位未设置的沿用上级的。",
    form_class=PolicyForm, filterset_class=PolicyFilter, select_related=("org_unit",),
    ordering=("org_unit__path", "id"), create=actions.create_policy, update=actions.update_policy,
    columns=[Column("__str__", "设置", link=True), Column("filing_days", "报送备案期限（日）"),
             Column("review_min_working_days", "合法性审核最短（工作日）"),
             Column("review_max_working_days", "合法性审核最长（工作日）"), Column("validity_years", "有效期（年）"),
             Column("contract_review_working_days", "合同审查期限（工作日）"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    excel_columns=[UNIT,
                   ExcelColumn("规范性文件报送备案期限（日）", "filing_days", parse=parse_int, required=True, width=16),
                   ExcelColumn("合法性审核最短时间（工作日）", "review_min_working_days", parse=parse_int, required=True,
                               width=16),
                   ExcelColumn("合法性审核最长时间（工作日）", "review_max_working_days", parse=parse_int, required=True,
                               width=16),
                   ExcelColumn("规范性文件有效期（年）", "validity_years", parse=parse_int, required=True, width=14),
                   ExcelColumn("合同审查期限（工作日）", "contract_review_working_days", parse=parse_int, required=True,
                               width=14)],
))  # fmt: skip
