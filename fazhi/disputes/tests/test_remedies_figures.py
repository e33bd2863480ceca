"""The year's reconsideration and litigation figures: cases received in the year, by
outcome, the correction rate, replies on time, the loss rate and the head's appearance
rate, bounded by the unit's subtree and the year, in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.tests.factories import login
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.choices import LitigationOutcome, ReconsiderationOutcome
from fazhi.disputes.statistics.remedies import remedy_figures
from fazhi.disputes.tests.factories_remedies import (
    leader_of,
    make_litigation,
    make_reconsideration,
    office_of,
)

pytestmark = pytest.mark.django_db


def _decided(town, served, outcome, *, replied, decided):
    office = office_of(town)
    case = make_reconsideration(town, copy_served_on=served)
    case = actions.reply_to_reconsideration(case, actor=office, on=replied)
    if outcome in (ReconsiderationOutcome.WITHDRAWN, ReconsiderationOutcome.SETTLED):
        return actions.end_reconsideration(case, actor=office, outcome=outcome, on=decided)
    return actions.decide_reconsideration(case, actor=office, outcome=outcome, decision_no=f"决{case.pk}",
                                          decided_on=decided, lead_leader=leader_of(town))  # fmt: skip


@pytest.fixture
def year_2023(town_a, town_b):
    served = dt.date(2023, 9, 27)  # reply due 2023-10-07
    _decided(
        town_a,
        served,
        ReconsiderationOutcome.UPHELD,
        replied=dt.date(2023, 10, 7),
        decided=dt.date(2023, 11, 1),
    )
    _decided(
        town_a,
        served,
        ReconsiderationOutcome.UPHELD,
        replied=dt.date(2023, 10, 5),
        decided=dt.date(2023, 11, 2),
    )
    _decided(town_a, served, ReconsiderationOutcome.WITHDRAWN, replied=dt.date(2023, 10, 6),
             decided=dt.date(2023, 10, 20))  # fmt: skip
    _decided(
        town_a,
        served,
        ReconsiderationOutcome.REVOKED,
        replied=dt.date(2023, 10, 9),
        decided=dt.date(2023, 11, 3),
    )
    make_reconsideration(town_a, copy_served_on=dt.date(2024, 1, 5))  # another year
    make_reconsideration(town_b, copy_served_on=served)  # another town


def test_reconsideration_figures_count_the_cases_received_in_the_year(town_a, year_2023):
    r = remedy_figures(town_a, 2023).reconsideration
    assert r.received == 4
    assert r.by_outcome == {"upheld": 2, "revoked": 1, "withdrawn": 1}
    assert (r.decided, r.corrected) == (3, 1) and r.correction_rate == pytest.approx(1 / 3)
    assert (r.replied, r.replied_on_time) == (4, 3) and r.on_time_rate == 0.75
    assert r.pending == 0


def test_a_year_without_litigation_counts_none(town_a, year_2023):
    li = remedy_figures(town_a, 2023).litigation
    assert li.received == 0 and li.loss_rate is None and li.appearance_rate is None


def test_the_county_sees_the_sum_of_its_towns(county_unit, year_2023):
    assert remedy_figures(county_unit, 2023).reconsideration.received == 5


def test_litigation_figures_use_the_standing_outcome_and_the_hearings(town_a):
    office, leader = office_of(town_a), leader_of(town_a)
    won = make_litigation(town_a, complaint_received_on=dt.date(2024, 3, 1))
    won = actions.record_hearing(won, actor=office, hearing_on=dt.date(2024, 4, 1), head_appeared=True,
                                 appearing_person="周镇长")  # fmt: skip
    won = actions.judge_litigation(won, actor=office, outcome=LitigationOutcome.REVOKED, judged_on=dt.date(2024, 5, 1),
                                   lead_leader=leader)  # fmt: skip
    won = actions.appeal_litigation(won, actor=office, on=dt.date(2024, 5, 10))
    actions.record_appeal_result(
        won, actor=office, outcome=LitigationOutcome.CLAIM_DISMISSED, on=dt.date(2024, 8, 1)
    )
    lost = make_litigation(town_a, complaint_received_on=dt.date(2024, 6, 3))
    lost = actions.record_hearing(lost, actor=office, hearing_on=dt.date(2024, 7, 1), head_appeared=False,
                                  non_appearance_reason="出差，委托副镇长出庭")  # fmt: skip
    actions.judge_litigation(lost, actor=office, outcome=LitigationOutcome.CONFIRMED_UNLAWFUL,
                             judged_on=dt.date(2024, 8, 1), lead_leader=leader)  # fmt: skip
    make_litigation(town_a, complaint_received_on=dt.date(2024, 10, 8))  # pending, no hearing
    li = remedy_figures(town_a, 2024).litigation
    assert li.received == 3 and li.by_outcome == {"dismissed": 1, "unlawful": 1}
    assert (li.judged, li.lost, li.loss_rate) == (2, 1, 0.5)
    assert (li.heard, li.appeared, li.appearance_rate) == (2, 1, 0.5)


def test_the_figures_cost_two_queries(town_a, year_2023):
    with CaptureQueriesContext(connection) as queries:
        remedy_figures(town_a, 2023)
    assert len(queries.captured_queries) == 2


def test_the_figures_page_shows_the_year_and_links_the_lists(client, town_a, year_2023):
    login(client, office_of(town_a))
    r = client.get("/disputes/reconsiderations/figures/", {"year": 2023})
    assert r.status_code == 200
    page = r.content.decode()
    assert "收到行政复议案件" in page and "4件" in page and "33.3%" in page
    assert "/disputes/reconsiderations/?year=2023" in page
    assert r.context["lit_rows"][0][1] == "无"


def test_the_figures_page_needs_the_permission(client, auditor):
    login(client, auditor)
    assert client.get("/disputes/reconsiderations/figures/").status_code == 403
