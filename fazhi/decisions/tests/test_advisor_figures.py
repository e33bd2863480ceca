"""The legal advisor's figures of a year (report-figures.md rows 3–6): bounded by the
unit's subtree and the year, in plain ORM (the suite runs on SQLite and on
PostgreSQL), and the page that shows them, each linked to the list it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import OrgUnit
from fazhi.core.tests.factories import login
from fazhi.decisions.choices import ActivityKind
from fazhi.decisions.statistics import AdvisorFigures, advisor_figures
from fazhi.decisions.tests.factories_advisor import (
    make_activity,
    make_advisor,
    make_contract,
    review,
    village_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023(town_a, town_b):
    """Jiangkou's 2023 and what must not be counted: other years, another town."""
    a2022 = make_advisor(
        town_a, firm="甲律师事务所", starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2022, 12, 31)
    )
    a2023 = make_advisor(
        town_a, firm="龙脊律师事务所", starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2023, 12, 31)
    )
    make_advisor(town_a, firm="龙脊律师事务所", starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2026, 12, 31))
    village = village_of(town_a)
    # Reviewed in 2023: two in the town, one in a village of the town.
    review(make_contract(town_a, advisor=a2023), on=dt.date(2023, 10, 9))
    review(make_contract(town_a, submitted_on=dt.date(2023, 12, 28)), on=dt.date(2023, 12, 29))
    review(make_contract(village, submitted_on=dt.date(2023, 3, 1)), on=dt.date(2023, 3, 3))
    # Not counted: submitted in 2023 and reviewed in 2024, still open, reviewed in 2022, another town.
    review(make_contract(town_a, submitted_on=dt.date(2023, 12, 29), due_on=dt.date(2024, 1, 5)),
           on=dt.date(2024, 1, 3))  # fmt: skip
    make_contract(town_a, submitted_on=dt.date(2023, 11, 1))
    review(make_contract(town_a, submitted_on=dt.date(2022, 5, 5)), on=dt.date(2022, 5, 6))
    review(make_contract(town_b), on=dt.date(2023, 10, 9))
    for kind, on in [
        (ActivityKind.TRAINING, dt.date(2023, 1, 1)),
        (ActivityKind.LECTURE, dt.date(2023, 12, 31)),
        (ActivityKind.DECISION_MEETING, dt.date(2023, 9, 12)),
        (ActivityKind.CONSULTATION, dt.date(2023, 4, 1)),
        (ActivityKind.TRAINING, dt.date(2022, 12, 31)),
        (ActivityKind.DECISION_MEETING, dt.date(2024, 1, 1)),
    ]:
        make_activity(town_a, kind=kind, on=on, advisor=a2023 if on.year == 2023 else a2022)  # fmt: skip
    make_activity(village, kind=ActivityKind.TRAINING, on=dt.date(2023, 5, 5), advisor=a2023)
    make_activity(town_b, kind=ActivityKind.TRAINING, on=dt.date(2023, 5, 5))
    return town_a


def test_the_figures_of_2023(year_2023):
    assert advisor_figures(year_2023, 2023) == AdvisorFigures(
        year=2023, firms=("龙脊律师事务所",), contracts_reviewed=3, trainings=3, decision_meetings=1
    )


def test_a_firm_engaged_for_part_of_the_year_counts(town_a):
    make_advisor(town_a, firm="甲律师事务所", starts_on=dt.date(2022, 7, 1), ends_on=dt.date(2023, 6, 30))
    make_advisor(town_a, firm="乙律师事务所", starts_on=dt.date(2023, 7, 1), ends_on=dt.date(2024, 6, 30))
    make_advisor(town_a, firm="甲律师事务所", starts_on=dt.date(2023, 10, 1), ends_on=dt.date(2023, 12, 31))
    assert advisor_figures(town_a, 2023).firms == ("甲律师事务所", "乙律师事务所")
    assert advisor_figures(town_a, 2025).firms == ()


def test_a_village_counts_its_own_records_only(year_2023):
    village = OrgUnit.objects.get(parent=year_2023)
    figures = advisor_figures(village, 2023)
    assert (figures.firms, figures.contracts_reviewed, figures.trainings) == ((), 1, 1)


def test_the_figures_take_three_queries_whatever_the_rows(year_2023):
    with CaptureQueriesContext(connection) as queries:
        advisor_figures(year_2023, 2023)
    assert len(queries.captured_queries) == 3


def test_the_page_shows_the_figures_and_links_each_to_its_list(client, year_2023, officer_town_a):
    client.force_login(officer_town_a)
    page = client.get("/decisions/advisors/figures/?year=2023")
    assert page.status_code == 200
    rows = {label: (value, url) for label, value, url, _ in page.context["rows"]}
    assert rows["法律顾问单位"][0] == "龙脊律师事务所"
    assert [v for v, _ in rows.values()][1:] == ["3件", "3次", "1次"]
    counted = {label: client.get(url).context["page"].paginator.count for label, (_, url) in rows.items()}
    assert counted == {"法律顾问单位": 1, "审查合同": 3, "法治培训、讲座": 3, "列席政府决策会议": 1}


def test_the_page_defaults_to_this_year_and_ignores_a_bad_year(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    this_year = timezone.localdate().year
    assert client.get("/decisions/advisors/figures/").context["year"] == this_year
    assert client.get("/decisions/advisors/figures/?year=abc").context["year"] == this_year


def test_a_role_that_may_not_view_the_advisor_gets_no_figures(client, auditor):
    login(client, auditor)
    assert client.get("/decisions/advisors/figures/").status_code == 403
