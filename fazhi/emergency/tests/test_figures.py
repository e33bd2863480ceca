"""The drill figures of a year (report-figures.md row 12): exact counts bounded by
the unit's subtree and the year, changing by exactly one when a drill is added
or moved out of the year, and the page that links each figure to its list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import OrgUnit
from fazhi.core.tests.factories import login
from fazhi.emergency import actions
from fazhi.emergency.choices import DrillKind
from fazhi.emergency.statistics import drill_figures
from fazhi.emergency.tests.factories import keeper_of, make_drill, village_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023(town_a, town_b):
    """Town A's 2023 and what must not be counted: other years, another town."""
    village = village_of(town_a)
    make_drill(town_a, held_on=dt.date(2023, 1, 1), kind=DrillKind.FOREST_FIRE, participants=40)
    make_drill(town_a, held_on=dt.date(2023, 6, 8), kind=DrillKind.FLOOD, participants=60)
    make_drill(town_a, held_on=dt.date(2023, 10, 19), kind=DrillKind.FIRE_EVACUATION, participants=600)
    make_drill(village, held_on=dt.date(2023, 12, 31), kind=DrillKind.FLOOD, participants=25)
    make_drill(town_a, held_on=dt.date(2022, 12, 31), kind=DrillKind.FLOOD, participants=50)
    make_drill(town_a, held_on=dt.date(2024, 1, 1), kind=DrillKind.FLOOD, participants=50)
    make_drill(town_b, held_on=dt.date(2023, 6, 8), kind=DrillKind.FLOOD, participants=70)
    return town_a


def test_the_figures_of_2023(year_2023):
    figures = drill_figures(year_2023, 2023)
    assert (figures.year, figures.total, figures.participants) == (2023, 4, 725)
    assert {k: n for k, n in figures.by_kind.items() if n} == {
        "forest_fire": 1,
        "flood": 2,
        "fire_evacuation": 1,
    }
    assert list(figures.by_kind) == list(DrillKind.values)


def test_a_village_counts_its_own_drills_only(year_2023):
    village = OrgUnit.objects.get(parent=year_2023)
    figures = drill_figures(village, 2023)
    assert (figures.total, figures.participants) == (1, 25)


def test_a_drill_added_in_the_year_counts_one_more(year_2023):
    before = drill_figures(year_2023, 2023)
    make_drill(year_2023, held_on=dt.date(2023, 5, 12), kind=DrillKind.EARTHQUAKE, participants=85)
    after = drill_figures(year_2023, 2023)
    assert after.total == before.total + 1
    assert after.by_kind["earthquake"] == before.by_kind["earthquake"] + 1
    assert after.participants == before.participants + 85
    assert {k: n for k, n in after.by_kind.items() if k != "earthquake"} == {
        k: n for k, n in before.by_kind.items() if k != "earthquake"
    }


def test_a_drill_moved_out_of_the_year_counts_one_less(year_2023):
    drill = make_drill(year_2023, held_on=dt.date(2023, 12, 30), kind=DrillKind.FLOOD, participants=20)
    before, before_2024 = drill_figures(year_2023, 2023), drill_figures(year_2023, 2024)
    actions.update_drill(drill, actor=keeper_of(year_2023), data={"held_on": dt.date(2024, 1, 2)})
    after, after_2024 = drill_figures(year_2023, 2023), drill_figures(year_2023, 2024)
    assert (after.total, after.by_kind["flood"], after.participants) == (
        before.total - 1, before.by_kind["flood"] - 1, before.participants - 20,
    )  # fmt: skip
    assert after_2024.total == before_2024.total + 1


def test_another_towns_drill_changes_nothing(year_2023, town_b):
    before = drill_figures(year_2023, 2023)
    make_drill(town_b, held_on=dt.date(2023, 3, 3))
    assert drill_figures(year_2023, 2023) == before


def test_a_year_without_drills_counts_zero(town_a):
    figures = drill_figures(town_a, 2019)
    assert (figures.total, figures.participants, sum(figures.by_kind.values())) == (0, 0, 0)


def test_the_figures_take_one_query_whatever_the_rows(year_2023):
    with CaptureQueriesContext(connection) as queries:
        drill_figures(year_2023, 2023)
    assert len(queries.captured_queries) == 1


def test_the_page_shows_the_figures_and_links_each_to_its_list(client, year_2023, officer_town_a):
    client.force_login(officer_town_a)
    page = client.get("/emergency/drills/figures/?year=2023")
    assert page.status_code == 200
    rows = {label: (value, url) for label, value, url, _ in page.context["rows"]}
    assert rows["开展应急演练"][0] == "4次"
    assert rows["参演人数合计"][0] == "725人次"
    assert rows["其中：防汛"][0] == "2次"
    counted = {label: client.get(url).context["page"].paginator.count for label, (_, url) in rows.items()}
    assert counted == {
        "开展应急演练": 4,
        "其中：防汛": 2,
        "其中：消防疏散": 1,
        "其中：森林防灭火": 1,
        "参演人数合计": 4,
    }


def test_the_page_defaults_to_this_year_and_ignores_a_bad_year(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    this_year = timezone.localdate().year
    assert client.get("/emergency/drills/figures/").context["year"] == this_year
    assert client.get("/emergency/drills/figures/?year=abc").context["year"] == this_year


def test_a_role_that_may_not_view_drills_gets_no_figures(client, auditor):
    login(client, auditor)
    assert client.get("/emergency/drills/figures/").status_code == 403
