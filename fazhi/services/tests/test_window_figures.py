"""The single window's figures of a year (fazhi/services/statistics/window.py), on a
small hand-made set with every figure known in advance: the list at the year's
end, the applications received, accepted, refused, withdrawn and noticed, those
decided with their on-time rates against the statutory and the promised limits
and their working days, the visits of those ended and the ratings; bounded by
the unit's subtree; a fixed number of queries; the page links each count to the
filtered list it counts; the API answers the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core import workdays
from fazhi.core.tests.factories import login, user_with_role
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationChannel, ItemKind
from fazhi.services.statistics import window_figures
from fazhi.services.tests.factories_window import (
    accepted,
    clerk_of,
    leader_of,
    make_application,
    make_item,
)

pytestmark = pytest.mark.django_db

MARCH_1 = dt.date(2023, 3, 1)


def _decide(app, on, outcome="approved"):
    note = "不符合条件" if outcome == "denied" else ""
    return actions.decide(app, actor=clerk_of(app.org_unit), outcome=outcome, note=note, on=on)


def _deliver(app, method, on=None):
    return actions.deliver(app, actor=clerk_of(app.org_unit), method=method, on=on or app.decided_on)


def _licence_app(item, *, decide_on, outcome="approved", channel=ApplicationChannel.WINDOW, deliver=None,
                 rating=None, on=MARCH_1):  # fmt: skip
    app = accepted(item, on=on, channel=channel)
    app = _decide(app, decide_on(app), outcome)
    if deliver:
        app = _deliver(app, deliver)
    if rating:
        actions.rate(app, score=rating)
    return app


@pytest.fixture
def data(town_a):
    """Town A's single window in 2023 (see each record's comment for what it adds)."""
    clerk, leader = clerk_of(town_a), leader_of(town_a)
    # The list at the end of 2023: A (licence, online, one visit) and B (public service, zero visits).
    a = make_item(town_a, name="农村村民宅基地审批", kind=ItemKind.LICENCE, statutory_days=20, promised_days=15,
                  online=True, visits_needed=1)  # fmt: skip
    b = make_item(town_a, name="生育登记", kind=ItemKind.PUBLIC_SERVICE, statutory_days=None, promised_days=0,
                  online=False, visits_needed=0)  # fmt: skip
    make_item(town_a, name="草稿事项", publish=False)  # a draft: not listed
    later = make_item(town_a, name="次年公布事项", publish=False)
    actions.publish_item(later, actor=leader, on=dt.date(2024, 2, 1))  # listed from 2024
    gone = make_item(town_a, name="已停用事项")
    actions.withdraw_item(gone, actor=leader, reason="职能调整")  # withdrawn: listed in no year

    def days(n):
        return lambda app: workdays.add_working_days(app.accepted_on, n)

    # Decided in 2023 (accepted 1 March): 15, 20, 21 and 7 working days; the last applied online.
    _licence_app(a, decide_on=days(15), deliver="online", rating=5)  # on time both; 1 visit
    _licence_app(a, decide_on=days(20), deliver="window", rating=2)  # late on the promise; 2 visits
    _licence_app(a, decide_on=days(21), outcome="denied", deliver="post")  # late on both; 1 visit
    _licence_app(
        a, decide_on=days(7), channel=ApplicationChannel.ONLINE, deliver="online", rating=4
    )  # 0 visits
    # Done on the spot (no statutory limit, promised 0): 0 days, collected at the window: 2 visits.
    _licence_app(b, decide_on=lambda app: app.accepted_on, deliver="window", rating=3, on=dt.date(2023, 4, 3))
    # Refused: one after a notice at the window (1 visit), one online (0 visits).
    r1 = make_application(a, materials=[], submitted_on=dt.date(2023, 5, 4))
    actions.issue_notice(r1, actor=clerk, on=dt.date(2023, 5, 4))
    actions.refuse(r1, actor=clerk, reason="不属于本镇管辖", on=dt.date(2023, 5, 5))
    actions.rate(r1, score=1)
    r2 = make_application(a, channel=ApplicationChannel.ONLINE, submitted_on=dt.date(2023, 5, 8))
    actions.refuse(r2, actor=clerk, reason="重复申请", on=dt.date(2023, 5, 8))
    # Withdrawn after a notice, before acceptance.
    w = make_application(a, materials=["申请书"], submitted_on=dt.date(2023, 6, 1))
    actions.issue_notice(w, actor=clerk, on=dt.date(2023, 6, 2))
    actions.withdraw(w, actor=clerk, note="申请人撤回", on=dt.date(2023, 6, 5))
    # Received at the year's end; its notice is of 2024.
    o = make_application(a, materials=[], submitted_on=dt.date(2023, 12, 29))
    actions.issue_notice(o, actor=clerk, on=dt.date(2024, 1, 2))
    # Received in 2023, decided in 2024.
    y = accepted(a, on=dt.date(2023, 12, 27))
    _decide(y, dt.date(2024, 1, 3))
    # Received in 2022, decided in 2023 on its promised day (15 working days).
    x = accepted(a, on=dt.date(2022, 12, 20))
    _decide(x, x.promised_due_on)
    return {"a": a, "b": b}


def test_the_list_counts_the_items_published_by_the_years_end(data, town_a):
    f = window_figures(town_a, 2023)
    assert (f.items_listed, f.items_online, f.items_zero_visit, f.items_one_visit) == (2, 1, 1, 1)
    assert f.items_at_most_one_visit == 2
    assert f.items_by_kind == {"licence": 1, "confirmation": 0, "benefit": 0, "public_service": 1, "other": 0}
    assert window_figures(town_a, 2024).items_listed == 3  # the item published in 2024 joins
    assert window_figures(town_a, 2021).items_listed == 0  # the factory publishes on 2022-01-04


def test_received_counts_by_state_with_the_accepted_and_the_notices(data, town_a):
    f = window_figures(town_a, 2023)
    assert f.received == 10
    assert {k: v for k, v in f.received_by_status.items() if v} == {
        "notified": 1, "decided": 1, "delivered": 5, "refused": 2, "withdrawn": 1,
    }  # fmt: skip
    assert (f.accepted, f.refused, f.withdrawn) == (6, 2, 1)
    assert f.notices == 2  # the notice of 2 January 2024 counts in 2024
    assert window_figures(town_a, 2024).notices == 1


def test_decided_counts_the_outcomes_of_the_year_whenever_received(data, town_a):
    f = window_figures(town_a, 2023)
    assert (f.decided, f.approved, f.denied) == (6, 5, 1)
    assert window_figures(town_a, 2022).decided == 0
    assert window_figures(town_a, 2024).decided == 1


def test_on_time_rates_against_the_statutory_and_the_promised_limits(data, town_a):
    f = window_figures(town_a, 2023)
    # The item without a statutory limit is left out of the statutory rate.
    assert (f.on_time_statutory, f.statutory_counted, f.late_statutory) == (4, 5, 1)
    assert f.on_time_statutory_rate == pytest.approx(0.8)
    assert (f.on_time_promised, f.promised_counted, f.late_promised) == (4, 6, 2)
    assert f.on_time_promised_rate == pytest.approx(4 / 6)


def test_average_working_days_of_those_decided(data, town_a):
    f = window_figures(town_a, 2023)
    assert (f.days_counted, f.days_total) == (6, 15 + 20 + 21 + 7 + 0 + 15)
    assert f.average_working_days == pytest.approx(13.0)


def test_visits_of_the_ended_applications(data, town_a):
    f = window_figures(town_a, 2023)
    assert f.delivered_visits == (1, 2, 2)
    assert f.refused_visits == (1, 1, 0)
    assert (f.ended, f.ended_zero_visit, f.ended_at_most_one_visit) == (7, 2, 5)
    assert f.zero_visit_share == pytest.approx(2 / 7)
    assert f.at_most_one_visit_share == pytest.approx(5 / 7)


def test_ratings_of_the_applications_received_in_the_year(data, town_a):
    f = window_figures(town_a, 2023)
    assert f.ratings == {5: 1, 4: 1, 3: 1, 2: 1, 1: 1}
    assert (f.rated, f.good, f.bad) == (5, 3, 2)
    assert f.good_rate == pytest.approx(0.6)
    assert f.rating_average == pytest.approx(3.0)


def test_per_item_rows(data, town_a):
    rows = {r.name: r for r in window_figures(town_a, 2023).items}
    assert set(rows) == {"农村村民宅基地审批", "生育登记"}
    a, b = rows["农村村民宅基地审批"], rows["生育登记"]
    assert (a.received, a.decided, a.on_time_statutory, a.statutory_counted) == (9, 5, 4, 5)
    assert (a.on_time_promised, a.promised_counted) == (3, 5)
    assert a.average_working_days == pytest.approx((15 + 20 + 21 + 7 + 15) / 5)
    assert (b.received, b.decided, b.on_time_statutory_rate, b.on_time_promised_rate) == (1, 1, None, 1.0)
    assert b.average_working_days == 0


def test_an_empty_year_has_no_rates(town_a):
    f = window_figures(town_a, 2023)
    assert (f.items_listed, f.received, f.decided, f.ended, f.rated, f.items) == (0, 0, 0, 0, 0, ())
    assert f.on_time_statutory_rate is None and f.on_time_promised_rate is None
    assert f.average_working_days is None and f.zero_visit_share is None and f.at_most_one_visit_share is None
    assert f.good_rate is None and f.rating_average is None


def test_another_towns_applications_do_not_count_and_the_county_sees_both(data, town_a, town_b, county_unit):
    item = make_item(town_b)
    app = accepted(item, on=MARCH_1)
    _deliver(_decide(app, MARCH_1), "online")
    assert window_figures(town_a, 2023).received == 10
    assert (window_figures(town_b, 2023).received, window_figures(town_b, 2023).items_listed) == (1, 1)
    county = window_figures(county_unit, 2023)
    assert (county.received, county.decided, county.items_listed, county.ended) == (11, 7, 3, 8)
    assert {r.org_unit_id for r in county.items} == {town_a.pk, town_b.pk}


def test_the_figures_take_five_queries_whatever_the_records(data, town_a):
    with CaptureQueriesContext(connection) as few:
        window_figures(town_a, 2023)
    item = data["a"]
    for n in range(5):
        _deliver(_decide(accepted(item, on=dt.date(2023, 7, 3 + n)), dt.date(2023, 7, 10)), "online")
    with CaptureQueriesContext(connection) as more:
        f = window_figures(town_a, 2023)
    assert f.received == 15
    assert len(few.captured_queries) == len(more.captured_queries) == 5


# -- the page ------------------------------------------------------------------------------------


def test_the_page_links_each_count_to_the_list_it_counts(client, data, town_a):
    login(client, clerk_of(town_a))
    r = client.get("/services/applications/figures/", {"year": 2023})
    assert r.status_code == 200
    html = r.content.decode()
    u = town_a.pk
    a, b = data["a"].pk, data["b"].pk
    for link in (
        f"/services/service-items/?status=published&amp;org_unit={u}",
        f"/services/service-items/?online=true&amp;status=published&amp;org_unit={u}",
        f"/services/service-items/?visits_needed=0&amp;status=published&amp;org_unit={u}",
        f"/services/service-items/?kind=public_service&amp;status=published&amp;org_unit={u}",
        f"/services/applications/?year=2023&amp;org_unit={u}",
        f"/services/applications/?status=withdrawn&amp;year=2023&amp;org_unit={u}",
        f"/services/applications/?decided_year=2023&amp;org_unit={u}",
        f"/services/applications/?outcome=denied&amp;decided_year=2023&amp;org_unit={u}",
        f"/services/applications/?late=statutory&amp;decided_year=2023&amp;org_unit={u}",
        f"/services/applications/?late=promised&amp;decided_year=2023&amp;org_unit={u}",
        f"/services/applications/?status=delivered&amp;visits=2&amp;year=2023&amp;org_unit={u}",
        f"/services/applications/?status=refused&amp;visits=0&amp;year=2023&amp;org_unit={u}",
        f"/services/applications/?rating=5&amp;year=2023&amp;org_unit={u}",
        f"/services/applications/?year=2023&amp;item={a}&amp;org_unit={u}",
        f"/services/applications/?decided_year=2023&amp;item={b}&amp;org_unit={u}",
    ):
        assert link in html, link
    # The counts beside those links.
    assert (
        f'<a href="/services/applications/?late=promised&amp;decided_year=2023&amp;org_unit={u}">2件</a>'
        in html
    )
    assert (
        f'<a href="/services/applications/?status=delivered&amp;visits=2&amp;year=2023&amp;org_unit={u}">2件</a>'
        in html
    )
    assert "66.7%" in html and "80%" in html and "13个工作日" in html and "60%" in html
    assert "窗口收件10件，作出决定6件，承诺时限内办结率66.7%" in html


def test_the_page_takes_the_year_from_the_picker_and_ignores_a_bad_one(client, data, town_a):
    login(client, clerk_of(town_a))
    r = client.get("/services/applications/figures/", {"year": "2024"})
    assert r.context["year"] == 2024 and r.context["figures"].received == 0
    bad = client.get("/services/applications/figures/", {"year": "abc"})
    assert bad.status_code == 200 and bad.context["year"] == timezone.localdate().year


def test_the_page_needs_the_applications_permission(client, town_a, auditor):
    login(client, auditor)
    assert client.get("/services/applications/figures/").status_code == 403


def test_a_county_user_sees_the_towns_column(client, data, town_b, county_leader):
    make_item(town_b, name="双江事项")
    login(client, county_leader)
    r = client.get("/services/applications/figures/", {"year": 2023})
    assert r.status_code == 200 and r.context["several_units"]
    assert "双江事项" in r.content.decode()


# -- the API -------------------------------------------------------------------------------------


def test_the_api_gives_the_same_figures(client, data, town_a):
    client.force_login(clerk_of(town_a))
    r = client.get("/api/v1/services/window-figures/", {"year": 2023})
    assert r.status_code == 200
    body = r.json()
    assert (body["year"], body["org_unit"]) == (2023, town_a.pk)
    assert body["items"]["listed"] == 2 and body["items"]["online"] == 1
    assert body["received"]["received"] == 10 and body["received"]["notices"] == 2
    assert body["decided"]["on_time_statutory_rate"] == pytest.approx(0.8)
    assert body["decided"]["average_working_days"] == pytest.approx(13.0)
    assert body["visits"]["delivered"] == [1, 2, 2] and body["visits"]["ended"] == 7
    assert body["ratings"]["good_rate"] == pytest.approx(0.6)
    assert [g["count"] for g in body["ratings"]["by_grade"]] == [1, 1, 1, 1, 1]
    assert {row["name"] for row in body["per_item"]} == {"农村村民宅基地审批", "生育登记"}


def test_the_api_gives_nulls_for_an_empty_year(client, town_a):
    client.force_login(clerk_of(town_a))
    body = client.get("/api/v1/services/window-figures/", {"year": 2020}).json()
    assert body["decided"]["on_time_statutory_rate"] is None and body["ratings"]["average"] is None


def test_the_api_refuses_a_bad_year_in_chinese(client, town_a):
    client.force_login(clerk_of(town_a))
    r = client.get("/api/v1/services/window-figures/", {"year": "20x3"})
    assert r.status_code == 400 and "年度" in r.content.decode()
    assert client.get("/api/v1/services/window-figures/", {"year": 1800}).status_code == 400


def test_the_api_needs_the_permission_and_a_unit(client, town_a, auditor):
    assert client.get("/api/v1/services/window-figures/").status_code in (401, 403)
    login(client, auditor)
    assert client.get("/api/v1/services/window-figures/").status_code == 403
    client.force_login(user_with_role("nowhere", "window_clerk", None))
    r = client.get("/api/v1/services/window-figures/")
    assert r.status_code == 403 and "所属单位" in r.content.decode()


def test_each_linked_list_holds_as_many_records_as_its_figure(client, data, town_a):
    login(client, clerk_of(town_a))
    f = client.get("/services/applications/figures/", {"year": 2023}).context["figures"]
    # The list of items is today's: it agrees with this year's figures (the item of 2024 is on it).
    now = window_figures(town_a, timezone.localdate().year)
    u = {"org_unit": town_a.pk}
    expected = [
        ("/services/service-items/", {"status": "published", **u}, now.items_listed),
        ("/services/service-items/", {"status": "published", "online": "true", **u}, now.items_online),
        ("/services/service-items/", {"status": "published", "visits_needed": 0, **u}, now.items_zero_visit),
        ("/services/applications/", {"year": 2023, **u}, f.received),
        ("/services/applications/", {"year": 2023, "status": "refused", **u}, f.refused),
        ("/services/applications/", {"decided_year": 2023, **u}, f.decided),
        ("/services/applications/", {"decided_year": 2023, "outcome": "denied", **u}, f.denied),
        ("/services/applications/", {"decided_year": 2023, "late": "statutory", **u}, f.late_statutory),
        ("/services/applications/", {"decided_year": 2023, "late": "promised", **u}, f.late_promised),
        (
            "/services/applications/",
            {"year": 2023, "status": "delivered", "visits": "2", **u},
            f.delivered_visits[2],
        ),
        (
            "/services/applications/",
            {"year": 2023, "status": "refused", "visits": "0", **u},
            f.refused_visits[0],
        ),
        ("/services/applications/", {"year": 2023, "rating": 4, **u}, f.ratings[4]),
        ("/services/applications/", {"year": 2023, "item": data["a"].pk, **u}, 9),
    ]
    for path, params, count in expected:
        r = client.get(path, params)
        assert r.status_code == 200, (path, params)
        assert r.context["page"].paginator.count == count, (path, params)
