from __future__ import annotations

import datetime as dt
import itertools

import factory
from django.contrib.auth.models import Group

from fazhi.core.choices import OrgKind
from fazhi.core.demo.town import make_resident_id
from fazhi.core.models import OrgUnit, Person, User

_seq = itertools.count(1)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    kind = OrgKind.TOWN
    code = factory.Sequence(lambda n: f"T{n:06d}")
    name = factory.Sequence(lambda n: f"测试镇{n}")
    parent = None


def county(code: str = "500235", name: str = "云阳县") -> OrgUnit:
    return OrgUnit.objects.filter(code=code).first() or OrgUnitFactory(
        kind=OrgKind.COUNTY, code=code, name=name
    )


def town(code: str, name: str, parent: OrgUnit | None = None) -> OrgUnit:
    return OrgUnitFactory(kind=OrgKind.TOWN, code=code, name=name, parent=parent or county())


def valid_resident_id(n: int | None = None, male: bool = True) -> str:
    n = next(_seq) if n is None else n
    # Born 1960–1999: an adult on any date the tests use, so that no test party is by
    # chance a minor (whose case is never published) because of its place in a sequence.
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=n * 37 % 14600)
    return make_resident_id("500235", birth, n % 499, male)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    org_unit = factory.LazyFunction(lambda: town(f"T{next(_seq):06d}", "测试镇"))
    name = factory.Sequence(lambda n: f"测试人{n}")
    sex = "male"
    resident_id = factory.LazyFunction(lambda: valid_resident_id(male=True))
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    address = "重庆市云阳县江口镇滨江路1号"


def user_with_role(username: str, role: str, org_unit: OrgUnit | None, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        password="Test#Pass2023",
        org_unit=org_unit,
        display_name=extra.pop("display_name", username),
        **extra,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def login(client, user) -> None:
    """Sign `user` in on the test client, second factor included where the role needs it."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from fazhi.core import otp

    client.force_login(user)
    if otp.requires_totp(user):
        device = otp.device_for(user)
        if device is None:
            otp.enrol(user)
            device = otp.device_for(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def xlsx_bytes(rows: list[list]) -> bytes:
    """An .xlsx file whose first sheet holds `rows`, as bytes (for import tests)."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
