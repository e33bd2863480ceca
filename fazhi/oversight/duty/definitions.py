"""The leaders' duty registers on the register base: work plans and tasks (挂图作战),
the leading group, admonition talks, duty reports, meetings, and the enforcement
responsibility system (officers' posts, conduct trainings, yearly assessments)."""

from __future__ import annotations

import re

from fazhi.core.definitions import (
    parse_choice,
    parse_date,
    parse_leader,
    parse_org_unit,
    parse_post,
    parse_text,
)
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.enforcement.models import Officer
from fazhi.oversight.choices import AssessmentResult, GroupRole, MeetingKind
from fazhi.oversight.duty import actions, filters, forms
from fazhi.oversight.models import (
    Admonition,
    ConductTraining,
    DutyReport,
    LeadingGroupMember,
    Meeting,
    OfficerAssessment,
    OfficerPost,
    Task,
    WorkPlan,
)

UNIT = ExcelColumn("所属单位代码", "org_unit", export=lambda o: o.org_unit.code, parse=parse_org_unit,
                   required=True, width=16)  # fmt: skip
ORG = Column("org_unit.name", "所属单位", sort="org_unit__path")
_PLAN = re.compile(r"^\s*(?P<year>\d{4})\s*年?\s*(?P<title>.*)$")


def parse_int(raw, user):
    text = parse_text(raw, user).removesuffix(".0")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError("应为非负整数")
    return int(text)


def parse_year(raw, user):
    text = parse_text(raw, user).removesuffix(".0").removesuffix("年度").removesuffix("年")
    if not text:
        return None
    if not (text.isdigit() and len(text) == 4):
        raise ValueError("年度应为四位数字，如 2023")
    return int(text)


def parse_plan(raw, user):
    """A work plan as exported ("2023年 江口镇2023年法治政府建设工作要点"), or by its year
    alone when the user sees one plan of that year."""
    text = parse_text(raw, user)
    if not text:
        return None
    match = _PLAN.match(text)
    if match is None:
        raise ValueError("应写成“年度 计划名称”，如“2023年 法治建设工作要点”")
    plans = WorkPlan.objects.visible_to(user).filter(year=int(match["year"]))
    if match["title"]:
        plans = plans.filter(title=match["title"].strip())
    found = list(plans.values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"工作计划“{text}”不存在，请先登记年度工作计划")
    if len(found) > 1:
        raise ValueError(f"“{text}”对应多个工作计划，请写明计划名称或在页面上选择")
    return found[0]


def parse_officer(raw, user):
    """An officer by certificate number (执法证号), among the officers the user sees."""
    number = parse_text(raw, user)
    if not number:
        return None
    officer = Officer.objects.visible_to(user).filter(certificate_no=number).only("pk").first()
    if officer is None:
        raise ValueError(f"执法证号“{number}”不在本单位的执法人员台账中")
    return officer.pk


def _name(user) -> str:
    return str(user) if user is not None else ""


def _post_code(post) -> str:
    return post.code if post is not None else ""


def _cert(record) -> str:
    return record.officer.certificate_no


plans = registry.add(Register(
    key="plans", namespace="oversight", model=WorkPlan, label="法治建设工作计划", module="oversight",
    description="每年的法治建设（法治政府建设）工作计划：计划名称、审定日期和会议；计划中的任务在“挂图作战”中逐项推进。",
    form_class=forms.PlanForm, filterset_class=filters.PlanFilter, select_related=("org_unit",),
    ordering=("-year", "id"), create=actions.create_plan, update=actions.update_plan,
    columns=[Column("year", "年度", sort="year"), Column("title", "计划名称", link=True),
             Column("approved_on", "审定日期", sort="approved_on"), Column("approved_at", "审定会议"), ORG],
    excel_columns=[UNIT, ExcelColumn("年度", "year", parse=parse_year, required=True, width=8),
                   ExcelColumn("计划名称", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("审定日期", "approved_on", parse=parse_date, width=12),
                   ExcelColumn("审定会议", "approved_at", parse=parse_text, width=24),
                   ExcelColumn("主要内容", "summary", parse=parse_text, width=40)],
))  # fmt: skip

tasks = registry.add(Register(
    key="tasks", namespace="oversight", model=Task, label="法治建设任务", module="oversight",
    description="年度工作计划的任务清单（挂图作战）：每项任务明确牵头领导、责任岗位、工作措施和完成时限，"
                "责任岗位人员在任务页面填报进展，逾期未完成的标红提醒。",
    form_class=forms.TaskForm, filterset_class=filters.TaskFilter,
    select_related=("org_unit", "plan", "lead_leader", "responsible_post__org_unit"),
    ordering=("plan__year", "plan_id", "position", "id"), create=actions.create_task, update=actions.update_task,
    import_note="“系统编号”留空为新增；填写“完成日期”的任务即为已完成。进展在任务页面填报。",
    columns=[Column("position", "序号", sort="position"), Column("title", "任务", link=True),
             Column("plan.year", "年度", sort="plan__year"), Column("lead_leader", "牵头领导"),
             Column("responsible_post.name", "责任岗位"), Column("due_on", "完成时限", sort="due_on"),
             Column("status", "状态", sort="status"), Column("deadline_state", "期限情况"),
             Column("latest_progress", "最近进展"), ORG],
    detail_fields=[Column("plan", "工作计划"), Column("position", "序号"), Column("title", "任务"),
                   Column("measures", "工作措施"), Column("lead_leader", "牵头领导"),
                   Column("responsible_post", "责任岗位"), Column("due_on", "完成时限"), Column("status", "状态"),
                   Column("deadline_state", "期限情况"), Column("done_on", "完成日期"),
                   Column("org_unit.name", "所属单位")],
    excel_columns=[UNIT, ExcelColumn("工作计划", "plan", export=lambda t: str(t.plan), parse=parse_plan,
                                     required=True, width=36),
                   ExcelColumn("序号", "position", parse=parse_int, width=6),
                   ExcelColumn("任务", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("工作措施", "measures", parse=parse_text, width=40),
                   ExcelColumn("责任岗位代码", "responsible_post", export=lambda t: _post_code(t.responsible_post),
                               parse=parse_post),
                   ExcelColumn("牵头领导", "lead_leader", export=lambda t: _name(t.lead_leader), parse=parse_leader,
                               required=True),
                   ExcelColumn("完成时限", "due_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("完成日期", "done_on", parse=parse_date, width=12),
                   ExcelColumn("状态", None, export=lambda t: t.get_status_display()),
                   ExcelColumn("期限情况", None, export=lambda t: t.deadline_state()),
                   ExcelColumn("进度（%）", None, export=lambda t: t.progress_percent, width=8),
                   ExcelColumn("最近进展", None, export=lambda t: t.progress_note, width=40)],
))  # fmt: skip

group_members = registry.add(Register(
    key="group-members", namespace="oversight", model=LeadingGroupMember, label="法治建设领导小组",
    module="oversight",
    description="依法治镇（法治政府建设）领导小组的组成：党政主要负责人任组长，其他领导任副组长、成员，"
                "办公室负责日常工作；任职起止日期记录人员调整。",
    form_class=forms.GroupMemberForm, filterset_class=filters.GroupMemberFilter,
    select_related=("org_unit", "user"), ordering=("org_unit__path", "starts_on", "id"),
    create=actions.add_group_member, update=actions.update_group_member,
    columns=[Column("display_name", "姓名", link=True), Column("position", "职务"), Column("role", "小组职务", sort="role"),
             Column("starts_on", "任职起", sort="starts_on"), Column("ends_on", "任职止"), ORG],
    excel_columns=[UNIT, ExcelColumn("领导账号", "user", export=lambda m: m.user.username if m.user_id else "",
                                     parse=parse_leader),
                   ExcelColumn("姓名", "name", parse=parse_text),
                   ExcelColumn("职务", "position", parse=parse_text, width=20),
                   ExcelColumn("小组职务", "role", parse=parse_choice(GroupRole), required=True),
                   ExcelColumn("任职起", "starts_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("任职止", "ends_on", parse=parse_date, width=12),
                   ExcelColumn("备注", "note", parse=parse_text, width=24)],
))  # fmt: skip

admonitions = registry.add(Register(
    key="admonitions", namespace="oversight", model=Admonition, label="约谈", module="oversight",
    description="对法治建设任务完成不力的干部进行约谈：约谈事由、整改要求和期限，整改期限到期前提醒约谈领导。",
    form_class=forms.AdmonitionForm, filterset_class=filters.AdmonitionFilter,
    select_related=("org_unit", "talked_by"), ordering=("-on", "-id"),
    create=actions.record_admonition, update=actions.update_admonition,
    columns=[Column("on", "约谈日期", link=True, sort="on"), Column("person_name", "被约谈人"),
             Column("person_post", "职务（岗位）"), Column("talked_by", "约谈领导"),
             Column("follow_up_due_on", "整改期限", sort="follow_up_due_on"), Column("follow_up_state", "整改情况"), ORG],
    excel_columns=[UNIT, ExcelColumn("约谈日期", "on", parse=parse_date, required=True, width=12),
                   ExcelColumn("被约谈人", "person_name", parse=parse_text, required=True),
                   ExcelColumn("被约谈人职务（岗位）", "person_post", parse=parse_text, required=True, width=20),
                   ExcelColumn("约谈领导", "talked_by", export=lambda a: _name(a.talked_by), parse=parse_leader,
                               required=True),
                   ExcelColumn("约谈事由", "reason", parse=parse_text, required=True, width=40),
                   ExcelColumn("整改要求", "follow_up", parse=parse_text, width=40),
                   ExcelColumn("整改期限", "follow_up_due_on", parse=parse_date, width=12),
                   ExcelColumn("整改完成日期", "follow_up_done_on", parse=parse_date, width=12),
                   ExcelColumn("整改情况", "follow_up_result", parse=parse_text, width=40)],
))  # fmt: skip

duty_reports = registry.add(Register(
    key="duty-reports", namespace="oversight", model=DutyReport, label="述职述法", module="oversight",
    description="党政主要负责人和领导班子成员将履行推进法治建设职责情况纳入年度述职、专题述法的记录，述职材料作为附件上传。",
    form_class=forms.DutyReportForm, filterset_class=filters.DutyReportFilter, attachments=True,
    select_related=("org_unit", "leader"), ordering=("-year", "-on", "id"),
    create=actions.record_duty_report, update=actions.update_duty_report,
    columns=[Column("leader", "述职领导", link=True), Column("year", "述职年度", sort="year"),
             Column("on", "述职日期", sort="on"), Column("occasion", "述职场合"), ORG],
    excel_columns=[UNIT, ExcelColumn("述职领导", "leader", export=lambda r: _name(r.leader), parse=parse_leader,
                                     required=True),
                   ExcelColumn("述职年度", "year", parse=parse_year, required=True, width=8),
                   ExcelColumn("述职日期", "on", parse=parse_date, required=True, width=12),
                   ExcelColumn("述职场合", "occasion", parse=parse_text, required=True, width=30),
                   ExcelColumn("述职要点", "summary", parse=parse_text, required=True, width=50)],
))  # fmt: skip

meetings = registry.add(Register(
    key="meetings", namespace="oversight", model=Meeting, label="法治会议", module="oversight",
    description="法治建设专题会议（每季度至少一次）、党委会议和政府常务会议研究法治建设的议题、领导小组会议：主持人、"
                "参会人员、议定事项，会议纪要和材料作为附件。",
    form_class=forms.MeetingForm, filterset_class=filters.MeetingFilter, attachments=True,
    select_related=("org_unit", "chaired_by"), ordering=("-on", "-id"),
    create=actions.record_meeting, update=actions.update_meeting,
    columns=[Column("on", "会议日期", sort="on"), Column("title", "会议名称", link=True),
             Column("kind", "会议类型", sort="kind"), Column("chaired_by", "主持人"), ORG],
    excel_columns=[UNIT, ExcelColumn("会议日期", "on", parse=parse_date, required=True, width=12),
                   ExcelColumn("会议类型", "kind", parse=parse_choice(MeetingKind), required=True, width=22),
                   ExcelColumn("会议名称", "title", parse=parse_text, required=True, width=36),
                   ExcelColumn("主持人", "chaired_by", export=lambda m: _name(m.chaired_by), parse=parse_leader,
                               required=True),
                   ExcelColumn("参会人员", "attendees", parse=parse_text, width=30),
                   ExcelColumn("议定事项", "decisions", parse=parse_text, width=50)],
))  # fmt: skip

officer_posts = registry.add(Register(
    key="officer-posts", namespace="oversight", model=OfficerPost, label="执法岗位职责", module="oversight",
    description="行政执法责任制的定岗定责：每名执法人员所在执法岗位及其职责、任职起止日期。",
    form_class=forms.OfficerPostForm, filterset_class=filters.OfficerPostFilter,
    select_related=("org_unit", "officer__person", "post__org_unit"),
    ordering=("officer__certificate_no", "-starts_on", "id"),
    create=actions.assign_officer_post, update=actions.update_officer_post,
    columns=[Column("officer.person.name", "执法人员", link=True),
             Column("officer.certificate_no", "执法证号", sort="officer__certificate_no"),
             Column("post.name", "执法岗位"), Column("starts_on", "任职起", sort="starts_on"),
             Column("ends_on", "任职止"), ORG],
    excel_columns=[UNIT, ExcelColumn("执法证号", "officer", export=_cert, parse=parse_officer, required=True, width=18),
                   ExcelColumn("姓名", None, export=lambda r: r.officer.person.name),
                   ExcelColumn("岗位代码", "post", export=lambda r: r.post.code, parse=parse_post, required=True),
                   ExcelColumn("岗位名称", None, export=lambda r: r.post.name, width=18),
                   ExcelColumn("岗位职责", "duties", parse=parse_text, required=True, width=40),
                   ExcelColumn("任职起", "starts_on", parse=parse_date, required=True, width=12),
                   ExcelColumn("任职止", "ends_on", parse=parse_date, width=12)],
))  # fmt: skip

conduct_trainings = registry.add(Register(
    key="conduct-trainings", namespace="oversight", model=ConductTraining, label="执法纪律作风培训",
    module="oversight",
    description="每季度对执法人员开展的办案纪律、执法理念、职业道德培训：日期、主题、参训人数。",
    form_class=forms.ConductTrainingForm, filterset_class=filters.ConductTrainingFilter,
    select_related=("org_unit",), ordering=("-on", "-id"),
    create=actions.record_conduct_training, update=actions.update_conduct_training,
    columns=[Column("on", "培训日期", sort="on"), Column("quarter", "季度"), Column("topic", "培训主题", link=True),
             Column("attendees", "参训人数"), Column("trainer", "授课人"), ORG],
    excel_columns=[UNIT, ExcelColumn("培训日期", "on", parse=parse_date, required=True, width=12),
                   ExcelColumn("季度", None, export=lambda t: t.quarter, width=6),
                   ExcelColumn("培训主题", "topic", parse=parse_text, required=True, width=36),
                   ExcelColumn("参训人数", "attendees", parse=parse_int, required=True, width=10),
                   ExcelColumn("授课人", "trainer", parse=parse_text),
                   ExcelColumn("主要内容", "note", parse=parse_text, width=40)],
))  # fmt: skip

officer_assessments = registry.add(Register(
    key="officer-assessments", namespace="oversight", model=OfficerAssessment, label="执法人员年度考核",
    module="oversight",
    description="行政执法责任制的年度考核：每名执法人员的考核结果（优秀、称职、基本称职、不称职）和奖惩情况。",
    form_class=forms.AssessmentForm, filterset_class=filters.AssessmentFilter,
    select_related=("org_unit", "officer__person"), ordering=("-year", "officer__certificate_no", "id"),
    create=actions.record_assessment, update=actions.update_assessment,
    columns=[Column("officer.person.name", "执法人员", link=True),
             Column("officer.certificate_no", "执法证号", sort="officer__certificate_no"),
             Column("year", "考核年度", sort="year"), Column("result", "考核结果", sort="result"),
             Column("reward_penalty", "奖惩情况"), ORG],
    excel_columns=[UNIT, ExcelColumn("执法证号", "officer", export=_cert, parse=parse_officer, required=True, width=18),
                   ExcelColumn("姓名", None, export=lambda r: r.officer.person.name),
                   ExcelColumn("考核年度", "year", parse=parse_year, required=True, width=8),
                   ExcelColumn("考核结果", "result", parse=parse_choice(AssessmentResult), required=True),
                   ExcelColumn("奖惩情况", "reward_penalty", parse=parse_text, width=24),
                   ExcelColumn("考核意见", "note", parse=parse_text, width=40)],
))  # fmt: skip

REGISTERS = (plans, tasks, group_members, admonitions, duty_reports, meetings, officer_posts, conduct_trainings,
             officer_assessments)  # fmt: skip
