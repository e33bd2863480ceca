"""Demo step: Jiangkou's disputes (矛盾纠纷排查化解).

2023 gives the report's figure: 718 disputes screened and resolved, counted as the
disputes closed in the year (report-figures.md row 15), spread over the year, the
villages and the categories; most end in an agreement, some are referred to a court,
to arbitration or another body, and every one was visited before it was closed. A
few 2022 disputes come before them, and this year (computed from today) has disputes
at every stage: registered (one of them high-risk, one from the grid worker's phone),
assigned, in mediation, resolved and waiting for the follow-up visit, one whose
judicial confirmation is due in a few days and one where it is overdue.

The 2023 ledger is loaded in bulk (`_load_bulk`): every dispute still gets its
number, parties, history rows, deadline and the audit event of each step, written
in one audit batch, as the actions would write them; the actions would take about
four thousand transactions for it. This year's disputes go through the actions.
Names, ID numbers, phones, addresses and the disputes themselves are invented
(示例（虚构））."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core import audit, deadlines, documents
from fazhi.core.demo import DemoContext, names, step
from fazhi.core.demo.town import make_resident_id
from fazhi.core.models import OrgUnit, User
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import AgreementForm, ConfirmationResult, DisputeStatus, Referral, RiskLevel
from fazhi.disputes.models import (
    Dispute,
    DisputeParty,
    DisputeStep,
    MediationCommittee,
    MediationRoom,
    Mediator,
)
from fazhi.disputes.workflow import disputes as workflow

S = DisputeStatus
CLOSED_2023 = 718
EARLIER_2022 = 12  # registered and closed in 2022
EXAMPLE = "（示例）"

CATEGORIES = [("neighbours", 30), ("family", 19), ("land", 15), ("labour", 7), ("contract", 9), ("traffic", 7),
              ("damages", 9), ("other", 4)]  # fmt: skip
SOURCES = [("grid", 45), ("walk_in", 25), ("court", 7), ("police", 11), ("petition", 7), ("other", 5)]
SUMMARIES = {
    "neighbours": ["相邻两户因房屋滴水、排水沟走向发生争执", "邻里因通行道路被占用发生纠纷", "两户因宅基地边界发生争执",
                   "邻居装修噪声扰民引发矛盾"],
    "family": ["子女之间因赡养老人费用分担发生矛盾", "夫妻感情不和，因家庭财产分割发生争吵", "兄弟之间因老屋继承发生纠纷"],
    "land": ["两组村民因承包地边界发生争执", "山林权属界线不清引发纠纷", "土地流转租金支付发生争议"],
    "labour": ["务工人员与包工头因工资拖欠发生纠纷", "务工期间受伤，双方就赔偿发生争议"],
    "contract": ["房屋租赁合同到期后押金退还发生争议", "农资买卖货款结算发生纠纷", "自建房施工质量和工程款发生争议"],
    "traffic": ["摩托车与三轮车刮擦，双方就损失赔偿发生争议", "道路交通事故致人轻伤，赔偿数额发生争议"],
    "damages": ["家禽毁损邻户庄稼，双方就赔偿发生争执", "饲养犬只咬伤村民，赔偿发生争议", "建房致邻房墙体开裂，赔偿发生争议"],
    "other": ["集体经济组织收益分配引发村民不满", "红白喜事占道引发矛盾"],
}  # fmt: skip
TERMS = {
    "neighbours": "一、双方按现状共同疏通排水沟，费用各半承担。\n二、双方今后互谅互让，不再因此发生争执。",
    "family": "一、赡养费由子女按月分担，每人每月300元，于每月10日前支付。\n二、老人的医疗费凭票据由子女平均分担。",
    "land": "一、双方按村民小组确认的界址埋设界桩。\n二、界桩埋设费用由双方平均承担。",
    "labour": "一、欠付工资于协议签订后十日内一次付清。\n二、付清后双方再无其他争议。",
    "contract": "一、押金（货款、工程款）于协议签订后十五日内结清。\n二、双方合同关系就此终止。",
    "traffic": "一、过错方一次性赔偿对方医疗费、误工费、车辆维修费。\n二、赔偿款当场付清。",
    "damages": "一、侵权方一次性赔偿损失。\n二、侵权方今后加强看管，防止再次发生。",
    "other": "一、双方按村规民约处理，互不追究。",
}  # fmt: skip
AMOUNTS = {
    "labour": (2000, 30000),
    "contract": (1000, 50000),
    "traffic": (1000, 20000),
    "damages": (300, 8000),
}


@dataclass
class Plan:
    """One dispute of the bulk ledger, drawn before anything is written."""

    village: OrgUnit
    category: str
    source: str
    risk: str
    summary: str
    amount: Decimal | None
    people: int
    parties: list[dict[str, Any]]
    registered_on: dt.date
    committee: MediationCommittee
    mediators: list[Mediator]
    room: MediationRoom | None
    assigned_on: dt.date
    started_on: dt.date
    resolved_on: dt.date
    agreement_form: str = ""
    referral: str = ""
    referral_note: str = ""
    confirmation: bool = False
    applied_on: dt.date | None = None
    follow_up_on: dt.date | None = None
    closed_on: dt.date | None = None
    registrar: User | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _pick(ctx: DemoContext, weighted: list[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return ctx.rng.choices(values, weights)[0]


def _parties(ctx: DemoContext, village: OrgUnit, seq: int, n: int) -> list[dict[str, Any]]:
    rows = []
    for k in range(n):
        male = ctx.rng.random() < 0.55
        name = ctx.rng.choice(names.SURNAMES) + "".join(
            ctx.rng.choice(names.GIVEN) for _ in range(ctx.rng.choice((1, 2)))
        )
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=ctx.rng.randrange(0, 365 * 50))
        with_id = ctx.rng.random() < 0.6
        rows.append({
            "kind": "individual", "name": name,
            "resident_id": make_resident_id("500235", birth, 700 + seq * 3 + k, male) if with_id else "",
            "phone": f"1{ctx.rng.choice('3589')}{ctx.rng.randrange(10**8, 10**9)}",
            "address": f"重庆市云阳县江口镇{village.name}{ctx.rng.randrange(1, 12)}组{ctx.rng.randrange(1, 80)}号",
        })  # fmt: skip
    return rows


def _serving(staff: list[Mediator], on: dt.date) -> list[Mediator]:
    serving = [m for m in staff if m.appointed_on <= on and (m.left_on is None or m.left_on >= on)]
    return serving or sorted(staff, key=lambda m: m.appointed_on)[:1]


def _plan(
    ctx, seq: int, *, registered_on: dt.date, villages, committees, town_committee, rooms, staff
) -> Plan:
    """Draw one closed dispute registered on `registered_on`, closed within its year.
    `staff` gives each committee's mediators by committee id."""
    village = ctx.rng.choice(villages)
    category = _pick(ctx, CATEGORIES)
    risk = _pick(ctx, [(RiskLevel.LOW, 80), (RiskLevel.MEDIUM, 15), (RiskLevel.HIGH, 5)])
    source = _pick(ctx, SOURCES)
    # The village's committee mediates most; the town's takes the serious ones and those
    # brought by the court or the police, often in the stationed rooms.
    at_town = risk == RiskLevel.HIGH or source in ("court", "police", "petition") or ctx.rng.random() < 0.12
    committee = town_committee if at_town else committees.get(village.pk, town_committee)
    room = rooms.get(source) if source in ("court", "police") else None
    low, high = AMOUNTS.get(category, (0, 0))
    amount = Decimal(ctx.rng.randrange(low // 100, high // 100 + 1) * 100) if high else None
    year_end = dt.date(registered_on.year, 12, 31)
    assigned = min(registered_on + dt.timedelta(days=ctx.rng.randrange(0, 3)), year_end)
    started = min(assigned + dt.timedelta(days=ctx.rng.randrange(0, 3)), year_end)
    resolved = min(started + dt.timedelta(days=ctx.rng.randrange(0, 15)), year_end)
    follow = min(resolved + dt.timedelta(days=ctx.rng.randrange(5, 25)), year_end)
    closed = min(follow + dt.timedelta(days=ctx.rng.randrange(0, 3)), year_end)
    serving = _serving(staff[committee.pk], assigned)
    mediators = ctx.rng.sample(serving, min(len(serving), ctx.rng.choice((1, 2))))
    plan = Plan(village=village, category=category, source=source, risk=risk,
                summary=ctx.rng.choice(SUMMARIES[category]) + EXAMPLE, amount=amount,
                people=ctx.rng.choice((2, 2, 2, 3, 4, 6)), parties=_parties(ctx, village, seq, ctx.rng.choice((2, 2, 3))),
                registered_on=registered_on, committee=committee, mediators=mediators, room=room, assigned_on=assigned,
                started_on=started, resolved_on=resolved, follow_up_on=follow, closed_on=closed)  # fmt: skip
    if ctx.rng.random() < 0.93:
        plan.agreement_form = AgreementForm.WRITTEN if ctx.rng.random() < 0.62 else AgreementForm.ORAL
        if plan.agreement_form == AgreementForm.WRITTEN and ctx.rng.random() < 0.1:
            # The parties apply before the visit; the court mostly rules before it too.
            plan.confirmation = True
            plan.applied_on = resolved + dt.timedelta(days=ctx.rng.randrange(0, (follow - resolved).days + 1))
            if ctx.rng.random() < 0.9:
                plan.extra["ruling_on"] = plan.applied_on + dt.timedelta(
                    days=ctx.rng.randrange(0, (follow - plan.applied_on).days + 1)
                )
    else:
        plan.referral = _pick(ctx, [(Referral.LITIGATION, 50), (Referral.ARBITRATION, 15), (Referral.OTHER_BODY, 25),
                                    (Referral.NONE, 10)])  # fmt: skip
        plan.referral_note = {"litigation": "告知当事人可向云阳县人民法院起诉", "arbitration": "引导当事人申请劳动人事争议仲裁",
                              "other_body": "移交镇农业服务中心协调处理", "none": ""}[plan.referral] + (
            EXAMPLE if plan.referral != Referral.NONE else "")  # fmt: skip
    return plan


def _through_actions(plan: Plan, actor: User, up_to: str | None = None) -> Dispute:
    """One dispute taken through the actions on the plan's dates: every step the plan
    has, or only up to registration, assignment or the start of mediation (`up_to`)."""
    data = {"village": plan.village, "source": plan.source, "category": plan.category, "risk_level": plan.risk,
            "summary": plan.summary, "amount": plan.amount, "people_involved": plan.people,
            "registered_on": plan.registered_on}  # fmt: skip
    dispute = actions.register_dispute(actor=plan.registrar or actor, data=data, parties=plan.parties)
    if up_to == S.REGISTERED:
        return dispute
    dispute = actions.assign_dispute(dispute, actor=actor, committee=plan.committee, mediators=plan.mediators,
                                     room=plan.room, on=plan.assigned_on)  # fmt: skip
    if up_to == S.ASSIGNED:
        return dispute
    dispute = actions.start_mediation(dispute, actor=actor, on=plan.started_on)
    if up_to == S.MEDIATING:
        return dispute
    if plan.agreement_form:
        dispute = actions.resolve_dispute(dispute, actor=actor, agreement_form=plan.agreement_form,
                                          agreement_text=TERMS[plan.category], confirmation_wanted=plan.confirmation,
                                          on=plan.resolved_on)  # fmt: skip
    elif plan.referral:
        dispute = actions.record_failure(dispute, actor=actor, referral=plan.referral,
                                         referral_note=plan.referral_note, on=plan.resolved_on)  # fmt: skip
    else:
        return dispute
    if plan.applied_on:
        dispute = actions.apply_confirmation(dispute, actor=actor, on=plan.applied_on)
        if plan.extra.get("ruling_on"):
            dispute = actions.record_confirmation_result(dispute, actor=actor, result=ConfirmationResult.CONFIRMED,
                                                         on=plan.extra["ruling_on"])  # fmt: skip
    if plan.follow_up_on:
        dispute = actions.follow_up(
            dispute,
            actor=actor,
            note=plan.extra.get("visit", "回访：协议已履行，双方无异议" + EXAMPLE),
            on=plan.follow_up_on,
        )
    if plan.closed_on:
        dispute = actions.close_dispute(dispute, actor=actor, on=plan.closed_on)
    return dispute


# -- the bulk path of the 2023 ledger -------------------------------------------------------

# The fields a step sets, as the actions set them (names of the model's fields).
PROCESS_FIELDS = ("committee", "room", "assigned_on", "mediation_started_on", "resolved_on", "agreement_form",
                  "agreement_text", "confirmation_wanted", "confirmation_due_on", "confirmation_applied_on",
                  "confirmation_result", "referral", "referral_note", "follow_up_on", "follow_up_note", "closed_on")  # fmt: skip


def _steps(plan: Plan, due: dt.date | None) -> list[tuple[str, str, dt.date, str, dict[str, Any]]]:
    """(action, status after, date, note, changes) of each step after registration, as
    the actions write them."""
    names_ = "、".join(m.name for m in plan.mediators)
    steps = [("assign", S.ASSIGNED, plan.assigned_on,
              f"{plan.committee.name}；调解员{names_}" + (f"；{plan.room.name}" if plan.room else ""),
              {"committee": plan.committee, "room": plan.room, "assigned_on": plan.assigned_on}),
             ("start", S.MEDIATING, plan.started_on, "", {"mediation_started_on": plan.started_on})]  # fmt: skip
    if plan.agreement_form:
        note = AgreementForm(plan.agreement_form).label + (
            f"；当事人拟申请司法确认，期限{due:%Y-%m-%d}" if due else ""
        )
        steps.append(("resolve", S.RESOLVED, plan.resolved_on, note, {
            "resolved_on": plan.resolved_on, "agreement_form": plan.agreement_form,
            "agreement_text": TERMS[plan.category], "confirmation_wanted": plan.confirmation,
            "confirmation_due_on": due}))  # fmt: skip
        after = S.RESOLVED
    else:
        note = Referral(plan.referral).label + (f"：{plan.referral_note}" if plan.referral_note else "")
        steps.append(("fail", S.UNRESOLVED, plan.resolved_on, note, {
            "resolved_on": plan.resolved_on, "referral": plan.referral, "referral_note": plan.referral_note}))  # fmt: skip
        after = S.UNRESOLVED
    if plan.applied_on:
        steps.append(("apply_confirmation", after, plan.applied_on, f"期限{due:%Y-%m-%d}", {
            "confirmation_wanted": True, "confirmation_due_on": due, "confirmation_applied_on": plan.applied_on}))  # fmt: skip
        if plan.extra.get("ruling_on"):
            steps.append(("confirmation_result", after, plan.extra["ruling_on"], ConfirmationResult.CONFIRMED.label,
                          {"confirmation_result": ConfirmationResult.CONFIRMED}))  # fmt: skip
    visit = plan.extra.get("visit", "回访：协议已履行，双方无异议" + EXAMPLE)
    steps.append(("follow_up", after, plan.follow_up_on, visit,
                  {"follow_up_on": plan.follow_up_on, "follow_up_note": visit}))  # fmt: skip
    steps.append(("close", S.CLOSED, plan.closed_on, "", {"closed_on": plan.closed_on}))
    return steps


def _attname(name: str) -> str:
    return Dispute._meta.get_field(name).attname


def _plain(value: Any) -> Any:
    return audit._plain(value)


@audit.audited
def load_bulk(plans: list[Plan], *, town: OrgUnit, actor: User) -> list[Dispute]:
    """Closed disputes written in bulk, each with what the actions would have written:
    its number in the town's run, its parties, one history row and one audit event per
    step (registered, assigned, … closed), the judicial confirmation's deadline, all in
    one transaction and one audit batch."""
    scheme = actions.scheme(town)
    first = {}
    for year in sorted({p.registered_on.year for p in plans}):
        count = sum(1 for p in plans if p.registered_on.year == year)
        first[year] = documents.next_number(scheme, year)
        documents.reserve_number(scheme, year, first[year] + count - 1)
    seen: dict[int, int] = {}
    rows, plans_steps = [], []
    for plan in plans:
        year = plan.registered_on.year
        n = first[year] + seen.get(year, 0)
        seen[year] = seen.get(year, 0) + 1
        registrar = plan.registrar or actor
        due = actions.confirmation_due(plan.resolved_on) if plan.confirmation else None
        steps = _steps(plan, due)
        dispute = Dispute(org_unit=actions.keeping_unit(registrar, plan.village), village=plan.village,
                          number=actions.format_number(town, year, n), source=plan.source, category=plan.category,
                          summary=plan.summary, risk_level=plan.risk, amount=plan.amount, people_involved=plan.people,
                          registered_on=plan.registered_on, registered_by=registrar, status=S.REGISTERED)  # fmt: skip
        registered = audit.raw_values(dispute)
        for _, status, _, _, changes in steps:
            for name, value in changes.items():
                setattr(dispute, name, value)
            dispute.status = status
        rows.append((dispute, registered))
        plans_steps.append(steps)
    Dispute.objects.bulk_create([d for d, _ in rows])
    parties, links, history = [], [], []
    through = Dispute.mediators.through
    for (dispute, registered), plan, steps in zip(rows, plans, plans_steps, strict=True):
        registrar = dispute.registered_by
        made = [actions._party(p, i) for i, p in enumerate(plan.parties, start=1)]
        for party in made:
            party.dispute = dispute
        parties.extend(made)
        links.extend(through(dispute_id=dispute.pk, mediator_id=m.pk) for m in plan.mediators)
        history.append(DisputeStep(dispute=dispute, action="register", label=workflow.ACTION_LABELS["register"],
                                   on=plan.registered_on, actor=registrar, note=dispute.get_source_display()))  # fmt: skip
        registered["id"] = dispute.pk
        new = audit.snapshot(dispute, registered)
        new["parties"] = actions._parties_shown(made)
        audit.record(actor=registrar, action="disputes.dispute.registered", target=dispute, new=new)
        status = S.REGISTERED
        state = {_attname(n): registered[_attname(n)] for n in PROCESS_FIELDS}
        for action, after, on, note, changes in steps:
            keys = [_attname(n) for n in changes]
            old = {"status": status, **{k: state[k] for k in keys}}
            for name, value in changes.items():
                state[_attname(name)] = _plain(value)
            new = {"status": after, **{k: state[k] for k in keys}}
            history.append(DisputeStep(dispute=dispute, action=action, label=workflow.ACTION_LABELS[action], on=on,
                                       actor=actor, note=note))  # fmt: skip
            audit.record(actor=actor, action=f"disputes.dispute.{workflow.AUDIT_VERBS[action]}", target=dispute,
                         old=old, new=new, message=note[:500])  # fmt: skip
            status = after
        if dispute.confirmation_due_on:
            deadlines.sync(dispute, new=True)
    DisputeParty.objects.bulk_create(parties)
    through.objects.bulk_create(links)
    DisputeStep.objects.bulk_create(history)
    return [d for d, _ in rows]


# -- the step ----------------------------------------------------------------------------------


def _dates(ctx: DemoContext, n: int, first: dt.date, last: dt.date) -> list[dt.date]:
    span = (last - first).days + 1
    return sorted(first + dt.timedelta(days=ctx.rng.randrange(span)) for _ in range(n))


@step(61)
def disputes(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    if Dispute.objects.filter(org_unit__path__startswith=town.path).exists():
        ctx.out("矛盾纠纷已存在，跳过")
        return
    committees = {
        c.org_unit_id: c for c in MediationCommittee.objects.filter(org_unit__path__startswith=town.path)
    }
    if town.pk not in committees:
        ctx.out("没有人民调解委员会（人民调解步骤未载入），跳过矛盾纠纷")
        return
    staff: dict[int, list[Mediator]] = {}
    for m in Mediator.objects.filter(committee__in=list(committees.values())).order_by("id"):
        staff.setdefault(m.committee_id, []).append(m)
    rooms = {r.kind: r for r in MediationRoom.objects.filter(org_unit=town)}
    rooms = {"court": rooms.get("court"), "police": rooms.get("police")}
    villages = list(OrgUnit.objects.filter(parent=town, kind__in=actions.VILLAGE_KINDS).order_by("path"))
    mediator = User.objects.get(username="mediator")
    grid = User.objects.get(username="grid")
    kw = {"villages": villages, "committees": committees, "town_committee": committees[town.pk], "rooms": rooms,
          "staff": staff}  # fmt: skip

    plans: list[Plan] = []
    for on in _dates(ctx, EARLIER_2022, dt.date(2022, 2, 1), dt.date(2022, 10, 31)):
        plans.append(_plan(ctx, len(plans), registered_on=on, **kw))
    for on in _dates(ctx, 3, dt.date(2022, 12, 12), dt.date(2022, 12, 20)):
        plan = _plan(ctx, len(plans), registered_on=on, **kw)
        # Registered late in 2022 and closed in January: counted in 2023.
        plan.follow_up_on = dt.date(2023, 1, ctx.rng.randrange(3, 12))
        plan.closed_on = plan.follow_up_on + dt.timedelta(days=1)
        plans.append(plan)
    for on in _dates(ctx, CLOSED_2023 - 3, dt.date(2023, 1, 1), dt.date(2023, 11, 30)):
        plans.append(_plan(ctx, len(plans), registered_on=on, **kw))
    for plan in plans:
        if plan.source == "grid" and plan.village.pk == grid.org_unit.parent_id:
            plan.registrar = grid
    load_bulk(plans, town=town, actor=mediator)
    opened = _this_year(ctx, town, kw, mediator, grid) if timezone.localdate().year > 2023 else 0
    closed_2023 = Dispute.objects.filter(org_unit__path__startswith=town.path,
                                         closed_on__range=(dt.date(2023, 1, 1), dt.date(2023, 12, 31))).count()  # fmt: skip
    ctx.out(
        f"矛盾纠纷：2023年排查化解（结案）{closed_2023}件，2022年{EARLIER_2022}件；今年{opened}件（虚构）"
    )


def _this_year(ctx: DemoContext, town: OrgUnit, kw: dict, mediator: User, grid: User) -> int:
    """This year's disputes through the actions: some closed, and one at every stage
    for the workbench and the lists."""
    today = timezone.localdate()
    made = 0
    # Closed earlier this year.
    for on in _dates(ctx, 30, dt.date(today.year, 1, 5), today - dt.timedelta(days=75)):
        _through_actions(_plan(ctx, 2000 + made, registered_on=on, **kw), mediator)
        made += 1
    town_committee = kw["town_committee"]
    with_account = [m for m in kw["staff"][town_committee.pk] if m.user_id == mediator.pk]

    seq = iter(range(3000, 3100))

    def open_plan(registered_days_ago: int, **changes) -> Plan:
        plan = _plan(ctx, next(seq), registered_on=today - dt.timedelta(days=registered_days_ago), **kw)
        plan.follow_up_on = plan.closed_on = plan.applied_on = None
        plan.confirmation = False
        for name, value in changes.items():
            setattr(plan, name, value)
        return plan

    village = OrgUnit.objects.get(pk=grid.org_unit.parent_id)
    stages = [
        # Registered: one high-risk, one from the grid worker's phone.
        open_plan(1, risk=RiskLevel.HIGH, agreement_form="", referral=""),
        open_plan(0, source="grid", village=village, registrar=grid, agreement_form="", referral=""),
    ]
    assigned = [open_plan(4), open_plan(6)]
    mediating = [open_plan(10), open_plan(12, risk=RiskLevel.HIGH)]
    waiting = [open_plan(14), open_plan(16, agreement_form="", referral=Referral.LITIGATION,
                                         referral_note="告知当事人可向云阳县人民法院起诉" + EXAMPLE)]  # fmt: skip
    # A written agreement whose judicial confirmation falls due within days, and one overdue.
    due_soon = open_plan(35, agreement_form=AgreementForm.WRITTEN, referral="", confirmation=True)
    overdue = open_plan(60, agreement_form=AgreementForm.WRITTEN, referral="", confirmation=True)
    for plan, resolved_ago in ((due_soon, 27), (overdue, 45)):
        plan.committee, plan.mediators, plan.room = town_committee, with_account or plan.mediators, None
        plan.assigned_on = plan.started_on = plan.registered_on + dt.timedelta(days=1)
        plan.resolved_on = today - dt.timedelta(days=resolved_ago)
    for plan in waiting:
        plan.resolved_on = min(plan.resolved_on, today - dt.timedelta(days=2))
    for plan in [*stages, *assigned, *mediating, *waiting, due_soon, overdue]:
        plan.assigned_on = min(plan.assigned_on, today)
        plan.started_on = min(max(plan.started_on, plan.assigned_on), today)
        plan.resolved_on = min(max(plan.resolved_on, plan.started_on), today)
    # In the order registered, so that the numbers run with the dates.
    plans = [*((p, S.REGISTERED) for p in stages), *((p, S.ASSIGNED) for p in assigned),
             *((p, S.MEDIATING) for p in mediating), *((p, None) for p in [*waiting, due_soon, overdue])]  # fmt: skip
    for plan, up_to in sorted(plans, key=lambda item: item[0].registered_on):
        _through_actions(plan, mediator, up_to=up_to)
    return made + len(plans)
