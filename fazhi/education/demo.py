"""Demo step: Jiangkou's legal study and outreach. In 2023, exactly the report's
figures (report-figures.md rows 1, 17, 18): four rule-of-law study sessions of the
central study group or an enlarged party committee meeting (beside sessions that
do not count: staff meetings, the pre-meeting study, other topics), 103 outreach
events reaching 30,412 people (one on Constitution Day, 4 December) and 108 public
legal services. The roster holds two legally literate residents and a legal
advisor for each of the 36 villages and communities; a few staff trainings; and
some records of 2024, 2025 and this year.

Every record goes through the actions (its audit event included), inside one
audit batch so that the events are chained and written together at the end.
Titles, people, phones and numbers of single records are invented (示例（虚构））;
only the 2023 totals come from the report."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from fazhi.core import audit
from fazhi.core.demo import DemoContext, names, step
from fazhi.core.models import OrgUnit, User
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
from fazhi.education.models import (
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
)

EXAMPLE = "示例"
EVENTS_2023, AUDIENCE_2023, SERVICES_2023 = 103, 30412, 108  # report-figures.md rows 17 and 18

CG, EC, SM, PM, OT = (StudyKind.CENTRAL_GROUP, StudyKind.ENLARGED_COMMITTEE, StudyKind.STAFF_MEETING,
                      StudyKind.PRE_MEETING, StudyKind.OTHER)  # fmt: skip
# (day, kind, topic, on the rule of law): 2023's four counted sessions and five that are not counted.
SESSIONS = [
    (dt.date(2023, 2, 16), CG, "习近平法治思想专题学习：全面依法治国的核心要义", True),
    (dt.date(2023, 3, 9), SM, "职工会议学法：《中华人民共和国民法典》合同编", True),
    (dt.date(2023, 4, 13), CG, "党的二十大报告关于乡村振兴的论述", False),
    (dt.date(2023, 5, 25), EC, "学习习近平法治思想，研究部署本镇法治政府建设", True),
    (dt.date(2023, 6, 8), SM, "职工会议学法：行政规范性文件制定和审核", True),
    (dt.date(2023, 8, 17), PM, "政府常务会议会前学法：《中华人民共和国安全生产法》", True),
    (dt.date(2023, 9, 21), CG, "学习宪法和党内法规，提高依法执政能力", True),
    (dt.date(2023, 11, 16), EC, "学习新修订的《中华人民共和国行政复议法》", True),
    (dt.date(2023, 12, 14), OT, "机关干部年终法律知识测试", True),
    (dt.date(2024, 3, 21), CG, "习近平法治思想专题学习：法治政府建设", True),
    (dt.date(2024, 6, 20), SM, "职工会议学法：《中华人民共和国保守国家秘密法》", True),
    (dt.date(2024, 9, 12), EC, "学习党纪学习教育有关党内法规", True),
    (dt.date(2025, 4, 17), CG, "习近平法治思想专题学习：基层治理法治化", True),
    (dt.date(2025, 7, 10), PM, "政府常务会议会前学法：《中华人民共和国农村集体经济组织法》", True),
    (dt.date(2025, 11, 13), CG, "学习党的二十届四中全会精神", False),
    (dt.date(2026, 3, 19), CG, "习近平法治思想专题学习：严格规范公正文明执法", True),
    (dt.date(2026, 6, 11), EC, "学习《中华人民共和国民营经济促进法》", True),
]
# (starts, ends, mode, title, hours, participants, organiser)
TRAININGS = [
    (dt.date(2023, 3, 1), dt.date(2023, 11, 30), TrainingMode.ONLINE, "2023年度行政执法人员网络培训", "40", 55,
     "县司法局"),
    (dt.date(2023, 6, 8), None, TrainingMode.CLASSROOM, "行政规范性文件制定与审核培训", "2", 38, "江口镇司法所"),
    (dt.date(2023, 9, 4), dt.date(2023, 9, 8), TrainingMode.ON_THE_JOB, "综合行政执法办案岗位实训", "16", 12,
     "江口镇综合行政执法办公室"),
    (dt.date(2023, 11, 23), None, TrainingMode.CLASSROOM, "村（社区）干部法治专题培训", "3", 72, "江口镇司法所"),
    (dt.date(2024, 3, 1), dt.date(2024, 11, 30), TrainingMode.ONLINE, "2024年度行政执法人员网络培训", "40", 53,
     "县司法局"),
    (dt.date(2024, 10, 17), None, TrainingMode.CLASSROOM, "新修订《行政复议法》专题培训", "3", 45, "江口镇司法所"),
    (dt.date(2025, 3, 3), dt.date(2025, 11, 28), TrainingMode.ONLINE, "2025年度行政执法人员网络培训", "40", 54,
     "县司法局"),
    (dt.date(2026, 3, 2), dt.date(2026, 11, 30), TrainingMode.ONLINE, "2026年度行政执法人员网络培训", "40", 56,
     "县司法局"),
]  # fmt: skip
# Outreach in 2023 by venue: (venue, events, audience range). One market event is Constitution Day's.
VENUES_2023 = [
    (VenueKind.VILLAGE, 60, (120, 420)),
    (VenueKind.SCHOOL, 15, (200, 700)),
    (VenueKind.ENTERPRISE, 12, (30, 150)),
    (VenueKind.MARKET, 10, (200, 600)),
    (VenueKind.OTHER, 6, (50, 300)),
]
TOPIC_WEIGHTS = {OutreachTopic.CONSTITUTION: 2, OutreachTopic.CIVIL_CODE: 4, OutreachTopic.ANTI_FRAUD: 4,
                 OutreachTopic.RURAL_REVITALISATION: 3, OutreachTopic.SAFETY: 3, OutreachTopic.OTHER: 2}  # fmt: skip
VENUE_WORDS = {VenueKind.VILLAGE: "进{v}", VenueKind.SCHOOL: "进{v}小学", VenueKind.ENTERPRISE: "进企业",
               VenueKind.MARKET: "赶场天集中宣传", VenueKind.OTHER: "进机关站所"}  # fmt: skip
SERVICE_WEIGHTS = {ServiceKind.CONSULTATION: 50, ServiceKind.LEGAL_AID: 12, ServiceKind.DRAFTING: 15,
                   ServiceKind.MEDIATION: 18, ServiceKind.NOTARISATION: 6, ServiceKind.OTHER: 7}  # fmt: skip
SERVICE_MATTERS = {
    ServiceKind.CONSULTATION: ["土地承包经营权流转", "婚姻家庭与继承", "劳务报酬拖欠", "宅基地使用", "赡养老人义务", "交通事故赔偿"],
    ServiceKind.LEGAL_AID: ["农民工讨薪申请法律援助", "工伤赔偿申请法律援助", "残疾人权益申请法律援助"],
    ServiceKind.DRAFTING: ["代写民事起诉状", "代写借款合同", "代写房屋租赁协议", "代写遗嘱"],
    ServiceKind.MEDIATION: ["相邻通行纠纷引导调解", "林地界址纠纷引导调解", "家庭矛盾引导调解"],
    ServiceKind.NOTARISATION: ["继承公证材料指引", "委托书公证指引"],
    ServiceKind.OTHER: ["重庆村居法务平台注册使用指导", "司法鉴定事项咨询"],
}  # fmt: skip
FIRMS = ["重庆汤溪律师事务所（示例）", "云阳县团滩律师事务所（示例）", "重庆江口律师事务所（示例）"]


def _rng(seed: float) -> random.Random:
    return random.Random(seed)  # noqa: S311  (demo data, not a secret)


def _tag(text: str) -> str:
    return f"{text}（{EXAMPLE}）"


def _name(rng: random.Random) -> str:
    return rng.choice(names.SURNAMES) + "".join(rng.choice(names.GIVEN) for _ in range(rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"


def _exact_total(rng: random.Random, ranges: list[tuple[int, int]], total: int) -> list[int]:
    """One value in each range, adding up to `total` exactly."""
    values = [rng.randint(lo, hi) for lo, hi in ranges]
    diff = total - sum(values)
    while diff:
        sign = 1 if diff > 0 else -1
        room = [i for i, (lo, hi) in enumerate(ranges) if lo <= values[i] + sign <= hi]
        if not room:
            raise ValueError("the demo total does not fit the ranges")
        rng.shuffle(room)
        share = max(1, abs(diff) // len(room))
        for i in room:
            lo, hi = ranges[i]
            move = sign * min(share, abs(diff), hi - values[i] if sign > 0 else values[i] - lo)
            values[i] += move
            diff -= move
            if not diff:
                break
    return values


def _days(rng: random.Random, start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    """n days between start and end, never 4 December (Constitution Day is placed on purpose)."""
    span = (end - start).days
    days: list[dt.date] = []
    while len(days) < n:
        day = start + dt.timedelta(days=rng.randrange(0, span + 1))
        if (day.month, day.day) != (12, 4):
            days.append(day)
    return sorted(days)


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _presenters(rng: random.Random, venue: str) -> list[str]:
    """In a village, its legal advisor and its legally literate residents (one of them, or
    both); elsewhere one or two kinds of presenter."""
    if venue == VenueKind.VILLAGE:
        chosen = {Presenter.VILLAGE_ADVISOR, Presenter.LITERATE_RESIDENTS} - {rng.choice(list(Presenter))}
    else:
        chosen = set(rng.sample(list(Presenter), rng.randint(1, 2)))
    return sorted(chosen)


# -- study sessions and trainings ------------------------------------------------------------------


def _sessions(rng: random.Random, town: OrgUnit, office: User) -> int:
    made = 0
    for day, kind, topic, on_law in SESSIONS:
        attendees = rng.randint(11, 16) if kind in (CG, EC) else rng.randint(25, 60)
        if StudySession.objects.filter(org_unit=town, held_on=day, topic=topic).exists():
            continue
        actions.record_study_session(actor=office, data={
            "org_unit": town, "held_on": day, "kind": kind, "topic": topic, "on_rule_of_law": on_law,
            "presenter": "镇党委书记" if kind in (CG, EC) else "司法所所长", "attendees": attendees,
            "note": _tag("集中学习后逐一交流发言"),
        })  # fmt: skip
        made += 1
    return made


def _trainings(town: OrgUnit, office: User) -> int:
    made = 0
    for starts, ends, mode, title, hours, participants, organiser in TRAININGS:
        if StaffTraining.objects.filter(org_unit=town, starts_on=starts, title=title).exists():
            continue
        actions.record_training(actor=office, data={
            "org_unit": town, "title": title, "mode": mode, "starts_on": starts, "ends_on": ends, "hours": hours,
            "participants": participants, "organiser": organiser, "note": _tag("学时、人数为虚构"),
        })  # fmt: skip
        made += 1
    return made


# -- outreach events ----------------------------------------------------------------------------


def _event_rows(rng: random.Random, villages: list[OrgUnit], year: int, plan, end: dt.date, total=None):
    """The events of a year as (day, venue, village, topic, audience, presenters), the
    audiences adding up to `total` when given. Villages are taken in turn, so that
    every one of them is visited."""
    venues = [(venue, rng_range) for venue, n, rng_range in plan for _ in range(n)]
    audiences = (
        _exact_total(rng, [r for _, r in venues], total) if total else [rng.randint(*r) for _, r in venues]
    )
    days = _days(rng, dt.date(year, 1, 5), end, len(venues))
    rng.shuffle(days)
    rows = []
    for i, ((venue, _), audience, day) in enumerate(zip(venues, audiences, days, strict=True)):
        village = villages[i % len(villages)] if venue in (VenueKind.VILLAGE, VenueKind.SCHOOL) else None
        rows.append((day, venue, village, _weighted(rng, TOPIC_WEIGHTS), audience, _presenters(rng, venue)))
    return rows


def _write_events(rows, town: OrgUnit, actors: list[User]) -> None:
    for n, (day, venue, village, topic, audience, presenters) in enumerate(rows):
        place = VENUE_WORDS[venue].format(v=village.name if village else "")
        if (day.month, day.day) == (12, 4):
            topic, title = OutreachTopic.CONSTITUTION, "“12·4”国家宪法日集中宣传"
        else:
            title = f"{OutreachTopic(topic).label}宣讲{place}"
        actions.record_outreach_event(actor=actors[n % len(actors)], data={
            "org_unit": town, "held_on": day, "venue_kind": venue, "village": village, "topic": topic,
            "title": _tag(title), "audience": audience, "presenters": ",".join(presenters), "note": "",
        })  # fmt: skip


def _outreach(rng: random.Random, town: OrgUnit, villages: list[OrgUnit], actors: list[User]) -> int:
    made = 0
    today = timezone.localdate()
    # 2023: 103 events, 30,412 people.
    rows_2023 = _event_rows(rng, villages, 2023, VENUES_2023, dt.date(2023, 12, 28), total=AUDIENCE_2023)
    if len(rows_2023) != EVENTS_2023:
        raise ValueError("VENUES_2023 must add up to the report's number of events")
    years = [(2023, rows_2023)]
    smaller = [(venue, max(1, n // 3), r) for venue, n, r in VENUES_2023]
    for year in (2024, 2025):
        years.append((year, _event_rows(rng, villages, year, smaller, dt.date(year, 12, 28))))
    for _, rows in years:  # each full year's last market event is held on Constitution Day
        market = max(i for i, r in enumerate(rows) if r[1] == VenueKind.MARKET)
        rows[market] = (dt.date(rows[market][0].year, 12, 4), *rows[market][1:])
    if today.year > 2025:
        years.append(
            (today.year, _event_rows(rng, villages, today.year, smaller, today - dt.timedelta(days=1)))
        )
    for year, rows in years:
        if OutreachEvent.objects.filter(org_unit=town, held_on__year=year).exists():
            continue
        _write_events(rows, town, actors)
        made += len(rows)
    return made


# -- public legal services ------------------------------------------------------------------------


def _service_rows(rng: random.Random, villages, n: int, start: dt.date, end: dt.date, open_from=None):
    rows = []
    for day in _days(rng, start, end, n):
        kind = _weighted(rng, SERVICE_WEIGHTS)
        person = _name(rng) if rng.random() < 0.6 else ""
        phone = _phone(rng) if person and rng.random() < 0.6 else ""
        outcome = ServiceOutcome.RESOLVED
        if kind in (ServiceKind.LEGAL_AID, ServiceKind.MEDIATION, ServiceKind.NOTARISATION):
            outcome = ServiceOutcome.REFERRED
        if open_from is not None and day >= open_from and rng.random() < 0.5:
            outcome = ServiceOutcome.FOLLOWING
        matter = rng.choice(SERVICE_MATTERS[kind])
        rows.append((day, kind, rng.choice(villages), person, phone, matter, outcome))
    return rows


def _services(
    rng: random.Random, town: OrgUnit, villages: list[OrgUnit], actors: list[User], handlers
) -> int:
    today = timezone.localdate()
    years = [(2023, _service_rows(rng, villages, SERVICES_2023, dt.date(2023, 1, 3), dt.date(2023, 12, 29)))]
    for year in (2024, 2025):
        years.append((year, _service_rows(rng, villages, 40, dt.date(year, 1, 3), dt.date(year, 12, 29))))
    if today.year > 2025:
        soon = today - dt.timedelta(days=20)
        years.append((today.year, _service_rows(rng, villages, 36, dt.date(today.year, 1, 3),
                                                today - dt.timedelta(days=1), open_from=soon)))  # fmt: skip
    made = 0
    for year, rows in years:
        if LegalServiceRecord.objects.filter(org_unit=town, served_on__year=year).exists():
            continue
        for n, (day, kind, village, person, phone, matter, outcome) in enumerate(rows):
            actions.record_legal_service(actor=actors[n % len(actors)], data={
                "org_unit": town, "served_on": day, "kind": kind, "village": village, "person_name": person,
                "phone": phone, "summary": _tag(matter), "handled_by": handlers[n % len(handlers)],
                "outcome": outcome,
            })  # fmt: skip
        made += len(rows)
    return made


# -- the roster -----------------------------------------------------------------------------------


def _roster(rng: random.Random, town: OrgUnit, villages: list[OrgUnit], office: User) -> int:
    lawyers = []
    while len(lawyers) < 9:
        name = rng.choice(names.SURNAMES) + "".join(rng.choice(names.GIVEN) for _ in range(2))
        if name not in lawyers:
            lawyers.append(name)
    rows = []
    for n, village in enumerate(villages):
        residents: list[str] = []
        while len(residents) < 2:
            name = _name(rng)
            if name not in residents:
                residents.append(name)
        trained = dt.date(2023, 4, 1) + dt.timedelta(days=rng.randrange(0, 150))
        for name in residents:
            rows.append((RosterKind.LITERATE_RESIDENT, name, village, _phone(rng), trained, _tag("村民")))
        lawyer = n % len(lawyers)
        rows.append((RosterKind.VILLAGE_ADVISOR, lawyers[lawyer], village, _phone(rng), dt.date(2023, 3, 10),
                     FIRMS[lawyer % len(FIRMS)]))  # fmt: skip
    # A village whose roster of a kind is already kept gets nothing more of that kind (one query).
    existing = set(RosterMember.objects.filter(org_unit=town).values_list("village_id", "kind"))
    made = 0
    for kind, name, village, phone, trained, note in rows:
        if (village.pk, kind) in existing:
            continue
        actions.add_roster_member(actor=office, data={
            "org_unit": town, "kind": kind, "name": name, "village": village, "phone": phone, "trained_on": trained,
            "note": note,
        })  # fmt: skip
        made += 1
    return made


@step(64)
def education(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    villages = list(
        ctx.objects.get("villages")
        or OrgUnit.objects.filter(parent=town, kind__in=("village", "community")).order_by("path")
    )
    office = User.objects.get(username="fazhiban")
    field_staff = [office, User.objects.get(username="officer"), User.objects.get(username="mediator")]
    # One generator per part, drawn first: a part skipped on a second run changes no other.
    seeds = [ctx.rng.random() for _ in range(4)]
    handlers = ["司法所赵静", "村居法律顾问", "司法所干部", "调解员张德福"]
    with audit.batch():
        sessions = _sessions(_rng(seeds[0]), town, office)
        trainings = _trainings(town, office)
        events = _outreach(_rng(seeds[1]), town, villages, field_staff)
        services = _services(_rng(seeds[2]), town, villages, field_staff, handlers)
        members = _roster(_rng(seeds[3]), town, villages, office)
    ctx.out(
        f"学法普法：学法活动{sessions}次、干部培训{trainings}期、普法活动{events}场、公共法律服务{services}次、"
        f"法律明白人和村居法律顾问{members}人（虚构；2023年合计与年度报告一致）"
    )
