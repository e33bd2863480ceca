"""Demo step: Jiangkou's people's mediation organisations and monthly screening.

The report gives 37 mediation committees at town and village level in 2023 (one for
the town and one in each of the 36 villages and communities) and one mediation
room stationed at the people's court and one at the police station
(report-figures.md rows 13 and 14). Each committee gets a chair and two to four
members; the town committee has full-time mediators, one of whom is the demo
account `mediator`. Twelve 2023 screening rounds with every village's report (most
find nothing and report 0), this year's rounds up to last month, and this month's
round still open with some villages yet to report.

Everything goes through the actions, so every record has its audit event. Dates of
establishment, people, phones and figures are invented (示例（虚构））; the disputes
themselves are the next step's (demo/disputes.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.demo import DemoContext, names, step
from fazhi.core.models import OrgUnit, User
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.choices import CommitteeLevel, MediatorRole, RoomKind
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningRound

FICTIONAL = "示例（虚构）"
TOWN_COMMITTEE = "江口镇人民调解委员会"
SOURCE = "2023年调解委员会数量据年度报告；成立日期、地址、电话为示例（虚构）"
ROOMS = [
    # (kind, name, host, opened on)
    (RoomKind.COURT, "云阳县人民法院江口人民法庭调解室", "云阳县人民法院江口人民法庭", dt.date(2019, 5, 20)),
    (RoomKind.POLICE, "云阳县公安局江口派出所调解室", "云阳县公安局江口派出所", dt.date(2020, 3, 16)),
]
# How many disputes a village finds in a month: mostly none.
FOUND_WEIGHTS = [(0, 56), (1, 20), (2, 12), (3, 7), (4, 3), (5, 2)]


def _level(unit: OrgUnit) -> str:
    return CommitteeLevel.COMMUNITY if unit.kind == OrgKind.COMMUNITY else CommitteeLevel.VILLAGE


def _day(ctx: DemoContext, first: int, last: int) -> dt.date:
    return dt.date(ctx.rng.randrange(first, last + 1), ctx.rng.randrange(1, 13), ctx.rng.randrange(1, 29))


def _phone(ctx: DemoContext) -> str:
    return f"1{ctx.rng.choice('3589')}{ctx.rng.randrange(10**8, 10**9)}"


def _name(ctx: DemoContext, taken: set[str]) -> str:
    while True:
        name = ctx.rng.choice(names.SURNAMES) + "".join(
            ctx.rng.choice(names.GIVEN) for _ in range(ctx.rng.choice((1, 2)))
        )
        if name not in taken:
            taken.add(name)
            return name


def _committees(
    ctx: DemoContext, town: OrgUnit, villages: list[OrgUnit], office: User
) -> dict[int, MediationCommittee]:
    found: dict[int, MediationCommittee] = {}
    plan = [(town, TOWN_COMMITTEE, CommitteeLevel.TOWN, dt.date(2008, 3, 18))]
    plan += [(v, f"{v.name}人民调解委员会", _level(v), _day(ctx, 2005, 2018)) for v in villages]
    for n, (unit, name, level, established) in enumerate(plan):
        phone = f"023-55{ctx.rng.randrange(100000, 1000000)}"
        committee = MediationCommittee.objects.filter(org_unit=unit, name=name).first()
        if committee is None:
            address = "江口镇便民服务中心（示例）" if n == 0 else f"{unit.name}便民服务站（示例）"
            committee = actions.create_committee(actor=office, data={
                "org_unit": unit, "name": name, "level": level, "established_on": established, "address": address,
                "phone": phone, "source_note": SOURCE,
            })  # fmt: skip
        found[unit.pk] = committee
    return found


def _mediators(
    ctx, committees: dict[int, MediationCommittee], town: OrgUnit, office: User, account: User
) -> int:
    """A chair and two to four members each; the town committee's mediators are
    full-time, and the demo account `mediator` is one of them."""
    made = 0
    for unit_id, committee in committees.items():
        is_town = unit_id == town.pk
        taken: set[str] = {account.display_name}
        people = [(MediatorRole.CHAIR, _name(ctx, taken), False, None)]
        if is_town:
            people += [(MediatorRole.VICE_CHAIR, _name(ctx, taken), True, None),
                       (MediatorRole.MEDIATOR, account.display_name, True, account),
                       (MediatorRole.MEDIATOR, _name(ctx, taken), True, None),
                       (MediatorRole.MEDIATOR, _name(ctx, taken), True, None)]  # fmt: skip
        else:
            people += [
                (MediatorRole.MEMBER, _name(ctx, taken), False, None) for _ in range(ctx.rng.randint(2, 4))
            ]
        start = max(committee.established_on, dt.date(2016, 1, 1))
        span = (dt.date(2022, 12, 31) - start).days
        rows = [(role, name, full_time, user, _phone(ctx), start + dt.timedelta(days=ctx.rng.randrange(0, span)))
                for role, name, full_time, user in people]  # fmt: skip
        # The names are drawn: a committee that has its people keeps them.
        if committee.mediators.exists():
            continue
        for role, name, full_time, user, phone, appointed in rows:
            actions.create_mediator(actor=office, data={
                "committee": committee, "name": name, "role": role, "full_time": full_time, "phone": phone,
                "user": user, "appointed_on": appointed, "note": FICTIONAL,
            })  # fmt: skip
            made += 1
    return made


def _rooms(town: OrgUnit, committee: MediationCommittee, office: User) -> dict[str, MediationRoom]:
    found = {}
    for kind, name, host, opened in ROOMS:
        room = MediationRoom.objects.filter(org_unit=town, name=name).first()
        if room is None:
            room = actions.create_room(actor=office, data={
                "org_unit": town, "name": name, "kind": kind, "host": host, "committee": committee,
                "opened_on": opened, "note": "设立日期为示例（虚构）",
            })  # fmt: skip
        found[kind] = room
    return found


def _found(ctx: DemoContext) -> int:
    values, weights = zip(*FOUND_WEIGHTS, strict=True)
    return ctx.rng.choices(values, weights)[0]


def _reports(ctx, villages, chairs, first: dt.date, last: dt.date, share: float = 1.0) -> list[dict]:
    """Every village's report, reported between `first` and `last`; with `share` < 1
    some villages have not reported yet."""
    rows = []
    for village in villages:
        found = _found(ctx)
        resolved = ctx.rng.randint(0, found)
        high = 1 if found and ctx.rng.random() < 0.06 else 0
        on = first + dt.timedelta(days=ctx.rng.randrange(0, (last - first).days + 1))
        if ctx.rng.random() >= share:
            continue
        rows.append({"village": village, "found": found, "resolved_on_spot": resolved, "high_risk": high,
                     "reported_on": on, "reporter": chairs.get(village.pk, ""),
                     "note": "已报镇综治中心跟踪化解（示例）" if high else ""})  # fmt: skip
    return rows


def _round(ctx, town, villages, chairs, month: dt.date, office: User, account: User, *, finish: bool) -> int:
    today = timezone.localdate()
    started = month + dt.timedelta(days=ctx.rng.randrange(0, 3))
    started = min(started, today)
    if finish:
        first, last = month + dt.timedelta(days=17), month + dt.timedelta(days=25)
        rows = _reports(ctx, villages, chairs, first, last)
        finished = last + dt.timedelta(days=ctx.rng.randrange(1, 4))
    else:
        rows = _reports(ctx, villages, chairs, started, today, share=0.65)
        finished = None
    if ScreeningRound.objects.filter(org_unit=town, month=month).exists():
        return 0
    screening = actions.open_round(actor=office, data={
        "org_unit": town, "month": month, "started_on": started,
        "note": f"{month:%Y年%m月}矛盾纠纷大排查：各村（社区）调委会、网格员逐户排查（示例）",
    })  # fmt: skip
    actions.record_results(screening, actor=account, results=rows)
    if finished is not None:
        actions.finish_round(screening, actor=office, on=min(finished, today))
    return 1


def _rounds(ctx, town, villages, committees, office, account) -> int:
    chairs = {
        m.committee.org_unit_id: m.name
        for m in Mediator.objects.filter(committee__in=list(committees.values()), role=MediatorRole.CHAIR)
        .select_related("committee")
    }  # fmt: skip
    today = timezone.localdate()
    this_month = today.replace(day=1)
    months = [dt.date(2023, m, 1) for m in range(1, 13)]
    months += [dt.date(today.year, m, 1) for m in range(1, today.month) if today.year > 2023]
    made = 0
    for month in months:
        made += _round(ctx, town, villages, chairs, month, office, account, finish=True)
    made += _round(ctx, town, villages, chairs, this_month, office, account, finish=False)
    return made


@step(60)
def mediation(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    villages = list(ctx.objects.get("villages") or actions.villages_of(town))
    office = User.objects.get(username="fazhiban")
    account = User.objects.get(username="mediator")
    committees = _committees(ctx, town, villages, office)
    mediators = _mediators(ctx, committees, town, office, account)
    rooms = _rooms(town, committees[town.pk], office)
    rounds = _rounds(ctx, town, villages, committees, office, account)
    ctx.objects.update(committees=committees, town_committee=committees[town.pk], rooms=rooms)
    ctx.out(
        f"人民调解：调解委员会{len(committees)}个、调解室{len(rooms)}个，新增调解员{mediators}名、"
        f"矛盾纠纷排查{rounds}轮（虚构）"
    )
