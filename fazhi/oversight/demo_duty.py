"""Demo step: how Jiangkou's principal leaders fulfilled their rule-of-law duty.

- 2023: the year's work plan with twelve tasks on the board (eleven done on
  time, one late), the rule-of-law leading group headed by 周志勇, two admonition
  talks whose follow-up was done, the leaders' duty reports, exactly one special
  rule-of-law meeting in each quarter (report-figures.md row 21) besides party
  committee, executive and leading group meetings; the enforcement
  responsibility system for the demo's enforcement officers: their posts and
  duties, four quarterly trainings in discipline and conduct, and the yearly
  assessments. Row 7 reads the officers' yearly training and exam rows, which
  the enforcement step writes; nothing here touches them.
- 2024: no special meeting in the third quarter (the meetings page warns of it);
  2025 has one every quarter.
- This year: a plan whose tasks are in progress, one overdue and one due within
  days (the lead leader's workbench warns), and a special meeting in every
  quarter reached so far.

Everything goes through the actions, so every record has its audit event and
every task and talk its deadline. Names other than the demo accounts', the
tasks' wording, dates and texts are invented (示例)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import DemoContext, step
from fazhi.core.models import Post, User
from fazhi.enforcement.models import Officer
from fazhi.oversight.choices import AssessmentResult, GroupRole, MeetingKind
from fazhi.oversight.duty import actions
from fazhi.oversight.duty.filters import quarter_range
from fazhi.oversight.models import (
    Admonition,
    ConductTraining,
    DutyReport,
    LeadingGroupMember,
    Meeting,
    OfficerAssessment,
    OfficerPost,
    WorkPlan,
)

EXAMPLE = "（示例）"
YEAR = 2023

# The 2023 plan's tasks: (title, measures, post code, due date, late).
TASKS_2023 = [
    ("制定年度法治政府建设工作要点并分解任务", "专题会议审定工作要点，逐项明确牵头领导、责任岗位和完成时限", "PA-04",
     dt.date(2023, 3, 31), False),
    ("编制并公开上年度法治政府建设情况报告", "汇总各办公室台账数据，经党委会议审议后报送县委县政府并向社会公开", "PA-04",
     dt.date(2023, 3, 31), False),
    ("公布重大行政决策事项目录", "梳理年度重大行政决策事项，经镇政府常务会议审定后公布", "PA-02",
     dt.date(2023, 4, 30), False),
    ("动态调整镇级行政执法事项清单", "对照赋权事项逐项核对执法依据和裁量基准，更新后公示", "PA-01",
     dt.date(2023, 5, 31), False),
    ("落实行政执法公示、全过程记录、法制审核制度", "执法决定按时公示，执法记录仪全程记录，重大执法决定法制审核全覆盖", "PA-01",
     dt.date(2023, 6, 30), False),
    ("修订镇突发事件总体应急预案并组织演练", "结合汛期和地质灾害隐患点修订预案，组织群众转移避险演练", "PA-05",
     dt.date(2023, 7, 31), False),
    ("更新政务公开栏和政府网站主动公开信息", "按主动公开目录逐项更新，村务公开栏同步张贴", "DJ-01",
     dt.date(2023, 8, 31), True),
    ("规范性文件合法性审核和备案全覆盖", "起草的规范性文件一律经合法性审核，印发后按时报送备案", "PA-02",
     dt.date(2023, 9, 30), False),
    ("开展矛盾纠纷集中排查化解", "村（社区）每月排查，镇每季度研判，重大纠纷领导包案", "PA-03",
     dt.date(2023, 10, 31), False),
    ("组织法治宣讲进村入户", "结合“八五”普法规划开展宣讲，培育农村“法律明白人”", "PA-04",
     dt.date(2023, 11, 30), False),
    ("法律顾问参与合同审查和决策论证", "以镇名义签订的合同签订前一律送审，重大决策邀请法律顾问列席", "PA-02",
     dt.date(2023, 11, 30), False),
    ("开展领导干部年度述职述法", "党政主要负责人和班子成员在年度述职中专题报告履行法治建设职责情况", "ZH-01",
     dt.date(2023, 12, 31), False),
]  # fmt: skip

# This year's tasks: (title, post code, due in days from today, plan). Plans: "done" finished
# before the deadline; "progress" a percent reached; "late" overdue, still in progress.
TASKS_NOW = [
    ("编制并公开上年度法治政府建设情况报告", "PA-04", -150, "done"),
    ("公布本年度重大行政决策事项目录", "PA-02", -140, "done"),
    ("开展行政执法案卷评查并整改", "PA-01", -12, 70),
    ("完成村规民约合法性审查", "PA-02", 4, 80),
    ("组织执法人员年度法律知识考试", "PA-01", 20, 40),
    ("推进“法律明白人”培养工程", "PA-04", 25, 30),
    ("修订镇政府合同管理办法", "PA-02", 30, 0),
]

# The leading group: (account or name, position, role).
GROUP = [
    ("leader", "镇党委书记", GroupRole.HEAD),
    ("吴建华", "镇党委副书记、镇长", GroupRole.DEPUTY),
    ("孙立新", "镇党委副书记", GroupRole.DEPUTY),
    ("马晓东", "镇党委委员、政法委员", GroupRole.MEMBER),
    ("何丽萍", "镇人大主席", GroupRole.MEMBER),
    ("郑国强", "镇党委委员、副镇长", GroupRole.MEMBER),
    ("赵静", "司法所所长", GroupRole.OFFICE_DIRECTOR),
]

# Meetings of 2023 besides the special ones: (day, kind, title).
OTHER_MEETINGS_2023 = [
    (dt.date(2023, 1, 17), MeetingKind.LEADING_GROUP, "2023年依法治镇领导小组全体会议"),
    (dt.date(2023, 3, 9), MeetingKind.PARTY_COMMITTEE, "镇党委会议学习习近平法治思想（2023年）"),
    (dt.date(2023, 6, 8), MeetingKind.EXECUTIVE, "镇政府常务会议审议2023年重大行政决策事项目录执行情况"),
    (dt.date(2023, 9, 7), MeetingKind.EXECUTIVE, "镇政府常务会议研究2023年规范性文件清理"),
    (dt.date(2023, 12, 7), MeetingKind.OTHER, "2023年法治政府建设工作推进会"),
]
SPECIAL_TOPICS = [
    "审定年度法治建设工作要点",
    "研究行政执法规范化建设",
    "推进专项整治问题整改",
    "听取年度法治建设任务完成情况汇报",
]

# Officers' posts: (post code, how many, duties); the rest go to the first.
OFFICER_POSTS = [
    ("PA-01", 40, "依法开展综合行政执法巡查检查，办理行政处罚案件，执法信息按时公示"),
    ("JJ-01", 6, "市场主体日常监管中的行政检查和行政处罚"),
    ("PA-05", 6, "安全生产、防汛和地质灾害防治方面的行政检查和行政处罚"),
    ("PA-02", 3, "参与办理行政处罚案件，配合重大执法决定法制审核"),
]
TRAININGS_2023 = [
    (dt.date(2023, 3, 16), "办案纪律专题培训", "镇纪委"),
    (dt.date(2023, 6, 15), "执法理念培训：包容审慎监管与首违不罚", "县司法局"),
    (dt.date(2023, 9, 14), "执法人员职业道德与廉洁执法", "镇纪委"),
    (dt.date(2023, 12, 14), "文明执法规范用语和执法记录仪使用", "县综合行政执法支队"),
]


def _ex(text: str) -> str:
    return text + EXAMPLE


def _plan(town, office, year: int, approved_on: dt.date) -> tuple[WorkPlan, bool]:
    plan = WorkPlan.objects.filter(org_unit=town, year=year).first()
    if plan is not None:
        return plan, False
    return actions.create_plan(actor=office, data={
        "org_unit": town, "year": year, "title": _ex(f"江口镇{year}年法治政府建设工作要点"),
        "approved_on": approved_on, "approved_at": "法治建设专题会议",
        "summary": "围绕依法决策、严格执法、矛盾纠纷化解、普法宣传等方面明确年度任务，实行挂图作战、逐项销号。",
    }), True  # fmt: skip


def _tasks_2023(ctx: DemoContext, town, posts, leader, office, officer) -> int:
    # Drawn first: a second run draws the same values, finds the plan and adds nothing.
    days = [(ctx.rng.randrange(35, 70), ctx.rng.randrange(2, 15)) for _ in TASKS_2023]
    plan, new = _plan(town, office, YEAR, dt.date(2023, 2, 16))
    if not new:
        return 0
    for n, ((title, measures, code, due, late), (lead, early)) in enumerate(
        zip(TASKS_2023, days, strict=True), 1
    ):
        task = actions.create_task(actor=office, data={
            "org_unit": town, "plan": plan, "position": n, "title": _ex(title), "measures": measures,
            "responsible_post": posts.get(code), "lead_leader": leader, "due_on": due,
        })  # fmt: skip
        reporter = officer if code == "PA-01" else office
        task = actions.report_progress(task, actor=reporter, on=due - dt.timedelta(days=lead),
                                       percent=50, text="已制定实施方案，正在推进")  # fmt: skip
        finished = due + dt.timedelta(days=12) if late else due - dt.timedelta(days=early)
        actions.report_progress(task, actor=reporter, on=finished, percent=100, text=f"已完成：{measures}")
    return len(TASKS_2023)


def _tasks_now(town, posts, leader, office, officer, today: dt.date) -> int:
    plan, new = _plan(town, office, today.year, min(today, dt.date(today.year, 2, 20)))
    if not new:
        return 0
    for n, (title, code, days, plan_) in enumerate(TASKS_NOW, start=1):
        due = today + dt.timedelta(days=days)
        task = actions.create_task(actor=office, data={
            "org_unit": town, "plan": plan, "position": n, "title": _ex(title), "responsible_post": posts.get(code),
            "lead_leader": leader, "due_on": due, "measures": "明确责任人和时间节点，按月报告进展",
        })  # fmt: skip
        reporter = officer if code == "PA-01" else office
        if plan_ == "done":
            task = actions.report_progress(task, actor=reporter, on=due - dt.timedelta(days=40), percent=40,
                                           text="已启动，正在收集材料")  # fmt: skip
            actions.report_progress(task, actor=reporter, on=due - dt.timedelta(days=6), percent=100,
                                    text="已按要求完成")  # fmt: skip
        elif plan_:
            actions.report_progress(task, actor=reporter, on=today - dt.timedelta(days=3), percent=plan_,
                                    text="按计划推进中")  # fmt: skip
    return len(TASKS_NOW)


def _group(town, leader, office) -> int:
    made = 0
    for who, position, role in GROUP:
        user = leader if who == "leader" else None
        name = str(leader) if user else who
        if LeadingGroupMember.objects.filter(org_unit=town, name=name, role=role).exists():
            continue
        actions.add_group_member(actor=office, data={
            "org_unit": town, "user": user, "name": name, "position": _ex(position), "role": role,
            "starts_on": dt.date(2021, 9, 1), "note": "任职日期为示例",
        })  # fmt: skip
        made += 1
    return made


def _admonitions(town, leader, office) -> int:
    talks = [
        (dt.date(2023, 6, 12), "黄德明", "团滩村党支部书记", "村规民约修订未经合法性审查即表决通过",
         "一个月内重新提交合法性审查，依审查意见修改后重新表决", dt.date(2023, 7, 12), dt.date(2023, 7, 6),
         "已经司法所审查并修改，村民代表会议重新表决通过"),
        (dt.date(2023, 9, 20), "罗文军", "经济发展办公室主任", "行政执法公示信息更新滞后，群众反映执法依据不公开",
         "十五日内补齐公示信息，建立每周更新机制", dt.date(2023, 10, 5), dt.date(2023, 10, 4),
         "已补齐公示信息，明确专人每周更新"),
    ]  # fmt: skip
    made = 0
    for on, name, post, reason, follow_up, due, done, result in talks:
        if Admonition.objects.filter(org_unit=town, on=on, person_name=_ex(name)).exists():
            continue
        actions.record_admonition(actor=office, data={
            "org_unit": town, "on": on, "person_name": _ex(name), "person_post": post, "talked_by": leader,
            "reason": reason, "follow_up": follow_up, "follow_up_due_on": due, "follow_up_done_on": done,
            "follow_up_result": result,
        })  # fmt: skip
        made += 1
    return made


def _duty_reports(town, leader, office) -> int:
    reports = [
        (dt.date(2023, 12, 22), "县委全面依法治县委员会会议（专题述法）",
         "报告本镇党政主要负责人履行推进法治建设第一责任人职责情况：每季度召开专题会议、年度任务挂图作战、约谈任务推进不力干部。"),
        (dt.date(2024, 1, 18), "镇领导班子年度述职述廉述法会议",
         "在年度述职中专题报告学法用法、依法决策、督促整改和法治建设任务完成情况。"),
    ]  # fmt: skip
    made = 0
    for on, occasion, summary in reports:
        if DutyReport.objects.filter(org_unit=town, leader=leader, year=YEAR, on=on).exists():
            continue
        actions.record_duty_report(actor=office, data={
            "org_unit": town, "leader": leader, "year": YEAR, "on": on, "occasion": occasion,
            "summary": _ex(summary),
        })  # fmt: skip
        made += 1
    return made


def _meeting(town, office, leader, on: dt.date, kind: str, title: str) -> int:
    """A meeting, unless one of that title (which names its year and quarter) exists."""
    title = _ex(title)
    if Meeting.objects.filter(org_unit=town, kind=kind, title=title).exists():
        return 0
    actions.record_meeting(actor=office, data={
        "org_unit": town, "on": on, "kind": kind, "title": title, "chaired_by": leader,
        "attendees": "镇领导班子成员、各办公室负责人、司法所所长", "decisions": "研究部署本季度法治建设重点工作，明确责任领导和完成时限。",
    })  # fmt: skip
    return 1


def _meetings(ctx: DemoContext, town, leader, office, today: dt.date) -> int:
    made = 0
    for year in range(YEAR, today.year + 1):
        for quarter in range(1, 5):
            start, _ = quarter_range(year, quarter)
            on = start + dt.timedelta(days=ctx.rng.randrange(30, 60))  # drawn for every quarter alike
            if year == 2024 and quarter == 3:
                continue  # the quarter the meetings page warns of
            if on >= today:
                continue
            title = f"{year}年第{'一二三四'[quarter - 1]}季度法治建设专题会议：{SPECIAL_TOPICS[quarter - 1]}"
            made += _meeting(town, office, leader, on, MeetingKind.SPECIAL, title)
    for on, kind, title in OTHER_MEETINGS_2023:
        made += _meeting(town, office, leader, on, kind, title)
    made += _meeting(
        town,
        office,
        leader,
        dt.date(2024, 2, 22),
        MeetingKind.LEADING_GROUP,
        "2024年依法治镇领导小组全体会议",
    )
    return made


def _responsibility(ctx: DemoContext, town, office, posts) -> tuple[int, int]:
    officers = list(Officer.objects.filter(org_unit=town).select_related("person").order_by("certificate_no"))
    plan = [(code, duties) for code, count, duties in OFFICER_POSTS for _ in range(count)]
    placed = 0
    for n, officer in enumerate(officers):
        code, duties = plan[n] if n < len(plan) else (OFFICER_POSTS[0][0], OFFICER_POSTS[0][2])
        post = posts.get(code)
        if post is None or OfficerPost.objects.filter(officer=officer, post=post).exists():
            continue
        actions.assign_officer_post(actor=office, data={
            "org_unit": town, "officer": officer, "post": post, "duties": duties, "starts_on": officer.valid_from,
        })  # fmt: skip
        placed += 1
    for on, topic, trainer in TRAININGS_2023:
        attendees = len(officers) - ctx.rng.randrange(0, 3) if officers else 50
        if ConductTraining.objects.filter(org_unit=town, on=on, topic=topic).exists():
            continue
        actions.record_conduct_training(actor=office, data={
            "org_unit": town, "on": on, "topic": topic, "attendees": max(attendees, 1), "trainer": _ex(trainer),
            "note": "结合典型案例讲解办案纪律、执法理念和职业道德要求。",
        })  # fmt: skip
    assessed = 0
    for n, officer in enumerate(officers):
        draw = ctx.rng.random()
        result = AssessmentResult.EXCELLENT if draw < 0.15 else AssessmentResult.COMPETENT
        if n == len(officers) - 1:
            result = AssessmentResult.BASICALLY_COMPETENT
        if OfficerAssessment.objects.filter(officer=officer, year=YEAR).exists():
            continue
        reward = {AssessmentResult.EXCELLENT: "年度考核优秀，通报表扬",
                  AssessmentResult.BASICALLY_COMPETENT: "责令参加执法规范化专题培训"}.get(result, "")  # fmt: skip
        actions.record_assessment(actor=office, data={
            "org_unit": town, "officer": officer, "year": YEAR, "result": result,
            "reward_penalty": _ex(reward) if reward else "", "note": "按行政执法责任制考核办法评定",
        })  # fmt: skip
        assessed += 1
    return placed, assessed


@step(67)
def leaders_duty(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    leader, office, officer = (User.objects.get(username=u) for u in ("leader", "fazhiban", "officer"))
    posts = {p.code: p for p in Post.objects.filter(org_unit__path__startswith=town.path)}
    today = timezone.localdate()
    tasks = _tasks_2023(ctx, town, posts, leader, office, officer) + _tasks_now(
        town, posts, leader, office, officer, today
    )
    members = _group(town, leader, office)
    talks = _admonitions(town, leader, office)
    reports = _duty_reports(town, leader, office)
    meetings = _meetings(ctx, town, leader, office, today)
    placed, assessed = _responsibility(ctx, town, office, posts)
    ctx.out(
        f"第一责任人履职：任务{tasks}项、领导小组成员{members}人、约谈{talks}次、述职述法{reports}次、会议{meetings}次；"
        f"执法岗位职责{placed}条、年度考核{assessed}人（示例）"
    )
