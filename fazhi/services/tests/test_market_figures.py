"""New market entities of a year (report-figures.md row 2): each registration dated
in the year counts once under its type, bounded by the unit's subtree and the
year; the page shows them linked to the lists they count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.tests.factories import login
from fazhi.services.actions import market as actions
from fazhi.services.choices import EntityStatus, EntityType
from fazhi.services.statistics import MarketFigures, market_figures
from fazhi.services.tests.factories import clerk_of, make_entity, valid_uscc, village_of

pytestmark = pytest.mark.django_db


def _make(town, entity_type=EntityType.ENTERPRISE, on=dt.date(2023, 6, 1), **extra):
    return make_entity(
        town, entity_type=entity_type, uscc=valid_uscc(entity_type=entity_type), registered_on=on, **extra
    )


def _counts(unit, year=2023) -> tuple[int, int, int, int, int]:
    f = market_figures(unit, year)
    return f.enterprises, f.individual_businesses, f.cooperatives, f.others, f.total


def test_each_registration_adds_one_to_its_type_and_the_total(town_a):
    assert _counts(town_a) == (0, 0, 0, 0, 0)
    _make(town_a)
    assert _counts(town_a) == (1, 0, 0, 0, 1)
    _make(town_a, EntityType.INDIVIDUAL)
    assert _counts(town_a) == (1, 1, 0, 0, 2)
    _make(town_a, EntityType.COOPERATIVE)
    _make(town_a, EntityType.OTHER)
    assert _counts(town_a) == (1, 1, 1, 1, 4)


def test_the_first_and_last_days_of_the_year_count_and_the_days_around_them_do_not(town_a):
    for day in (dt.date(2022, 12, 31), dt.date(2023, 1, 1), dt.date(2023, 12, 31), dt.date(2024, 1, 1)):
        _make(town_a, on=day)
    assert _counts(town_a, 2023)[4] == 2
    assert (_counts(town_a, 2022)[4], _counts(town_a, 2024)[4]) == (1, 1)


def test_the_figure_moves_with_the_registration_date(town_a):
    entity = _make(town_a, on=dt.date(2023, 12, 31))
    actions.update_entity(entity, actor=clerk_of(town_a), data={"registered_on": dt.date(2024, 1, 2)})
    assert (_counts(town_a, 2023)[4], _counts(town_a, 2024)[4]) == (0, 1)


def test_the_figure_moves_with_the_type(town_a):
    entity = _make(town_a, EntityType.INDIVIDUAL)
    actions.update_entity(entity, actor=clerk_of(town_a),
                          data={"entity_type": EntityType.OTHER, "uscc": valid_uscc(entity_type=EntityType.OTHER)})  # fmt: skip
    assert _counts(town_a) == (0, 0, 0, 1, 1)


def test_a_later_cancellation_still_counts_in_the_year_of_registration(town_a):
    _make(town_a, status=EntityStatus.CANCELLED, cancelled_on=dt.date(2024, 5, 1))
    assert _counts(town_a) == (1, 0, 0, 0, 1)


def test_the_town_counts_its_villages_and_not_another_town(town_a, town_b):
    village = village_of(town_a)
    _make(village)
    _make(town_b)
    assert _counts(town_a)[4] == 1
    assert _counts(village)[4] == 1
    assert _counts(town_b)[4] == 1


def test_the_figure_is_one_query(town_a):
    _make(town_a)
    with CaptureQueriesContext(connection) as queries:
        figures = market_figures(town_a, 2023)
    assert len(queries.captured_queries) == 1
    assert figures == MarketFigures(
        year=2023, enterprises=1, individual_businesses=0, cooperatives=0, others=0
    )


def test_the_page_shows_the_figures_linked_to_the_lists_they_count(client, town_a, officer_town_a):
    _make(town_a)
    _make(town_a, EntityType.INDIVIDUAL)
    _make(town_a, EntityType.INDIVIDUAL, on=dt.date(2022, 5, 5))
    login(client, officer_town_a)
    r = client.get("/services/market-entities/figures/", {"year": 2023})
    html = r.content.decode()
    assert r.status_code == 200 and "新增市场主体2户，其中企业1户、个体工商户1户" in html
    link = (
        f"/services/market-entities/?entity_type=individual&amp;registered_year=2023&amp;org_unit={town_a.pk}"
    )
    assert link in html
    listed = client.get(link.replace("&amp;", "&"))
    assert listed.context["page"].paginator.count == 1


def test_the_page_needs_the_registers_permission(client, town_a, auditor):
    login(client, auditor)
    assert client.get("/services/market-entities/figures/").status_code == 403
