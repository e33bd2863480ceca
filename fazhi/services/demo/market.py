"""Demo step: Jiangkou's market entities and the town's visits to enterprises.

2023 has exactly the seed report's 1,005 new market entities: 402 enterprises
and 603 individual businesses (report-figures.md row 2), registered on days
spread over the year and in villages spread over the town. Around them: some
registrations of 2022 and of 2024 to this year (cooperatives and others among
them), a few cancelled (one of the 2023 businesses too: it still counts as new
in 2023), and a dozen visits to enterprises, one with its follow-up overdue.

Names, people, addresses, capital and dates are invented (示例（虚构））. Every
credit code is well formed (GB 32100-2015: market regulation "9", the category
character, Yunyang's division code 500235, an organisation code with its own
GB 11714 check character, and the check character). The registrations go
through the bulk action, with one audit event each, so the step stays fast."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.demo import DemoContext, names, step
from fazhi.core.models import OrgUnit, User
from fazhi.core.validators import uscc_check_char
from fazhi.services.actions import market as actions
from fazhi.services.choices import EntityStatus, EntityType
from fazhi.services.models import EnterpriseVisit, MarketEntity

NOTE = "示例（虚构）"
AREA = "500235"  # Yunyang County's division code
CATEGORY = {EntityType.ENTERPRISE: "1", EntityType.INDIVIDUAL: "2", EntityType.COOPERATIVE: "3"}
# (year, enterprises, individual businesses, cooperatives, others): 2023 from the report, the rest examples.
YEARS = [
    (2022, 24, 37, 3, 1),
    (2023, 402, 603, 0, 0),
    (2024, 31, 44, 2, 1),
    (2025, 28, 41, 1, 0),
    (2026, 22, 35, 1, 1),
]
# Cancelled afterwards: (year, type, serial in that year and type, days after registration).
CANCELLED = [
    (2022, EntityType.INDIVIDUAL, 3, 200), (2022, EntityType.INDIVIDUAL, 17, 420), (2022, EntityType.ENTERPRISE, 5, 610),
    (2023, EntityType.INDIVIDUAL, 11, 300), (2024, EntityType.INDIVIDUAL, 8, 150), (2024, EntityType.ENTERPRISE, 2, 380),
]  # fmt: skip
TRADE_WORDS = [
    "鑫源",
    "兴旺",
    "福临",
    "汇丰",
    "江韵",
    "溪畔",
    "荣昌",
    "顺达",
    "丰泽",
    "锦绣",
    "宏远",
    "恒通",
    "益民",
    "盛世",
]
ENTERPRISE_LINES = [
    ("农业开发有限公司", "农、林、牧、渔业"), ("商贸有限公司", "批发和零售业"), ("建材有限公司", "制造业"),
    ("建筑工程有限公司", "建筑业"), ("物流有限公司", "交通运输、仓储和邮政业"), ("餐饮管理有限公司", "住宿和餐饮业"),
    ("电子商务有限公司", "信息传输、软件和信息技术服务业"), ("生态养殖有限公司", "农、林、牧、渔业"),
    ("旅游开发有限公司", "文化、体育和娱乐业"), ("家政服务有限公司", "居民服务、修理和其他服务业"),
]  # fmt: skip
SHOP_LINES = [
    ("小吃店", "住宿和餐饮业"), ("便利店", "批发和零售业"), ("农资店", "批发和零售业"), ("理发店", "居民服务、修理和其他服务业"),
    ("摩托车修理部", "居民服务、修理和其他服务业"), ("蔬菜摊", "批发和零售业"), ("农家乐", "住宿和餐饮业"),
    ("五金店", "批发和零售业"), ("粮油店", "批发和零售业"), ("服装店", "批发和零售业"), ("养殖场", "农、林、牧、渔业"),
]  # fmt: skip
OTHER_LINES = [("农村集体经济组织服务站", "租赁和商务服务业")]
VISIT_PROBLEMS = [
    ("反映厂区道路雨季积水，影响货车进出", "协调村委会和交通办疏通排水沟"),
    ("咨询小微企业税费减免政策", "联系县税务局上门讲解政策"),
    ("用工难，季节性招工不足", "在镇公共就业服务平台发布招聘信息"),
    ("反映电力容量不足，新设备无法投用", "协调供电所现场勘查增容"),
    ("", "宣传安全生产和消防知识，企业无其他诉求"),
    ("咨询申请创业担保贷款的条件", "指导准备申请材料并转县人社局"),
]


def _org_code(year: int, serial: int) -> str:
    """A nine-character organisation code (GB 11714-1997): eight characters and a check character."""
    body = f"MA{year % 100:02d}{serial:04d}"
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    check = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(entity_type: str, year: int, serial: int) -> str:
    """A well-formed credit code, the same for the same (type, year, serial) on every run."""
    authority, category = ("9", CATEGORY[entity_type]) if entity_type in CATEGORY else ("Y", "1")
    first17 = f"{authority}{category}{AREA}{_org_code(year, serial)}"
    return first17 + uscc_check_char(first17)


def _person(ctx: DemoContext) -> str:
    return ctx.rng.choice(names.SURNAMES) + "".join(
        ctx.rng.choice(names.GIVEN) for _ in range(ctx.rng.choice((1, 2)))
    )


def _row(ctx, town, villages, entity_type, year, serial, last_day) -> dict:
    """One registration, everything drawn (whether or not it exists already)."""
    start = dt.date(year, 1, 1)
    registered_on = start + dt.timedelta(days=ctx.rng.randrange((last_day - start).days + 1))
    village = ctx.rng.choice(villages) if ctx.rng.random() < 0.9 else None
    person = _person(ctx)
    trade = ctx.rng.choice(TRADE_WORDS)
    if entity_type == EntityType.INDIVIDUAL:
        shop, industry = ctx.rng.choice(SHOP_LINES)
        name = f"云阳县江口镇{person[0]}记{shop}"
        capital = ctx.rng.randrange(1, 31)
    elif entity_type == EntityType.COOPERATIVE:
        name, industry = f"云阳县{trade}种养殖专业合作社", "农、林、牧、渔业"
        capital = ctx.rng.randrange(10, 201)
    elif entity_type == EntityType.OTHER:
        name, industry = (f"江口镇{trade}{OTHER_LINES[0][0]}", OTHER_LINES[0][1])
        capital = None
    else:
        line, industry = ctx.rng.choice(ENTERPRISE_LINES)
        name = f"云阳县{trade}{line}"
        capital = ctx.rng.choice((10, 30, 50, 100, 200, 500))
    group, house = ctx.rng.randrange(1, 12), ctx.rng.randrange(1, 90)
    place = f"{village.name}{group}组{house}号" if village else f"{ctx.rng.choice(names.STREETS)}{house}号"
    return {
        "org_unit": town, "entity_type": entity_type, "name": f"{name}（示例）",
        "uscc": credit_code(entity_type, year, serial), "legal_rep": person, "registered_on": registered_on,
        "village": village, "address": f"重庆市云阳县江口镇{place}", "industry": industry,
        "registered_capital": capital, "status": EntityStatus.EXISTING, "cancelled_on": None, "note": NOTE,
    }  # fmt: skip


def _registrations(ctx: DemoContext, town: OrgUnit, villages: list[OrgUnit]) -> list[dict]:
    today = timezone.localdate()
    cancelled = {(y, t, s): days for y, t, s, days in CANCELLED}
    rows = []
    for year, *counts in YEARS:
        last_day = min(dt.date(year, 12, 31), today - dt.timedelta(days=1))
        serial = 0
        for entity_type, count in zip(EntityType, counts, strict=True):
            for n in range(1, count + 1):
                serial += 1
                row = _row(ctx, town, villages, entity_type, year, serial, last_day)
                days = cancelled.get((year, entity_type, n))
                if days is not None:
                    row.update(status=EntityStatus.CANCELLED,
                               cancelled_on=min(row["registered_on"] + dt.timedelta(days=days), today))  # fmt: skip
                rows.append(row)
    return rows


def _visits(ctx: DemoContext, clerk: User, entities: list[MarketEntity]) -> int:
    """Twelve visits: four in 2023, four in 2024–2025, four this year (one overdue, one open)."""
    today = timezone.localdate()
    days = [dt.date(2023, m, 10 + m) for m in (3, 5, 8, 11)]
    days += [dt.date(2024, 4, 16), dt.date(2024, 10, 22), dt.date(2025, 3, 18), dt.date(2025, 9, 9)]
    days += [today - dt.timedelta(days=d) for d in (120, 60, 25, 6)]
    made = 0
    for n, day in enumerate(days):
        entity = entities[n * 3 % len(entities)]
        problems, assistance = VISIT_PROBLEMS[n % len(VISIT_PROBLEMS)]
        companion = _person(ctx)
        if n == len(days) - 2:  # this year: not settled by its due date
            due, resolved = today - dt.timedelta(days=5), None
        elif n == len(days) - 1:  # this week: still within its time
            due, resolved = today + dt.timedelta(days=10), None
        elif problems:
            due, resolved = day + dt.timedelta(days=15), day + dt.timedelta(days=ctx.rng.randrange(3, 15))
        else:
            due, resolved = None, None
        if not problems and due is not None:
            problems = "反映冷链仓储用地审批进度慢"
        if EnterpriseVisit.objects.filter(entity=entity, visited_on=day).exists():
            continue
        actions.record_visit(actor=clerk, data={
            "entity": entity, "visited_on": day, "visitors": f"{clerk.display_name}、{companion}（示例）",
            "problems": problems, "assistance": assistance, "follow_up_due": due, "resolved_on": resolved,
        })  # fmt: skip
        made += 1
    return made


@step(65)
def market_entities(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    villages = list(
        ctx.objects.get("villages") or OrgUnit.objects.filter(parent=town, kind__in=("village", "community"))
    )
    clerk = User.objects.get(username="window")
    rows = _registrations(ctx, town, villages)
    known = set(
        MarketEntity.objects.filter(uscc__in=[r["uscc"] for r in rows]).values_list("uscc", flat=True)
    )
    created = actions.register_entities(actor=clerk, rows=[r for r in rows if r["uscc"] not in known])
    enterprises = list(
        MarketEntity.objects.filter(
            org_unit=town, entity_type=EntityType.ENTERPRISE, registered_on__year=2022
        ).order_by("uscc")
    )
    visits = _visits(ctx, clerk, enterprises)
    ctx.out(
        f"市场主体：新增登记{len(created)}户（2023年1005户：企业402户、个体工商户603户），走访服务企业{visits}次（虚构）"
    )
