"""Named people for tests: towns A and B under one county, an officer of each,
a legal reviewer, a leader and the auditor (design.md, house style)."""

import pytest

from fazhi.core.tests.factories import county, town, user_with_role


@pytest.fixture
def county_unit(db):
    return county()


@pytest.fixture
def town_a(db, county_unit):
    return town("500235131", "江口镇", county_unit)


@pytest.fixture
def town_b(db, county_unit):
    return town("500235132", "双江镇", county_unit)


@pytest.fixture
def officer_town_a(town_a):
    return user_with_role("officer_a", "officer", town_a, display_name="陈执法")


@pytest.fixture
def officer_town_b(town_b):
    return user_with_role("officer_b", "officer", town_b, display_name="王执法")


@pytest.fixture
def reviewer(town_a):
    return user_with_role("reviewer_a", "legal_reviewer", town_a, display_name="李审核")


@pytest.fixture
def leader(town_a):
    return user_with_role("leader_a", "leader", town_a, display_name="周领导")


@pytest.fixture
def county_leader(county_unit):
    return user_with_role("county_leader", "leader", county_unit, display_name="县领导")


@pytest.fixture
def auditor(db):
    return user_with_role("auditor_x", "auditor", None, display_name="审计员")


@pytest.fixture
def grid_worker_a(town_a):
    return user_with_role("grid_a", "grid_worker", town_a, display_name="刘网格")
