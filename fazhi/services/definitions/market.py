"""The market entity registers (市场主体): registrations, imported from the county's
registration export, and the town's visits to enterprises (走访服务企业).

The registrations' Excel import is the county's export: one sheet with Chinese
headers. Its page is served by fazhi/services/views/market.py, which checks the
whole file in bulk (fazhi/services/imports/market.py); the cell parsers below
serve both that importer and the generic pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.db.models import Q

from fazhi.core import masking
from fazhi.core.definitions import parse_org_unit, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.services.actions import market as actions
from fazhi.services.choices import EntityStatus, EntityType
from fazhi.services.filters.market import EnterpriseVisitFilter, MarketEntityFilter
from fazhi.services.forms.market import EnterpriseVisitForm, MarketEntityForm, villages_visible_to
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.models.market import normalize_uscc

# -- cells ---------------------------------------------------------------------------------

# The words the county's export and people use for a type, besides the labels.
_TYPE_WORDS = [
    ("个体", EntityType.INDIVIDUAL),
    ("合作社", EntityType.COOPERATIVE),
    ("公司", EntityType.ENTERPRISE),
    ("企业", EntityType.ENTERPRISE),
    ("分支机构", EntityType.ENTERPRISE),
]
_STATUS_WORDS = {
    "存续": EntityStatus.EXISTING, "在业": EntityStatus.EXISTING, "在营": EntityStatus.EXISTING,
    "开业": EntityStatus.EXISTING, "正常": EntityStatus.EXISTING,
    "注销": EntityStatus.CANCELLED, "已注销": EntityStatus.CANCELLED,
}  # fmt: skip
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def parse_entity_type(raw, user) -> str:
    """ "企业", "个体工商户", "农民专业合作社", "其他", or the export's own words
    ("有限责任公司（自然人独资）", "个体户", "合作社")."""
    text = _text(raw)
    if not text:
        return ""
    for value, label in EntityType.choices:
        if text in (value, label):
            return value
    for word, value in _TYPE_WORDS:
        if word in text:
            return value
    raise ValueError(f"应为以下之一：{'、'.join(EntityType.labels)}")


def parse_status(raw, user) -> str:
    text = _text(raw)
    if not text:
        return EntityStatus.EXISTING
    if text in EntityStatus.values:
        return text
    if text in _STATUS_WORDS:
        return _STATUS_WORDS[text]
    raise ValueError("应为“存续”或“注销”")


def parse_uscc(raw, user) -> str:
    return normalize_uscc(raw)


def parse_day(raw, user) -> dt.date | None:
    """A date as Excel stores it, or written 2023-03-05, 2023/3/5, 2023.3.5, 2023年3月5日 or 20230305."""
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = _text(raw)
    match = _DATE.match(text) or (re.match(r"^(\d{4})(\d{2})(\d{2})$", text))
    try:
        if match is None:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise ValueError("日期格式应为 YYYY-MM-DD，如 2023-03-05") from exc


def parse_capital(raw, user) -> Decimal | None:
    """An amount in ten thousand yuan: 50, 50.5, "50万元"."""
    text = _text(raw).replace(",", "").replace("，", "").removesuffix("元").removesuffix("万").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
        cents = value.quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError("应为金额（万元），如 50 或 50.5") from exc
    if not value.is_finite():
        raise ValueError("应为金额（万元），如 50 或 50.5")
    if value < 0:
        raise ValueError("不能为负数")
    if value != cents:
        raise ValueError("金额（万元）最多两位小数")
    return cents


def find_villages(user, cells) -> tuple[dict[str, object], set[str]]:
    """The villages and communities the user sees named by `cells` (a code or a
    name), in one query: ({cell: unit}, {cells naming more than one})."""
    wanted = {c for c in (_text(cell) for cell in cells) if c}
    if not wanted:
        return {}, set()
    found: dict[str, object] = {}
    ambiguous: set[str] = set()
    units = villages_visible_to(user).filter(Q(code__in=wanted) | Q(name__in=wanted))
    for unit in units.only("id", "code", "name", "kind", "path", "parent_id"):
        for key in {unit.code, unit.name} & wanted:
            if key in found and found[key].pk != unit.pk:
                ambiguous.add(key)
            found[key] = unit
    return found, ambiguous


def village_error(cell: str, ambiguous: set[str]) -> str:
    if cell in ambiguous:
        return f"有多个村（社区）叫“{cell}”，请填写其单位代码"
    return f"村（社区）“{cell}”不存在或不在本单位管辖范围内"


def parse_village(raw, user):
    """A village or community by its code or name, among those the user sees."""
    text = _text(raw)
    if not text:
        return None
    found, ambiguous = find_villages(user, [text])
    if text in ambiguous or text not in found:
        raise ValueError(village_error(text, ambiguous))
    return found[text].pk


def _village_cell(entity: MarketEntity) -> str:
    return entity.village.name if entity.village_id else ""


def _unit_cell(record) -> str:
    return record.org_unit.code


# -- the registers ---------------------------------------------------------------------------

entities = registry.add(Register(
    key="market-entities", namespace="services", model=MarketEntity, label="市场主体登记", module="services",
    description="辖区内登记的企业、个体工商户、农民专业合作社等市场主体，可从县市场监管部门的登记导出表导入；"
                "统一社会信用代码按 GB 32100-2015 校验，法定代表人（经营者）姓名在列表和导出中隐去。",
    form_class=MarketEntityForm, filterset_class=MarketEntityFilter, select_related=("org_unit", "village"),
    ordering=("-registered_on", "-id"), create=actions.register_entity, update=actions.update_entity,
    import_note="可直接导入县市场监管部门的登记导出表（第一个工作表，中文列标题）。“系统编号”留空为新增；"
                "“所属单位代码”留空的，登记在您所在的单位；“所在村（社区）”填写名称或单位代码。",
    columns=[Column("name", "名称", link=True, sort="name"), Column("entity_type", "主体类型", sort="entity_type"),
             Column("uscc", "统一社会信用代码"), Column("legal_rep", "法定代表人（经营者）", mask=masking.mask_name),
             Column("registered_on", "成立日期", sort="registered_on"), Column("village.name", "所在村（社区）"),
             Column("industry", "行业"), Column("status", "登记状态", sort="status"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("name", "名称"), Column("entity_type", "主体类型"), Column("uscc", "统一社会信用代码"),
                   Column("legal_rep", "法定代表人（经营者）", mask=masking.mask_name),
                   Column("registered_on", "成立日期"), Column("village.name", "所在村（社区）"),
                   Column("address", "住所（经营场所）"), Column("industry", "行业"),
                   Column("registered_capital", "注册资本（万元）"), Column("status", "登记状态"),
                   Column("cancelled_on", "注销日期"), Column("note", "备注"), Column("org_unit.name", "所属单位")],
    excel_columns=[
        ExcelColumn("所属单位代码", "org_unit", export=_unit_cell, parse=parse_org_unit, width=16),
        ExcelColumn("主体类型", "entity_type", parse=parse_entity_type, required=True, width=14),
        ExcelColumn("名称", "name", parse=parse_text, required=True, width=36),
        ExcelColumn("统一社会信用代码", "uscc", parse=parse_uscc, required=True, width=22),
        ExcelColumn("法定代表人（经营者）", "legal_rep", parse=parse_text, mask=masking.mask_name, required=True),
        ExcelColumn("成立日期", "registered_on", parse=parse_day, required=True, width=12),
        ExcelColumn("所在村（社区）", "village", export=_village_cell, parse=parse_village, width=14),
        ExcelColumn("住所（经营场所）", "address", parse=parse_text, required=True, width=36),
        ExcelColumn("行业", "industry", parse=parse_text, width=18),
        ExcelColumn("注册资本（万元）", "registered_capital", parse=parse_capital, width=14),
        ExcelColumn("登记状态", "status", parse=parse_status, width=10),
        ExcelColumn("注销日期", "cancelled_on", parse=parse_day, width=12),
        ExcelColumn("备注", "note", parse=parse_text, width=24),
    ],
))  # fmt: skip


def parse_entity(raw, user):
    """A market entity by its credit code, among those the user sees."""
    code = normalize_uscc(raw)
    if not code:
        return None
    found = MarketEntity.objects.visible_to(user).filter(uscc=code).values_list("pk", flat=True).first()
    if found is None:
        raise ValueError(f"统一社会信用代码“{code}”的市场主体未登记或不在本单位管辖范围内")
    return found


def _handler_cell(visit: EnterpriseVisit) -> str:
    return visit.handler.username if visit.handler_id else ""


def parse_handler(raw, user):
    """An account by its user name, among those the user sees."""
    from fazhi.core.models import User

    name = _text(raw)
    if not name:
        return None
    found = User.objects.visible_to(user).filter(username=name).values_list("pk", flat=True).first()
    if found is None:
        raise ValueError(f"账号“{name}”不存在或不在本单位")
    return found


visits = registry.add(Register(
    key="enterprise-visits", namespace="services", model=EnterpriseVisit, label="走访服务企业", module="services",
    description="走访企业和个体工商户，登记反映的问题、帮扶措施；未当场解决的问题设办结期限，到期未解决的列为逾期。",
    form_class=EnterpriseVisitForm, filterset_class=EnterpriseVisitFilter,
    select_related=("org_unit", "entity", "handler"), ordering=("-visited_on", "-id"),
    create=actions.record_visit, update=actions.update_visit,
    import_note="“系统编号”留空为新增；走访对象按统一社会信用代码查找，须已在市场主体登记中；“跟进人”填写账号，留空由导入人跟进。",
    columns=[Column("visited_on", "走访日期", sort="visited_on", link=True), Column("entity.name", "走访对象"),
             Column("visitors", "走访人员"), Column("problems", "反映的问题"),
             Column("follow_up_due", "办结期限", sort="follow_up_due"), Column("resolved_on", "解决日期"),
             Column("state", "跟进情况"), Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("entity.name", "走访对象"), Column("entity.uscc", "统一社会信用代码"),
                   Column("visited_on", "走访日期"), Column("visitors", "走访人员"), Column("problems", "反映的问题"),
                   Column("assistance", "帮扶措施"), Column("follow_up_due", "办结期限"),
                   Column("resolved_on", "解决日期"), Column("handler", "跟进人"), Column("state", "跟进情况"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[
        ExcelColumn("统一社会信用代码", "entity", export=lambda v: v.entity.uscc, parse=parse_entity, required=True,
                    width=22),
        ExcelColumn("走访对象", None, export=lambda v: v.entity.name, width=30),
        ExcelColumn("走访日期", "visited_on", parse=parse_day, required=True, width=12),
        ExcelColumn("走访人员", "visitors", parse=parse_text, required=True, width=20),
        ExcelColumn("反映的问题", "problems", parse=parse_text, width=36),
        ExcelColumn("帮扶措施", "assistance", parse=parse_text, width=36),
        ExcelColumn("办结期限", "follow_up_due", parse=parse_day, width=12),
        ExcelColumn("解决日期", "resolved_on", parse=parse_day, width=12),
        ExcelColumn("跟进人", "handler", export=_handler_cell, parse=parse_handler, width=14),
        ExcelColumn("跟进情况", None, export=lambda v: v.state(), width=10),
    ],
))  # fmt: skip
