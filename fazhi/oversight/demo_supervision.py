"""Demo step: Jiangkou's supervision records. In 2023, exactly what the report
counts: 12 items of government information proactively published (most of them
matters of 政府信息公开条例第21条), three requests (one extended by a leader, one
waiting on a correction), 35 suggestions and proposals replied with every deputy
or member satisfied or basically satisfied, and two county inspections whose
findings were all closed out on time, plus a deputies' appraisal. In the current
year: an item due for publication within days, a request whose reply is overdue,
a proposal due soon and an open finding of an inspection.

Everything goes through the actions, so every record has its deadline and audit
events; each finding submitted for close-out first gets its file of evidence. The
records are invented (示例)."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange

from django.utils import timezone

from fazhi.core import workdays
from fazhi.core.demo import DemoContext, step
from fazhi.core.models import Post, User
from fazhi.oversight.choices import (
    InfoCategory,
    InspectionKind,
    ProposalKind,
    PublishChannel,
    ReplyCategory,
    RequestChannel,
    RequesterKind,
    RequestReply,
    Satisfaction,
)
from fazhi.oversight.models import InfoItem, InfoRequest, Inspection, Proposal
from fazhi.oversight.supervision import actions

EXAMPLE = "（示例）"

# (category, title, day made): the 12 items of 2023.
ITEMS_2023 = [
    (InfoCategory.FUNCTIONS, "江口镇人民政府机构职能及办事指引", dt.date(2023, 1, 16)),
    (InfoCategory.BUDGET, "江口镇2023年部门预算", dt.date(2023, 2, 20)),
    (InfoCategory.RURAL_POLICY, "江口镇2023年耕地地力保护补贴发放情况", dt.date(2023, 3, 10)),
    (InfoCategory.IRRIGATION, "江口镇2023年高标准农田和山坪塘整治项目实施情况", dt.date(2023, 4, 12)),
    (InfoCategory.HOMESTEAD, "江口镇2023年第一批农村宅基地审批结果", dt.date(2023, 4, 20)),
    (InfoCategory.LAND_CONTRACT, "江口镇农村土地经营权流转情况", dt.date(2023, 5, 8)),
    (InfoCategory.EMERGENCY, "江口镇2023年地质灾害防治方案", dt.date(2023, 5, 22)),
    (InfoCategory.EXPROPRIATION, "江口镇集镇道路改造项目征收土地补偿安置方案", dt.date(2023, 6, 5)),
    (InfoCategory.LEVIES, "江口镇村级公益事业一事一议筹资筹劳方案", dt.date(2023, 7, 3)),
    (
        InfoCategory.SOCIAL_ASSISTANCE,
        "江口镇2023年第二季度城乡低保和特困人员救助供养情况",
        dt.date(2023, 7, 10),
    ),
    (InfoCategory.HOMESTEAD, "江口镇2023年第二批农村宅基地审批结果", dt.date(2023, 9, 15)),
    (
        InfoCategory.SOCIAL_ASSISTANCE,
        "江口镇2023年第三季度城乡低保和特困人员救助供养情况",
        dt.date(2023, 10, 9),
    ),
]
CONTENT = "本条为演示数据，内容为虚构示例：{title}。如有疑问，请向江口镇政务公开岗咨询。"

# Deputies' suggestions: what they are about, {v} a village.
TOPICS = [
    "关于硬化{v}村通组公路的建议", "关于解决{v}村季节性缺水问题的建议", "关于在{v}村增设路灯的建议",
    "关于整治{v}村河道垃圾的建议", "关于改善{v}村通信信号的建议", "关于修缮{v}村便民桥的建议",
    "关于加强{v}村地质灾害隐患点监测的建议", "关于在{v}村开设农村电商服务点的建议",
    "关于支持{v}村发展柑橘产业的建议", "关于增加{v}村客运班次的建议",
]  # fmt: skip
CPPCC_TOPICS = [
    "关于推进江口镇集镇污水管网建设的提案", "关于加强乡村旅游公共服务设施建设的提案",
    "关于完善农村养老服务体系的提案", "关于规范农村建房管理的提案", "关于加强农村留守儿童关爱的提案",
    "关于提升便民服务中心服务水平的提案", "关于发展林下经济的提案", "关于加强集镇停车管理的提案",
]  # fmt: skip
DEPUTIES_2023, CPPCC_2023 = 27, 8  # 35 replied in 2023 (report row 20)

# Two county inspections of 2023 and their findings: (problem, measures, post, days from the inspection to the due date).
INSPECTIONS_2023 = [
    ("2023年上半年法治政府建设督查", "中共云阳县委全面依法治县委员会办公室", dt.date(2023, 6, 15),
     "法治政府建设年度重点任务落实、行政执法“三项制度”、行政规范性文件管理", [
         ("部分行政执法案卷法制审核意见书未载明审核依据", "统一法制审核意见书格式，逐卷补正", "PA-02", 45),
         ("村（社区）法律顾问服务台账记录不完整", "建立村（社区）法律顾问服务月报制度", "PA-04", 45),
         ("政务公开栏部分信息更新不及时", "明确政务公开栏每月更新责任人", "DJ-01", 30),
     ]),
    ("2023年度安全生产和消防工作督查", "云阳县人民政府督查室", dt.date(2023, 10, 18),
     "集镇人员密集场所消防安全、地质灾害隐患点监测、道路交通安全", [
         ("两处地质灾害隐患点警示标志缺失", "补设警示标志，落实监测员每日巡查", "PA-05", 30),
         ("集镇部分商铺消防通道堆放杂物", "开展集镇消防通道集中清理并建立巡查台账", "PA-01", 30),
     ]),
]  # fmt: skip


def _months_before(day: dt.date, n: int) -> dt.date:
    months = day.year * 12 + day.month - 1 - n
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _made_before(due_in: int, today: dt.date) -> dt.date:
    """The latest day made from which publication falls due `due_in` working days from today."""
    target = workdays.add_working_days(today, due_in)
    day = today
    while actions.proactive_due(day) > target:
        day -= dt.timedelta(days=1)
    return day


def _items(ctx: DemoContext, town, clerk) -> int:
    made = 0
    today = timezone.localdate()
    # Draw every value first, so that a second run draws the same and finds the same rows.
    delays = [ctx.rng.randint(3, 15) for _ in ITEMS_2023]
    rows = [
        (category, title + EXAMPLE, day, workdays.add_working_days(day, delay),
         PublishChannel.PORTAL if n % 3 else PublishChannel.NOTICE_BOARD)
        for n, ((category, title, day), delay) in enumerate(zip(ITEMS_2023, delays, strict=True))
    ]  # fmt: skip
    made_soon = _made_before(3, today)
    recent = workdays.add_working_days(_months_before(today, 2), 1)
    rows += [
        (InfoCategory.RURAL_POLICY, f"江口镇{today.year}年秋季农业生产救灾资金分配情况{EXAMPLE}", recent,
         workdays.add_working_days(recent, 6), PublishChannel.PORTAL),
        (InfoCategory.SOCIAL_ASSISTANCE, f"江口镇{today.year}年第三季度城乡低保和特困人员救助供养情况{EXAMPLE}",
         made_soon, None, ""),
    ]  # fmt: skip
    for category, title, day, published_on, channel in rows:
        if InfoItem.objects.filter(org_unit=town, title=title).exists():
            continue
        actions.create_info_item(actor=clerk, data={
            "org_unit": town, "category": category, "title": title, "content": CONTENT.format(title=title),
            "made_on": day, "handler": clerk, "published_on": published_on, "channel": channel,
        })  # fmt: skip
        made += 1
    return made


def _requests(ctx: DemoContext, town, clerk, leader) -> int:
    today = timezone.localdate()
    overdue_received = today - dt.timedelta(days=60)
    rows = [
        # number, requester kind and name, content, received, channel, the rest of the record, extension
        ("2023-001", RequesterKind.CITIZEN, "谭示例", "某村通组公路硬化项目的资金使用情况", dt.date(2023, 3, 14),
         RequestChannel.ONLINE, {"replied_on": dt.date(2023, 3, 29), "reply_kind": RequestReply.DISCLOSED}, None),
        ("2023-002", RequesterKind.ORGANISATION, "云阳县某农业专业合作社（示例）", "本镇2023年农业产业发展项目的申报和评审结果",
         dt.date(2023, 9, 27), RequestChannel.LETTER,
         {"third_party_asked_on": dt.date(2023, 10, 9), "third_party_answered_on": dt.date(2023, 10, 16),
          "replied_on": dt.date(2023, 11, 20), "reply_kind": RequestReply.PARTLY,
          "reply_reason": "涉及第三方商业秘密的部分经征求意见后不予公开（示例）"},
         (dt.date(2023, 10, 25), "需汇总多个村的项目申报材料并征求第三方意见，难以在期限内答复（示例）")),
        ("2023-003", RequesterKind.CITIZEN, "冉示例", "某村2015年集体林地流转合同", dt.date(2023, 11, 6),
         RequestChannel.IN_PERSON,
         {"correction_asked_on": dt.date(2023, 11, 8), "correction_received_on": dt.date(2023, 11, 13),
          "replied_on": dt.date(2023, 11, 24), "reply_kind": RequestReply.NOT_EXIST,
          "reply_reason": "经检索，本机关未制作、获取该政府信息（政府信息公开条例第三十六条第四项）"}, None),
        (f"{today.year}-001", RequesterKind.CITIZEN, "向示例", "本镇集镇道路改造项目的招标结果", overdue_received,
         RequestChannel.ONLINE, {}, None),
    ]  # fmt: skip
    made = 0
    for number, kind, requester, content, received_on, channel, rest, extension in rows:
        if InfoRequest.objects.filter(org_unit=town, number=number).exists():
            continue
        reply = {k: rest.pop(k) for k in ("replied_on", "reply_kind", "reply_reason") if k in rest}
        request = actions.register_info_request(actor=clerk, data={
            "org_unit": town, "number": number, "requester_kind": kind, "requester": requester,
            "content": content + EXAMPLE, "received_on": received_on, "request_channel": channel, "handler": clerk,
            **rest,
        })  # fmt: skip
        if extension:
            request = actions.extend_info_request(request, actor=leader, on=extension[0], reason=extension[1])
        if reply:
            actions.update_info_request(request, actor=clerk, data=reply)
        made += 1
    return made


def _proposal_rows(ctx: DemoContext) -> list[dict]:
    """The 35 proposals of 2023, drawn in full before any is looked up."""
    villages = [v.name.removesuffix("村").removesuffix("社区") for v in ctx.objects["villages"]]
    rows = []
    for n in range(DEPUTIES_2023 + CPPCC_2023):
        deputy = n < DEPUTIES_2023
        title = (
            TOPICS[n % len(TOPICS)].format(v=ctx.rng.choice(villages))
            if deputy
            else CPPCC_TOPICS[n - DEPUTIES_2023]
        )
        assigned = dt.date(2023, 3, 1) + dt.timedelta(days=ctx.rng.randint(0, 60))
        rows.append({
            "kind": ProposalKind.DEPUTY if deputy else ProposalKind.CPPCC,
            "number": f"2023-{n + 1 if deputy else n + 1 - DEPUTIES_2023:03d}",
            "title": title + EXAMPLE,
            "proposer": f"{'代表' if deputy else '委员'}{n + 1:02d}号（示例）",
            "received_on": assigned - dt.timedelta(days=ctx.rng.randint(5, 15)),
            "assigned_on": assigned,
            "reply_after": ctx.rng.randint(25, 80),
            "reply_category": ctx.rng.choices(list(ReplyCategory), weights=(6, 3, 1))[0],
            "satisfaction": ctx.rng.choices((Satisfaction.SATISFIED, Satisfaction.BASIC), weights=(4, 1))[0],
        })  # fmt: skip
    return rows


def _proposals(ctx: DemoContext, town, office, leader, posts) -> int:
    today = timezone.localdate()
    rows = _proposal_rows(ctx)
    # The 2023 proposal found difficult: assigned in March, answered within six months.
    rows[3]["difficult"] = (
        dt.date(2023, 5, 20),
        "涉及交通、水利等多个部门和跨村协调，需列入年度项目计划（示例）",
    )
    rows[3]["reply_after"] = 160
    due_soon = _months_before(today + dt.timedelta(days=5), 3)
    rows.append({"kind": ProposalKind.DEPUTY, "number": f"{today.year}-001", "proposer": "代表36号（示例）",
                 "title": "关于在集镇增设公共厕所的建议" + EXAMPLE, "received_on": due_soon - dt.timedelta(days=7),
                 "assigned_on": due_soon})  # fmt: skip
    made = 0
    for row in rows:
        if Proposal.objects.filter(org_unit=town, kind=row["kind"], number=row["number"]).exists():
            continue
        proposal = actions.register_proposal(actor=office, data={
            "org_unit": town, **{k: row[k] for k in ("kind", "number", "title", "proposer", "received_on",
                                                     "assigned_on")},
            "responsible_post": posts.get("DJ-01"), "lead_leader": leader,
        })  # fmt: skip
        if "difficult" in row:
            proposal = actions.approve_difficult_period(proposal, actor=leader, on=row["difficult"][0],
                                                        reason=row["difficult"][1])  # fmt: skip
        if "reply_after" in row:
            replied = row["assigned_on"] + dt.timedelta(days=row["reply_after"])
            actions.update_proposal(proposal, actor=office, data={
                "replied_on": replied, "reply_category": row["reply_category"],
                "reply_text": "已研究办理并书面答复代表（委员），办理情况见答复函（示例）。",
                "satisfaction": row["satisfaction"], "report_published_on": replied + dt.timedelta(days=10),
            })  # fmt: skip
        made += 1
    return made


def _close_out(item, *, officer, leader, start: dt.date, close: dt.date) -> None:
    from fazhi.oversight import actions as oversight_actions
    from fazhi.oversight.demo import attach_evidence

    item = oversight_actions.start_rectification(item, actor=officer, on=start, note="已制定整改方案")
    attach_evidence(item, actor=officer)
    item = oversight_actions.submit_rectification(item, actor=officer, on=close - dt.timedelta(days=3),
                                                  result="已按整改措施完成整改（示例）。")  # fmt: skip
    oversight_actions.close_out_rectification(item, actor=leader, on=close, note="经核查整改到位，同意销号")


def _inspections(ctx: DemoContext, town, office, officer, leader, posts) -> int:
    today = timezone.localdate()
    made = 0
    rows = [(title + EXAMPLE, by, held, scope, findings, InspectionKind.COUNTY)
            for title, by, held, scope, findings in INSPECTIONS_2023]  # fmt: skip
    rows.append(("2023年度人大代表评议政府工作" + EXAMPLE, "江口镇人民代表大会主席团", dt.date(2023, 12, 12),
                 "政府工作报告重点任务、民生实事项目和代表建议办理情况", [], InspectionKind.APPRAISAL))  # fmt: skip
    held = today - dt.timedelta(days=20)
    rows.append((f"{today.year}年第四季度重点工作督查{EXAMPLE}", "云阳县人民政府督查室", held,
                 "民生实事项目进度、政务公开和建议提案办理",
                 [("部分民生实事项目进度公示未按月更新", "按月更新项目进度并在政务公开栏公示", "DJ-01",
                   (today - held).days + 10)], InspectionKind.COUNTY))  # fmt: skip
    for title, by_whom, held_on, scope, findings, kind in rows:
        if Inspection.objects.filter(org_unit=town, title=title).exists():
            continue
        inspection = actions.create_inspection(actor=office, data={
            "org_unit": town, "kind": kind, "title": title, "by_whom": by_whom, "held_on": held_on, "scope": scope,
            "summary": "督查（评议）发现的问题已逐项列入整改事项（示例）。" if findings else "总体评价良好（示例）。",
            "participants": 9 if kind == InspectionKind.APPRAISAL else None, "lead_leader": leader,
        })  # fmt: skip
        for problem, measures, post, days in findings:
            due = held_on + dt.timedelta(days=days)
            item = actions.add_inspection_finding(inspection, actor=office, data={
                "problem": problem + EXAMPLE, "measures": measures, "lead_leader": leader,
                "responsible_post": posts.get(post), "due_on": due,
            })  # fmt: skip
            if due < today:
                _close_out(item, officer=officer, leader=leader, start=held_on + dt.timedelta(days=3),
                           close=due - dt.timedelta(days=5))  # fmt: skip
        made += 1
    return made


@step(66)
def supervision(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    office, clerk, leader, officer = (
        User.objects.get(username=u) for u in ("fazhiban", "window", "leader", "officer")
    )
    posts = {p.code: p for p in Post.objects.filter(org_unit__path__startswith=town.path)}
    items = _items(ctx, town, clerk)
    requests = _requests(ctx, town, clerk, leader)
    proposals = _proposals(ctx, town, office, leader, posts)
    inspections = _inspections(ctx, town, office, officer, leader, posts)
    ctx.out(
        f"政务公开：主动公开{items}条、依申请公开{requests}件；建议提案{proposals}件；督查评议{inspections}次（示例）"
    )
