"""Market entity records for tests, made through the actions (never saved by hand),
so that each has its audit event and, for a visit, its deadline."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit, User
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role
from fazhi.core.validators import uscc_check_char
from fazhi.services.actions import market as actions
from fazhi.services.choices import EntityType
from fazhi.services.models import EnterpriseVisit, MarketEntity

_seq = itertools.count(1)
CATEGORY = {EntityType.ENTERPRISE: "1", EntityType.INDIVIDUAL: "2", EntityType.COOPERATIVE: "3"}


def valid_uscc(n: int | None = None, entity_type: str = EntityType.ENTERPRISE) -> str:
    """A well-formed credit code (GB 32100-2015) of the type's category, unique by `n`."""
    n = next(_seq) if n is None else n
    authority, category = ("9", CATEGORY[entity_type]) if entity_type in CATEGORY else ("Y", "1")
    first17 = f"{authority}{category}500235{n:08d}T"
    return first17 + uscc_check_char(first17)


def wrong_check_char(code: str) -> str:
    """The same code with another check character."""
    return code[:17] + ("1" if code[17] != "1" else "2")


def clerk_of(town: OrgUnit) -> User:
    """The town's window clerk: keeps the market entity registers."""
    username = f"svc_window_{town.code}"
    return User.objects.filter(username=username).first() or user_with_role(
        username, "window_clerk", town, display_name="王窗口"
    )


def village_of(town: OrgUnit, name: str | None = None) -> OrgUnit:
    return OrgUnitFactory(kind=OrgKind.VILLAGE, parent=town, name=name or f"测试村{next(_seq)}")


def entity_data(town: OrgUnit, **extra) -> dict:
    entity_type = extra.pop("entity_type", EntityType.ENTERPRISE)
    return {
        "org_unit": town, "entity_type": entity_type, "name": f"云阳县测试{next(_seq)}有限公司",
        "uscc": valid_uscc(entity_type=entity_type), "legal_rep": "谭德明", "registered_on": dt.date(2023, 5, 10),
        "address": "重庆市云阳县江口镇滨江路1号", "industry": "批发和零售业", **extra,
    }  # fmt: skip


def make_entity(town: OrgUnit, **extra) -> MarketEntity:
    unit = town.town or town
    return actions.register_entity(actor=clerk_of(unit), data=entity_data(town, **extra))


def make_visit(entity: MarketEntity, **extra) -> EnterpriseVisit:
    data = {"entity": entity, "visited_on": dt.date(2023, 6, 1), "visitors": "王窗口、李服务",
            "problems": "", "assistance": "宣讲惠企政策", **extra}  # fmt: skip
    unit = entity.org_unit.town or entity.org_unit
    return actions.record_visit(actor=clerk_of(unit), data=data)
