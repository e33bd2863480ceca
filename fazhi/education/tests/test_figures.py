"""The education figures of a year (report-figures.md rows 1, 17 and 18): each
changes exactly by its counting rule, is bounded by the unit's subtree and the
year, takes one query, and the page links each figure to the list it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.tests.factories import login
from fazhi.education import actions
from fazhi.education.choices import StudyKind, VenueKind
from fazhi.education.statistics import outreach_figures, service_figures, study_figures
from fazhi.education.tests.factories import make_event, make_service, make_session, office_of, village_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023(town_a, town_b):
    """Jiangkou's 2023 and what must not be counted: other years, another town."""
    village = village_of(town_a)
    make_session(town_a, held_on=dt.date(2023, 1, 1), kind=StudyKind.CENTRAL_GROUP)
    make_session(town_a, held_on=dt.date(2023, 12, 31), kind=StudyKind.ENLARGED_COMMITTEE)
    make_session(town_a, held_on=dt.date(2023, 5, 5), kind=StudyKind.STAFF_MEETING)
    make_session(town_a, held_on=dt.date(2023, 5, 6), kind=StudyKind.CENTRAL_GROUP, on_rule_of_law=False)
    make_session(town_a, held_on=dt.date(2022, 12, 31))
    make_session(town_b, held_on=dt.date(2023, 5, 5))
    make_event(town_a, held_on=dt.date(2023, 1, 1), audience=300)
    make_event(village, held_on=dt.date(2023, 12, 31), audience=50, village=village)
    make_event(town_a, held_on=dt.date(2024, 1, 1), audience=999)
    make_event(town_b, held_on=dt.date(2023, 6, 1), audience=999)
    make_service(town_a, served_on=dt.date(2023, 2, 1))
    make_service(village, served_on=dt.date(2023, 3, 1))
    make_service(town_a, served_on=dt.date(2022, 12, 31))
    make_service(town_b, served_on=dt.date(2023, 3, 1))
    return town_a


def test_the_figures_of_2023(year_2023):
    study = study_figures(year_2023, 2023)
    assert (study.counted, study.sessions) == (2, 4)
    assert study.by_kind == {"central_group": 2, "enlarged_committee": 1, "staff_meeting": 1, "pre_meeting": 0,
                             "other": 0}  # fmt: skip
    outreach = outreach_figures(year_2023, 2023)
    assert (outreach.events, outreach.audience) == (2, 350)
    assert service_figures(year_2023, 2023).records == 2


def test_an_event_of_100_people_adds_one_event_and_100_to_the_audience(year_2023):
    before = outreach_figures(year_2023, 2023)
    make_event(year_2023, held_on=dt.date(2023, 7, 1), audience=100, venue_kind=VenueKind.SCHOOL)
    after = outreach_figures(year_2023, 2023)
    assert (after.events, after.audience) == (before.events + 1, before.audience + 100)
    assert after.by_venue["school"] == before.by_venue["school"] + 1


def test_a_rule_of_law_session_of_the_central_group_counts(year_2023):
    before = study_figures(year_2023, 2023).counted
    make_session(year_2023, held_on=dt.date(2023, 8, 1), kind=StudyKind.CENTRAL_GROUP, on_rule_of_law=True)
    assert study_figures(year_2023, 2023).counted == before + 1


def test_a_session_on_another_topic_does_not_count(year_2023):
    before = study_figures(year_2023, 2023)
    make_session(year_2023, held_on=dt.date(2023, 8, 1), kind=StudyKind.CENTRAL_GROUP, on_rule_of_law=False,
                 topic="学习党的二十大报告")  # fmt: skip
    after = study_figures(year_2023, 2023)
    assert (after.counted, after.sessions) == (before.counted, before.sessions + 1)


@pytest.mark.parametrize("kind", [StudyKind.STAFF_MEETING, StudyKind.PRE_MEETING, StudyKind.OTHER])
def test_a_rule_of_law_session_of_another_kind_does_not_count(year_2023, kind):
    before = study_figures(year_2023, 2023).counted
    make_session(year_2023, held_on=dt.date(2023, 8, 1), kind=kind, on_rule_of_law=True)
    assert study_figures(year_2023, 2023).counted == before


def test_a_session_changed_to_another_topic_stops_counting(year_2023):
    session = make_session(year_2023, held_on=dt.date(2023, 8, 1))
    before = study_figures(year_2023, 2023).counted
    actions.update_study_session(session, actor=office_of(year_2023), data={"on_rule_of_law": False})
    assert study_figures(year_2023, 2023).counted == before - 1


def test_a_service_moved_out_of_the_year_drops_the_count(year_2023):
    service = make_service(year_2023, served_on=dt.date(2023, 12, 30))
    before = service_figures(year_2023, 2023).records
    actions.update_legal_service(service, actor=office_of(year_2023), data={"served_on": dt.date(2024, 1, 2)})
    assert service_figures(year_2023, 2023).records == before - 1
    assert service_figures(year_2023, 2024).records == 1


def test_an_event_moved_out_of_the_year_takes_its_audience_with_it(year_2023):
    event = make_event(year_2023, held_on=dt.date(2023, 12, 30), audience=80)
    before = outreach_figures(year_2023, 2023)
    actions.update_outreach_event(event, actor=office_of(year_2023), data={"held_on": dt.date(2024, 1, 2)})
    after = outreach_figures(year_2023, 2023)
    assert (after.events, after.audience) == (before.events - 1, before.audience - 80)


def test_a_village_counts_its_own_records_only(year_2023):
    village = village_of(year_2023)
    assert (outreach_figures(village, 2023).events, outreach_figures(village, 2023).audience) == (1, 50)
    assert service_figures(village, 2023).records == 1
    assert study_figures(village, 2023).sessions == 0


def test_a_county_counts_its_towns(year_2023, county_unit):
    figures = outreach_figures(county_unit, 2023)
    assert (figures.events, figures.audience) == (3, 1349)


def test_a_year_without_records_is_zero(town_a):
    assert outreach_figures(town_a, 2030).audience == 0
    assert (study_figures(town_a, 2030).counted, service_figures(town_a, 2030).records) == (0, 0)


def test_each_figure_takes_one_query_whatever_the_rows(year_2023):
    for figure in (study_figures, outreach_figures, service_figures):
        with CaptureQueriesContext(connection) as queries:
            figure(year_2023, 2023)
        assert len(queries.captured_queries) == 1, figure.__name__


def test_the_page_shows_the_figures_and_links_each_to_the_records_it_counts(
    client, year_2023, officer_town_a
):
    client.force_login(officer_town_a)
    page = client.get("/education/figures/?year=2023")
    assert page.status_code == 200
    rows = {label: (value, url) for _, label, value, url, _ in page.context["rows"]}
    assert [v for v, _ in rows.values()] == ["2次", "2场次", "350人次", "2次"]
    counted = {label: client.get(url).context["page"].paginator.count for label, (_, url) in rows.items()}
    assert counted == {"集中学习习近平法治思想": 2, "法治宣讲": 2, "宣传群众": 2, "公共法律服务": 2}


def test_the_page_defaults_to_this_year_and_ignores_a_bad_year(client, town_a, officer_town_a):
    from django.utils import timezone

    client.force_login(officer_town_a)
    this_year = timezone.localdate().year
    assert client.get("/education/figures/").context["year"] == this_year
    assert client.get("/education/figures/?year=abc").context["year"] == this_year


def test_a_role_that_may_not_read_the_registers_gets_no_figures(client, auditor):
    login(client, auditor)
    assert client.get("/education/figures/").status_code == 403
