"""Demo step: Jiangkou's emergency management.

2023 has exactly 12 drills (report-figures.md row 12, written "10余次" by the
report): geological hazards, floods, fire evacuations at the central primary
school, the market and the old people's home, forest fires, hazardous chemicals,
public health and an earthquake, spread over the year; a few drills follow in
2024–2026. Eight plans cover the four categories (one superseded, one a
village's); of the plans in force one is overdue for revision today and one
falls due within the month. The town's militia team, a specialist team and three village teams
have members and equipment.

Everything goes through the actions (audit events, revision deadlines). Names,
places, phones, dates and texts are invented (示例（虚构））; "today" is
timezone.localdate(), so the overdue and due-soon plans stay so whenever the demo
is loaded."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import DemoContext, names, step
from fazhi.core.models import OrgUnit, Post, User
from fazhi.core.registers.actions import update_record
from fazhi.emergency import actions
from fazhi.emergency.choices import DrillKind, MemberRole, PlanCategory, PlanLevel, PlanStatus, TeamKind
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, PlanVersion, TeamEquipment, TeamMember

NOTE = "示例（虚构）"
TOWN_GOV = "江口镇人民政府"
EMERGENCY_POST = "PA-05"  # 应急管理岗 (fazhi.core.demo.town.POSTS)
# Villages and a community by code (fazhi.core.demo.town: communities 001–004, villages 200 on).
XIANGYANG, SHENGBAO, TANGXI, FENGMING, JIANGKOU_COMMUNITY = (
    "500235131200", "500235131203", "500235131204", "500235131209", "500235131001",
)  # fmt: skip

# Plans kept with fixed dates: (key, category, name, level, unit code or None for the town,
# [(version, approved on, changes)], status).
PLANS = [
    ("geo", PlanCategory.NATURAL_DISASTER, "江口镇突发地质灾害应急预案", PlanLevel.TOWN, None,
     [("2020版", dt.date(2020, 4, 20), ""),
      ("2024版", dt.date(2024, 4, 18), "更新地质灾害隐患点清单和避险转移路线，调整镇应急指挥部成员（示例）")],
     PlanStatus.IN_FORCE),
    ("flood", PlanCategory.NATURAL_DISASTER, "江口镇防汛抗旱应急预案", PlanLevel.TOWN, None,
     [("2021版", dt.date(2021, 5, 10), ""),
      ("2025版", dt.date(2025, 5, 8), "补充山洪灾害预警发布和沿江低洼区域人员转移安排（示例）")],
     PlanStatus.IN_FORCE),
    ("old_flood", PlanCategory.NATURAL_DISASTER, "江口镇防洪应急预案", PlanLevel.TOWN, None,
     [("2018版", dt.date(2018, 6, 1), "")], PlanStatus.SUPERSEDED),
    ("health", PlanCategory.PUBLIC_HEALTH, "江口镇突发公共卫生事件应急预案", PlanLevel.TOWN, None,
     [("2022版", dt.date(2022, 9, 15), ""),
      ("2025版", dt.date(2025, 6, 20), "明确村（社区）卫生室的信息报告职责（示例）")],
     PlanStatus.IN_FORCE),
    ("social", PlanCategory.SOCIAL_SAFETY, "江口镇群体性事件应急预案", PlanLevel.TOWN, None,
     [("2024版", dt.date(2024, 8, 12), "")], PlanStatus.IN_FORCE),
    ("village_geo", PlanCategory.NATURAL_DISASTER, "盛堡村地质灾害避险转移预案", PlanLevel.VILLAGE, SHENGBAO,
     [("2024版", dt.date(2024, 3, 26), "")], PlanStatus.IN_FORCE),
]  # fmt: skip
# Plans whose dates follow today: (key, category, name, days from today to the next revision).
PLANS_DUE = [
    ("forest", PlanCategory.NATURAL_DISASTER, "江口镇森林火灾应急预案", -45),  # overdue
    ("safety", PlanCategory.ACCIDENT, "江口镇生产安全事故应急预案", 18),  # due within the month
]

# The 12 drills of 2023: (day, kind, title, place, village code, plan key, participants).
DRILLS_2023 = [
    (dt.date(2023, 3, 16), DrillKind.FOREST_FIRE, "春季森林防灭火应急演练", "向阳村后山林区", XIANGYANG, "forest", 46),
    (dt.date(2023, 4, 13), DrillKind.GEOLOGICAL_HAZARD, "滑坡隐患点避险转移演练", "盛堡村三组滑坡隐患点", SHENGBAO,
     "village_geo", 63),
    (dt.date(2023, 5, 12), DrillKind.EARTHQUAKE, "防震减灾应急疏散演练", "镇便民服务中心", None, None, 85),
    (dt.date(2023, 5, 25), DrillKind.FLOOD, "防汛抢险应急演练", "江口码头及沿江低洼区域", JIANGKOU_COMMUNITY, "flood", 72),
    (dt.date(2023, 6, 8), DrillKind.GEOLOGICAL_HAZARD, "汛前地质灾害避险演练", "汤溪村五组", TANGXI, "geo", 54),
    (dt.date(2023, 6, 16), DrillKind.HAZARDOUS_CHEMICALS, "加油站油品泄漏处置演练", "场镇加油站", None, "safety", 31),
    (dt.date(2023, 7, 6), DrillKind.FLOOD, "山洪灾害避险转移演练", "凤鸣村沿河院落", FENGMING, "flood", 58),
    (dt.date(2023, 8, 24), DrillKind.PUBLIC_HEALTH, "集体用餐食物中毒应急处置演练", "镇卫生院", None, "health", 40),
    (dt.date(2023, 9, 14), DrillKind.FIRE_EVACUATION, "农贸市场消防疏散演练", "场镇农贸市场", JIANGKOU_COMMUNITY,
     "safety", 120),
    (dt.date(2023, 10, 19), DrillKind.FIRE_EVACUATION, "中心小学消防疏散演练", "江口镇中心小学", JIANGKOU_COMMUNITY,
     "safety", 640),
    (dt.date(2023, 11, 9), DrillKind.FIRE_EVACUATION, "敬老院消防疏散演练", "镇敬老院", None, "safety", 52),
    (dt.date(2023, 12, 7), DrillKind.FOREST_FIRE, "冬季森林防灭火扑救演练", "汤溪村林区", TANGXI, "forest", 38),
]  # fmt: skip
# Later drills: (day, kind, title, place, village code, plan key, participants).
DRILLS_LATER = [
    (dt.date(2024, 4, 11), DrillKind.GEOLOGICAL_HAZARD, "地质灾害避险转移演练", "盛堡村三组滑坡隐患点", SHENGBAO,
     "village_geo", 66),
    (dt.date(2024, 6, 20), DrillKind.FLOOD, "防汛抢险应急演练", "江口码头", JIANGKOU_COMMUNITY, "flood", 75),
    (dt.date(2024, 10, 17), DrillKind.FIRE_EVACUATION, "中心小学消防疏散演练", "江口镇中心小学", JIANGKOU_COMMUNITY,
     "safety", 652),
    (dt.date(2025, 3, 20), DrillKind.FOREST_FIRE, "春季森林防灭火应急演练", "凤鸣村林区", FENGMING, "forest", 44),
    (dt.date(2025, 6, 12), DrillKind.FLOOD, "山洪灾害避险转移演练", "汤溪村沿河院落", TANGXI, "flood", 61),
    (dt.date(2025, 11, 6), DrillKind.FIRE_EVACUATION, "农贸市场消防疏散演练", "场镇农贸市场", JIANGKOU_COMMUNITY,
     "safety", 110),
    (dt.date(2026, 5, 12), DrillKind.EARTHQUAKE, "防震减灾应急疏散演练", "镇便民服务中心", None, None, 90),
    (dt.date(2026, 7, 9), DrillKind.GEOLOGICAL_HAZARD, "汛期地质灾害避险演练", "向阳村二组", XIANGYANG, "geo", 57),
]  # fmt: skip
WELL = ["预警信息传达及时，群众转移有序", "各小组分工明确，到岗迅速", "通信联络畅通，指挥调度顺畅",
        "疏散路线清楚，用时符合预期"]  # fmt: skip
PROBLEMS = ["部分群众对集合点位置不熟悉", "应急广播在偏远院落听不清", "个别队员装备穿戴不规范",
            "疏散时楼梯口出现短暂拥堵"]  # fmt: skip
IMPROVEMENTS = ["在集合点增设指示标牌并入户宣传", "增配手持喊话器，补充院落通知人", "组织队员开展装备使用培训",
                "调整疏散顺序，增加楼梯口引导人员"]  # fmt: skip

# Teams: (name, kind, unit code or None for the town, duties, [(item, quantity, unit, location)]).
TEAMS = [
    ("江口镇民兵应急分队", TeamKind.MILITIA, None, "抢险救灾、森林防灭火、防汛转移群众（示例）",
     [("风力灭火机", 8, "台", "镇应急物资储备库"), ("油锯", 4, "台", "镇应急物资储备库"),
      ("救生衣", 40, "件", "镇应急物资储备库"), ("冲锋舟", 1, "艘", "江口码头"),
      ("对讲机", 12, "部", "镇综合指挥室"), ("应急照明灯", 20, "个", "镇应急物资储备库")]),
    ("江口镇森林防灭火专业扑火队", TeamKind.SPECIALIST, None, "森林火灾扑救和清理火场（示例）",
     [("风力灭火机", 6, "台", "向阳村扑火队营房"), ("二号工具", 30, "把", "向阳村扑火队营房"),
      ("灭火水枪", 10, "支", "向阳村扑火队营房")]),
    ("盛堡村应急队", TeamKind.VILLAGE, SHENGBAO, "地质灾害巡查、预警和转移群众（示例）",
     [("铜锣", 4, "面", "盛堡村村委会"), ("手持喊话器", 3, "个", "盛堡村村委会")]),
    ("汤溪村应急队", TeamKind.VILLAGE, TANGXI, "防汛巡查和沿河院落转移（示例）",
     [("救生衣", 15, "件", "汤溪村村委会"), ("手持喊话器", 2, "个", "汤溪村村委会")]),
    ("凤鸣村应急队", TeamKind.VILLAGE, FENGMING, "山洪灾害和森林火灾的先期处置（示例）",
     [("风力灭火机", 2, "台", "凤鸣村村委会"), ("救生绳", 6, "根", "凤鸣村村委会")]),
]  # fmt: skip
TEAM_SIZES = {TeamKind.MILITIA: 12, TeamKind.SPECIALIST: 8, TeamKind.VILLAGE: 5}
SKILLS = ["驾驶", "急救", "无人机操作", "电工", "水上救援", ""]


def _phone(ctx: DemoContext) -> str:
    return f"1{ctx.rng.choice('3589')}{ctx.rng.randrange(10**8, 10**9)}"


def _person_name(ctx: DemoContext) -> str:
    given = "".join(ctx.rng.choice(names.GIVEN) for _ in range(ctx.rng.choice((1, 2))))
    return ctx.rng.choice(names.SURNAMES) + given


def _units(town: OrgUnit) -> dict[str | None, OrgUnit]:
    codes = [XIANGYANG, SHENGBAO, TANGXI, FENGMING, JIANGKOU_COMMUNITY]
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    return {None: town, **found}


def _hold_emergency_post(officer: User, office: User) -> Post | None:
    """The officer's person holds the emergency post, so that the plans' revision
    deadlines reach the officer's workbench."""
    post = Post.objects.filter(code=EMERGENCY_POST, org_unit__parent=officer.org_unit).first()
    if post is None or officer.person_id is None:
        return post
    holders = list(post.holders.values_list("pk", flat=True))
    if officer.person_id not in holders:
        update_record(post, actor=office, data={"holders": [*holders, officer.person_id]})
    return post


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _plan(actor, unit, post, category, name, level, versions, status) -> EmergencyPlan:
    plan = EmergencyPlan.objects.filter(org_unit=unit, name=name).first()
    if plan is not None:
        return plan
    (first, first_on, first_changes), *later = versions
    plan = actions.create_plan(actor=actor, data={
        "org_unit": unit, "category": category, "name": name, "level": level, "version": first,
        "revised_on": first_on, "approved_by": TOWN_GOV if level == PlanLevel.TOWN else f"{unit.name}村民委员会",
        "changes": first_changes, "post": post, "note": NOTE,
    })  # fmt: skip
    for number, approved_on, changes in later:
        plan = actions.revise_plan(plan, actor=actor, number=number, approved_on=approved_on,
                                   approved_by=plan.approved_by, changes=changes)  # fmt: skip
    if status != PlanStatus.IN_FORCE:
        plan = actions.update_plan(plan, actor=actor, data={"status": status})
    return plan


def _plans(actor, units, post, today: dt.date) -> dict[str, EmergencyPlan]:
    made = {}
    for key, category, name, level, code, versions, status in PLANS:
        made[key] = _plan(actor, units[code], post, category, name, level, versions, status)
    for key, category, name, days in PLANS_DUE:
        revised_on = _years_before(today + dt.timedelta(days=days), 3)
        version = f"{revised_on.year}版"
        made[key] = _plan(actor, units[None], post, category, name, PlanLevel.TOWN,
                          [(version, revised_on, "")], PlanStatus.IN_FORCE)  # fmt: skip
    return made


def _drills(ctx: DemoContext, actor, units, plans, rows) -> int:
    town = units[None]
    added = 0
    for day, kind, title, place, village_code, plan_key, participants in rows:
        # Draw first, then look up: a second run draws the same values and finds the same rows.
        pick = ctx.rng.randrange(len(WELL))
        found_problem = ctx.rng.random() < 0.5
        if Drill.objects.filter(org_unit=town, held_on=day, title=title).exists():
            continue
        village = units.get(village_code) if village_code else None
        actions.record_drill(actor=actor, data={
            "org_unit": town, "held_on": day, "title": title, "kind": kind,
            "plan": plans.get(plan_key) if plan_key else None, "place": f"{place}（示例）", "village": village,
            "organiser": "江口镇应急管理办公室（示例）", "participants": participants,
            "scenario": f"模拟{place}发生险情，检验预警、转移、处置和保障等环节（示例）",
            "went_well": WELL[pick], "problems": PROBLEMS[pick] if found_problem else "",
            "improvements": IMPROVEMENTS[pick] if found_problem else "", "note": NOTE,
        })  # fmt: skip
        added += 1
    return added


def _teams(ctx: DemoContext, actor, units) -> tuple[int, int]:
    members = items = 0
    for name, kind, code, duties, equipment in TEAMS:
        size = TEAM_SIZES[kind]
        people = [(_person_name(ctx), _phone(ctx), ctx.rng.choice(SKILLS)) for _ in range(size)]
        checked = [dt.date(2026, 1, 1) + dt.timedelta(days=ctx.rng.randrange(0, 300)) for _ in equipment]
        unit = units[code]
        team = EmergencyTeam.objects.filter(org_unit=unit, name=name).first()
        if team is None:
            team = actions.create_team(actor=actor, data={
                "org_unit": unit, "kind": kind, "name": name, "leader": people[0][0], "leader_phone": people[0][1],
                "duties": duties, "founded_on": dt.date(2019, 3, 1), "is_active": True, "note": NOTE,
            })  # fmt: skip
        # Members' names are drawn: a team that has its members already keeps them.
        has_members = TeamMember.objects.filter(team=team).exists()
        for n, (person, phone, skills) in enumerate(people):
            role = MemberRole.CAPTAIN if n == 0 else MemberRole.DEPUTY if n == 1 else MemberRole.MEMBER
            if not has_members:
                actions.add_member(actor=actor, data={"team": team, "name": person, "role": role, "phone": phone,
                                                      "skills": skills, "is_active": True, "note": NOTE})  # fmt: skip
                members += 1
        for (item, quantity, unit_word, location), checked_on in zip(equipment, checked, strict=True):
            if not TeamEquipment.objects.filter(team=team, item=item).exists():
                actions.add_equipment(actor=actor, data={
                    "team": team, "item": item, "quantity": quantity, "unit": unit_word,
                    "location": f"{location}（示例）", "checked_on": checked_on, "in_order": True, "note": NOTE,
                })  # fmt: skip
                items += 1
    return members, items


@step(63)
def emergency(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    officer = User.objects.get(username="officer")
    office = User.objects.get(username="fazhiban")
    today = timezone.localdate()
    units = _units(town)
    post = _hold_emergency_post(officer, office)
    plans = _plans(officer, units, post, today)
    _drills(ctx, officer, units, plans, DRILLS_2023)
    _drills(ctx, officer, units, plans, [d for d in DRILLS_LATER if d[0] <= today])
    _teams(ctx, officer, units)
    drills_2023 = Drill.objects.filter(org_unit=town, held_on__year=2023).count()
    ctx.out(
        f"应急管理：预案{EmergencyPlan.objects.filter(org_unit__path__startswith=town.path).count()}件"
        f"（修订记录{PlanVersion.objects.filter(plan__org_unit__path__startswith=town.path).count()}条），"
        f"2023年演练{drills_2023}次，应急队伍{len(TEAMS)}支（虚构）"
    )
