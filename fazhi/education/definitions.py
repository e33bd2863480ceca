"""The five registers of legal study and outreach (学法普法), listed under the
navigation module "education": study sessions, outreach events, public legal
services, the roster of legally literate residents and village legal advisors,
and staff training programmes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from fazhi.core import masking
from fazhi.core.definitions import parse_bool, parse_choice, parse_date, parse_org_unit, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.education import actions
from fazhi.education.choices import (
    OutreachTopic,
    Presenter,
    RosterKind,
    ServiceKind,
    ServiceOutcome,
    StudyKind,
    TrainingMode,
    VenueKind,
)
from fazhi.education.filters import (
    LegalServiceFilter,
    OutreachEventFilter,
    RosterMemberFilter,
    StaffTrainingFilter,
    StudySessionFilter,
)
from fazhi.education.forms import (
    LegalServiceForm,
    OutreachEventForm,
    RosterMemberForm,
    StaffTrainingForm,
    StudySessionForm,
    villages_visible_to,
)
from fazhi.education.models import (
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
    presenter_text,
)

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip
UNIT_COLUMN = Column("org_unit.name", "所属单位", sort="org_unit__path")
_PRESENTER_LABELS = {label: code for code, label in Presenter.choices}


# -- cell parsers ----------------------------------------------------------------------------


def parse_count(raw, user):
    """A whole number of people: 350, "350", "350人"."""
    text = parse_text(raw, user).removesuffix("人次").removesuffix("人").removesuffix(".0").replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError("应为不小于0的整数")
    return int(text)


def parse_hours(raw, user):
    text = parse_text(raw, user).removesuffix("学时").removesuffix("小时")
    if not text:
        return None
    try:
        return Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation as exc:
        raise ValueError("应为学时数，如 2 或 1.5") from exc


def parse_village(raw, user):
    """A village or community by its code, or by its name when the user sees one of that name."""
    text = parse_text(raw, user)
    if not text:
        return None
    villages = villages_visible_to(user)
    found = list(villages.filter(code=text).values_list("pk", flat=True)[:1]) or list(
        villages.filter(name=text).values_list("pk", flat=True)[:2]
    )
    if not found:
        raise ValueError(f"村（社区）“{text}”不存在或不在本单位管辖范围内")
    if len(found) > 1:
        raise ValueError(f"有多个村（社区）名为“{text}”，请填写其单位代码")
    return found[0]


def parse_presenters(raw, user):
    """Presenter kinds by label, separated by 、 or commas: "村居法律顾问、法律明白人"."""
    text = parse_text(raw, user)
    if not text:
        return []
    tokens = [t for t in text.replace("，", "、").replace(",", "、").replace(" ", "、").split("、") if t]
    unknown = [t for t in tokens if t not in _PRESENTER_LABELS and t not in Presenter.values]
    if unknown:
        raise ValueError(
            f"“{'、'.join(unknown)}”不是宣讲人员类别，应为以下之一：{'、'.join(_PRESENTER_LABELS)}"
        )
    return [_PRESENTER_LABELS.get(t, t) for t in tokens]


def _village_cell(record) -> str:
    return record.village.name if record.village_id else ""


# -- the registers -----------------------------------------------------------------------------

study_sessions = registry.add(Register(
    key="study-sessions", namespace="education", model=StudySession, label="学法活动", module="education",
    description="党委理论学习中心组、党委扩大会议、政府常务会议会前学法和职工会议学法的记录，可附学习材料。"
                "年度报告统计理论学习中心组和党委扩大会议的法治专题学习次数。",
    form_class=StudySessionForm, filterset_class=StudySessionFilter, select_related=("org_unit",),
    ordering=("-held_on", "-id"), attachments=True,
    create=actions.record_study_session, update=actions.update_study_session,
    columns=[Column("held_on", "学习日期", sort="held_on"), Column("kind", "学习形式", sort="kind"),
             Column("topic", "学习内容", link=True), Column("on_rule_of_law", "法治专题"),
             Column("presenter", "主讲（领学）人"), Column("attendees", "参学人数", sort="attendees"),
             Column("report_label", "计入年度报告"), UNIT_COLUMN],
    detail_fields=[Column("held_on", "学习日期"), Column("kind", "学习形式"), Column("topic", "学习内容"),
                   Column("on_rule_of_law", "法治专题"), Column("presenter", "主讲（领学）人"),
                   Column("attendees", "参学人数"), Column("note", "学习讨论情况"),
                   Column("report_label", "计入年度报告学法次数"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("学习日期", "held_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("学习形式", "kind", parse=parse_choice(StudyKind), required=True, width=22),
                   ExcelColumn("学习内容", "topic", parse=parse_text, required=True, width=36),
                   ExcelColumn("法治专题", "on_rule_of_law", parse=parse_bool, width=8),
                   ExcelColumn("主讲（领学）人", "presenter", parse=parse_text),
                   ExcelColumn("参学人数", "attendees", parse=parse_count, required=True, width=10),
                   ExcelColumn("学习讨论情况", "note", parse=parse_text, width=36),
                   ExcelColumn("计入年度报告", None, export=lambda s: s.report_label(), width=10)],
))  # fmt: skip

outreach_events = registry.add(Register(
    key="outreach", namespace="education", model=OutreachEvent, label="普法活动", module="education",
    description="到村（社区）、学校、企业、集市开展的法治宣讲和普法宣传，逐场登记受众人次，可附活动照片；"
                "12月4日的活动自动标记为国家宪法日活动。",
    form_class=OutreachEventForm, filterset_class=OutreachEventFilter, select_related=("org_unit", "village"),
    ordering=("-held_on", "-id"), attachments=True,
    create=actions.record_outreach_event, update=actions.update_outreach_event,
    import_note="“系统编号”留空为新增；一次可导入全年台账。宣讲人员可填多项，用“、”分隔。",
    columns=[Column("held_on", "活动日期", sort="held_on"), Column("title", "活动名称", link=True),
             Column("venue_kind", "活动场所"), Column("village.name", "所在村（社区）"), Column("topic", "宣传主题"),
             Column("audience", "受众人次", sort="audience"), Column("presenter_names", "宣讲人员"),
             Column("constitution_day", "国家宪法日"), UNIT_COLUMN],
    detail_fields=[Column("held_on", "活动日期"), Column("title", "活动名称"), Column("venue_kind", "活动场所"),
                   Column("village.name", "所在村（社区）"), Column("topic", "宣传主题"),
                   Column("audience", "受众人次"), Column("presenter_names", "宣讲人员"),
                   Column("constitution_day", "“12·4”国家宪法日活动"), Column("note", "活动情况"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("活动日期", "held_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("活动场所", "venue_kind", parse=parse_choice(VenueKind), required=True, width=12),
                   ExcelColumn("所在村（社区）", "village", export=_village_cell, parse=parse_village, width=14),
                   ExcelColumn("宣传主题", "topic", parse=parse_choice(OutreachTopic), required=True, width=14),
                   ExcelColumn("活动名称", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("受众人次", "audience", parse=parse_count, required=True, width=10),
                   ExcelColumn("宣讲人员", "presenters", export=lambda e: presenter_text(e.presenters),
                               parse=parse_presenters, width=30),
                   ExcelColumn("国家宪法日活动", "constitution_day", parse=parse_bool, width=8),
                   ExcelColumn("活动情况", "note", parse=parse_text, width=36)],
))  # fmt: skip

legal_services = registry.add(Register(
    key="legal-services", namespace="education", model=LegalServiceRecord, label="公共法律服务",
    module="education",
    description="法律咨询、引导申请法律援助、代写文书、引导调解、公证指引等公共法律服务的逐次记录。"
                "服务对象的姓名和电话在列表、导出和接口中隐去。",
    form_class=LegalServiceForm, filterset_class=LegalServiceFilter, select_related=("org_unit", "village"),
    ordering=("-served_on", "-id"), create=actions.record_legal_service, update=actions.update_legal_service,
    import_note="“系统编号”留空为新增；一次可导入全年台账。导出的姓名、电话已隐去，原样导回视为未修改。",
    columns=[Column("served_on", "服务日期", sort="served_on"), Column("kind", "服务类型", link=True),
             Column("village.name", "服务对象所在村（社区）"), Column("person_name", "服务对象", mask=masking.mask_name),
             Column("phone", "联系电话", mask=masking.mask_phone), Column("handled_by", "服务人员"),
             Column("outcome", "办理结果"), UNIT_COLUMN],
    detail_fields=[Column("served_on", "服务日期"), Column("kind", "服务类型"),
                   Column("village.name", "服务对象所在村（社区）"),
                   Column("person_name", "服务对象", mask=masking.mask_name),
                   Column("phone", "联系电话", mask=masking.mask_phone), Column("summary", "服务事项"),
                   Column("handled_by", "服务人员"), Column("outcome", "办理结果"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("服务日期", "served_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("服务类型", "kind", parse=parse_choice(ServiceKind), required=True, width=16),
                   ExcelColumn("服务对象所在村（社区）", "village", export=_village_cell, parse=parse_village,
                               required=True, width=14),
                   ExcelColumn("服务对象", "person_name", parse=parse_text, mask=masking.mask_name, width=10),
                   ExcelColumn("联系电话", "phone", parse=parse_text, mask=masking.mask_phone),
                   ExcelColumn("服务事项", "summary", parse=parse_text, required=True, width=40),
                   ExcelColumn("服务人员", "handled_by", parse=parse_text, required=True),
                   ExcelColumn("办理结果", "outcome", parse=parse_choice(ServiceOutcome), required=True, width=14)],
))  # fmt: skip

roster = registry.add(Register(
    key="roster", namespace="education", model=RosterMember, label="法律明白人和村居法律顾问",
    module="education",
    description="各村（社区）的法律明白人和村居法律顾问名册，联系电话在列表和导出中隐去。",
    form_class=RosterMemberForm, filterset_class=RosterMemberFilter, select_related=("org_unit", "village"),
    ordering=("village__path", "kind", "name", "id"),
    create=actions.add_roster_member, update=actions.update_roster_member,
    columns=[Column("name", "姓名", link=True, sort="name"), Column("kind", "类别", sort="kind"),
             Column("village.name", "所在村（社区）", sort="village__path"),
             Column("phone", "联系电话", mask=masking.mask_phone), Column("trained_on", "培训日期", sort="trained_on"),
             Column("note", "备注"), UNIT_COLUMN],
    detail_fields=[Column("name", "姓名"), Column("kind", "类别"), Column("village.name", "所在村（社区）"),
                   Column("phone", "联系电话", mask=masking.mask_phone), Column("trained_on", "培训日期"),
                   Column("note", "备注"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("类别", "kind", parse=parse_choice(RosterKind), required=True, width=14),
                   ExcelColumn("姓名", "name", parse=parse_text, required=True, width=10),
                   ExcelColumn("所在村（社区）", "village", export=_village_cell, parse=parse_village,
                               required=True, width=14),
                   ExcelColumn("联系电话", "phone", parse=parse_text, mask=masking.mask_phone),
                   ExcelColumn("培训日期", "trained_on", parse=parse_date, width=12),
                   ExcelColumn("备注", "note", parse=parse_text, width=30)],
))  # fmt: skip

trainings = registry.add(Register(
    key="trainings", namespace="education", model=StaffTraining, label="干部学法培训", module="education",
    description="镇村干部和执法人员的网络培训、线下集中培训和岗位实训：学时、参训人数和组织单位。",
    form_class=StaffTrainingForm, filterset_class=StaffTrainingFilter, select_related=("org_unit",),
    ordering=("-starts_on", "-id"), create=actions.record_training, update=actions.update_training,
    columns=[Column("starts_on", "开始日期", sort="starts_on"), Column("title", "培训名称", link=True),
             Column("mode", "培训方式"), Column("hours", "学时"), Column("participants", "参训人数", sort="participants"),
             Column("organiser", "组织单位"), UNIT_COLUMN],
    detail_fields=[Column("title", "培训名称"), Column("mode", "培训方式"), Column("starts_on", "开始日期"),
                   Column("ends_on", "结束日期"), Column("hours", "学时"), Column("participants", "参训人数"),
                   Column("organiser", "组织单位"), Column("note", "备注"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("培训名称", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("培训方式", "mode", parse=parse_choice(TrainingMode), required=True, width=14),
                   ExcelColumn("开始日期", "starts_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("结束日期", "ends_on", parse=parse_date, width=12),
                   ExcelColumn("学时", "hours", parse=parse_hours, required=True, width=8),
                   ExcelColumn("参训人数", "participants", parse=parse_count, required=True, width=10),
                   ExcelColumn("组织单位", "organiser", parse=parse_text, required=True, width=24),
                   ExcelColumn("备注", "note", parse=parse_text, width=30)],
))  # fmt: skip
