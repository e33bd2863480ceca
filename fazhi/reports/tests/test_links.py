"""The links of the preview's figures (reports/links.py): every figure and the leaders'
duty link to a register list or a figures page; each list link uses only filters its
list has; and the list shows exactly the records the figure counts: the enforcement
cases of each procedure and authority, and a few other registers, with records in
and out of the year, the procedure, the authority and the town."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.urls import resolve

from fazhi.core.registers import registry
from fazhi.core.tests.factories import login, user_with_role
from fazhi.enforcement import actions as enforcement_actions
from fazhi.enforcement.choices import DecisionKind
from fazhi.enforcement.statistics import penalty_figures
from fazhi.enforcement.tests.factories import (
    entrusted_matter,
    make_matter,
    make_officer,
    make_ordinary_case,
    make_summary_case,
)
from fazhi.reports.figures import FIGURES, FIGURES_BY_KEY
from fazhi.reports.links import figure_link

pytestmark = pytest.mark.django_db

KEYS = [f.key for f in FIGURES] + ["leaders_duty"]
FIGURES_PAGES = {"remedies": "disputes:remedy-figures", "leaders_duty": "oversight:duty-overview"}


@pytest.fixture
def office(town_a):
    """The town's rule-of-law office, who writes the report and reads every register."""
    return user_with_role("office_links", "rule_of_law_office", town_a, display_name="赵法治")


def _list(client, user, url: str):
    """The list page at `url` as `user` sees it: (the total it shows, the ids on the page)."""
    login(client, user)
    r = client.get(url)
    assert r.status_code == 200, url
    page = r.context["page"]
    assert f"共 {page.paginator.count} 条" in r.content.decode()
    return page.paginator.count, {obj.pk for obj in page.object_list}


# -- every key ------------------------------------------------------------------------------------


def test_all_22_figures_have_a_link_and_an_unknown_key_has_none(town_a):
    assert len(FIGURES) == 22
    assert all(figure_link(key, town_a, 2023) for key in KEYS)
    assert figure_link("no_such_figure", town_a, 2023) == ""


@pytest.mark.parametrize("key", KEYS)
def test_the_link_is_a_list_with_only_its_own_filters_or_a_figures_page(key, town_a, office, client):
    url = figure_link(key, town_a, 2023)
    parts = urlsplit(url)
    match = resolve(parts.path)
    if key in FIGURES_PAGES:
        assert match.view_name == FIGURES_PAGES[key]
        assert parse_qs(parts.query) == {"year": ["2023"]}
    else:
        assert match.view_name.endswith("-list")
        register = registry[match.view_name.removesuffix("-list")]
        params = QueryDict(parts.query)
        # A parameter the list does not know would be ignored and the list would count more.
        assert set(params) <= set(register.filterset_class.base_filters), url
        fs = register.filterset_class(params, queryset=register.queryset(office), user=office)
        assert fs.is_valid(), (url, fs.errors)
        if "org_unit" in register.filterset_class.base_filters:
            assert params["org_unit"] == str(town_a.pk)
    login(client, office)
    assert client.get(url).status_code == 200


# -- the enforcement figures (rows 8–10) ------------------------------------------------------------


def _decide_without_penalty(town, handler):
    """An ordinary case of the town's own powers decided in 2023 with no penalty: not counted."""
    case = make_ordinary_case(town, handler, until="notified")
    day = dt.date(2023, 8, 31)
    return enforcement_actions.decide_case(case, actor=handler, decision_kind=DecisionKind.NO_PENALTY,
                                           penalty_kind="", fine=Decimal("0"), on=day)  # fmt: skip


@pytest.fixture
def cases_2023(town_a, town_b, officer_town_a, officer_town_b):
    """Town A's penalties of 2023 by figure, and what no figure of town A's 2023 counts."""
    statutory = make_matter(town_a, authority="statutory")
    counted = {
        "summary": [
            make_summary_case(town_a, officer_town_a, on=dt.date(2023, 1, 1)).pk,
            make_summary_case(town_a, officer_town_a, on=dt.date(2023, 6, 1), matter=statutory).pk,
            make_summary_case(town_a, officer_town_a, on=dt.date(2023, 12, 31), fine=Decimal("0")).pk,
        ],
        "ordinary": [make_ordinary_case(town_a, officer_town_a, until="decided").pk],
        "entrusted": [
            make_summary_case(town_a, officer_town_a, on=dt.date(2023, 3, 1), matter=entrusted_matter(town_a)).pk,
            make_ordinary_case(town_a, officer_town_a, until="served",
                               matter=entrusted_matter(town_a, summary_allowed=False)).pk,
        ],
    }  # fmt: skip
    make_summary_case(town_a, officer_town_a, on=dt.date(2022, 12, 31))
    make_summary_case(town_a, officer_town_a, on=dt.date(2024, 1, 1))
    make_ordinary_case(town_a, officer_town_a, until="notified")  # not decided
    _decide_without_penalty(town_a, officer_town_a)
    make_summary_case(town_b, officer_town_b, on=dt.date(2023, 6, 1))
    make_ordinary_case(town_b, officer_town_b, until="decided")
    return counted


@pytest.mark.parametrize("kind", ["summary", "ordinary", "entrusted"])
def test_the_case_list_shows_exactly_the_cases_of_the_penalty_figure(
    kind, cases_2023, town_a, office, client
):
    figure = penalty_figures(town_a, 2023)[kind]
    assert figure.cases == len(cases_2023[kind])
    assert FIGURES_BY_KEY[f"{kind}_penalties"].compute_values(town_a, 2023)["cases"] == figure.cases
    total, shown = _list(client, office, figure_link(f"{kind}_penalties", town_a, 2023))
    assert total == figure.cases
    assert shown == set(cases_2023[kind])


def test_a_county_reader_sees_only_the_towns_cases(cases_2023, town_a, town_b, county_leader, client):
    """The county sees both towns; the link names the town, so its list is the town's figure."""
    total, shown = _list(client, county_leader, figure_link("summary_penalties", town_a, 2023))
    assert (total, shown) == (penalty_figures(town_a, 2023)["summary"].cases, set(cases_2023["summary"]))
    total_b, _ = _list(client, county_leader, figure_link("summary_penalties", town_b, 2023))
    assert total_b == penalty_figures(town_b, 2023)["summary"].cases == 1


def test_the_cases_of_a_village_count_for_its_town(cases_2023, town_a, office, client):
    from fazhi.core.tests.factories import OrgUnitFactory
    from fazhi.enforcement.models import Case

    village = OrgUnitFactory(kind="village", parent=town_a, code=f"{town_a.code}001", name="测试村")
    case = make_summary_case(town_a, user_with_role("officer_v", "officer", town_a), on=dt.date(2023, 9, 9))
    Case.objects.filter(pk=case.pk).update(org_unit=village)  # a case kept by the village
    figure = penalty_figures(town_a, 2023)["summary"]
    total, shown = _list(client, office, figure_link("summary_penalties", town_a, 2023))
    assert total == figure.cases == len(cases_2023["summary"]) + 1
    assert case.pk in shown


def test_a_new_penalty_shows_in_both_the_figure_and_its_list(
    cases_2023, town_a, office, officer_town_a, client
):
    url = figure_link("summary_penalties", town_a, 2023)
    before, _ = _list(client, office, url)
    make_summary_case(town_a, officer_town_a, on=dt.date(2023, 8, 8), fine=Decimal("50"))
    after, _ = _list(client, office, url)
    assert after == before + 1 == penalty_figures(town_a, 2023)["summary"].cases


# -- other figures ---------------------------------------------------------------------------------


def test_the_officers_list_shows_the_officers_certified_in_the_year(town_a, office, client):
    from fazhi.enforcement.choices import OfficerStatus
    from fazhi.oversight import statistics_duty

    counted = {
        make_officer(town_a).pk,
        make_officer(town_a, valid_from=dt.date(2023, 12, 31), valid_to=dt.date(2028, 12, 30)).pk,
        make_officer(town_a, valid_from=dt.date(2018, 1, 1), valid_to=dt.date(2023, 1, 1)).pk,
    }
    make_officer(town_a, valid_from=dt.date(2018, 1, 1), valid_to=dt.date(2022, 12, 31))
    make_officer(town_a, valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2029, 12, 31))
    revoked = make_officer(town_a)
    revoked.status = OfficerStatus.REVOKED
    revoked.save(update_fields=["status"])
    total, shown = _list(client, office, figure_link("officers_trained", town_a, 2023))
    assert total == statistics_duty.officer_training(town_a, 2023).certified == 3
    assert shown == counted


def test_the_rectifications_list_shows_the_findings_closed_out_in_the_year(town_a, town_b, office, client):
    from fazhi.oversight.choices import RectificationSource
    from fazhi.oversight.statistics_supervision import inspection_close_out
    from fazhi.oversight.tests.factories import close_out, make_rectification

    counted = {
        close_out(make_rectification(town_a), on=dt.date(2023, 9, 1)).pk,
        close_out(make_rectification(town_a, source=RectificationSource.APPRAISAL, due_on=dt.date(2023, 3, 31)),
                  on=dt.date(2023, 12, 29)).pk,  # late, still closed out in the year
        close_out(make_rectification(town_a, source=RectificationSource.JUDICIAL_SUGGESTION),
                  on=dt.date(2023, 1, 3)).pk,
    }  # fmt: skip
    close_out(make_rectification(town_a, source=RectificationSource.OTHER), on=dt.date(2023, 9, 1))
    close_out(make_rectification(town_a, due_on=dt.date(2024, 3, 31)), on=dt.date(2024, 1, 2))
    make_rectification(town_a)  # open
    close_out(make_rectification(town_b), on=dt.date(2023, 9, 1))
    figure = inspection_close_out(town_a, 2023)
    total, shown = _list(client, office, figure_link("rectifications", town_a, 2023))
    assert total == figure.closed == 3
    assert shown == counted


def test_the_drills_list_and_the_mediation_rooms_list_match_their_figures(town_a, town_b, office, client):
    from fazhi.disputes.choices import RoomKind
    from fazhi.disputes.statistics.mediation import committee_figures
    from fazhi.disputes.tests.factories_mediation import make_room
    from fazhi.emergency.statistics import drill_figures
    from fazhi.emergency.tests.factories import make_drill

    drills = {
        make_drill(town_a, held_on=dt.date(2023, 1, 1)).pk,
        make_drill(town_a, held_on=dt.date(2023, 12, 31)).pk,
    }
    make_drill(town_a, held_on=dt.date(2022, 12, 31))
    make_drill(town_b, held_on=dt.date(2023, 6, 8))
    total, shown = _list(client, office, figure_link("drills", town_a, 2023))
    assert (total, shown) == (drill_figures(town_a, 2023).total, drills)

    rooms = {make_room(town_a, RoomKind.COURT).pk, make_room(town_a, RoomKind.POLICE).pk}
    make_room(town_a, RoomKind.PETITION)  # not one of the report's two kinds
    make_room(town_b, RoomKind.COURT)
    f = committee_figures(town_a, 2023)
    total, shown = _list(client, office, figure_link("mediation_rooms", town_a, 2023))
    assert (total, shown) == (f.rooms_by_kind["court"] + f.rooms_by_kind["police"], rooms)


def test_the_meetings_and_proposals_lists_match_their_figures(town_a, town_b, office, client):
    from fazhi.oversight.choices import MeetingKind
    from fazhi.oversight.statistics_duty import meeting_quarters
    from fazhi.oversight.statistics_supervision import proposal_figures
    from fazhi.oversight.tests.factories_duty import make_meeting
    from fazhi.oversight.tests.factories_supervision import make_proposal, reply

    meetings = {make_meeting(town_a, dt.date(2023, 3, 1)).pk, make_meeting(town_a, dt.date(2023, 11, 20)).pk}
    make_meeting(town_a, dt.date(2023, 5, 5), MeetingKind.PARTY_COMMITTEE)
    make_meeting(town_a, dt.date(2024, 1, 10))
    make_meeting(town_b, dt.date(2023, 3, 1))
    total, shown = _list(client, office, figure_link("rule_of_law_meetings", town_a, 2023))
    assert (total, shown) == (meeting_quarters(town_a, 2023).total, meetings)

    replied = {reply(make_proposal(town_a, assigned_on=dt.date(2023, 3, 1)), on=dt.date(2023, 4, 20),
                     satisfaction="satisfied").pk}  # fmt: skip
    make_proposal(town_a)  # not replied
    reply(make_proposal(town_a, assigned_on=dt.date(2022, 11, 1)), on=dt.date(2022, 12, 20))
    total, shown = _list(client, office, figure_link("proposals", town_a, 2023))
    assert (total, shown) == (proposal_figures(town_a, 2023).replied, replied)


# -- the demo: Jiangkou's 2023 ---------------------------------------------------------------------


def test_jiangkou_2023_summary_penalties_link_lists_its_1120_cases(client):
    """The demo's enforcement step: the figure's list totals exactly the report's 1120 cases
    (and 12 ordinary, 4 entrusted), for the town's office and for the county."""
    from fazhi.core import demo as core_demo
    from fazhi.core.models import OrgUnit, User

    core_demo.load(out=lambda s: None, up_to=30)  # the org tree, the accounts and the enforcement step
    town = OrgUnit.objects.get(code="500235131")
    figures = penalty_figures(town, 2023)
    assert (figures["summary"].cases, figures["ordinary"].cases, figures["entrusted"].cases) == (1120, 12, 4)
    for username in ("fazhiban", "county"):
        reader = User.objects.get(username=username)
        for kind in ("summary", "ordinary", "entrusted"):
            total, _ = _list(client, reader, figure_link(f"{kind}_penalties", town, 2023))
            assert total == figures[kind].cases, (username, kind)


def test_a_county_reader_sees_only_the_towns_disputes(town_a, town_b, county_leader, client):
    """The disputes' list filters by unit too: one town's figure opens that town's disputes."""
    from fazhi.disputes.choices import DisputeStatus
    from fazhi.disputes.statistics.disputes import dispute_figures
    from fazhi.disputes.tests.factories_disputes import advance, make_dispute

    closed_a = {advance(make_dispute(town_a), DisputeStatus.CLOSED).pk for _ in range(2)}
    advance(make_dispute(town_b), DisputeStatus.CLOSED)
    total, shown = _list(client, county_leader, figure_link("disputes_resolved", town_a, 2023))
    assert total == dispute_figures(town_a, 2023).closed == 2 and shown == closed_a
