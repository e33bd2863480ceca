"""The service list through the API: created and changed through the page form's rules,
scoped by town, filtered with the list's parameters, published and withdrawn by the
same actions as the item's page, with the same permissions."""

from __future__ import annotations

import pytest

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role
from fazhi.services.choices import ItemStatus
from fazhi.services.models import ServiceItem
from fazhi.services.tests.factories_window import clerk_of, leader_of, make_item, make_post

pytestmark = pytest.mark.django_db
API = "/api/v1/services/service-items/"


def _item(town, **extra) -> dict:
    return {"org_unit": town.pk, "code": "JK-QR-001", "name": "特困人员认定", "kind": "confirmation",
            "basis": "《社会救助暂行办法》第十四条", "statutory_days": 15, "promised_days": 10,
            "materials": "特困人员救助供养申请书\n申请人居民身份证", "visits_needed": 1, "online": False, **extra}  # fmt: skip


def test_an_item_is_created_as_a_draft_and_read_back_with_its_labels(client, town_a):
    posts = [make_post(town_a), make_post(town_a)]
    client.force_login(clerk_of(town_a))
    r = client.post(API, _item(town_a, review_posts=[p.pk for p in posts], responsible_post=posts[0].pk),
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["status"], body["status_label"], body["kind_label"], body["fees"]) == (
        "draft", "草稿", "行政确认", "不收费"
    )  # fmt: skip
    assert body["material_list"] == ["特困人员救助供养申请书", "申请人居民身份证"]
    assert sorted(body["review_posts"]) == sorted(p.pk for p in posts)
    assert AuditEvent.objects.filter(action="services.serviceitem.created").count() == 1


def test_the_org_unit_left_out_is_the_users_town(client, town_a):
    client.force_login(clerk_of(town_a))
    data = _item(town_a)
    del data["org_unit"]
    assert client.post(API, data, content_type="application/json").status_code == 201
    assert ServiceItem.objects.get().org_unit == town_a


def test_a_promise_beyond_the_statutory_limit_is_a_400_in_chinese(client, town_a):
    client.force_login(clerk_of(town_a))
    r = client.post(API, _item(town_a, promised_days=16), content_type="application/json")
    assert r.status_code == 400
    assert r.json()["promised_days"] == ["承诺办结时限（16个工作日）不能超过法定办结时限（15个工作日）"]
    assert not ServiceItem.objects.exists()


def test_another_towns_post_does_not_exist_for_the_api(client, town_a, town_b):
    theirs = make_post(town_b)
    client.force_login(clerk_of(town_a))
    r = client.post(API, _item(town_a, review_posts=[theirs.pk]), content_type="application/json")
    assert r.status_code == 400 and "review_posts" in r.json()


def test_a_patch_changes_the_item_and_keeps_the_rest(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    r = client.patch(f"{API}{item.pk}/", {"promised_days": 5}, content_type="application/json")
    assert r.status_code == 200, r.json()
    item.refresh_from_db()
    assert (
        item.promised_days == 5
        and item.statutory_days == 20
        and item.material_list() == ["申请人居民身份证", "申请书"]
    )
    (event,) = AuditEvent.objects.filter(action="services.serviceitem.changed")
    assert event.new == {"promised_days": 5}


def test_the_status_cannot_be_written_through_the_api(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    client.patch(f"{API}{item.pk}/", {"status": "published"}, content_type="application/json")
    assert ServiceItem.objects.get(pk=item.pk).status == ItemStatus.DRAFT


def test_the_api_lists_the_towns_items_only_and_filters_them(client, town_a, town_b, officer_town_a):
    make_item(town_a, code="A-1", kind="licence")
    make_item(town_a, code="A-2", kind="benefit", publish=False)
    other = make_item(town_b, code="B-1")
    client.force_login(officer_town_a)
    assert {row["code"] for row in client.get(API).json()["results"]} == {"A-1", "A-2"}
    assert [row["code"] for row in client.get(API, {"status": "draft"}).json()["results"]] == ["A-2"]
    assert [row["code"] for row in client.get(API, {"kind": "licence", "q": "A-"}).json()["results"]] == [
        "A-1"
    ]
    assert client.get(f"{API}{other.pk}/").status_code == 404


def test_a_reader_may_not_write(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    assert client.post(API, _item(town_a), content_type="application/json").status_code == 403


def test_a_leader_publishes_and_withdraws_through_the_api(client, town_a):
    item = make_item(town_a, publish=False)
    login(client, leader_of(town_a))
    r = client.post(f"{API}{item.pk}/publish/", {"on": "2023-02-01"}, content_type="application/json")
    assert r.status_code == 200, r.json()
    assert (r.json()["status"], r.json()["published_on"]) == ("published", "2023-02-01")
    r = client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json")
    assert r.status_code == 400 and r.json() == {"code": "already_published", "detail": "该事项已经公布"}
    r = client.post(f"{API}{item.pk}/withdraw/", {}, content_type="application/json")
    assert r.status_code == 400 and "reason" in r.json()
    r = client.post(f"{API}{item.pk}/withdraw/", {"reason": "事项调整"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status_label"] == "已停用"
    actions = list(
        AuditEvent.objects.filter(action__startswith="services.serviceitem.").values_list("action", flat=True)
    )
    assert actions.count("services.serviceitem.published") == 1
    assert actions.count("services.serviceitem.disabled") == 1


def test_publishing_needs_the_publish_permission(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    assert client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json").status_code == 403
    office = user_with_role("fzb_api", "rule_of_law_office", town_a)
    client.force_login(office)
    assert client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json").status_code == 200


def test_another_towns_item_cannot_be_published(client, town_a, town_b):
    item = make_item(town_a, publish=False)
    login(client, leader_of(town_b))
    assert client.post(f"{API}{item.pk}/publish/", {}, content_type="application/json").status_code == 404
    assert ServiceItem.objects.get(pk=item.pk).status == ItemStatus.DRAFT
