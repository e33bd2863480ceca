"""The mediation registers (人民调解组织): committees, mediators, mediation rooms and
the monthly screening rounds (矛盾纠纷排查). A mediator's phone is masked in the
list, the export and the API."""

from __future__ import annotations

import datetime as dt

from fazhi.core import masking
from fazhi.core.definitions import parse_bool, parse_choice, parse_date, parse_org_unit, parse_text
from fazhi.core.models import User
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.choices import CommitteeLevel, MediatorRole, RoomKind
from fazhi.disputes.filters.mediation import CommitteeFilter, MediatorFilter, RoomFilter, RoundFilter
from fazhi.disputes.forms.mediation import CommitteeForm, MediatorForm, RoomForm, RoundForm
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningRound

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip
UNIT_NAME = ExcelColumn("所属单位", None, export=lambda o: o.org_unit.name, width=20)


def parse_committee(raw, user):
    """A committee by its name, among the committees the user sees."""
    name = parse_text(raw, user)
    if not name:
        return None
    found = list(
        MediationCommittee.objects.visible_to(user).filter(name=name).values_list("pk", flat=True)[:2]
    )
    if not found:
        raise ValueError(f"人民调解委员会“{name}”不存在，请先登记调解委员会")
    if len(found) > 1:
        raise ValueError(f"有多个名为“{name}”的人民调解委员会，请在页面上选择")
    return found[0]


def parse_account(raw, user):
    """An account by its user name, among the accounts the user sees."""
    username = parse_text(raw, user)
    if not username:
        return None
    found = (
        User.objects.visible_to(user).filter(username=username, is_active=True).values_list("pk", flat=True)
    )
    pk = found.first()
    if pk is None:
        raise ValueError(f"账号“{username}”不存在或已停用")
    return pk


def parse_month(raw, user):
    """A month as 2023-05, 2023年5月 or any date in it: its first day."""
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw.replace(day=1)
    text = str(raw).strip().replace("年", "-").replace("月", "").replace("/", "-")
    parts = text.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]), 1)
    except (ValueError, IndexError) as exc:
        raise ValueError("排查月份应写成“2023-05”或“2023年5月”") from exc


committees = registry.add(Register(
    key="committees", namespace="disputes", model=MediationCommittee, label="人民调解委员会", module="disputes",
    description="镇、村（社区）和行业性、专业性人民调解委员会：层级、成立和撤销日期、办公地点；"
                "详情页列出其调解员、调解室和承办的纠纷数。",
    form_class=CommitteeForm, filterset_class=CommitteeFilter, select_related=("org_unit",),
    ordering=("org_unit__path", "name", "id"), create=actions.create_committee, update=actions.update_committee,
    columns=[Column("name", "名称", link=True, sort="name"), Column("level", "层级", sort="level"),
             Column("established_on", "成立日期", sort="established_on"), Column("dissolved_on", "撤销日期"),
             Column("phone", "联系电话"), Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("name", "名称"), Column("level", "层级"), Column("org_unit.name", "所属单位"),
                   Column("established_on", "成立日期"), Column("dissolved_on", "撤销日期"),
                   Column("address", "办公地点"), Column("phone", "联系电话"), Column("note", "备注"),
                   Column("source_note", "数据来源说明")],
    excel_columns=[UNIT, UNIT_NAME, ExcelColumn("名称", "name", parse=parse_text, required=True, width=30),
                   ExcelColumn("层级", "level", parse=parse_choice(CommitteeLevel), required=True, width=26),
                   ExcelColumn("成立日期", "established_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("撤销日期", "dissolved_on", parse=parse_date, width=12),
                   ExcelColumn("办公地点", "address", parse=parse_text, width=30),
                   ExcelColumn("联系电话", "phone", parse=parse_text, width=16),
                   ExcelColumn("备注", "note", parse=parse_text, width=30),
                   ExcelColumn("数据来源说明", "source_note", parse=parse_text, width=24)],
))  # fmt: skip

mediators = registry.add(Register(
    key="mediators", namespace="disputes", model=Mediator, label="调解员", module="disputes",
    description="人民调解委员会的委员和调解员：职务、专职或兼职、聘任和离任日期；所属单位随调解委员会。"
                "联系电话在列表和导出中脱敏显示。",
    form_class=MediatorForm, filterset_class=MediatorFilter,
    select_related=("org_unit", "committee", "user"), ordering=("committee__name", "role", "name", "id"),
    create=actions.create_mediator, update=actions.update_mediator,
    import_note="“系统编号”留空为新增；所属单位随“人民调解委员会”确定；联系电话导出时已脱敏，原样导回不会改变。",
    columns=[Column("name", "姓名", link=True, sort="name"), Column("committee.name", "人民调解委员会"),
             Column("role", "职务", sort="role"), Column("full_time", "专职"),
             Column("phone", "联系电话", mask=masking.mask_phone),
             Column("appointed_on", "聘任日期", sort="appointed_on"), Column("left_on", "离任日期"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    detail_fields=[Column("name", "姓名"), Column("committee.name", "人民调解委员会"), Column("role", "职务"),
                   Column("full_time", "专职"), Column("phone", "联系电话", mask=masking.mask_phone),
                   Column("user", "系统账号"), Column("appointed_on", "聘任日期"), Column("left_on", "离任日期"),
                   Column("note", "备注"), Column("org_unit.name", "所属单位")],
    excel_columns=[ExcelColumn("人民调解委员会", "committee", export=lambda m: m.committee.name,
                               parse=parse_committee, required=True, width=30),
                   ExcelColumn("姓名", "name", parse=parse_text, required=True),
                   ExcelColumn("职务", "role", parse=parse_choice(MediatorRole), required=True, width=10),
                   ExcelColumn("专职", "full_time", parse=parse_bool, width=8),
                   ExcelColumn("联系电话", "phone", parse=parse_text, mask=masking.mask_phone, width=16),
                   ExcelColumn("系统账号", "user", export=lambda m: m.user.username if m.user_id else "",
                               parse=parse_account, width=14),
                   ExcelColumn("聘任日期", "appointed_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("离任日期", "left_on", parse=parse_date, width=12),
                   ExcelColumn("备注", "note", parse=parse_text, width=24), UNIT_NAME],
))  # fmt: skip

rooms = registry.add(Register(
    key="rooms", namespace="disputes", model=MediationRoom, label="调解室", module="disputes",
    description="派驻人民法庭、派出所、信访接待场所等的人民调解室：派驻单位、所属调解委员会、设立和撤销日期。",
    form_class=RoomForm, filterset_class=RoomFilter, select_related=("org_unit", "committee"),
    ordering=("kind", "name", "id"), create=actions.create_room, update=actions.update_room,
    columns=[Column("name", "名称", link=True, sort="name"), Column("kind", "类型", sort="kind"),
             Column("host", "派驻单位"), Column("committee.name", "所属人民调解委员会"),
             Column("opened_on", "设立日期", sort="opened_on"), Column("closed_on", "撤销日期"),
             Column("org_unit.name", "所属单位", sort="org_unit__path")],
    excel_columns=[UNIT, UNIT_NAME, ExcelColumn("名称", "name", parse=parse_text, required=True, width=34),
                   ExcelColumn("类型", "kind", parse=parse_choice(RoomKind), required=True, width=18),
                   ExcelColumn("派驻单位", "host", parse=parse_text, required=True, width=28),
                   ExcelColumn("所属人民调解委员会", "committee",
                               export=lambda r: r.committee.name if r.committee_id else "", parse=parse_committee,
                               width=30),
                   ExcelColumn("设立日期", "opened_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("撤销日期", "closed_on", parse=parse_date, width=12),
                   ExcelColumn("备注", "note", parse=parse_text, width=30)],
))  # fmt: skip

rounds = registry.add(Register(
    key="rounds", namespace="disputes", model=ScreeningRound, label="矛盾纠纷排查", module="disputes",
    description="每月矛盾纠纷大排查：新建排查即为本镇每个村（社区）生成一行结果，在排查页面逐村填报"
                "（没有发现的填0，即报“无”）；全部村（社区）上报后才能完成本轮排查。",
    form_class=RoundForm, filterset_class=RoundFilter, select_related=("org_unit",),
    ordering=("-month", "id"), create=actions.open_round, update=actions.update_round,
    import_note="导入只用于新增或修改排查轮次（所属镇、排查月份、开始日期、工作情况）：新增的排查自动为本镇每个"
                "村（社区）生成待上报的结果行。各村（社区）的排查结果请在排查页面逐村填报或通过接口上报，"
                "不能导入；导出文件第二张工作表“各村排查结果”仅供查阅。完成排查请在排查页面操作。",
    columns=[Column("__str__", "排查", link=True), Column("month", "排查月份", sort="month"),
             Column("started_on", "开始日期"), Column("finished_on", "完成日期", sort="finished_on"),
             Column("progress", "已上报/应上报"), Column("found_total", "排查发现"),
             Column("resolved_total", "当场化解"), Column("high_risk_total", "重大风险隐患"),
             Column("org_unit.name", "所属镇", sort="org_unit__path")],
    detail_fields=[Column("month", "排查月份"), Column("org_unit.name", "所属镇"), Column("started_on", "开始日期"),
                   Column("status_label", "状态"), Column("note", "工作情况")],
    excel_columns=[UNIT, UNIT_NAME,
                   ExcelColumn("排查月份", "month", export=lambda r: f"{r.month:%Y-%m}", parse=parse_month,
                               required=True, width=10),
                   ExcelColumn("开始日期", "started_on", parse=parse_date, width=12),
                   ExcelColumn("工作情况", "note", parse=parse_text, width=36),
                   ExcelColumn("完成日期", None, export=lambda r: r.finished_on, width=12),
                   ExcelColumn("已上报/应上报", None, export=lambda r: r.progress(), width=12),
                   ExcelColumn("排查发现", None, export=lambda r: r.found_total(), width=10),
                   ExcelColumn("当场化解", None, export=lambda r: r.resolved_total(), width=10),
                   ExcelColumn("重大风险隐患", None, export=lambda r: r.high_risk_total(), width=12)],
))  # fmt: skip
