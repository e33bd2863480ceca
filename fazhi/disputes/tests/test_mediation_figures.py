"""The mediation organisations' figures of a year (report-figures.md rows 13 and 14):
bounded by the unit's subtree and the year, in a fixed number of queries, and the
page that shows them, each linked to the list it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.choices import RoomKind
from fazhi.disputes.statistics.mediation import committee_figures, committees_and_rooms
from fazhi.disputes.tests.factories_mediation import (
    make_committee,
    make_mediator,
    make_room,
    make_round,
    office_of,
    report,
    village_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023(town_a, town_b):
    """Town A's 2023 and what must not be counted: other years, another town."""
    village, community = village_of(town_a), village_of(town_a, OrgKind.COMMUNITY)
    town_committee = make_committee(town_a, established_on=dt.date(2008, 1, 1))
    make_committee(village, established_on=dt.date(2023, 12, 31))
    make_committee(community, dissolved_on=dt.date(2023, 1, 1))
    make_committee(town_a, established_on=dt.date(2024, 1, 1))  # not yet
    make_committee(town_a, dissolved_on=dt.date(2022, 12, 31))  # gone
    make_committee(town_b)  # another town
    make_mediator(town_committee, full_time=True)
    make_mediator(town_committee, full_time=True, left_on=dt.date(2023, 3, 1))
    make_mediator(town_committee, full_time=False)
    make_mediator(town_committee, full_time=False, left_on=dt.date(2022, 6, 30))  # gone
    make_room(town_a, RoomKind.COURT)
    make_room(town_a, RoomKind.POLICE, closed_on=dt.date(2023, 6, 30))
    make_room(town_a, RoomKind.POLICE, opened_on=dt.date(2024, 2, 1))  # not yet
    make_room(town_b, RoomKind.COURT)
    may = make_round(town_a, dt.date(2023, 5, 1))
    report(may, village, 3, resolved_on_spot=2, high_risk=1)
    report(may, community, 0)
    actions.finish_round(may, actor=office_of(town_a), on=dt.date(2023, 5, 28))
    june = make_round(town_a, dt.date(2023, 6, 1))
    report(june, village, 1)
    report(make_round(town_a, dt.date(2022, 12, 1)), village, 5)  # another year
    theirs = village_of(town_b)
    report(make_round(town_b, dt.date(2023, 5, 1)), theirs, 7)  # another town
    return town_a


def test_the_figures_count_the_towns_2023(year_2023):
    f = committee_figures(year_2023, 2023)
    assert (f.committees, f.committees_by_level["town"], f.committees_by_level["village"],
            f.committees_by_level["community"]) == (3, 1, 1, 1)  # fmt: skip
    assert (f.rooms, f.rooms_by_kind["court"], f.rooms_by_kind["police"]) == (2, 1, 1)
    assert (f.mediators_full_time, f.mediators_part_time, f.mediators) == (2, 1, 3)
    assert (f.rounds, f.rounds_finished, f.village_reports, f.villages_reporting) == (2, 1, 3, 2)
    assert (f.found, f.resolved_on_spot, f.high_risk) == (4, 2, 1)
    # the annual report's row 14 reads these alone
    assert committees_and_rooms(year_2023, 2023) == (f.committees_by_level, f.rooms_by_kind)


def test_a_village_sees_its_own_figures_only(year_2023):
    village = OrgUnit.objects.get(parent=year_2023, kind=OrgKind.VILLAGE)
    f = committee_figures(village, 2023)
    assert (f.committees, f.rooms, f.rounds) == (1, 0, 0)


def test_the_figures_take_five_queries(year_2023):
    with CaptureQueriesContext(connection) as queries:
        committee_figures(year_2023, 2023)
    assert len(queries.captured_queries) == 5


def test_the_page_links_each_figure_to_its_list(client, year_2023, officer_town_a):
    client.force_login(officer_town_a)
    r = client.get("/disputes/committees/figures/?year=2023")
    assert r.status_code == 200
    page = r.content.decode()
    assert "3个" in page and f"/disputes/committees/?org_unit={year_2023.pk}&amp;year=2023" in page
    assert f"/disputes/rooms/?kind=court&amp;org_unit={year_2023.pk}&amp;year=2023" in page
    rows = {label: value for label, value, _, _ in r.context["rows"]}
    assert rows["人民调解委员会"] == "3个" and rows["其中：驻法庭调解室"] == "1个"


def test_the_linked_lists_count_what_the_figures_count(client, year_2023, officer_town_a):
    client.force_login(officer_town_a)
    scope = f"org_unit={year_2023.pk}&year=2023"
    count = lambda url: client.get(url).context["page"].paginator.count  # noqa: E731
    assert count(f"/disputes/committees/?{scope}") == 3
    assert count(f"/disputes/rooms/?{scope}&kind=police") == 1
    assert count(f"/disputes/mediators/?{scope}&full_time=true") == 2
    assert count(f"/disputes/rounds/?{scope}") == 2


def test_a_role_without_the_register_cannot_see_the_figures(client, town_a, auditor):
    from fazhi.core.tests.factories import login

    login(client, auditor)
    assert client.get("/disputes/committees/figures/").status_code == 403
