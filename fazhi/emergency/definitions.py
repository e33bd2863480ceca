"""The emergency registers (应急管理): contingency plans, drills, teams, and the
teams' members and equipment, each with its list, form, Excel ledger and API."""

from __future__ import annotations

import re

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
from fazhi.emergency import actions
from fazhi.emergency.choices import DrillKind, MemberRole, PlanCategory, PlanLevel, PlanStatus, TeamKind
from fazhi.emergency.filters import DrillFilter, EquipmentFilter, MemberFilter, PlanFilter, TeamFilter
from fazhi.emergency.forms import (
    DrillForm,
    EquipmentForm,
    MemberForm,
    PlanForm,
    TeamForm,
    plans_visible_to,
    teams_visible_to,
    villages_visible_to,
)
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, TeamEquipment, TeamMember
from fazhi.emergency.models.plans import DEFAULT_REVISION_YEARS

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip
_PLAN_WITH_VERSION = re.compile(r"^(?P<name>.+)（(?P<version>[^（）]+)）$")
_TEAM_WITH_UNIT = re.compile(r"^(?P<code>[0-9A-Za-z]+)/(?P<name>.+)$")


def parse_count(raw, user):
    text = parse_text(raw, user).removesuffix(".0")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError("应为非负整数")
    return int(text)


def _or_default(parse, default):
    """A parser that reads a blank cell as `default` (a new row's usual value)."""

    def read(raw, user):
        return default if raw in (None, "") else parse(raw, user)

    return read


def parse_plan(raw, user):
    """A plan as exported ("江口镇防汛应急预案（2023版）"), or by its name when one plan in
    force (or one plan at all) of that name is visible."""
    text = parse_text(raw, user)
    if not text:
        return None
    visible = plans_visible_to(user)
    match = _PLAN_WITH_VERSION.match(text)
    found: list[int] = []
    if match:
        found = list(
            visible.filter(name=match["name"], version=match["version"]).values_list("pk", flat=True)[:2]
        )
    name = match["name"] if match and not found else text
    if not found:
        found = list(visible.filter(name=name, status=PlanStatus.IN_FORCE).values_list("pk", flat=True)[:2])
    if not found:
        found = list(visible.filter(name=name).values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"应急预案“{text}”不存在，请先登记预案")
    if len(found) > 1:
        raise ValueError(f"有多个预案名为“{name}”，请写成“预案名称（版本号）”")
    return found[0]


def parse_village(raw, user):
    """A village or community by its code, among the units the user sees."""
    code = parse_text(raw, user)
    if not code:
        return None
    unit = villages_visible_to(user).filter(code=code).only("pk").first()
    if unit is None:
        raise ValueError(f"村（社区）代码“{code}”不存在或不在本单位管辖范围内")
    return unit.pk


def parse_team(raw, user):
    """A team by its name, or as 所属单位代码/队伍名称 when several units have a team of
    that name."""
    text = parse_text(raw, user)
    if not text:
        return None
    visible = teams_visible_to(user)
    match = _TEAM_WITH_UNIT.match(text)
    if match:
        found = list(
            visible.filter(org_unit__code=match["code"], name=match["name"]).values_list("pk", flat=True)
        )
    else:
        found = list(visible.filter(name=text).values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"应急队伍“{text}”不存在，请先登记队伍")
    if len(found) > 1:
        raise ValueError(f"有多支队伍名为“{text}”，请写成“所属单位代码/队伍名称”")
    return found[0]


def _versions_cell(plan: EmergencyPlan) -> str:
    """Every version, oldest first: "2020版（2020-05-12）；2023版（2023-04-20）"."""
    versions = sorted(plan.versions.all(), key=lambda v: (v.approved_on, v.pk))
    return "；".join(f"{v.number}（{v.approved_on:%Y-%m-%d}）" for v in versions)


plans = registry.add(Register(
    key="plans", namespace="emergency", model=EmergencyPlan, label="应急预案", module="emergency",
    description="镇级和村（社区）级应急预案的类别、现行版本和历次修订；到期未修订的，提醒责任岗位。"
                "填写新的版本号即登记一次修订，原版本保留在修订记录中。",
    form_class=PlanForm, filterset_class=PlanFilter, select_related=("org_unit", "post"),
    prefetch_related=("versions",), ordering=("category", "name", "id"), attachments=True,
    create=actions.create_plan, update=actions.update_plan,
    import_note="“系统编号”留空为新增；已有预案填写新的“现行版本号”即登记一次修订，原版本保留。",
    columns=[Column("name", "预案名称", link=True, sort="name"), Column("category", "预案类别", sort="category"),
             Column("level", "预案层级"), Column("version", "现行版本号"),
             Column("revised_on", "最近修订日期", sort="revised_on"),
             Column("next_revision_due", "下次修订期限", sort="next_revision_due"),
             Column("revision_state", "修订期限情况"), Column("status", "状态"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("name", "预案名称"), Column("category", "预案类别"), Column("level", "预案层级"),
                   Column("version", "现行版本号"), Column("revised_on", "最近修订日期"),
                   Column("approved_by", "批准单位"), Column("changes", "本版修订内容"),
                   Column("revision_years", "修订周期（年）"), Column("next_revision_due", "下次修订期限"),
                   Column("revision_state", "修订期限情况"), Column("status", "状态"), Column("post", "责任岗位"),
                   Column("note", "备注"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("预案类别", "category", parse=parse_choice(PlanCategory), required=True),
                   ExcelColumn("预案名称", "name", parse=parse_text, required=True, width=36),
                   ExcelColumn("预案层级", "level", parse=parse_choice(PlanLevel), required=True, width=12),
                   ExcelColumn("现行版本号", "version", parse=parse_text, required=True, width=12),
                   ExcelColumn("最近修订日期", "revised_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("批准单位", "approved_by", parse=parse_text, required=True, width=20),
                   ExcelColumn("本版修订内容", "changes", parse=parse_text, width=36),
                   ExcelColumn("修订周期（年）", "revision_years",
                               parse=_or_default(parse_count, DEFAULT_REVISION_YEARS), width=10),
                   ExcelColumn("状态", "status", parse=_or_default(parse_choice(PlanStatus), PlanStatus.IN_FORCE),
                               width=10),
                   ExcelColumn("责任岗位代码", "post", export=lambda p: p.post.code if p.post_id else "",
                               parse=parse_post),
                   ExcelColumn("备注", "note", parse=parse_text, width=24),
                   ExcelColumn("下次修订期限", None, export=lambda p: p.next_revision_due, width=12),
                   ExcelColumn("修订期限情况", None, export=lambda p: p.revision_state(), width=10),
                   ExcelColumn("历次版本", None, export=_versions_cell, width=40)],
))  # fmt: skip

drills = registry.add(Register(
    key="drills", namespace="emergency", model=Drill, label="应急演练", module="emergency",
    description="已开展的应急演练：类型、地点、参演人数、演练情景和评估（做得好的方面、发现的问题、改进措施）。"
                "发现的问题记录在案，不自动生成整改事项。照片等材料作为附件上传。",
    form_class=DrillForm, filterset_class=DrillFilter, select_related=("org_unit", "plan", "village"),
    ordering=("-held_on", "-id"), attachments=True, create=actions.record_drill, update=actions.update_drill,
    columns=[Column("title", "演练名称", link=True), Column("held_on", "演练日期", sort="held_on"),
             Column("kind", "演练类型", sort="kind"), Column("place", "演练地点"), Column("village.name", "所在村（社区）"),
             Column("participants", "参演人数", sort="participants"), Column("evaluation_state", "评估情况"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("title", "演练名称"), Column("held_on", "演练日期"), Column("kind", "演练类型"),
                   Column("plan", "依据的应急预案"), Column("place", "演练地点"), Column("village.name", "所在村（社区）"),
                   Column("organiser", "组织单位"), Column("participants", "参演人数"), Column("scenario", "演练情景"),
                   Column("went_well", "评估：做得好的方面"), Column("problems", "评估：发现的问题"),
                   Column("improvements", "评估：改进措施"), Column("note", "备注"), Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("演练日期", "held_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("演练名称", "title", parse=parse_text, required=True, width=30),
                   ExcelColumn("演练类型", "kind", parse=parse_choice(DrillKind), required=True),
                   ExcelColumn("依据的应急预案", "plan", export=lambda d: str(d.plan) if d.plan_id else "",
                               parse=parse_plan, width=36),
                   ExcelColumn("演练地点", "place", parse=parse_text, required=True, width=24),
                   ExcelColumn("所在村（社区）代码", "village", export=lambda d: d.village.code if d.village_id else "",
                               parse=parse_village, width=16),
                   ExcelColumn("所在村（社区）", None, export=lambda d: d.village.name if d.village_id else "", width=14),
                   ExcelColumn("组织单位", "organiser", parse=parse_text, required=True, width=20),
                   ExcelColumn("参演人数", "participants", parse=parse_count, required=True, width=10),
                   ExcelColumn("演练情景", "scenario", parse=parse_text, required=True, width=36),
                   ExcelColumn("评估：做得好的方面", "went_well", parse=parse_text, width=30),
                   ExcelColumn("评估：发现的问题", "problems", parse=parse_text, width=30),
                   ExcelColumn("评估：改进措施", "improvements", parse=parse_text, width=30),
                   ExcelColumn("备注", "note", parse=parse_text, width=20)],
))  # fmt: skip

teams = registry.add(Register(
    key="teams", namespace="emergency", model=EmergencyTeam, label="应急队伍", module="emergency",
    description="镇民兵应急分队、村（社区）应急队和专业应急队伍；队员和装备物资在队伍页面查看，也可分别导入导出。"
                "电话在列表和导出中隐去中间数字。",
    form_class=TeamForm, filterset_class=TeamFilter, select_related=("org_unit",), prefetch_related=("members",),
    ordering=("kind", "name", "id"), create=actions.create_team, update=actions.update_team,
    columns=[Column("name", "队伍名称", link=True, sort="name"), Column("kind", "队伍类型", sort="kind"),
             Column("leader", "队长"), Column("leader_phone", "队长电话", mask=masking.mask_phone),
             Column("member_count", "在队人数"), Column("is_active", "在册"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("name", "队伍名称"), Column("kind", "队伍类型"), Column("leader", "队长"),
                   Column("leader_phone", "队长电话", mask=masking.mask_phone), Column("duties", "主要任务"),
                   Column("founded_on", "组建日期"), Column("is_active", "在册"), Column("note", "备注"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("队伍类型", "kind", parse=parse_choice(TeamKind), required=True, width=16),
                   ExcelColumn("队伍名称", "name", parse=parse_text, required=True, width=24),
                   ExcelColumn("队长", "leader", parse=parse_text, required=True),
                   ExcelColumn("队长电话", "leader_phone", parse=parse_text, mask=masking.mask_phone, width=16),
                   ExcelColumn("主要任务", "duties", parse=parse_text, width=36),
                   ExcelColumn("组建日期", "founded_on", parse=parse_date, width=12),
                   ExcelColumn("在册", "is_active", parse=_or_default(parse_bool, True), width=8),
                   ExcelColumn("备注", "note", parse=parse_text, width=20),
                   ExcelColumn("在队人数", None, export=lambda t: t.member_count(), width=10)],
))  # fmt: skip


def _team_cell(part) -> str:
    return part.team.name


TEAM_UNIT = ExcelColumn("队伍所属单位", None, export=lambda p: p.team.org_unit.name, width=16)

members = registry.add(Register(
    key="members", namespace="emergency", model=TeamMember, label="应急队员", module="emergency",
    description="各应急队伍的队员、队内职务和联系电话；电话在列表和导出中隐去中间数字。",
    form_class=MemberForm, filterset_class=MemberFilter, select_related=("team__org_unit",),
    ordering=("team__name", "role", "name", "id"), create=actions.add_member, update=actions.update_member,
    import_note="“应急队伍”填写队伍名称；不同单位有同名队伍的，写成“所属单位代码/队伍名称”。",
    columns=[Column("name", "姓名", link=True, sort="name"), Column("team.name", "应急队伍", sort="team__name"),
             Column("role", "队内职务"), Column("phone", "联系电话", mask=masking.mask_phone), Column("skills", "专长"),
             Column("is_active", "在队"), Column("team.org_unit.name", "所属单位")],
    detail_fields=[Column("name", "姓名"), Column("team", "应急队伍"), Column("role", "队内职务"),
                   Column("phone", "联系电话", mask=masking.mask_phone), Column("skills", "专长"),
                   Column("is_active", "在队"), Column("note", "备注"), Column("team.org_unit.name", "所属单位")],
    excel_columns=[ExcelColumn("应急队伍", "team", export=_team_cell, parse=parse_team, required=True, width=24),
                   TEAM_UNIT, ExcelColumn("姓名", "name", parse=parse_text, required=True),
                   ExcelColumn("队内职务", "role", parse=_or_default(parse_choice(MemberRole), MemberRole.MEMBER),
                               width=10),
                   ExcelColumn("联系电话", "phone", parse=parse_text, mask=masking.mask_phone, width=16),
                   ExcelColumn("专长", "skills", parse=parse_text, width=16),
                   ExcelColumn("在队", "is_active", parse=_or_default(parse_bool, True), width=8),
                   ExcelColumn("备注", "note", parse=parse_text, width=20)],
))  # fmt: skip

equipment = registry.add(Register(
    key="equipment", namespace="emergency", model=TeamEquipment, label="应急装备物资", module="emergency",
    description="各应急队伍的装备物资：数量、存放地点、最近检查日期和状态。",
    form_class=EquipmentForm, filterset_class=EquipmentFilter, select_related=("team__org_unit",),
    ordering=("team__name", "item", "id"), create=actions.add_equipment, update=actions.update_equipment,
    import_note="“应急队伍”填写队伍名称；不同单位有同名队伍的，写成“所属单位代码/队伍名称”。",
    columns=[Column("item", "装备物资名称", link=True, sort="item"), Column("team.name", "应急队伍", sort="team__name"),
             Column("quantity", "数量"), Column("unit", "计量单位"), Column("location", "存放地点"),
             Column("checked_on", "最近检查日期", sort="checked_on"), Column("in_order", "状态完好"),
             Column("team.org_unit.name", "所属单位")],
    excel_columns=[ExcelColumn("应急队伍", "team", export=_team_cell, parse=parse_team, required=True, width=24),
                   TEAM_UNIT, ExcelColumn("装备物资名称", "item", parse=parse_text, required=True, width=20),
                   ExcelColumn("数量", "quantity", parse=parse_count, required=True, width=8),
                   ExcelColumn("计量单位", "unit", parse=parse_text, width=8),
                   ExcelColumn("存放地点", "location", parse=parse_text, required=True, width=24),
                   ExcelColumn("最近检查日期", "checked_on", parse=parse_date, width=12),
                   ExcelColumn("状态完好", "in_order", parse=_or_default(parse_bool, True), width=8),
                   ExcelColumn("备注", "note", parse=parse_text, width=20)],
))  # fmt: skip
