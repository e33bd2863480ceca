"""Demo step: Jiangkou's enforcement in 2023, with the totals of its report:
1,120 summary penalties (133,970 yuan), 12 ordinary-procedure cases (9,900 yuan)
and 4 entrusted cases (13,100 yuan); 55 officers who all finished the yearly
training and passed the exam; and a few open cases of today for the workbench.

Cases go through the real actions, so each has its steps, deadlines and audit
events. Names, parties and single amounts are invented (示例（虚构）)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from fazhi.core import workdays
from fazhi.core.demo import DemoContext, names, step
from fazhi.core.demo.town import _person
from fazhi.core.models import User
from fazhi.enforcement import actions
from fazhi.enforcement.choices import Authority, BodyKind, DecisionKind, PartyKind, PenaltyKind
from fazhi.enforcement.models import Case, EnforcementBody, Entrustment, Matter, Officer, OfficerYear, Party

ILLUSTRATIVE = "示例：2023年赋权、委托清单未公开，按重庆市乡镇执法事项指导目录编写"
SUMMARY_TARGET = (1120, Decimal("133970"))
ORDINARY_FINES = [500, 800, 1000, 600, 700, 900, 1200, 500, 1000, 800, 1400, 500]  # 9,900
ENTRUSTED_FINES = [2000, 3000, 3600, 4500]  # 13,100

# code, name, violation basis, penalty basis, kinds, individual range, organisation range, authority, summary
MATTERS = [
    ("JK-001", "堆放粪便、垃圾、秸秆、杂物且拒不改正", "重庆市村镇规划建设管理条例第五十条", "重庆市村镇规划建设管理条例第五十条",
     "警告、罚款", (None, 500), (None, 500), Authority.STATUTORY, True),
    ("JK-002", "在分散式饮用水水源保护范围内从事禁止行为", "重庆市水资源管理条例第十八条", "重庆市水资源管理条例第三十九条",
     "罚款", (200, 500), (5000, 20000), Authority.STATUTORY, True),
    ("JK-003", "占道经营、店外经营", "重庆市市容环境卫生管理条例第十八条", "重庆市市容环境卫生管理条例第十八条",
     "罚款", (50, 500), (500, 2000), Authority.ASSIGNED, True),
    ("JK-004", "随地吐痰、乱扔废弃物、街面泼洒污水", "重庆市市容环境卫生管理条例第四十五条", "重庆市市容环境卫生管理条例第四十五条",
     "罚款", (50, 200), (200, 2000), Authority.ASSIGNED, True),
    ("JK-005", "乱张贴、乱涂画", "重庆市市容环境卫生管理条例第三十九条", "重庆市市容环境卫生管理条例第三十九条",
     "罚款", (50, 500), (500, 5000), Authority.ASSIGNED, True),
    ("JK-006", "遛犬不及时清除犬只粪便", "重庆市市容环境卫生管理条例第四十四条", "重庆市市容环境卫生管理条例第四十四条",
     "罚款", (50, 100), (50, 100), Authority.ASSIGNED, True),
    ("JK-007", "倾倒、抛撒、焚烧生活垃圾", "中华人民共和国固体废物污染环境防治法第一百一十一条第一款第一项",
     "中华人民共和国固体废物污染环境防治法第一百一十一条第一款第一项", "罚款", (100, 500), (50000, 500000),
     Authority.ASSIGNED, True),
    ("JK-008", "占用、堵塞、封闭疏散通道或消防车通道", "中华人民共和国消防法第六十条第一款第三项、第五项",
     "中华人民共和国消防法第六十条", "警告、罚款", (None, 500), (5000, 50000), Authority.ASSIGNED, True),
    ("JK-009", "拒不配合燃气安全检查且逾期不改正", "重庆市天然气管理条例第六十条第一款第一项", "重庆市天然气管理条例第六十条",
     "罚款", (200, 1000), (10000, 100000), Authority.ASSIGNED, False),
    ("JK-010", "使用高音广播喇叭或装修噪声，拒不改正", "中华人民共和国噪声污染防治法第八十二条", "中华人民共和国噪声污染防治法第八十二条",
     "警告、罚款", (200, 1000), (2000, 20000), Authority.ASSIGNED, False),
]  # fmt: skip
ENTRUSTED_MATTER = ("WT-001", "在禁止时段或区域露天烧烤", "中华人民共和国大气污染防治法第八十一条",
                    "中华人民共和国大气污染防治法第一百一十八条", "没收、罚款", (500, 20000), (500, 20000))  # fmt: skip

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def make_uscc(n: int) -> str:
    """A well-formed unified social credit code (GB 32100-2015) for a fictional firm."""
    body = f"92500235MA{n:07d}"[:17]
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_CHARS[(31 - total % 31) % 31]


def _working_days(year: int) -> list[dt.date]:
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        if workdays.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _amounts(rng, n: int, total: Decimal, ranges: list[tuple[int, int]]) -> list[Decimal]:
    """n amounts in multiples of 10, each in its range, adding up to `total` exactly."""
    values = [rng.randrange(lo // 10, hi // 10 + 1) * 10 for lo, hi in ranges]
    diff = int(total) - sum(values)
    order = list(range(n))
    while diff:
        rng.shuffle(order)
        moved = False
        for i in order:
            lo, hi = ranges[i]
            step_ = 10 if diff > 0 else -10
            if lo <= values[i] + step_ <= hi:
                values[i] += step_
                diff -= step_
                moved = True
                if not diff:
                    break
        if not moved:
            raise ValueError("the demo total does not fit the ranges")
    return [Decimal(v) for v in values]


@step(30)
def enforcement(ctx: DemoContext) -> None:
    town = ctx.objects["town"]
    if Case.objects.filter(org_unit=town, decided_on__year=2023).exists():
        ctx.out("执法案件已存在，跳过")
        return
    officer_user = User.objects.get(username="officer")
    reviewer = User.objects.get(username="reviewer")
    body = EnforcementBody.objects.create(org_unit=town, name="云阳县江口镇人民政府", kind=BodyKind.TOWN,
                                          short_code="云江执罚")  # fmt: skip
    ecology = EnforcementBody.objects.create(org_unit=town, name="云阳县生态环境局", kind=BodyKind.COUNTY_DEPARTMENT,
                                             short_code="云环委罚", source_note="示例：委托关系为虚构")  # fmt: skip
    matters = []
    for code, name, vb, pb, kinds, ind, org, authority, summary in MATTERS:
        matters.append(Matter.objects.create(
            org_unit=town, code=code, name=name, violation_basis=vb, penalty_basis=pb, penalty_kinds=kinds,
            fine_min_individual=ind[0], fine_max_individual=ind[1], fine_min_organisation=org[0],
            fine_max_organisation=org[1], authority=authority, summary_allowed=summary,
            source_note="" if authority == Authority.STATUTORY else ILLUSTRATIVE,
        ))  # fmt: skip
    code, name, vb, pb, kinds, ind, org = ENTRUSTED_MATTER
    barbecue = Matter.objects.create(
        org_unit=town, code=code, name=name, violation_basis=vb, penalty_basis=pb, penalty_kinds=kinds,
        fine_min_individual=ind[0], fine_max_individual=ind[1], fine_min_organisation=org[0],
        fine_max_organisation=org[1], authority=Authority.ENTRUSTED, entrusting_body=ecology,
        source_note="示例：委托事项为虚构",
    )  # fmt: skip
    entrustment = Entrustment.objects.create(org_unit=town, body=ecology, document_no="云环发〔2022〕88号（示例）",
                                             valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2025, 12, 31),
                                             published_on=dt.date(2022, 12, 20), source_note="示例")  # fmt: skip
    entrustment.matters.set([barbecue])

    # 55 officers, all valid through 2023, all trained and passed.
    officers = []
    demo_person = officer_user.person
    for i in range(55):
        if i == 0 and demo_person is not None:
            person = demo_person
        else:
            male = ctx.rng.random() < 0.7
            pname = ctx.rng.choice(names.SURNAMES) + "".join(ctx.rng.choice(names.GIVEN) for _ in range(2))
            person = _person(ctx, town, pname, male, 400 + i)
        officer = Officer.objects.create(
            org_unit=town, person=person, user=officer_user if i == 0 else None,
            certificate_no=f"50023513{i + 1:04d}", issuer="重庆市人民政府", valid_from=dt.date(2021, 3, 1),
            valid_to=dt.date(2027, 2, 28),
        )  # fmt: skip
        OfficerYear.objects.create(officer=officer, year=2023, training_hours=Decimal("40"), training_completed=True,
                                   exam_passed=True)  # fmt: skip
        officers.append(officer)

    villages = ctx.objects["villages"]
    parties = []
    for i in range(240):
        male = ctx.rng.random() < 0.6
        pname = ctx.rng.choice(names.SURNAMES) + "".join(ctx.rng.choice(names.GIVEN) for _ in range(2))
        person = _person(ctx, ctx.rng.choice(villages), pname, male, 600 + i)
        parties.append(Party.objects.create(org_unit=town, kind=PartyKind.INDIVIDUAL, name=person.name,
                                            resident_id=person.resident_id, phone=person.phone,
                                            address=person.address))  # fmt: skip
    firms = [Party.objects.create(org_unit=town, kind=PartyKind.ORGANISATION, name=f"云阳县江口{n}有限公司（虚构）",
                                  uscc=make_uscc(i + 1), legal_representative=ctx.rng.choice(names.SURNAMES) + "某",
                                  address=f"重庆市云阳县江口镇{ctx.rng.choice(names.STREETS)}{i + 1}号")
             for i, n in enumerate(["兴旺商贸", "汤溪餐饮", "团滩建材", "滨江物流", "千丘农业", "盛堡酒店"])]  # fmt: skip

    days = _working_days(2023)
    summary_matters = [m for m in matters if m.summary_allowed]
    picks = [ctx.rng.choice(summary_matters) for _ in range(SUMMARY_TARGET[0])]
    ranges = [(int(m.fine_min_individual or 50), min(200, int(m.fine_max_individual))) for m in picks]
    fines = _amounts(ctx.rng, SUMMARY_TARGET[0], SUMMARY_TARGET[1], ranges)
    dates = sorted(ctx.rng.choice(days[:-5]) for _ in range(SUMMARY_TARGET[0]))
    for matter, fine, on in zip(picks, fines, dates, strict=True):
        pair = ctx.rng.sample(officers[:12], 2)
        case = actions.record_summary_case(actor=officer_user, on=on, data={
            "org_unit": town, "authority": matter.authority, "body": body, "matter": matter,
            "party": ctx.rng.choice(parties), "source": "on_the_spot", "facts": f"当事人{matter.name}，经现场查实。",
            "place": f"江口镇{ctx.rng.choice(names.STREETS)}", "occurred_on": on, "discovered_on": on,
            "penalty_kind": PenaltyKind.FINE, "fine": fine, "officers": pair, "collected_on_spot": fine <= 100,
        })  # fmt: skip
        if fine > 100:
            # Paid in time: a late payment would owe the 3%-a-day surcharge (第72条).
            paid_on = min(workdays.add_working_days(on, ctx.rng.randrange(1, 8)), case.payment_due)
            actions.record_payment(case, actor=officer_user, amount=fine, on=paid_on)
            actions.close_case(case, actor=officer_user, on=paid_on)

    def ordinary(matter, party, fine, filed, *, acting_body, authority, review: bool, finish: bool = True):
        pair = ctx.rng.sample(officers[:12], 2)
        case = actions.register_case(actor=officer_user, on=filed, data={
            "org_unit": town, "authority": authority, "body": acting_body, "matter": matter, "party": party,
            "source": ctx.rng.choice(["complaint", "inspection", "referral"]), "facts": f"经调查，当事人{matter.name}。",
            "place": f"江口镇{ctx.rng.choice(villages).name}", "occurred_on": filed - dt.timedelta(days=5),
            "discovered_on": filed, "officers": pair, "needs_legal_review": review,
            "legal_review_reason": "案情复杂，涉及重大权益" if review else "",
        })  # fmt: skip
        actions.file_case(case, actor=officer_user, on=filed)
        actions.investigate(case, actor=officer_user, on=filed)
        day = workdays.add_working_days(filed, 10)
        actions.submit_review(case, actor=officer_user, on=day)
        if review:
            actions.send_legal_review(case, actor=officer_user, on=day)
            day = workdays.add_working_days(day, 3)
            actions.review_case(case, actor=reviewer, passed=True, opinion="事实清楚，证据确凿，程序合法，适用依据正确。",
                                on=day)  # fmt: skip
        actions.notify(case, actor=officer_user, penalty_kind=PenaltyKind.FINE, fine=fine, on=day)
        case.refresh_from_db()
        decide_on = workdays.add_working_days(max(case.defence_until, case.hearing_request_until or day), 1)
        actions.decide_case(case, actor=officer_user, decision_kind=DecisionKind.PENALTY,
                            penalty_kind=PenaltyKind.FINE, fine=fine, on=decide_on)  # fmt: skip
        served = workdays.add_working_days(decide_on, 2)
        actions.serve_decision(case, actor=officer_user, on=served)
        if finish:
            case.refresh_from_db()
            paid = min(workdays.add_working_days(served, 5), case.payment_due)
            actions.record_payment(case, actor=officer_user, amount=fine, on=paid)
            actions.close_case(case, actor=officer_user, on=paid)
        return case

    ordinary_matters = [m for m in matters if (m.fine_max_organisation or 0) >= 1400]
    starts = sorted(ctx.rng.sample(days[20:-60], len(ORDINARY_FINES) + len(ENTRUSTED_FINES)))
    for i, fine in enumerate(ORDINARY_FINES):
        matter = ctx.rng.choice(ordinary_matters)
        party = firms[i % len(firms)]
        low = matter.fine_min_organisation or 0
        if fine < low:
            matter = next(m for m in ordinary_matters if (m.fine_min_organisation or 0) <= fine)
        ordinary(matter, party, Decimal(fine), starts[i], acting_body=body, authority=matter.authority,
                 review=i % 3 == 0, finish=i != len(ORDINARY_FINES) - 1)  # fmt: skip
    for i, fine in enumerate(ENTRUSTED_FINES):
        ordinary(barbecue, firms[i], Decimal(fine), starts[len(ORDINARY_FINES) + i], acting_body=ecology,
                 authority=Authority.ENTRUSTED, review=True)  # fmt: skip

    # Open cases of today, for the workbench: due soon and overdue (第60条).
    today = timezone.localdate()
    for back in (88, 95):
        matter = next(m for m in matters if m.code == "JK-009")
        filed = today - dt.timedelta(days=back)
        case = actions.register_case(actor=officer_user, on=filed, data={
            "org_unit": town, "authority": matter.authority, "body": body, "matter": matter, "party": firms[-1],
            "source": "complaint", "facts": "群众投诉，当事人拒不配合燃气安全检查。", "place": "江口镇滨江路",
            "occurred_on": filed - dt.timedelta(days=3), "discovered_on": filed, "officers": officers[:2],
        })  # fmt: skip
        actions.file_case(case, actor=officer_user, on=filed)
        actions.investigate(case, actor=officer_user, on=filed)
    # A few recent decisions, so that the portal shows what a town publishes today.
    recent = []
    for i, fine in enumerate((2000, 1500, 3000)):
        filed = workdays.add_working_days(today - dt.timedelta(days=75), i * 3)
        fits = [m for m in ordinary_matters
                if (m.fine_min_organisation or 0) <= fine <= (m.fine_max_organisation or fine)]  # fmt: skip
        matter = fits[i % len(fits)]
        recent.append(ordinary(matter, firms[i], Decimal(fine), filed, acting_body=body, authority=matter.authority,
                               review=False))  # fmt: skip
    _publish(ctx, town, officer_user, recent_queued=recent[-1])
    ctx.out(
        f"执法：执法人员{len(officers)}名，事项{len(matters) + 1}项，2023年案件{Case.objects.filter(org_unit=town, decided_on__year=2023).count()}件"
    )


def _publish(ctx: DemoContext, town, officer_user, *, recent_queued) -> None:
    """The publication queue as a town keeps it: each decision published two working
    days after it was made, one left unpublished past its due date (for the warnings), one 2023
    decision revoked on reconsideration and withdrawn, and terms that have run ended."""
    from fazhi.enforcement import disclosure
    from fazhi.enforcement.models import Disclosure

    leader = User.objects.get(username="leader")
    queued = (
        Disclosure.objects.filter(org_unit=town, status="queued")
        .select_related("case")
        .order_by("decided_on")
    )
    for item in queued:
        if item.case_id == recent_queued.pk:
            continue
        disclosure.publish(item, actor=officer_user, on=min(workdays.add_working_days(item.decided_on, 2),
                                                            timezone.localdate()))  # fmt: skip
    revoked = Disclosure.objects.filter(org_unit=town, decided_on__year=2023).order_by("decided_on").first()
    if revoked is not None:
        on = workdays.add_working_days(revoked.published_on, 15)
        actions.revoke_decision(revoked.case, actor=leader, on=on, reason="经行政复议决定撤销（示例）")
        disclosure.withdraw(revoked, actor=officer_user, on=workdays.add_working_days(on, 2),
                            reason="该处罚决定经行政复议决定撤销（示例）")  # fmt: skip
    disclosure.expire()
    shown = Disclosure.objects.filter(org_unit=town, status="published").count()
    ctx.out(f"执法公示：公示中{shown}件，待公示1件，已撤回1件")
