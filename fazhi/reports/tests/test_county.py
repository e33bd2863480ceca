"""The county's page of its towns' reports: each town's report status, due dates and
lateness, and its key figures equal to the annual report's (`compute_all`); a fixed
number of queries whatever the number of towns; who sees which towns; the export."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.choices import OrgKind
from fazhi.core.models import OrgUnit
from fazhi.core.tests.factories import login, town, user_with_role
from fazhi.disputes.choices import DisputeStatus
from fazhi.disputes.tests.factories_disputes import advance, make_dispute
from fazhi.disputes.tests.factories_mediation import village_of
from fazhi.enforcement.tests.factories import (
    make_ordinary_case,
    make_summary_case,
    officer_pair,
    summary_matter,
)
from fazhi.oversight.tests.factories import close_out, leader_of, make_rectification, office_of
from fazhi.oversight.tests.factories_supervision import make_item
from fazhi.reports import actions
from fazhi.reports.county import FIGURE_COLUMNS, NOT_CREATED, county_overview
from fazhi.reports.figures import compute_all
from fazhi.reports.models import ReportTemplate

pytestmark = pytest.mark.django_db

YEAR = 2023
TODAY = dt.date(
    2024, 3, 15
)  # after the annual report's submission day (1 March), before its publication (1 April)


def _records(unit: OrgUnit, handler, *, fines=("100", "50"), ordinary: bool = False) -> None:
    """A town's year: summary penalties, a dispute closed in a village, an item published
    by the village, and a finding closed out on time and one late; and records of other
    years that must not count."""
    matter = summary_matter(unit)
    officers = officer_pair(unit, user=handler)
    for i, fine in enumerate(fines):
        make_summary_case(unit, handler, on=dt.date(YEAR, 3, 6 + i), matter=matter, officers=officers,
                          fine=Decimal(fine))  # fmt: skip
    make_summary_case(unit, handler, on=dt.date(YEAR - 1, 12, 28), matter=matter, officers=officers)
    if ordinary:
        make_ordinary_case(unit, handler, until="decided", fine=Decimal("2000"), officers=officers)
    village = village_of(unit)
    advance(make_dispute(unit, village=village, registered_on=dt.date(YEAR, 4, 3)), DisputeStatus.CLOSED)
    advance(make_dispute(unit, village=village, registered_on=dt.date(YEAR, 12, 20)), DisputeStatus.CLOSED)
    make_item(village, made_on=dt.date(YEAR, 9, 27), published_on=dt.date(YEAR, 10, 10))
    make_item(unit, made_on=dt.date(YEAR, 12, 20), published_on=dt.date(YEAR + 1, 1, 5))
    close_out(make_rectification(unit, due_on=dt.date(YEAR, 7, 31)), on=dt.date(YEAR, 7, 20))
    close_out(make_rectification(unit, due_on=dt.date(YEAR, 7, 31)), on=dt.date(YEAR, 8, 5))


def _handler(unit: OrgUnit):
    return user_with_role(f"handler_{unit.code}", "officer", unit, display_name="执法员")


@pytest.fixture
def county_year(county_unit, town_a, town_b):
    _records(town_a, _handler(town_a))
    _records(town_b, _handler(town_b), fines=("30",), ordinary=True)
    # town A's annual report is a draft; town B's has been submitted; town B keeps an
    # earlier publication day for its disclosure report (not yet created).
    actions.create_report(town_a, "annual", YEAR, actor=office_of(town_a))
    report = actions.create_report(town_b, "annual", YEAR, actor=office_of(town_b))
    actions.take_step(report, "review", actor=office_of(town_b), on=dt.date(2024, 2, 20))
    actions.take_step(report, "approve", actor=leader_of(town_b), on=dt.date(2024, 2, 22))
    actions.take_step(report, "submit", actor=office_of(town_b), on=dt.date(2024, 2, 26))
    ReportTemplate.objects.create(org_unit=town_b, kind="disclosure", publish_by="03-31")
    return county_unit


def _expected(unit: OrgUnit) -> list:
    """The overview's figures as the annual report has them."""
    f = compute_all(unit, YEAR)
    return [
        f["summary_penalties"].values["cases"], f["summary_penalties"].values["fines"],
        f["ordinary_penalties"].values["cases"], f["ordinary_penalties"].values["fines"],
        f["disputes_resolved"].values["closed"], f["proactive_disclosure"].values["published"],
        f["rectifications"].values["closed"], f["rectifications"].values["on_time"],
    ]  # fmt: skip


def test_each_towns_figures_are_those_of_its_annual_report(county_year, town_a, town_b):
    overview = county_overview(county_year, YEAR, today=TODAY)
    rows = {row.unit.pk: row for row in overview.rows}
    assert list(rows) == [town_a.pk, town_b.pk]
    assert rows[town_a.pk].figures.cells() == _expected(town_a)
    assert rows[town_b.pk].figures.cells() == _expected(town_b)
    assert rows[town_a.pk].figures.cells() == [2, Decimal("150"), 0, Decimal("0"), 1, 1, 2, 1]
    assert rows[town_b.pk].figures.cells()[:4] == [1, Decimal("30"), 1, Decimal("2000")]
    assert overview.total.cells() == _expected(county_year)
    assert overview.own is None
    assert [name for name, _, _ in FIGURE_COLUMNS] == [
        "summary_cases", "summary_fines", "ordinary_cases", "ordinary_fines", "disputes_resolved",
        "proactive_disclosures", "rectifications_closed", "rectifications_on_time",
    ]  # fmt: skip


def test_each_towns_reports_with_their_due_dates_and_lateness(county_year, town_a, town_b):
    overview = county_overview(county_year, YEAR, today=TODAY)
    rows = {row.unit.pk: row for row in overview.rows}
    a, b = rows[town_a.pk].reports, rows[town_b.pk].reports
    assert (a["annual"].status_label, a["annual"].submit_due_on, a["annual"].publish_due_on) == (
        "草稿", dt.date(2024, 3, 1), dt.date(2024, 4, 1))  # fmt: skip
    assert (a["annual"].submit_late, a["annual"].publish_late, a["annual"].late_text) == (
        True,
        False,
        "逾期未报送",
    )
    assert a["annual"].url.endswith(f"/{a['annual'].report_id}/")
    assert (b["annual"].status_label, b["annual"].submitted_on, b["annual"].late) == (
        "已报送", dt.date(2024, 2, 26), False)  # fmt: skip
    # Not created: the due date it will have, and late once that has passed.
    assert (a["disclosure"].status_label, a["disclosure"].url) == (NOT_CREATED, "")
    assert (a["disclosure"].submit_due_on, a["disclosure"].publish_due_on) == (None, dt.date(2024, 1, 31))
    assert a["disclosure"].publish_late and not a["disclosure"].submit_late
    assert (b["disclosure"].publish_due_on, b["disclosure"].late) == (
        dt.date(2024, 3, 31),
        False,
    )  # its template
    assert overview.late_count == 2
    assert county_overview(county_year, YEAR, today=dt.date(2024, 1, 10)).late_count == 0


def test_the_number_of_queries_does_not_grow_with_the_towns(county_year):
    with CaptureQueriesContext(connection) as two:
        county_overview(county_year, YEAR, today=TODAY)
    third = town("500235133", "凤鸣镇", county_year)
    _records(third, _handler(third), fines=("20", "20", "20"))
    actions.create_report(third, "disclosure", YEAR, actor=office_of(third))
    with CaptureQueriesContext(connection) as three:
        overview = county_overview(county_year, YEAR, today=TODAY)
    assert len(overview.rows) == 3
    assert len(three.captured_queries) == len(two.captured_queries) == 7
    assert overview.rows[2].figures.cells() == _expected(third)
    assert overview.total.cells() == _expected(county_year)


def test_a_town_or_a_unit_under_it_gives_just_that_town(county_year, town_a):
    office = OrgUnit.objects.create(
        code=town_a.code + "001", name="综合执法办", kind=OrgKind.OFFICE, parent=town_a
    )
    for unit in (town_a, office):
        overview = county_overview(unit, YEAR, today=TODAY)
        assert [row.unit.pk for row in overview.rows] == [town_a.pk]
        assert overview.total.cells() == _expected(town_a)


def test_records_kept_at_the_county_itself_count_in_the_total_only(county_year):
    make_item(county_year, made_on=dt.date(YEAR, 9, 27), published_on=dt.date(YEAR, 10, 10))
    overview = county_overview(county_year, YEAR, today=TODAY)
    assert overview.own is not None and overview.own.figures.proactive_disclosures == 1
    assert sum(row.figures.proactive_disclosures for row in overview.rows) == 2
    assert overview.total.cells() == _expected(county_year)


# -- the page ----------------------------------------------------------------------------------------


def _page(client, user, **params):
    login(client, user)
    return client.get(reverse("reports:county"), {"year": YEAR, **params})


def test_a_county_user_sees_every_town_with_links_to_the_reports(client, county_year, county_leader, town_a):
    r = _page(client, county_leader)
    page = r.content.decode()
    assert r.status_code == 200
    assert 'data-testid="town-500235131"' in page and 'data-testid="town-500235132"' in page
    report = r.context["overview"].rows[0].reports["annual"]
    assert f'href="{report.url}"' in page and NOT_CREATED in page
    assert 'data-testid="total"' in page and "2000" in page


def test_a_town_user_sees_only_their_town(client, county_year, leader, town_a):
    page = _page(client, leader).content.decode()
    assert 'data-testid="town-500235131"' in page and "双江镇" not in page
    office = OrgUnit.objects.create(
        code=town_a.code + "001", name="党政办", kind=OrgKind.OFFICE, parent=town_a
    )
    clerk = user_with_role("office_clerk", "rule_of_law_office", office, display_name="法治办")
    client.logout()
    r = _page(client, clerk)
    assert [row.unit.pk for row in r.context["overview"].rows] == [town_a.pk]


def test_a_user_without_the_permission_is_refused(client, county_year, officer_town_a):
    assert _page(client, officer_town_a).status_code == 403


def test_the_export_opens_with_the_same_figures(client, county_year, county_leader, town_a, town_b):
    r = _page(client, county_leader, format="xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]
    header, by_name = rows[0], {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"江口镇", "双江镇", "合计"}
    figures = [header.index(h) for _, h, _ in FIGURE_COLUMNS]
    for unit, name in ((town_a, "江口镇"), (town_b, "双江镇"), (county_year, "合计")):
        assert [by_name[name][i] for i in figures] == [float(v) for v in _expected(unit)]
    status = header.index("法治政府建设年度报告·状态")
    assert (by_name["江口镇"][status], by_name["双江镇"][status]) == ("草稿", "已报送")
    assert by_name["双江镇"][header.index("法治政府建设年度报告·报送日期")] == dt.datetime(2024, 2, 26)


def test_without_a_year_the_page_shows_the_year_just_ended(client, county_leader):
    from django.utils import timezone

    login(client, county_leader)
    r = client.get(reverse("reports:county"))
    assert r.status_code == 200 and r.context["year"] == timezone.localdate().year - 1
    assert client.get(reverse("reports:county"), {"year": "abc"}).context["year"] == timezone.localdate().year
