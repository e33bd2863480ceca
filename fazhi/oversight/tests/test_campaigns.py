"""Special campaigns: their categories edited with them, their problems counted
per category and status, and their on-time rate."""

import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.law import RuleError
from fazhi.oversight import actions, definitions, selectors
from fazhi.oversight.choices import RectificationStatus
from fazhi.oversight.tests.factories import campaign_problem, close_out, make_campaign, office_of

pytestmark = pytest.mark.django_db


def test_a_campaign_is_created_with_its_categories_in_one_event(town_a):
    campaign = make_campaign(town_a, categories=("逐利执法", "执法粗暴", "投诉举报"))
    assert campaign.category_names() == ["逐利执法", "执法粗暴", "投诉举报"]
    event = AuditEvent.objects.get(action="oversight.campaign.created")
    assert "执法粗暴" in event.new_values


def test_editing_the_categories_adds_reorders_and_removes_unused_ones(town_a):
    campaign = make_campaign(town_a, categories=("甲", "乙", "丙"))
    campaign = actions.update_campaign(
        campaign, actor=office_of(town_a), data={"categories": ["丙", "甲", "丁"]}
    )
    assert campaign.category_names() == ["丙", "甲", "丁"]
    event = AuditEvent.objects.get(action="oversight.campaign.changed")
    assert '"乙"' in event.old_values and '"丁"' in event.new_values


def test_a_category_with_problems_is_not_removed(town_a):
    campaign = make_campaign(town_a, categories=("甲", "乙"))
    campaign_problem(campaign, "乙")
    with pytest.raises(RuleError) as exc:
        actions.update_campaign(campaign, actor=office_of(town_a), data={"categories": ["甲"]})
    assert exc.value.code == "category_in_use"
    assert campaign.category_names() == ["甲", "乙"]


def test_an_unchanged_campaign_writes_nothing(town_a):
    campaign = make_campaign(town_a)
    same = actions.update_campaign(campaign, actor=office_of(town_a),
                                   data={"name": campaign.name, "categories": campaign.category_names()})  # fmt: skip
    assert same.fazhi_changed is False
    assert not AuditEvent.objects.filter(action="oversight.campaign.changed").exists()


def test_the_figures_count_problems_per_category_and_status_with_the_on_time_rate(town_a):
    campaign = make_campaign(town_a, categories=("逐利执法", "执法粗暴"))
    close_out(campaign_problem(campaign, "逐利执法", due_on=dt.date(2023, 8, 31)), on=dt.date(2023, 8, 1))
    close_out(campaign_problem(campaign, "逐利执法", due_on=dt.date(2023, 8, 31)), on=dt.date(2023, 9, 1))
    campaign_problem(campaign, "执法粗暴", due_on=dt.date(2023, 8, 31))  # open and overdue
    campaign_problem(campaign, "执法粗暴", due_on=dt.date(2099, 1, 1))  # open, not yet due
    figures = selectors.campaign_figures(campaign, today=dt.date(2023, 10, 1))
    rows = {r.name: r for r in figures["rows"]}
    assert rows["逐利执法"].counts[RectificationStatus.CLOSED] == 2 and rows["逐利执法"].overdue == 0
    assert rows["执法粗暴"].counts[RectificationStatus.OPEN] == 2 and rows["执法粗暴"].overdue == 1
    assert figures["totals"].total == 4 and figures["totals"].cells == [2, 0, 0, 2]
    assert (figures["on_time"].closed, figures["on_time"].on_time, figures["on_time"].percent) == (
        2,
        1,
        "50.0%",
    )


def test_the_campaign_page_shows_its_figures(client, town_a, officer_town_a):
    campaign = make_campaign(town_a, categories=("逐利执法", "执法粗暴"))
    close_out(campaign_problem(campaign, "逐利执法", due_on=dt.date(2023, 8, 31)), on=dt.date(2023, 8, 1))
    client.force_login(officer_town_a)
    page = client.get(definitions.campaigns.url("detail", campaign.pk)).content.decode()
    assert "按期销号率：100.0%" in page and "执法粗暴" in page


def test_a_campaign_through_the_api_takes_its_categories_as_a_list(client, town_a):
    client.force_login(office_of(town_a))
    data = {"org_unit": town_a.pk, "name": "专项整治", "starts_on": "2023-04-01", "ends_on": "2023-10-31",
            "categories": ["逐利执法", "执法不规范"]}  # fmt: skip
    r = client.post("/api/v1/oversight/campaigns/", data, content_type="application/json")
    assert r.status_code == 201, r.json()
    assert r.json()["categories"] == ["逐利执法", "执法不规范"]
    pk = r.json()["id"]
    r = client.patch(f"/api/v1/oversight/campaigns/{pk}/", {"categories": ["执法不规范"]},
                     content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["categories"] == ["执法不规范"]
    r = client.patch(
        f"/api/v1/oversight/campaigns/{pk}/", {"ends_on": "2023-01-01"}, content_type="application/json"
    )
    assert r.status_code == 400 and "结束日期不能早于开始日期" in str(r.json())


def test_the_campaign_form_takes_one_category_a_line(client, town_a):
    client.force_login(office_of(town_a))
    r = client.post(definitions.campaigns.url("create"), {
        "org_unit": town_a.pk, "name": "专项整治", "starts_on": "2023-04-01", "ends_on": "2023-10-31",
        "categories": "逐利执法\n执法不规范\n\n执法粗暴",
    })  # fmt: skip
    assert r.status_code == 302
    campaign = definitions.campaigns.queryset(office_of(town_a)).get()
    assert campaign.category_names() == ["逐利执法", "执法不规范", "执法粗暴"]
    page = client.get(definitions.campaigns.url("edit", campaign.pk)).content.decode()
    assert "逐利执法\n执法不规范\n执法粗暴" in page
