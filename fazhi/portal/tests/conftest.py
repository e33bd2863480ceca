"""Portal fixtures: a town's decisions through the real actions, published or not."""

import datetime as dt

import pytest

from fazhi.core.tests.factories import make_resident_id
from fazhi.enforcement import disclosure as policy
from fazhi.enforcement.choices import PartyKind
from fazhi.enforcement.models import Disclosure, Party
from fazhi.enforcement.tests.factories import make_ordinary_case

SECRET_PHONE = "13987654321"
SECRET_ADDRESS = "重庆市云阳县江口镇滨江路88号3单元"


def person_party(town, *, name="王小红", born=dt.date(1985, 4, 12), n=31) -> Party:
    """A natural-person party with every piece of personal data filled in."""
    return Party.objects.create(
        org_unit=town,
        kind=PartyKind.INDIVIDUAL,
        name=name,
        resident_id=make_resident_id("500235", born, n, False),
        phone=SECRET_PHONE,
        address=SECRET_ADDRESS,
    )


def decided_case(town, officer, **kwargs):
    return make_ordinary_case(town, officer, "decided", **kwargs)


def published(case, officer, on: dt.date | None = None) -> Disclosure:
    item = Disclosure.objects.get(case=case)
    return policy.publish(item, actor=officer, on=on or case.decided_on)


@pytest.fixture
def party_a(town_a):
    return person_party(town_a)


@pytest.fixture
def decision_a(town_a, officer_town_a, party_a):
    """A published decision against a natural person of town A."""
    case = decided_case(town_a, officer_town_a, party=party_a)
    return published(case, officer_town_a, on=dt.date.today())
