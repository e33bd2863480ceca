"""The enforcement registers on the register base."""

from __future__ import annotations

from fazhi.core import masking
from fazhi.core.definitions import (
    parse_bool,
    parse_choice,
    parse_date,
    parse_org_unit,
    parse_post,
    parse_text,
)
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.decisions.citable import parse_document_numbers
from fazhi.enforcement import actions, ledger
from fazhi.enforcement.choices import Authority, BodyKind, OfficerStatus, PartyKind, PenaltyKind
from fazhi.enforcement.filters import (
    BodyFilter,
    CaseFilter,
    DisclosureFilter,
    EntrustmentFilter,
    MatterFilter,
    OfficerFilter,
    OfficerYearFilter,
    PartyFilter,
)
from fazhi.enforcement.forms import (
    BodyForm,
    EntrustmentForm,
    MatterForm,
    OfficerForm,
    OfficerYearForm,
    PartyForm,
)
from fazhi.enforcement.models import (
    Case,
    Disclosure,
    EnforcementBody,
    Entrustment,
    Matter,
    Officer,
    OfficerYear,
    Party,
)

UNIT = ExcelColumn(
    "所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit, required=True
)


def parse_decimal(raw, user):
    from decimal import Decimal, InvalidOperation

    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).strip())
        cents = value.quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError("应为金额，如 200 或 200.00") from exc
    # Never rounded in silence: a fine is what the decision says, to the fen.
    if not value.is_finite() or value < 0 or value != cents:
        raise ValueError("金额应为不小于0的数，最多两位小数，如 200 或 200.50")
    return cents


def _by_name(model, label: str):
    def parse(raw, user):
        if raw in (None, ""):
            return None
        obj = model.objects.visible_to(user).filter(name=str(raw).strip()).first()
        if obj is None:
            raise ValueError(f"{label}“{raw}”不存在")
        return obj.pk

    return parse


def _person_by_id(raw, user):
    from fazhi.core.models import Person

    person = Person.objects.visible_to(user).filter(resident_id=str(raw or "").strip().upper()).first()
    if person is None:
        raise ValueError("人员台账中没有该公民身份号码")
    return person.pk


bodies = registry.add(Register(
    key="bodies", namespace="enforcement", model=EnforcementBody, label="执法主体", module="enforcement",
    description="以其名义作出处罚决定的主体：本镇，以及委托本镇执法的县级部门。",
    form_class=BodyForm, filterset_class=BodyFilter, select_related=("org_unit",), ordering=("kind", "name"),
    columns=[Column("name", "主体名称", link=True), Column("kind", "类型"), Column("short_code", "文号代字"),
             Column("is_active", "启用")],
    excel_columns=[UNIT, ExcelColumn("主体名称", "name", parse=parse_text, required=True, width=24),
                   ExcelColumn("类型", "kind", parse=parse_choice(BodyKind), required=True),
                   ExcelColumn("文号代字", "short_code", parse=parse_text, required=True),
                   ExcelColumn("文号格式", "number_format", parse=parse_text),
                   ExcelColumn("启用", "is_active", parse=parse_bool),
                   ExcelColumn("数据来源说明", "source_note", parse=parse_text)],
))  # fmt: skip

entrustments = registry.add(Register(
    key="entrustments", namespace="enforcement", model=Entrustment, label="委托执法", module="enforcement",
    description="县级部门书面委托本镇实施的执法事项、期限和公布情况（行政处罚法第二十条）。",
    form_class=EntrustmentForm, filterset_class=EntrustmentFilter, select_related=("body",),
    prefetch_related=("matters",), ordering=("-valid_from",), importable=False,
    columns=[Column("document_no", "委托书文号", link=True), Column("body.name", "委托机关"),
             Column("valid_from", "起始日"), Column("valid_to", "截止日"), Column("published_on", "公布日期")],
    excel_columns=[ExcelColumn("委托书文号", "document_no"), ExcelColumn("委托机关", None, export=lambda e: e.body.name),
                   ExcelColumn("委托事项", None, export=lambda e: "、".join(m.name for m in e.matters.all()), width=40),
                   ExcelColumn("起始日", "valid_from"), ExcelColumn("截止日", "valid_to")],
))  # fmt: skip

matters = registry.add(Register(
    key="matters", namespace="enforcement", model=Matter, label="执法事项", module="enforcement",
    description="本镇依法定职权、赋权或委托实施的行政处罚事项，含依据、处罚幅度和裁量基准（行政处罚法第三十四条）。",
    form_class=MatterForm, filterset_class=MatterFilter, select_related=("org_unit", "responsible_post__org_unit"),
    ordering=("code",), prefetch_related=("basis_documents",),
    columns=[Column("code", "事项编码", link=True, sort="code"), Column("name", "事项名称"),
             Column("authority", "职权来源"), Column("penalty_basis", "处罚依据"), Column("summary_allowed", "简易程序"),
             Column("responsible_post", "责任岗位")],
    excel_columns=[UNIT, ExcelColumn("事项编码", "code", parse=parse_text, required=True),
                   ExcelColumn("事项名称", "name", parse=parse_text, required=True, width=30),
                   ExcelColumn("违法依据", "violation_basis", parse=parse_text, required=True, width=24),
                   ExcelColumn("处罚依据", "penalty_basis", parse=parse_text, required=True, width=24),
                   ExcelColumn("处罚种类", "penalty_kinds", parse=parse_text, required=True),
                   ExcelColumn("自然人罚款下限", "fine_min_individual", parse=parse_decimal),
                   ExcelColumn("自然人罚款上限", "fine_max_individual", parse=parse_decimal),
                   ExcelColumn("单位罚款下限", "fine_min_organisation", parse=parse_decimal),
                   ExcelColumn("单位罚款上限", "fine_max_organisation", parse=parse_decimal),
                   ExcelColumn("职权来源", "authority", parse=parse_choice(Authority), required=True),
                   ExcelColumn("委托机关", "entrusting_body", export=lambda m: m.entrusting_body.name if m.entrusting_body_id else "",
                               parse=_by_name(EnforcementBody, "执法主体")),
                   ExcelColumn("可适用简易程序", "summary_allowed", parse=parse_bool),
                   ExcelColumn("裁量基准", "discretion", parse=parse_text, width=30),
                   ExcelColumn("依据的规范性文件文号", "basis_documents",
                               export=lambda m: "、".join(d.doc_number for d in m.basis_documents.all()),
                               parse=parse_document_numbers, width=24),
                   ExcelColumn("启用", "is_active", parse=parse_bool),
                   ExcelColumn("数据来源说明", "source_note", parse=parse_text),
                   ExcelColumn("责任岗位代码", "responsible_post",
                               export=lambda m: m.responsible_post.code if m.responsible_post_id else "",
                               parse=parse_post)],
))  # fmt: skip

officers = registry.add(Register(
    key="officers", namespace="enforcement", model=Officer, label="执法人员", module="enforcement",
    description="持有效执法证的人员（行政处罚法第四十二条），年度培训和考试情况。",
    form_class=OfficerForm, filterset_class=OfficerFilter, select_related=("person", "org_unit"),
    ordering=("certificate_no",),
    columns=[Column("person.name", "姓名", link=True), Column("certificate_no", "执法证号", sort="certificate_no"),
             Column("issuer", "发证机关"), Column("valid_to", "有效期止"), Column("status", "证件状态")],
    excel_columns=[UNIT, ExcelColumn("公民身份号码", "person", export=lambda o: o.person.resident_id,
                                     parse=_person_by_id, mask=masking.mask_resident_id, required=True, width=22),
                   ExcelColumn("姓名", None, export=lambda o: o.person.name),
                   ExcelColumn("执法证号", "certificate_no", parse=parse_text, required=True),
                   ExcelColumn("发证机关", "issuer", parse=parse_text, required=True, width=20),
                   ExcelColumn("有效期起", "valid_from", parse=parse_date, required=True),
                   ExcelColumn("有效期止", "valid_to", parse=parse_date, required=True),
                   ExcelColumn("证件状态", "status", parse=parse_choice(OfficerStatus))],
))  # fmt: skip


def _officer_by_certificate(raw, user):
    number = "" if raw is None else str(raw).strip()
    if not number:
        raise ValueError("请填写执法证号")
    officer = Officer.objects.visible_to(user).filter(certificate_no=number).only("pk").first()
    if officer is None:
        raise ValueError(f"执法证号“{number}”不在本单位的执法人员台账中")
    return officer.pk


def _parse_year(raw, user):
    if raw in (None, ""):
        return None
    text = str(raw).strip().removesuffix("年度").removesuffix("年")
    if not text.isdigit():
        raise ValueError("年度应为四位数字，如 2023")
    return int(text)


def _parse_hours(raw, user):
    from decimal import Decimal, InvalidOperation

    if raw in (None, ""):
        return None
    try:
        hours = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise ValueError("培训学时应为数字，如 40 或 12.5") from exc
    if not hours.is_finite():
        raise ValueError("培训学时应为数字，如 40 或 12.5")
    return hours


EXAM_CELLS = {"是": True, "合格": True, "否": False, "不合格": False, "未考": None}


def _parse_exam(raw, user):
    """考试合格: 是 / 否, or blank (or 未考) while the exam is not taken."""
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if text not in EXAM_CELLS:
        raise ValueError("应填“是”“否”或“未考”（未参加考试也可留空）")
    return EXAM_CELLS[text]


officer_years = registry.add(Register(
    key="officer-years", namespace="enforcement", model=OfficerYear, label="年度培训考试", module="enforcement",
    description="执法人员每年的培训学时、是否完成年度培训和考试结果（行政处罚法第四十二条）。",
    form_class=OfficerYearForm, filterset_class=OfficerYearFilter,
    select_related=("officer__person", "officer__org_unit"), ordering=("-year", "officer__certificate_no", "id"),
    columns=[Column("officer.person.name", "姓名", link=True), Column("officer.certificate_no", "执法证号",
                                                                     sort="officer__certificate_no"),
             Column("year", "年度", sort="year"), Column("training_hours", "培训学时", sort="training_hours"),
             Column("training_completed", "完成年度培训"), Column("exam_result", "考试结果"),
             Column("officer.org_unit.name", "所属单位")],
    excel_columns=[ExcelColumn("执法证号", "officer", export=lambda y: y.officer.certificate_no,
                               parse=_officer_by_certificate, required=True, width=18),
                   ExcelColumn("姓名", None, export=lambda y: y.officer.person.name),
                   ExcelColumn("年度", "year", parse=_parse_year, required=True, width=8),
                   ExcelColumn("培训学时", "training_hours", export=lambda y: float(y.training_hours),
                               parse=_parse_hours, required=True, width=10),
                   ExcelColumn("完成年度培训", "training_completed", parse=parse_bool, width=12),
                   ExcelColumn("考试合格", "exam_passed", export=lambda y: {True: "是", False: "否"}.get(y.exam_passed, "未考"),
                               parse=_parse_exam, width=10)],
))  # fmt: skip

parties = registry.add(Register(
    key="parties", namespace="enforcement", model=Party, label="当事人", module="enforcement",
    description="案件当事人：自然人（公民身份号码）或法人和其他组织（统一社会信用代码）。",
    form_class=PartyForm, filterset_class=PartyFilter, select_related=("org_unit",), ordering=("name", "id"),
    create=actions.create_party, update=actions.update_party,
    columns=[Column("name", "姓名或名称", link=True, sort="name"), Column("kind", "类型"),
             Column("resident_id", "公民身份号码", mask=masking.mask_resident_id), Column("uscc", "统一社会信用代码"),
             Column("phone", "联系电话", mask=masking.mask_phone)],
    excel_columns=[UNIT, ExcelColumn("类型", "kind", parse=parse_choice(PartyKind), required=True),
                   ExcelColumn("姓名或名称", "name", parse=parse_text, required=True, width=24),
                   ExcelColumn("公民身份号码", "resident_id", parse=parse_text, mask=masking.mask_resident_id, width=22),
                   ExcelColumn("统一社会信用代码", "uscc", parse=parse_text, width=22),
                   ExcelColumn("法定代表人", "legal_representative", parse=parse_text),
                   ExcelColumn("联系电话", "phone", parse=parse_text, mask=masking.mask_phone),
                   ExcelColumn("住址或住所", "address", parse=parse_text, mask=masking.mask_address, width=30)],
))  # fmt: skip

cases = registry.add(Register(
    key="cases", namespace="enforcement", model=Case, label="执法案件", module="enforcement",
    description="简易程序和一般程序的行政处罚案件，全过程记录。可导入原有的当场处罚台账（已登记的案件只能在案件页面按程序办理）。",
    form_class=ledger.LedgerRowForm, filterset_class=CaseFilter, attachments=False,
    create=ledger.import_row, update=ledger.check_unchanged,
    import_note="每行一件当场处罚（简易程序），按“决定日”登记、决定、交付，已填“缴款日”的同时登记缴款并结案；"
                "填有“决定书文号”的沿用原文号。“系统编号”留空为新增；填写的是已登记案件，内容须与系统记录一致，"
                "案件的变更只能在案件页面按程序办理。",
    select_related=("party", "matter", "body", "handler", "org_unit"), prefetch_related=("officers",),
    ordering=("-id",),
    columns=[Column("__str__", "案件", link=True), Column("procedure", "程序"), Column("authority", "职权来源"),
             Column("party.masked_name", "当事人"), Column("status", "状态"), Column("fine", "罚款（元）"),
             Column("decided_on", "决定日", sort="decided_on")],
    excel_columns=[ExcelColumn("决定书文号", "decision_no", export=lambda c: c.decision_no, parse=parse_text, width=22),
                   ExcelColumn("程序", None, export=lambda c: c.get_procedure_display()),
                   ExcelColumn("职权来源", None, export=lambda c: c.get_authority_display()),
                   ExcelColumn("执法主体", None, export=lambda c: c.body.name, width=20),
                   ExcelColumn("执法事项编码", "matter", export=lambda c: c.matter.code, parse=ledger.parse_matter,
                               required=True),
                   ExcelColumn("执法事项", None, export=lambda c: c.matter.name, width=30),
                   ExcelColumn("当事人类型", "party_kind", export=lambda c: c.party.get_kind_display(),
                               parse=parse_choice(PartyKind), required=True),
                   ExcelColumn("当事人", "party_name", export=lambda c: c.party.masked_name, parse=parse_text,
                               required=True),
                   ExcelColumn("证件号码", "party_number", export=ledger.party_number, parse=parse_text, width=22),
                   ExcelColumn("处罚种类", "penalty_kind", export=lambda c: c.get_penalty_kind_display(),
                               parse=parse_choice(PenaltyKind), required=True),
                   ExcelColumn("罚款（元）", "fine", export=lambda c: float(c.fine), parse=parse_decimal),
                   ExcelColumn("执法证号", "officers", export=ledger.officer_numbers, parse=ledger.parse_officers,
                               required=True, width=24),
                   ExcelColumn("违法事实", "facts", export=lambda c: c.facts, parse=parse_text, required=True, width=30),
                   ExcelColumn("地点", "place", export=lambda c: c.place, parse=parse_text, required=True),
                   ExcelColumn("违法行为发生日", "occurred_on", export=lambda c: c.occurred_on, parse=parse_date,
                               required=True),
                   ExcelColumn("决定日", "decided_on", export=lambda c: c.decided_on, parse=parse_date, required=True),
                   ExcelColumn("当场收缴", "collected_on_spot", export=lambda c: "是" if c.collected_on_spot else "否",
                               parse=parse_bool),
                   ExcelColumn("缴款日", "paid_on", export=lambda c: c.paid_on, parse=parse_date),
                   ExcelColumn("状态", None, export=lambda c: c.get_status_display()),
                   ExcelColumn("送达日", None, export=lambda c: c.served_on),
                   ExcelColumn("缴款状态", None, export=lambda c: c.get_payment_status_display()),
                   ExcelColumn("结案日", None, export=lambda c: c.closed_on)],
))  # fmt: skip


disclosures = registry.add(Register(
    key="disclosures", namespace="enforcement", model=Disclosure, label="执法决定公示", module="enforcement",
    description="按本主体的公示规则进入公示队列的处罚决定：限期公示、变更或撤销后3个工作日内撤回（行政处罚法第四十八条）、"
                "期满停止公示。公示内容按字段清单生成，自然人姓名脱敏。",
    form_class=None, filterset_class=DisclosureFilter, importable=False,
    select_related=("case", "body", "org_unit"), ordering=("-decided_on", "-id"),
    columns=[Column("__str__", "决定书文号", link=True), Column("body.name", "执法主体"),
             Column("party_shown", "当事人（公示）"), Column("status", "公示状态"),
             Column("decided_on", "决定日", sort="decided_on"), Column("due_on", "公示期限", sort="due_on"),
             Column("published_on", "公示日"), Column("withdraw_due", "撤回期限")],
    detail_fields=[Column("__str__", "决定书文号"), Column("body.name", "执法主体"), Column("status", "公示状态"),
                   Column("decided_on", "决定日"), Column("due_on", "公示期限"), Column("published_on", "公示日"),
                   Column("expires_on", "公示截止日"), Column("revoked_on", "决定变更或撤销日"),
                   Column("withdraw_due", "撤回期限"), Column("withdrawn_on", "撤回日"),
                   Column("withdrawal_reason", "撤回理由")],
    excel_columns=[ExcelColumn("决定书文号", None, export=str, width=22),
                   ExcelColumn("执法主体", None, export=lambda d: d.body.name, width=20),
                   ExcelColumn("当事人（公示）", None, export=lambda d: d.party_shown),
                   ExcelColumn("公示状态", None, export=lambda d: d.get_status_display()),
                   ExcelColumn("决定日", None, export=lambda d: d.decided_on),
                   ExcelColumn("公示期限", None, export=lambda d: d.due_on),
                   ExcelColumn("公示日", None, export=lambda d: d.published_on),
                   ExcelColumn("公示截止日", None, export=lambda d: d.expires_on),
                   ExcelColumn("撤回期限", None, export=lambda d: d.withdraw_due),
                   ExcelColumn("撤回日", None, export=lambda d: d.withdrawn_on),
                   ExcelColumn("撤回理由", None, export=lambda d: d.withdrawal_reason, width=30)],
))  # fmt: skip
