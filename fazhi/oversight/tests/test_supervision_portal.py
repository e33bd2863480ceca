"""The portal's disclosure pages: anyone reads the published items, and only
those; a draft, a withdrawn or an expired item is a 404; a request for
information and its requester never appear."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.oversight.supervision import actions
from fazhi.oversight.tests.factories_supervision import clerk_of, make_item, make_request

pytestmark = pytest.mark.django_db
LIST = "/portal/disclosures/"


def _titles(response) -> list[str]:
    return [row["title"] for row in response.context["items"]]


def test_anyone_reads_the_published_items(client, town_a):
    item = make_item(town_a, title="宅基地审批结果公示", published_on=dt.date(2023, 10, 10))
    r = client.get(LIST)
    assert r.status_code == 200 and _titles(r) == ["宅基地审批结果公示"]
    detail = client.get(f"{LIST}{item.pk}/")
    assert detail.status_code == 200 and "第一批宅基地审批结果（测试）" in detail.content.decode()
    assert "政务公开" in detail.content.decode()  # the portal's navigation names the pages


def test_only_published_items_are_listed_or_shown(client, town_a):
    draft = make_item(town_a, title="未公开的草稿")
    withdrawn = make_item(town_a, title="已撤回的信息", published_on=dt.date(2023, 10, 10))
    actions.withdraw_info_item(withdrawn, actor=clerk_of(town_a), reason="有误", on=dt.date(2023, 10, 12))
    expired = make_item(town_a, title="已失效的信息", published_on=dt.date(2023, 10, 10))
    actions.expire_info_item(expired, actor=clerk_of(town_a), on=dt.date(2023, 12, 1))
    make_item(town_a, title="公开中的信息", published_on=dt.date(2023, 10, 10))
    assert _titles(client.get(LIST)) == ["公开中的信息"]
    for item in (draft, withdrawn, expired):
        assert client.get(f"{LIST}{item.pk}/").status_code == 404


def test_the_page_reads_only_the_allowed_fields(client, town_a):
    item = make_item(town_a, published_on=dt.date(2023, 10, 10), handler=clerk_of(town_a),
                     content="联系人电话13812345678")  # fmt: skip
    r = client.get(f"{LIST}{item.pk}/")
    assert set(r.context["item"]) == {"pk", "title", "category", "unit", "published_on", "channel", "content"}
    page = r.content.decode()
    assert "13812345678" not in page and "王公开" not in page  # the phone scrubbed, the clerk not named


def test_no_request_or_requester_reaches_the_portal(client, town_a):
    make_request(town_a, requester="张三丰", contact="13912345678", content="申请公开某村道路资金")
    make_item(town_a, published_on=dt.date(2023, 10, 10))
    for url in (LIST, "/portal/"):
        page = client.get(url).content.decode()
        assert "张三丰" not in page and "13912345678" not in page and "申请公开某村道路资金" not in page


def test_the_list_filters_by_town_and_category(client, town_a, town_b):
    make_item(town_a, title="江口的公示", category="homestead", published_on=dt.date(2023, 10, 10))
    make_item(town_b, title="双江的公示", category="homestead", published_on=dt.date(2023, 10, 11))
    make_item(town_a, title="江口的预算", category="budget", published_on=dt.date(2023, 10, 12))
    assert _titles(client.get(f"{LIST}?town={town_a.code}")) == ["江口的预算", "江口的公示"]
    assert _titles(client.get(f"{LIST}?category=homestead")) == ["双江的公示", "江口的公示"]
    assert _titles(client.get(f"{LIST}?q=预算")) == ["江口的预算"]


def test_the_list_keeps_a_fixed_query_count(client, town_a):
    for n in range(3):
        make_item(town_a, published_on=dt.date(2023, 10, 10 + n))
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(15):
        make_item(town_a, published_on=dt.date(2023, 11, 1 + n))
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many.captured_queries) == len(few.captured_queries)
