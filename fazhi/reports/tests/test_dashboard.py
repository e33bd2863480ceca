"""The dashboard (驾驶舱): its figures are the statistics functions' own, each point
links to its records, a fixed number of queries whatever the records, who may open
it and which units they may ask for, a county's towns side by side, and the
vendored ECharts the page loads."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.tests.factories import login, user_with_role
from fazhi.disputes.choices import DisputeStatus
from fazhi.disputes.models import Dispute
from fazhi.disputes.statistics.disputes import dispute_figures
from fazhi.disputes.tests.factories_disputes import advance, make_dispute
from fazhi.disputes.tests.factories_mediation import village_of
from fazhi.enforcement.statistics import penalty_figures
from fazhi.enforcement.tests.factories import make_summary_case, officer_pair, summary_matter
from fazhi.oversight.statistics_duty import officer_training, task_completion
from fazhi.oversight.tests.factories import close_out, make_rectification
from fazhi.oversight.tests.factories_duty import make_task, officer_with_year
from fazhi.reports.dashboard.data import COUNTY_QUERY_BUDGET, QUERY_BUDGET, dashboard_data
from fazhi.services.statistics import window_figures

pytestmark = pytest.mark.django_db

YEAR = 2023
TODAY = dt.date(2024, 3, 15)
URL = reverse("reports:dashboard")


def _records(town, n: int = 1) -> None:
    """`n` of each: summary penalties in March and May, disputes closed in a village, a
    task done on time and one open, a rectification closed on time, an officer trained."""
    handler = user_with_role(f"handler_{town.code}_{n}", "officer", town)
    matter, officers = summary_matter(town), officer_pair(town, user=handler)
    village = village_of(town)
    for i in range(n):
        make_summary_case(
            town, handler, on=dt.date(YEAR, 3, 6), matter=matter, officers=officers, fine=Decimal("100")
        )
        make_summary_case(
            town, handler, on=dt.date(YEAR, 5, 9), matter=matter, officers=officers, fine=Decimal("50")
        )
        advance(make_dispute(town, village=village, registered_on=dt.date(YEAR, 4, 3)), DisputeStatus.CLOSED)
        make_task(town, due_on=dt.date(YEAR, 6, 30))
        close_out(make_rectification(town, due_on=dt.date(YEAR, 7, 31)), on=dt.date(YEAR, 7, 20))
        officer_with_year(town, passed=i % 2 == 0)
    make_summary_case(
        town, handler, on=dt.date(YEAR - 1, 12, 28), matter=matter, officers=officers
    )  # not counted


def _chart(data: dict, key: str) -> dict:
    return next(c for c in data["charts"] if c["key"] == key)


def _number(data: dict, key: str) -> dict:
    return next(n for n in data["numbers"] if n["key"] == key)


def _series(chart: dict, key: str) -> list:
    return [p["value"] for p in next(s for s in chart["series"] if s["key"] == key)["data"]]


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_figures_are_the_statistics_functions(town_a):
    _records(town_a, 2)
    data = dashboard_data(town_a, YEAR, today=TODAY)

    enforcement = _chart(data, "enforcement")
    penalties = penalty_figures(town_a, YEAR)
    assert sum(_series(enforcement, "summary")) == penalties["summary"].cases == 4
    assert sum(_series(enforcement, "ordinary")) == penalties["ordinary"].cases
    assert sum(_series(enforcement, "entrusted")) == penalties["entrusted"].cases
    assert _series(enforcement, "summary")[2] == 2 and _series(enforcement, "summary")[4] == 2  # March, May
    assert sum(_series(enforcement, "fines")) == sum(f.fines for f in penalties.values()) == Decimal("300")
    assert _number(data, "penalties")["value"] == 4

    disputes = dispute_figures(town_a, YEAR)
    village = _chart(data, "disputes_village")
    assert village["categories"] == [r.label for r in disputes.by_village]
    assert _series(village, "closed") == [r.closed for r in disputes.by_village]
    assert _series(village, "success_rate") == [float(r.success_rate) for r in disputes.by_village]
    assert _number(data, "disputes_closed")["value"] == disputes.closed == 2

    window = window_figures(town_a, YEAR)
    assert _number(data, "window_received")["value"] == window.received
    assert _series(_chart(data, "window_ratings"), "ratings") == list(window.ratings.values())

    tasks = task_completion(town_a, YEAR, today=TODAY).total
    board = {p["key"]: p["value"] for p in _chart(data, "taskboard")["series"][0]["data"]}
    assert board["overdue"] == tasks.overdue == 2  # open past their deadline on TODAY
    assert board["done"] == tasks.on_time + tasks.late

    statuses = {p["key"]: p["value"] for p in _chart(data, "rectifications")["series"][0]["data"]}
    assert statuses["closed"] == 2 and sum(statuses.values()) == 2
    assert _number(data, "rectifications_on_time")["value"] == "100%"

    training = officer_training(town_a, YEAR)
    slices = {p["key"]: p["value"] for p in _chart(data, "training")["series"][0]["data"]}
    assert slices == {"passed": training.trained_and_passed, "missing": training.missing}


def test_each_point_links_to_its_records(client, town_a, leader):
    _records(town_a)
    data = dashboard_data(town_a, YEAR, today=TODAY)
    may = _chart(data, "enforcement")["series"][0]["data"][4]
    query = _query(may["url"])
    assert may["url"].startswith(reverse("enforcement:cases-list"))
    assert query["procedure"] == ["summary"] and query["authority_source"] == ["own"]
    assert query["decided_from"] == ["2023-05-01"] and query["decided_to"] == ["2023-05-31"]
    assert query["org_unit"] == [str(town_a.pk)]
    # The list behind May's bar holds exactly May's summary penalties.
    login(client, leader)
    page = client.get(may["url"]).content.decode()
    assert re.search(rf"共\s*{may['value']}\s*条", page)
    village = _chart(data, "disputes_village")["series"][1]["data"][0]
    assert _query(village["url"]) == {
        "closed_year": ["2023"],
        "village": [str(Dispute.objects.get().village_id)],
        "org_unit": [str(town_a.pk)],
    }
    done = next(p for p in _chart(data, "taskboard")["series"][0]["data"] if p["key"] == "done")
    assert _query(done["url"]) == {"year": ["2023"], "state": ["done"], "org_unit": [str(town_a.pk)]}


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_a_fixed_number_of_queries_whatever_the_records(town_a, town_b, county_unit):
    few = _queries(lambda: dashboard_data(town_a, YEAR, today=TODAY))
    _records(town_a, 3)
    _records(town_b, 1)
    many = _queries(lambda: dashboard_data(town_a, YEAR, today=TODAY))
    assert few == many == QUERY_BUDGET
    assert _queries(lambda: dashboard_data(county_unit, YEAR, today=TODAY)) == COUNTY_QUERY_BUDGET


def test_the_page_draws_its_charts_from_json_with_links_beneath(client, town_a, leader):
    _records(town_a)
    login(client, leader)
    response = client.get(URL, {"year": YEAR})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="dashboard-data"' in page
    assert 'data-chart="enforcement"' in page and 'data-chart="towns"' not in page
    assert "<script>" not in page.replace('<script id="dashboard-data" type="application/json">', "")
    may = _chart(response.context["data"], "enforcement")["series"][0]["data"][4]["url"]
    assert may.replace("&", "&amp;") in page  # the table of links beneath the chart


@pytest.mark.parametrize("role", ["officer", "window_clerk", "mediator"])
def test_only_report_readers_open_it(client, town_a, role):
    login(client, user_with_role(f"u_{role}", role, town_a))
    assert client.get(URL).status_code == 403


def test_another_towns_unit_is_not_found(client, town_a, town_b, leader):
    login(client, leader)
    assert client.get(URL, {"unit": town_b.pk}).status_code == 404
    assert client.get(URL, {"unit": "x"}).status_code == 404
    own = client.get(URL, {"unit": town_a.pk, "year": YEAR})
    assert own.status_code == 200 and own.context["unit"] == town_a


def test_a_county_sees_its_towns_side_by_side_and_picks_one(
    client, county_unit, town_a, town_b, county_leader
):
    _records(town_a, 2)
    _records(town_b, 1)
    login(client, county_leader)
    response = client.get(URL, {"year": YEAR})
    assert response.status_code == 200
    towns = _chart(response.context["data"], "towns")
    assert towns["categories"] == [town_a.name, town_b.name]
    assert _series(towns, "summary_cases") == [4, 2]
    first = towns["series"][0]["data"][1]["url"]
    assert _query(first)["org_unit"] == [str(town_b.pk)]
    assert [u.name for u in response.context["units"]] == [county_unit.name, town_a.name, town_b.name]
    one = client.get(URL, {"year": YEAR, "unit": town_b.pk})
    assert one.context["unit"] == town_b
    assert _number(one.context["data"], "penalties")["value"] == 2
    assert not any(c["key"] == "towns" for c in one.context["data"]["charts"])


def test_the_page_loads_the_vendored_echarts():
    template = Path(__file__).resolve().parent.parent / "templates" / "reports" / "dashboard.html"
    sources = re.findall(r"static '([^']+\.js)'", template.read_text(encoding="utf-8"))
    assert any(re.fullmatch(r"vendor/echarts-5\.\d+\.\d+/echarts\.min\.js", s) for s in sources)
    for source in sources:
        assert finders.find(source), source
    echarts = Path(finders.find(next(s for s in sources if "echarts" in s)))
    assert (echarts.parent / "LICENSE").exists()
