"""The portal's service guides (办事指南) and power list (权责清单): public, published items
only, each town's under that town, a draft or withdrawn item's guide not found, the
staff's text scrubbed of mobile numbers, and lists at a fixed query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.enforcement.models import Matter
from fazhi.enforcement.tests.factories import make_matter
from fazhi.services.actions import window as actions
from fazhi.services.choices import ItemKind
from fazhi.services.tests.factories_window import clerk_of, leader_of, make_item, make_post

pytestmark = pytest.mark.django_db
GUIDES = reverse("portal:service-guides")
POWERS = reverse("portal:powers")


def _guide(pk: int) -> str:
    return reverse("portal:service-guide", args=[pk])


@pytest.fixture
def items(town_a, town_b):
    licence = make_item(town_a, code="A-XK-1", name="农村村民宅基地审批", kind=ItemKind.LICENCE, visits_needed=1,
                        online=True, statutory_days=20, promised_days=15)  # fmt: skip
    birth = make_item(town_a, code="A-GG-1", name="生育登记", kind=ItemKind.PUBLIC_SERVICE, visits_needed=0,
                      online=True, statutory_days=None, promised_days=0)  # fmt: skip
    draft = make_item(town_a, code="A-DR-1", name="草稿事项", publish=False)
    gone = make_item(town_a, code="A-WD-1", name="停用事项")
    actions.withdraw_item(gone, actor=leader_of(town_a), reason="上级取消")
    other = make_item(town_b, code="B-XK-1", name="双江镇宅基地审批")
    return {"licence": licence, "birth": birth, "draft": draft, "gone": gone, "other": other}


def _names(client, **params) -> list[str]:
    r = client.get(GUIDES, params)
    assert r.status_code == 200
    return [g["name"] for g in r.context["guides"]]


def test_the_guides_list_the_published_items_without_a_login(client, items):
    assert _names(client) == ["生育登记", "农村村民宅基地审批", "双江镇宅基地审批"]
    html = client.get(GUIDES).content.decode()
    assert "草稿事项" not in html and "停用事项" not in html
    assert reverse("portal:service-status") in html


def test_a_towns_guides_are_listed_under_that_town_only(client, items, town_a, town_b):
    assert _names(client, town=town_a.code) == ["生育登记", "农村村民宅基地审批"]
    assert _names(client, town=town_b.code) == ["双江镇宅基地审批"]


def test_the_guides_are_searched_by_name_and_filtered_by_kind(client, items, town_a):
    assert _names(client, q="宅基地") == ["农村村民宅基地审批", "双江镇宅基地审批"]
    assert _names(client, town=town_a.code, kind="public_service") == ["生育登记"]
    assert _names(client, kind="benefit") == []


def test_each_guide_shows_its_limits_visits_and_online_badge(client, items, town_a):
    html = client.get(GUIDES, {"town": town_a.code}).content.decode()
    assert "法定20个工作日" in html and "承诺15个工作日" in html and "最多跑一次" in html
    assert "法定无" in html and "承诺即办（当场办结）" in html and "零跑腿" in html and "可网上办理" in html


def test_a_guide_shows_the_whole_guide(client, items):
    post = make_post(items["licence"].org_unit, "综合窗口岗")
    actions.update_item(items["licence"], actor=clerk_of(items["licence"].org_unit), data={
        "responsible_post": post, "conditions": "本村村民，一户一宅", "procedure": "申请\n村审查\n镇审批",
        "location": "江口镇便民服务中心", "hours": "工作日9:00-17:00", "phone": "023-55000000"})  # fmt: skip
    r = client.get(_guide(items["licence"].pk))
    assert r.status_code == 200
    html = r.content.decode()
    for text in ("农村村民宅基地审批", "《中华人民共和国行政许可法》第三十二条", "<li>申请人居民身份证</li>", "<li>申请书</li>",
                 "20个工作日", "15个工作日", "不收费", "1次（最多跑一次）", "本村村民，一户一宅", "江口镇便民服务中心",
                 "023-55000000", "民生服务办公室·综合窗口岗", "云阳县江口镇"):  # fmt: skip
        assert text in html, text


def test_a_draft_or_withdrawn_items_guide_is_not_found(client, items):
    assert client.get(_guide(items["draft"].pk)).status_code == 404
    assert client.get(_guide(items["gone"].pk)).status_code == 404
    assert client.get(_guide(items["licence"].pk)).status_code == 200


def test_a_mobile_number_typed_by_staff_is_masked_on_the_portal(client, town_a):
    item = make_item(town_a, phone="13812345678", procedure="咨询13812345678")
    html = client.get(_guide(item.pk)).content.decode()
    assert "13812345678" not in html and "138****5678" in html


def test_the_guides_list_costs_a_fixed_number_of_queries(client, town_a):
    for _ in range(3):
        make_item(town_a)
    client.get(GUIDES)  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(GUIDES)
    for _ in range(15):
        make_item(town_a)
    with CaptureQueriesContext(connection) as many:
        assert client.get(GUIDES).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


# -- the power list on the portal ---------------------------------------------------------------


def test_the_power_list_asks_for_a_town_first(client, items, town_a, town_b):
    r = client.get(POWERS)
    assert r.status_code == 200 and r.context["rows"] == []
    html = r.content.decode()
    assert f"?town={town_a.code}" in html and f"?town={town_b.code}" in html


def test_a_towns_power_list_holds_its_published_items_and_public_matters(client, items, town_a):
    matter = make_matter(town_a, name="占道经营")
    Matter.objects.filter(pk=matter.pk).update(responsible_post=make_post(town_a, "综合行政执法岗"))
    inactive = make_matter(town_a, name="已停用执法事项")
    Matter.objects.filter(pk=inactive.pk).update(is_active=False)
    r = client.get(POWERS, {"town": town_a.code})
    rows = r.context["rows"]
    assert [(row["kind_label"], row["name"]) for row in rows] == [
        ("行政许可", "农村村民宅基地审批"), ("公共服务", "生育登记"), ("行政处罚", "占道经营"),
    ]  # fmt: skip
    assert rows[0]["url"] == _guide(items["licence"].pk)
    assert rows[2]["url"] == reverse("portal:matter", args=[matter.pk])
    assert rows[2]["post"] == "民生服务办公室·综合行政执法岗"
    html = r.content.decode()
    assert "双江" not in html.split("<main")[1].split("</form>")[1] and "草稿事项" not in html
    assert [
        row["name"] for row in client.get(POWERS, {"town": town_a.code, "kind": "penalty"}).context["rows"]
    ] == ["占道经营"]


def test_the_portal_matter_page_names_its_responsible_post(client, town_a):
    matter = make_matter(town_a)
    Matter.objects.filter(pk=matter.pk).update(responsible_post=make_post(town_a, "综合行政执法岗"))
    html = client.get(reverse("portal:matter", args=[matter.pk])).content.decode()
    assert "责任岗位" in html and "民生服务办公室·综合行政执法岗" in html


def test_the_portal_home_links_the_guides_and_the_power_list(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert GUIDES in html and POWERS in html and reverse("portal:service-status") in html
