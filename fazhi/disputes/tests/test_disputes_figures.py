"""A year's dispute figures: closed in the year (the report's 排查化解 figure), registered,
resolved and the success rate, high risk, confirmations applied, by village and by
category; bounded by the unit's subtree and the year, in a fixed number of queries;
and the figures page linking to filtered lists."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.tests.factories import login
from fazhi.disputes.actions import disputes as actions
from fazhi.disputes.choices import DisputeStatus
from fazhi.disputes.statistics.disputes import closed_count, dispute_figures
from fazhi.disputes.tests.factories_disputes import advance, make_dispute, mediator_account
from fazhi.disputes.tests.factories_mediation import village_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023(town_a, town_b):
    north, south = village_of(town_a), village_of(town_a)
    made = [
        advance(make_dispute(town_a, village=north, category="family"), DisputeStatus.CLOSED),
        advance(make_dispute(town_a, village=north, risk_level="high"), DisputeStatus.CLOSED, failed=True),
        advance(make_dispute(town_a, village=south), DisputeStatus.CLOSED, confirmation=True),
        make_dispute(town_a, village=south, risk_level="high"),  # open
        # Registered in 2022, closed in 2023: counted as closed in 2023.
        advance(
            make_dispute(town_a, village=south, registered_on=dt.date(2022, 12, 20)), DisputeStatus.CLOSED
        ),
        make_dispute(town_b),  # another town
        advance(make_dispute(town_a, village=north, registered_on=dt.date(2024, 2, 1)), DisputeStatus.CLOSED),
    ]
    dispute = made[2]
    actions.apply_confirmation(dispute, actor=mediator_account(town_a), on=dt.date(2023, 3, 10))
    return north, south, made


def test_the_figures_of_a_year(town_a, year_2023):
    north, south, _ = year_2023
    f = dispute_figures(town_a, 2023)
    assert (f.registered, f.closed, f.resolved, f.high_risk, f.confirmations_applied) == (4, 4, 3, 2, 1)
    assert f.success_rate == Decimal("75.0")
    by_village = {r.key: (r.registered, r.closed, r.resolved) for r in f.by_village}
    assert by_village == {north.pk: (2, 2, 1), south.pk: (2, 2, 2)}
    by_category = {r.key: (r.registered, r.closed) for r in f.by_category}
    assert by_category == {"family": (1, 1), "neighbours": (3, 3)}
    assert closed_count(town_a, 2023) == f.closed  # the annual report's row 15 reads this alone


def test_a_village_sees_only_its_own(year_2023):
    north, _, _ = year_2023
    f = dispute_figures(north, 2023)
    assert (f.registered, f.closed) == (2, 2)


def test_the_figures_take_a_fixed_number_of_queries(town_a, year_2023):
    with CaptureQueriesContext(connection) as few:
        dispute_figures(town_a, 2023)
    for _ in range(5):
        advance(make_dispute(town_a, village=village_of(town_a)), DisputeStatus.CLOSED)
    with CaptureQueriesContext(connection) as many:
        dispute_figures(town_a, 2023)
    assert len(many.captured_queries) == len(few.captured_queries) == 3


def test_the_page_shows_the_table_and_links_to_filtered_lists(client, town_a, year_2023):
    north, _, _ = year_2023
    login(client, mediator_account(town_a))
    r = client.get("/disputes/disputes/figures/", {"year": "2023"})
    page = r.content.decode()
    assert r.status_code == 200 and 'data-testid="closed-total">4<' in page
    assert f"closed_year=2023&amp;village={north.pk}" in page
    listed = client.get("/disputes/disputes/", {"closed_year": "2023", "village": north.pk})
    assert listed.context["page"].paginator.count == 2


def test_the_page_is_refused_to_a_role_without_the_register(client, town_a, auditor):
    login(client, auditor)
    assert client.get("/disputes/disputes/figures/").status_code == 403
