"""Row 21: special rule-of-law meetings per quarter. A quarter that ended without
one is warned (on the meetings page too); a quarter not yet over is not; the
meetings each leader chaired are counted per year."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.tests.factories import login, user_with_role
from fazhi.oversight.choices import MeetingKind
from fazhi.oversight.statistics_duty import meeting_quarters, meetings_chaired
from fazhi.oversight.tests import factories_duty as f
from fazhi.oversight.tests.factories import leader_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


def _three_quarters(town, year=2024):
    for day in (dt.date(year, 2, 10), dt.date(year, 5, 10), dt.date(year, 11, 10)):
        f.make_meeting(town, day)


def test_a_quarter_without_a_special_meeting_is_missing(town_a):
    _three_quarters(town_a)
    f.make_meeting(town_a, dt.date(2024, 8, 8), MeetingKind.EXECUTIVE)  # not a special meeting
    quarters = meeting_quarters(town_a, 2024, today=TODAY)
    assert [q.count for q in quarters.quarters] == [1, 1, 0, 1]
    assert quarters.missing == [3] and not quarters.every_quarter


def test_holding_the_missing_meeting_clears_the_warning(town_a):
    _three_quarters(town_a)
    f.make_meeting(town_a, dt.date(2024, 9, 30))  # the last day of the quarter
    quarters = meeting_quarters(town_a, 2024, today=TODAY)
    assert quarters.missing == [] and quarters.every_quarter and quarters.total == 4


def test_a_quarter_not_yet_over_is_not_warned(town_a):
    f.make_meeting(town_a, dt.date(2026, 2, 10))
    f.make_meeting(town_a, dt.date(2026, 8, 10))
    # 26 November: the first three quarters are over, the fourth is not.
    quarters = meeting_quarters(town_a, 2026, today=TODAY)
    assert quarters.missing == [2]
    assert [q.ended for q in quarters.quarters] == [True, True, True, False]
    # On the quarter's last day it is not over yet.
    assert meeting_quarters(town_a, 2026, today=dt.date(2026, 6, 30)).missing == []
    assert meeting_quarters(town_a, 2027, today=TODAY).missing == []


def test_another_towns_meetings_do_not_count(town_a, town_b):
    _three_quarters(town_b)
    assert meeting_quarters(town_a, 2024, today=TODAY).total == 0


def test_the_meetings_page_warns_of_the_selected_years_missing_quarter(client, town_a):
    _three_quarters(town_a)
    login(client, leader_of(town_a))
    r = client.get("/oversight/meetings/", {"year": 2024})
    assert r.status_code == 200 and r.context["quarters"].missing == [3]
    html = r.content.decode()
    assert 'data-testid="quarter-warning"' in html and "2024年第三季度未召开法治建设专题会议" in html
    # The htmx table (a filter change) carries the warning too.
    r = client.get("/oversight/meetings/", {"year": 2024}, HTTP_HX_REQUEST="true")
    assert "第三季度未召开" in r.content.decode()


def test_the_current_years_unfinished_quarter_is_not_warned_on_the_page(client, town_a):
    today = timezone.localdate()
    for quarter in range(1, 5):
        day = dt.date(today.year, 3 * quarter - 2, 5)
        if day < today:
            f.make_meeting(town_a, day)
    login(client, leader_of(town_a))
    r = client.get("/oversight/meetings/")
    assert r.context["quarters"].year == today.year and r.context["quarters"].missing == []
    assert 'data-testid="quarter-warning"' not in r.content.decode()


def test_the_meetings_each_leader_chaired_are_counted(town_a):
    zhou, wu = leader_of(town_a), user_with_role("leader_wu", "leader", town_a, display_name="吴领导")
    f.make_meeting(town_a, dt.date(2023, 2, 1), chaired_by=zhou)
    f.make_meeting(town_a, dt.date(2023, 5, 1), MeetingKind.PARTY_COMMITTEE, chaired_by=zhou)
    f.make_meeting(town_a, dt.date(2023, 6, 1), MeetingKind.EXECUTIVE, chaired_by=wu)
    f.make_meeting(town_a, dt.date(2024, 1, 5), chaired_by=wu)  # another year
    rows = {c.name: c.by_kind for c in meetings_chaired(town_a, 2023)}
    assert rows == {"周领导": {"special": 1, "party_committee": 1}, "吴领导": {"executive": 1}}


def test_the_figures_page_lists_quarters_and_chairs(client, town_a):
    _three_quarters(town_a, 2023)
    login(client, leader_of(town_a))
    r = client.get("/oversight/meetings/figures/", {"year": 2023})
    assert r.status_code == 200
    assert r.context["quarters"].missing == [3] and [c.total for c in r.context["chaired"]] == [3]


def test_the_api_gives_the_quarters(client, town_a):
    _three_quarters(town_a, 2024)
    login(client, leader_of(town_a))
    r = client.get("/api/v1/oversight/meetings/quarters/", {"year": 2024})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["missing"] == [3] and [q["count"] for q in body["quarters"]] == [1, 1, 0, 1]
    assert client.get("/api/v1/oversight/meetings/quarters/", {"year": "abc"}).status_code == 400


def test_the_list_filters_a_quarter_of_the_year(client, town_a):
    _three_quarters(town_a)
    login(client, leader_of(town_a))
    r = client.get("/oversight/meetings/", {"year": 2024, "quarter": "2"})
    assert [m.on for m, _cells in r.context["rows"]] == [dt.date(2024, 5, 10)]
    assert client.get("/oversight/meetings/", {"year": 2024}).context["page"].paginator.count == 3
