"""Demo step: Jiangkou's single window (一窗受理).

- The posts the joint reviews need that the town's foundation lacks (农业服务岗,
  规划建设岗, 财政岗 in the economic development office; 残疾人服务岗 in the
  livelihood office), and holders for them and for the vacant 社会救助岗: three new
  demo accounts (nongye, guihua, jiuzhu; role officer), so that every review can be
  given in the demo.
- The thirteen township items of the default catalogue (reference-data.md), with
  materials, conditions and procedure written for the demo, no fees, at the town's
  service centre, published on 2022-01-04 (before the first
  application of the comparison year). Limits marked "typ." there are typical
  practice, not confirmed: the items say so in their note.
- A year of applications in 2023 (and some in 2022), drawn with the step's own
  seeded generator on working days, from the town's villages, every one going
  through the real steps of fazhi/services/actions/window.py: one-time notices and
  supplements, refusals, withdrawals, joint reviews, pauses for expert review,
  appraisal and hearings, two extensions, decisions, deliveries, ratings.
- Open applications relative to today: awaiting acceptance (one past its 5 working
  days), awaiting supplements, under review, paused, due soon, overdue, and one
  awaiting delivery, so that the workbench and the warnings show them.

Names, people, addresses and dates are invented (示例（虚构））. An application is
found again by (item, applicant, day of receipt), so a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from fazhi.core import workdays
from fazhi.core.choices import Sex
from fazhi.core.demo import DEMO_PASSWORD, DemoContext, names, step
from fazhi.core.demo.town import make_resident_id
from fazhi.core.models import OrgUnit, Person, Post, User
from fazhi.core.roles import ROLES
from fazhi.core.workdays import CalendarNotCovered
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicantKind, ItemKind, ItemStatus, PauseReason
from fazhi.services.choices import ApplicationChannel as Ch
from fazhi.services.demo.market import credit_code
from fazhi.services.models import Application, ServiceItem

NOTE = "示例（虚构）"
PUBLISHED_ON = dt.date(2022, 1, 4)
CENTRE = "江口镇便民服务中心"
HOURS = "工作日 上午9:00—12:00，下午14:00—17:30"
PHONE = "023-55123100"  # invented landline of the service centre
ECONOMY, LIVELIHOOD = "500235131903", "500235131904"  # the offices (fazhi/core/demo/town.py)

# (office, code, name, duties) of the posts added here.
NEW_POSTS = [
    (ECONOMY, "JJ-02", "农业服务岗", "农村宅基地、土地承包、农业农村服务"),
    (ECONOMY, "JJ-03", "规划建设岗", "乡村建设规划许可、村镇规划建设管理"),
    (ECONOMY, "JJ-04", "财政岗", "财政和救助资金审核、家庭经济状况核对"),
    (LIVELIHOOD, "MS-03", "残疾人服务岗", "残疾人两项补贴、残疾人服务"),
]
# username: (name, male, posts held) — officers by role; their persons hold the posts.
ACCOUNTS = {
    "nongye": ("谭志华", True, ("JJ-02", "JJ-04")),
    "guihua": ("冉建军", True, ("JJ-03",)),
    "jiuzhu": ("向秀英", False, ("MS-02", "MS-03")),
}
TYPICAL = "承诺时限为常见做法（示例，未经核实）"
# Row of ITEMS: code, name, kind, basis, statutory, promised, visits, online, review posts, decided by a
# leader, materials, note, applications in 2023, applications in 2022.

ITEMS = [
    ("JK-XK-001", "农村村民宅基地审批", ItemKind.LICENCE,
     "《中华人民共和国土地管理法》第六十二条；《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6号）",
     20, 15, 1, False, ("JJ-02", "JJ-03"), True,
     ["农村宅基地和建房（规划许可）申请表", "申请人居民身份证", "户口簿", "农村宅基地使用承诺书",
      "村民小组会议讨论意见", "村民委员会审查意见", "住房设计图或选用通用图说明"], TYPICAL, 22, 3),
    ("JK-XK-002", "乡村建设规划许可证核发", ItemKind.LICENCE, "《中华人民共和国城乡规划法》第四十一条",
     20, 12, 1, True, ("JJ-03", "JJ-02"), True,
     ["乡村建设规划许可申请表", "申请人居民身份证", "宅基地批准文件或土地权属证明", "建设工程设计方案（总平面图、建筑施工图）",
      "村民委员会意见"], TYPICAL, 17, 3),
    ("JK-XK-003", "农村土地承包经营权调整审批", ItemKind.LICENCE, "《中华人民共和国农村土地承包法》第二十八条",
     20, 20, 1, False, ("JJ-02",), True,
     ["承包土地调整申请书", "申请人居民身份证", "农村土地承包合同或承包经营权证",
      "本集体经济组织村民会议三分之二以上成员或三分之二以上村民代表同意的决议", "土地调整方案"],
     "须报县农业农村委批准（示例）", 3, 0),
    ("JK-XK-004", "大型户外广告设置审批", ItemKind.LICENCE, "《城市市容和环境卫生管理条例》第十一条",
     20, 20, 1, True, ("JJ-03", "PA-01"), True,
     ["户外广告设置申请表", "营业执照或申请人身份证明", "设置位置示意图和效果图", "场地使用权证明或与产权人的协议",
      "设施结构安全承诺书"], "县级部门赋权事项（示例）", 4, 1),
    ("JK-QR-001", "特困人员认定", ItemKind.CONFIRMATION, "《社会救助暂行办法》第十四条",
     15, 15, 1, False, ("MS-02", "JJ-04"), True,
     ["特困人员救助供养申请书", "申请人居民身份证和户口簿", "家庭经济状况核对授权书", "收入和财产状况声明"],
     "镇审核15个工作日，公示7天，县民政局10个工作日内决定", 5, 0),
    ("JK-JF-001", "最低生活保障", ItemKind.BENEFIT, "《社会救助暂行办法》；《重庆市城乡居民最低生活保障条例》",
     15, 15, 1, False, ("MS-02", "JJ-04"), False,
     ["最低生活保障申请书", "家庭成员居民身份证和户口簿", "家庭经济状况核对授权书", "家庭收入和财产状况声明",
      "村（社区）民主评议意见"], "办理时限为示例（重庆市现行规定未经核实）", 20, 3),
    ("JK-JF-002", "临时救助", ItemKind.BENEFIT, "《社会救助暂行办法》第四十七条至第五十条",
     15, 10, 1, False, ("MS-02",), False,
     ["临时救助申请书", "申请人居民身份证", "遭遇困难情况说明及证明材料", "家庭经济状况核对授权书"],
     "情况紧急的，先行救助，48小时内发放（示例）", 15, 2),
    ("JK-JF-003", "残疾人两项补贴", ItemKind.BENEFIT, "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
     10, 10, 1, False, ("MS-03", "MS-02"), False,
     ["残疾人两项补贴申请审批表", "第二代残疾人证", "申请人居民身份证和户口簿", "本人银行账户信息"],
     "镇10个工作日，县残联10个工作日，县民政局10个工作日", 14, 2),
    ("JK-JF-004", "高龄津贴", ItemKind.BENEFIT, "重庆市、云阳县高龄津贴相关政策（示例）",
     None, 5, 1, False, (), False, ["高龄津贴申请表", "老年人居民身份证", "户口簿", "本人银行账户信息"], TYPICAL, 27, 3),
    ("JK-GG-001", "城乡居民基本养老保险参保登记", ItemKind.PUBLIC_SERVICE, "《中华人民共和国社会保险法》第二十条",
     None, 0, 0, True, (), False, ["城乡居民基本养老保险参保登记表", "居民身份证", "户口簿"], "即办件（示例）", 34, 5),
    ("JK-GG-002", "生育登记", ItemKind.PUBLIC_SERVICE, "《中华人民共和国人口与计划生育法》；《重庆市人口与计划生育条例》",
     None, 0, 0, True, (), False, ["生育登记表", "夫妻双方居民身份证", "结婚证"], "即办件（示例）", 22, 3),
    ("JK-GG-003", "法律援助咨询和转介", ItemKind.PUBLIC_SERVICE, "《中华人民共和国法律援助法》第二十二条",
     None, 0, 0, True, (), False, ["法律援助咨询登记表", "咨询人身份证明", "与咨询事项有关的材料"], "当场解答，需要的转县法律援助中心",
     10, 1),
    ("JK-GG-004", "人民调解服务", ItemKind.PUBLIC_SERVICE, "《中华人民共和国人民调解法》",
     None, 0, 0, True, (), False, ["人民调解申请书（可口头申请）", "申请人身份证明", "纠纷有关证据材料"],
     "当场登记，调解过程记入矛盾纠纷台账", 7, 1),
]  # fmt: skip
LEADER_DECIDES = {row[0] for row in ITEMS if row[9]}
REVIEWED = {row[0]: bool(row[8]) for row in ITEMS}
OPINIONS = {
    "JJ-02": "同意。符合一户一宅和用地标准", "JJ-03": "同意。选址和建筑面积、层高符合村庄规划",
    "JJ-04": "同意。家庭经济状况核对结果符合条件", "PA-01": "同意。设置位置不影响市容和通行安全",
    "MS-02": "同意。经入户调查，家庭情况属实", "MS-03": "同意。残疾等级和家庭情况符合补贴条件",
}  # fmt: skip
DENIALS = {
    "JK-XK-001": ("JJ-02", "申请人已有一处宅基地且面积达标，不符合一户一宅规定"),
    "JK-XK-002": ("JJ-03", "选址位于地质灾害隐患点避让范围内，不符合村庄规划"),
    "JK-QR-001": ("MS-02", "申请人有法定赡养义务人且其具备赡养能力"),
    "JK-JF-001": ("JJ-04", "家庭经济状况核对结果超过本地低保标准"),
    "JK-JF-002": ("MS-02", "困难情形不属于临时救助范围，已引导申请其他救助"),
    "JK-JF-003": ("MS-03", "残疾等级不符合重度残疾人护理补贴条件"),
}
REFUSALS = [
    "申请事项不属于本镇职权范围，已告知向县规划和自然资源局申请",
    "申请人户籍不在本镇，已告知向户籍所在地镇街申请",
    "同一事项已在办理中，不再重复受理",
]
CAUSES = ["患病住院", "家庭成员残疾", "遭受火灾", "因灾房屋受损", "子女上学", "意外事故"]
TOPICS = ["土地边界", "相邻通行", "劳务报酬", "婚姻家庭", "房屋漏水", "林木权属"]
GOOD_WORDS = [
    "窗口服务热情，一次就办好了",
    "材料一次告知清楚，不用来回跑",
    "网上就办完了，很方便",
    "办事效率高",
]
BAD_WORDS = ["等待时间较长", "希望进度能及时通知"]


@dataclass
class Plan:
    """One application, every step drawn in advance (dates as working-day offsets resolved)."""

    code: str
    data: dict
    missing: list[str] = field(default_factory=list)
    notice_on: dt.date | None = None
    supplement_on: dt.date | None = None
    in_person: bool = False
    end: str = "decide"  # refuse, withdraw, receive, notice, accept, route, pause, decide, deliver
    end_on: dt.date | None = None
    reason: str = ""
    accept_on: dt.date | None = None
    opinions: list[tuple[str, dt.date, bool, str]] = field(default_factory=list)
    pause: tuple[str, dt.date, dt.date | None] | None = None
    extend_on: dt.date | None = None
    decide_on: dt.date | None = None
    outcome: str = "approved"
    note: str = ""
    deliver: tuple[str, dt.date] | None = None
    rating: tuple[int, str] | None = None


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if workdays.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _back(day: dt.date, n: int) -> dt.date:
    """The n-th working day before `day`."""
    while n:
        day -= dt.timedelta(days=1)
        n -= workdays.is_working_day(day)
    return day


def _add(day: dt.date, n: int) -> dt.date:
    return workdays.add_working_days(day, n)


def _applicant(ctx: DemoContext, code: str, villages: list[OrgUnit], seq: int) -> dict:
    """Who applies and what for (drawn whatever happens next)."""
    rng = ctx.rng
    village = rng.choice(villages)
    group, house = rng.randrange(1, 12), rng.randrange(1, 90)
    male = rng.random() < 0.5
    old = code == "JK-JF-004"
    birth = dt.date(1936 if old else 1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * (8 if old else 45)))
    name = rng.choice(names.SURNAMES) + "".join(rng.choice(names.GIVEN) for _ in range(rng.choice((1, 2))))
    phone = f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"
    n, cause, topic = rng.randrange(2, 6), rng.choice(CAUSES), rng.choice(TOPICS)
    content = {
        "JK-XK-001": f"申请在{village.name}{group}组新建农村住房，宅基地面积{rng.randrange(90, 151)}平方米",
        "JK-XK-002": f"在{village.name}{group}组建设自住房{rng.choice((2, 3))}层，建筑面积{rng.randrange(150, 321)}平方米",
        "JK-XK-003": f"{village.name}{group}组因修建道路占地，申请调整承包土地{rng.randrange(2, 9)}亩",
        "JK-XK-004": f"在江口镇{rng.choice(names.STREETS)}设置户外广告牌一块，面积{rng.randrange(12, 41)}平方米",
        "JK-QR-001": "无劳动能力、无生活来源，申请认定为特困人员",
        "JK-JF-001": f"家庭{n}口人，因{cause}生活困难，申请最低生活保障",
        "JK-JF-002": f"因{cause}导致基本生活暂时出现严重困难，申请临时救助",
        "JK-JF-003": "申请困难残疾人生活补贴和重度残疾人护理补贴",
        "JK-JF-004": "年满80周岁，申请高龄津贴",
        "JK-GG-001": "申请参加城乡居民基本养老保险",
        "JK-GG-002": f"申请办理第{rng.choice((1, 2, 3))}个子女生育登记",
        "JK-GG-003": f"咨询{topic}纠纷的法律问题",
        "JK-GG-004": f"与邻居因{topic}发生纠纷，申请人民调解",
    }[code]
    data = {
        "applicant_kind": ApplicantKind.PERSON, "applicant": name, "phone": phone, "village": village,
        "id_number": make_resident_id("500235", birth, seq, male), "content": content,
        "address": f"重庆市云阳县江口镇{village.name}{group}组{house}号",
    }  # fmt: skip
    if code == "JK-XK-004":
        trade = rng.choice(("鑫源", "兴旺", "江韵", "顺达", "恒通"))
        data.update(applicant_kind=ApplicantKind.ORGANISATION, applicant=f"云阳县{trade}商贸有限公司（示例）",
                    id_number=credit_code("enterprise", 2021, seq % 9000 + 1))  # fmt: skip
    return data


def _plan_history(ctx: DemoContext, item: tuple, day: dt.date, villages, seq: int) -> Plan:
    """An application received on `day` that runs its whole course."""
    rng = ctx.rng
    code, _, _, _, statutory, promised, _, online, posts, _, materials = item[:11]
    roll = rng.random()
    channel = Ch.WINDOW if roll < 0.6 else (Ch.ONLINE if online and roll < 0.9 else Ch.AGENT)
    plan = Plan(
        code=code, data={**_applicant(ctx, code, villages, seq), "channel": channel, "submitted_on": day}
    )
    start = day
    if rng.random() < 0.15 and len(materials) > 1:
        plan.missing = rng.sample(materials, rng.choice((1, 2)))
        plan.notice_on = day if rng.random() < 0.6 else _add(day, rng.randrange(1, 4))
        plan.supplement_on = _add(plan.notice_on, rng.randrange(1, 8))
        plan.in_person = channel == Ch.WINDOW and rng.random() < 0.4
        start = plan.supplement_on
        if rng.random() < 0.1:  # the applicant gives up instead of supplying
            plan.end, plan.end_on, plan.supplement_on = (
                "withdraw",
                _add(plan.notice_on, rng.randrange(3, 10)),
                None,
            )
            return plan
    fate = rng.random()
    if fate < 0.03:
        plan.end, plan.end_on, plan.reason = "refuse", _add(start, rng.randrange(0, 2)), rng.choice(REFUSALS)
        plan.rating = _rating(ctx, 0.4)
        return plan
    if fate < 0.045:
        plan.end, plan.end_on = "withdraw", _add(start, rng.randrange(0, 3))
        return plan
    plan.accept_on = start if promised == 0 or rng.random() < 0.7 else _add(start, 1)
    used = _used_days(ctx, statutory, promised)
    denied = code in DENIALS and rng.random() < 0.08
    pause_days = 0
    if code.startswith("JK-XK") and posts and rng.random() < 0.15:
        reason = PauseReason.HEARING if code in ("JK-XK-003", "JK-XK-004") else rng.choice(
            (PauseReason.EXPERT, PauseReason.APPRAISAL))  # fmt: skip
        pause_days = rng.randrange(3, 11)
        begin = _add(plan.accept_on, rng.randrange(1, max(2, used)))
        plan.pause = (reason, begin, _add(begin, pause_days))
    if code == "JK-XK-001" and statutory and rng.random() < 0.07:  # a leader extends: needs more days
        plan.extend_on = _add(plan.accept_on, statutory - 2 + pause_days)
        used = statutory + rng.randrange(2, 8)
    plan.decide_on = _add(plan.accept_on, used + pause_days)
    plan.opinions = _opinions(ctx, code, posts, plan.accept_on, used, denied)
    plan.outcome = "denied" if denied else "approved"
    plan.note = DENIALS[code][1] if denied else ""
    plan.deliver = (
        _delivery(ctx, channel, promised),
        _add(plan.decide_on, 0 if promised == 0 else rng.randrange(0, 4)),
    )
    plan.end = "deliver"
    plan.rating = _rating(ctx, 0.45)
    return plan


def _used_days(ctx: DemoContext, statutory: int | None, promised: int) -> int:
    """Working days from acceptance to decision: mostly within the promise, some past
    it but within the statutory limit, a few past the statutory limit."""
    if promised == 0:
        return 0
    roll = ctx.rng.random()
    if roll >= 0.975:
        return (statutory or promised) + ctx.rng.randrange(1, 4)
    if roll >= 0.8 and statutory and statutory > promised:
        return ctx.rng.randrange(promised + 1, statutory + 1)
    return ctx.rng.randrange(max(1, promised * 3 // 10), promised + 1)


def _opinions(ctx, code, posts, accepted_on, used, denied) -> list[tuple[str, dt.date, bool, str]]:
    out = []
    for post in posts:
        on = _add(accepted_on, ctx.rng.randrange(0, max(1, used)))
        disagree = denied and DENIALS[code][0] == post
        out.append((post, on, not disagree, DENIALS[code][1] if disagree else OPINIONS[post]))
    return out


def _delivery(ctx: DemoContext, channel: str, promised: int) -> str:
    """How the result reaches the applicant. Done on the spot (即办), the result goes out
    electronically or by post: collecting it "at the window" would count a second visit."""
    weights = (15, 45, 40) if channel == Ch.WINDOW else (35, 15, 50)
    weights = (0, 30, 70) if promised == 0 else weights
    return ctx.rng.choices(("window", "post", "online"), weights=weights)[0]


def _rating(ctx: DemoContext, share: float) -> tuple[int, str] | None:
    if ctx.rng.random() >= share:
        return None
    grade = ctx.rng.choices((5, 4, 3, 2, 1), weights=(70, 20, 6, 3, 1))[0]
    words = GOOD_WORDS if grade >= 3 else BAD_WORDS
    return grade, ctx.rng.choice(words) if ctx.rng.random() < 0.5 else ""


def _plan_open(ctx: DemoContext, items: dict[str, tuple], villages, seq: int) -> list[Plan]:
    """Applications still open today: (item, stage, working days since receipt or acceptance)."""
    today = timezone.localdate()
    last = today if workdays.is_working_day(today) else _back(today, 1)
    stages = [
        ("JK-XK-001", "receive", 0), ("JK-JF-001", "notice", 1), ("JK-JF-004", "receive", 7),
        ("JK-XK-002", "route", 4), ("JK-JF-003", "route", 3), ("JK-XK-001", "pause", 8),
        ("JK-JF-002", "route", 8), ("JK-XK-001", "route", 13), ("JK-JF-001", "route", 17),
        ("JK-XK-002", "route", 22), ("JK-JF-004", "accept", 7), ("JK-XK-001", "decide", 12),
    ]  # fmt: skip
    plans = []
    for n, (code, stage, ago) in enumerate(stages):
        item = items[code]
        begin = _back(last, ago)
        plan = Plan(code=code, end=stage, data={**_applicant(ctx, code, villages, seq + n), "channel": Ch.WINDOW,
                                                 "submitted_on": begin})  # fmt: skip
        if stage == "notice":
            plan.missing, plan.notice_on = item[10][-1:], begin
        if stage in ("accept", "route", "pause", "decide"):
            plan.accept_on = begin
            posts = item[8]
            given = {"route": len(posts) // 2, "pause": len(posts), "decide": len(posts)}.get(stage, 0)
            plan.opinions = [(p, _add(begin, 1), True, OPINIONS[p]) for p in posts[:given]]
            if stage == "pause":
                plan.pause = (PauseReason.EXPERT, _back(last, 3), None)
            if stage == "decide":
                plan.decide_on = _back(last, 2)
        plans.append(plan)
    return plans


# -- the loaders ------------------------------------------------------------------------------------


def _posts_and_holders(ctx: DemoContext, town: OrgUnit) -> dict[str, Post]:
    offices = {u.code: u for u in OrgUnit.objects.filter(parent=town, kind="office")}
    for office, code, name, duties in NEW_POSTS:
        Post.objects.get_or_create(
            org_unit=offices[office], code=code, defaults={"name": name, "duties": duties}
        )
    posts = {p.code: p for p in Post.objects.filter(org_unit__parent=town)}
    group = Group.objects.get(name="officer")
    for n, (username, (name, male, held)) in enumerate(ACCOUNTS.items()):
        # Draw first, then look up: a second run draws the same values and finds the same person.
        birth = dt.date(1975, 1, 1) + dt.timedelta(days=ctx.rng.randrange(365 * 20))
        phone = f"1{ctx.rng.choice('3589')}{ctx.rng.randrange(10**8, 10**9)}"
        rid = make_resident_id("500235", birth, 400 + n, male)
        person = Person.objects.filter(org_unit=town, resident_id=rid).first()
        if person is None:
            person = Person(org_unit=town, name=name, sex=Sex.MALE if male else Sex.FEMALE, resident_id=rid,
                            phone=phone, address=f"重庆市云阳县江口镇{names.STREETS[n]}{n + 8}号", note=NOTE)  # fmt: skip
            person.full_clean()
            person.save()
        for code in held:
            posts[code].holders.add(person)
        if not User.objects.filter(username=username).exists():
            user = User(username=username, display_name=name, org_unit=town, person=person)
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(group)
        held_names = "、".join(posts[c].name for c in held)
        ctx.users.append((username, f"{ROLES['officer']}（{held_names}）", DEMO_PASSWORD, ""))
    return posts


def _catalogue(town: OrgUnit, posts: dict[str, Post], office: User) -> dict[str, ServiceItem]:
    existing = {i.code: i for i in ServiceItem.objects.filter(org_unit=town)}
    window_post = posts["MS-01"]
    out = {}
    for code, name, kind, basis, statutory, promised, visits, online, review, _, materials, note, *_ in ITEMS:
        item = existing.get(code)
        if item is None:
            route = "、".join(posts[p].name for p in review)
            procedure = f"申请 → 窗口受理 → {'联审会签（' + route + '） → ' if review else ''}作出决定 → 送达"
            conditions = "申请人符合该事项法律法规和政策规定的条件，申请材料齐全、符合法定形式"
            item = actions.create_item(actor=office, data={
                "org_unit": town, "code": code, "name": name, "kind": kind, "basis": basis,
                "statutory_days": statutory, "promised_days": promised, "materials": "\n".join(materials),
                "conditions": conditions, "procedure": procedure, "fees": "不收费",
                "responsible_post": posts[review[0]] if review else window_post, "review_posts": [posts[p] for p in review],
                "visits_needed": visits, "online": online, "location": CENTRE, "hours": HOURS, "phone": PHONE,
                "note": f"{note}；{NOTE}" if note else NOTE,
            })  # fmt: skip
        if item.status != ItemStatus.PUBLISHED:
            item = actions.publish_item(item, actor=office, on=PUBLISHED_ON)
        out[code] = item
    return out


def _run(plan: Plan, item: ServiceItem, by: dict) -> Application:
    """Take one application through its planned steps, through the actions."""
    clerk = by["clerk"]
    materials = [m for m in item.material_list() if m not in plan.missing]
    app = actions.receive_application(
        actor=clerk, data={**plan.data, "item": item, "received_materials": materials}
    )
    if plan.notice_on:
        actions.issue_notice(app, actor=clerk, on=plan.notice_on)
        if plan.end == "notice":
            return app
        if plan.supplement_on:
            actions.supplement(
                app, actor=clerk, materials=plan.missing, on=plan.supplement_on, in_person=plan.in_person
            )
    if plan.end in ("refuse", "withdraw"):
        if plan.end == "refuse":
            app = actions.refuse(app, actor=clerk, reason=plan.reason, on=plan.end_on)
            if plan.rating:
                actions.rate(app, score=plan.rating[0], comment=plan.rating[1])
        else:
            actions.withdraw(app, actor=clerk, note="申请人主动撤回申请", on=plan.end_on)
        return app
    if plan.end == "receive":
        return app
    app = actions.accept(app, actor=clerk, on=plan.accept_on)
    if REVIEWED[item.code] and plan.end != "accept":
        app = actions.route(app, actor=clerk, on=plan.accept_on)
    if plan.opinions:
        tasks = {t.post.code: t for t in app.reviews.select_related("post")}
        for post, on, agree, text in sorted(plan.opinions, key=lambda o: o[1]):
            actions.give_opinion(tasks[post], actor=by[post], agree=agree, opinion=text, on=on)
    if plan.pause:
        reason, begin, end = plan.pause
        actions.pause(app, actor=clerk, reason=reason, note="委托专业机构（示例）", on=begin)
        if end is None:
            return app
        app = actions.resume(app, actor=clerk, on=end)
    if plan.extend_on:
        app = actions.extend(
            app, actor=by["leader"], reason="需现场踏勘并征求相邻权利人意见（示例）", on=plan.extend_on
        )
    if plan.decide_on is None:
        return app
    decider = by["leader"] if item.code in LEADER_DECIDES else clerk
    app = actions.decide(app, actor=decider, outcome=plan.outcome, note=plan.note, on=plan.decide_on)
    if plan.deliver:
        app = actions.deliver(app, actor=clerk, method=plan.deliver[0], on=plan.deliver[1])
        if plan.rating:
            actions.rate(app, score=plan.rating[0], comment=plan.rating[1])
    return app


def plans(ctx: DemoContext, villages: list[OrgUnit]) -> list[Plan]:
    """Every application of the demo, drawn in order: 2022, 2023, then the open ones."""
    items = {row[0]: row for row in ITEMS}
    out: list[Plan] = []
    seq = 1000
    for year, column in ((2022, 13), (2023, 12)):
        days = _working_days(dt.date(year, 1, 1), dt.date(year, 12, 31))
        drawn = [(ctx.rng.choice(days), row) for row in ITEMS for _ in range(row[column])]
        for day, row in sorted(drawn, key=lambda d: (d[0], d[1][0])):
            out.append(_plan_history(ctx, row, day, villages, seq))
            seq += 1
    try:
        return out + _plan_open(ctx, items, villages, seq)
    except CalendarNotCovered:  # today's year not in the calendar yet: no open applications
        return out


@step(68)
def single_window(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    villages = list(
        ctx.objects.get("villages") or OrgUnit.objects.filter(parent=town, kind__in=("village", "community"))
    )
    drawn = plans(ctx, villages)  # first: the applications depend on the seed alone
    posts = _posts_and_holders(ctx, town)
    by = {"clerk": User.objects.get(username="window"), "leader": User.objects.get(username="leader")}
    for post in posts.values():
        holder = User.objects.filter(person__in=post.holders.all()).order_by("id").first()
        if holder is not None:
            by[post.code] = holder
    items = _catalogue(town, posts, User.objects.get(username="fazhiban"))
    known = set(
        Application.objects.filter(org_unit=town).values_list("item__code", "applicant", "submitted_on")
    )
    made = skipped = 0
    for plan in drawn:
        if (plan.code, plan.data["applicant"], plan.data["submitted_on"]) in known:
            continue
        try:
            _run(plan, items[plan.code], by)
        except CalendarNotCovered:  # an open application due in a year the calendar does not cover yet
            skipped += 1
            continue
        made += 1
    in_2023 = sum(1 for p in drawn if p.data["submitted_on"].year == 2023)
    ctx.out(
        f"一窗受理：政务服务事项{len(items)}项，新增办件{made}件（2023年收件{in_2023}件，含在办件）"
        + (f"，{skipped}件因节假日安排未录入而未载入" if skipped else "")
        + "（虚构）"
    )
