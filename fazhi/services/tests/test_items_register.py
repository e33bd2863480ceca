"""The service list register (政务服务事项清单) through its pages: the register contract,
creating and editing an item through the form, the promised limit against the
statutory one, the posts offered, the filters, the item's page with its guide, the
publish and withdraw steps with their permissions and audit events, another town's
item, and the list's fixed query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.services.choices import ItemKind, ItemStatus
from fazhi.services.definitions.items import service_items
from fazhi.services.models import ServiceItem
from fazhi.services.tests.factories_window import clerk_of, leader_of, make_item, make_post

pytestmark = pytest.mark.django_db


def _events(action: str):
    return AuditEvent.objects.filter(action=action)


def _form_data(town, **extra) -> dict:
    data = {
        "org_unit": town.pk, "code": "JK-XK-001", "name": "农村村民宅基地审批", "kind": ItemKind.LICENCE,
        "basis": "《中华人民共和国土地管理法》第六十二条", "statutory_days": "20", "promised_days": "15",
        "materials": "农村宅基地和建房（规划许可）申请表\r\n申请人居民身份证\r\n\r\n- 户口簿",
        "conditions": "本村村民，一户一宅", "procedure": "申请→村审查→镇审批", "fees": "不收费",
        "visits_needed": "1", "online": "on", "location": "江口镇便民服务中心", "hours": "工作日9:00-17:00",
        "phone": "023-55000000", "note": "",
    }  # fmt: skip
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


# -- the register contract ---------------------------------------------------------------------------


class TestServiceItemsRegister(RegisterContract):
    register = service_items

    def make(self, town, n):
        posts = [make_post(town) for _ in range(2)]
        return [
            make_item(
                town, review_posts=posts if i % 2 else [], responsible_post=posts[0], publish=bool(i % 3)
            )
            for i in range(n)
        ]


# -- creating and editing ------------------------------------------------------------------------------


def test_a_clerk_creates_an_item_as_a_draft_with_its_materials_one_per_line(client, town_a):
    post = make_post(town_a, "宅基地审核岗")
    client.force_login(clerk_of(town_a))
    r = client.post(
        service_items.url("create"), _form_data(town_a, review_posts=[post.pk], responsible_post=post.pk)
    )
    item = ServiceItem.objects.get(code="JK-XK-001")
    assert r.status_code == 302 and r["Location"] == item.get_absolute_url()
    assert item.status == ItemStatus.DRAFT and item.published_on is None
    assert item.materials == "农村宅基地和建房（规划许可）申请表\n申请人居民身份证\n户口簿"
    assert list(item.review_posts.all()) == [post] and item.responsible_post == post
    (event,) = _events("services.serviceitem.created")
    assert event.new["code"] == "JK-XK-001" and event.new["review_posts"] == [post.pk]


def test_a_promised_limit_beyond_the_statutory_one_is_refused_beside_the_field(client, town_a):
    client.force_login(clerk_of(town_a))
    r = client.post(service_items.url("create"), _form_data(town_a, statutory_days="20", promised_days="25"))
    assert r.status_code == 200
    assert r.context["form"].errors["promised_days"] == [
        "承诺办结时限（25个工作日）不能超过法定办结时限（20个工作日）"
    ]
    assert "承诺办结时限（25个工作日）不能超过法定办结时限（20个工作日）" in r.content.decode()
    assert not ServiceItem.objects.exists() and not _events("services.serviceitem.created").exists()


def test_an_item_without_a_statutory_limit_takes_any_promise(client, town_a):
    client.force_login(clerk_of(town_a))
    client.post(service_items.url("create"), _form_data(town_a, statutory_days="", promised_days="30"))
    item = ServiceItem.objects.get()
    assert item.statutory_days is None and item.promised_days == 30


def test_the_org_unit_left_empty_is_the_users_town(client, town_a):
    client.force_login(clerk_of(town_a))
    assert client.get(service_items.url("create")).context["form"]["org_unit"].value() == town_a.pk
    client.post(service_items.url("create"), _form_data(town_a, org_unit=""))
    assert ServiceItem.objects.get().org_unit == town_a


def test_a_code_taken_in_the_town_is_refused_in_chinese(client, town_a):
    make_item(town_a, code="JK-XK-001")
    client.force_login(clerk_of(town_a))
    r = client.post(service_items.url("create"), _form_data(town_a))
    assert r.context["form"].errors["code"] == ["江口镇已有事项编码为“JK-XK-001”的事项"]


def test_the_form_offers_only_the_posts_the_user_sees(client, town_a, town_b):
    mine, theirs = make_post(town_a), make_post(town_b)
    client.force_login(clerk_of(town_a))
    form = client.get(service_items.url("create")).context["form"]
    assert mine in form.fields["review_posts"].queryset and theirs not in form.fields["review_posts"].queryset
    assert mine in form.fields["responsible_post"].queryset
    assert theirs not in form.fields["responsible_post"].queryset
    r = client.post(service_items.url("create"), _form_data(town_a, review_posts=[theirs.pk]))
    assert "review_posts" in r.context["form"].errors and not ServiceItem.objects.exists()


def test_a_county_user_may_not_name_another_towns_post(town_a, town_b):
    from fazhi.services.forms.items import ServiceItemForm

    county_clerk = user_with_role("county_clerk", "window_clerk", town_a.parent)
    theirs = make_post(town_b, "双江审核岗")
    form = ServiceItemForm(data=_form_data(town_a, review_posts=[theirs.pk]), user=county_clerk)
    assert not form.is_valid()
    assert form.errors["review_posts"] == ["岗位“双江审核岗”不属于江口镇，只能选择本乡镇的岗位"]


def test_an_edit_writes_one_event_with_the_changed_fields_only(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    data = _form_data(town_a, code=item.code, name=item.name, basis=item.basis, materials=item.materials,
                      conditions="", procedure="", location="", hours="", phone="", promised_days="10")  # fmt: skip
    r = client.post(service_items.url("edit", item.pk), data)
    assert r.status_code == 302
    (event,) = _events("services.serviceitem.changed")
    assert event.old["promised_days"] == 15 and event.new["promised_days"] == 10
    assert "name" not in event.new
    client.post(service_items.url("edit", item.pk), data)  # saved again without changes
    assert _events("services.serviceitem.changed").count() == 1


def test_a_role_that_may_only_read_cannot_open_the_form(client, town_a, officer_town_a):
    item = make_item(town_a)
    client.force_login(officer_town_a)
    assert client.get(service_items.url("create")).status_code == 403
    assert client.get(service_items.url("edit", item.pk)).status_code == 403


def test_another_towns_item_is_not_found_on_any_of_its_pages(client, town_a, town_b):
    item = make_item(town_a, publish=False)
    login(client, leader_of(town_b))
    assert client.get(service_items.url("detail", item.pk)).status_code == 404
    assert client.post(reverse("services:service-items-publish", args=[item.pk])).status_code == 404
    client.force_login(clerk_of(town_b))
    assert client.get(service_items.url("edit", item.pk)).status_code == 404
    assert ServiceItem.objects.get(pk=item.pk).status == ItemStatus.DRAFT


# -- the list ---------------------------------------------------------------------------------------


def _codes(client, **params) -> set[str]:
    r = client.get(service_items.url("list"), params)
    assert r.status_code == 200
    return {obj.code for obj, _ in r.context["rows"]}


def test_the_filters_narrow_the_list(client, town_a, officer_town_a):
    make_item(
        town_a, code="A-1", name="农村村民宅基地审批", kind=ItemKind.LICENCE, online=True, visits_needed=1
    )
    make_item(town_a, code="A-2", name="最低生活保障", kind=ItemKind.BENEFIT, online=False, visits_needed=1,
              publish=False)  # fmt: skip
    make_item(town_a, code="B-3", name="生育登记", kind=ItemKind.PUBLIC_SERVICE, online=True, visits_needed=0,
              statutory_days=None, promised_days=0)  # fmt: skip
    client.force_login(officer_town_a)
    assert _codes(client) == {"A-1", "A-2", "B-3"}
    assert _codes(client, kind="benefit") == {"A-2"}
    assert _codes(client, status="draft") == {"A-2"}
    assert _codes(client, online="false") == {"A-2"}
    assert _codes(client, visits_needed="0") == {"B-3"}
    assert _codes(client, q="a-") == {"A-1", "A-2"}
    assert _codes(client, q="宅基地") == {"A-1"}
    assert _codes(client, org_unit=town_a.pk, kind="licence") == {"A-1"}


def test_the_list_shows_the_limits_visits_online_and_status(client, town_a, officer_town_a):
    make_item(town_a, code="B-3", statutory_days=None, promised_days=0, visits_needed=0,
              kind=ItemKind.PUBLIC_SERVICE)  # fmt: skip
    make_item(town_a, code="A-1", statutory_days=20, promised_days=15, publish=False)
    client.force_login(officer_town_a)
    rows = {obj.code: cells for obj, cells in client.get(service_items.url("list")).context["rows"]}
    assert rows["A-1"][3:] == ["20 / 15", "1次（最多跑一次）", True, "草稿"]
    assert rows["B-3"][2:] == ["公共服务", "无 / 即办", "0次（零跑腿）", True, "已公布"]


def test_the_list_costs_a_fixed_number_of_queries(
    client, town_a, officer_town_a, django_assert_max_num_queries
):
    posts = [make_post(town_a) for _ in range(3)]
    for _ in range(3):
        make_item(town_a, review_posts=posts, responsible_post=posts[0])
    client.force_login(officer_town_a)
    client.get(service_items.url("list"))  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(service_items.url("list"))
    for _ in range(25):
        make_item(town_a, review_posts=posts, responsible_post=posts[1])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(service_items.url("list")).status_code == 200


# -- the item's page ------------------------------------------------------------------------------------


def test_the_items_page_shows_the_whole_guide(client, town_a, officer_town_a):
    posts = [make_post(town_a, "规划审核岗"), make_post(town_a, "农业审核岗")]
    item = make_item(town_a, review_posts=posts, responsible_post=posts[0], fees="不收费", location="便民服务中心",
                     hours="工作日", phone="023-55000000", conditions="一户一宅", procedure="受理→审查→决定")  # fmt: skip
    client.force_login(officer_town_a)
    r = client.get(item.get_absolute_url())
    html = r.content.decode()
    assert r.status_code == 200
    for text in ("《中华人民共和国行政许可法》第三十二条", "<li>申请人居民身份证</li><li>申请书</li>", "20个工作日",
                 "15个工作日", "一户一宅", "受理→审查→决定", "便民服务中心", "023-55000000", "1次（最多跑一次）",
                 "可网上办理", "民生服务办公室·规划审核岗、民生服务办公室·农业审核岗", "已公布"):  # fmt: skip
        assert text in html, text
    assert reverse("portal:service-guide", args=[item.pk]) in html
    # An officer may read the list but neither publish nor withdraw.
    assert 'data-testid="withdraw-form"' not in html and 'data-testid="publish-form"' not in html


def test_the_publish_button_shows_only_to_who_may_publish(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    assert 'data-testid="publish-form"' not in client.get(item.get_absolute_url()).content.decode()
    login(client, leader_of(town_a))
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="publish-form"' in html and 'data-testid="withdraw-form"' not in html


# -- publish and withdraw -------------------------------------------------------------------------------


def test_a_leader_publishes_an_item_on_a_day_with_its_audit_event(client, town_a):
    item = make_item(town_a, publish=False)
    login(client, leader_of(town_a))
    r = client.post(
        reverse("services:service-items-publish", args=[item.pk]), {"on": "2023-03-01"}, follow=True
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.published_on == dt.date(2023, 3, 1)
    assert "已公布" in r.content.decode()
    (event,) = _events("services.serviceitem.published")
    assert event.new == {"status": "published", "published_on": "2023-03-01"}


def test_a_clerk_may_not_publish(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    assert client.post(reverse("services:service-items-publish", args=[item.pk])).status_code == 403
    assert ServiceItem.objects.get(pk=item.pk).status == ItemStatus.DRAFT
    assert not _events("services.serviceitem.published").exists()


def test_an_item_without_materials_cannot_be_published(client, town_a):
    item = make_item(town_a, publish=False, materials="")
    login(client, leader_of(town_a))
    r = client.post(reverse("services:service-items-publish", args=[item.pk]), follow=True)
    assert "公布的事项须列明申请材料（一次性告知以此为准）" in r.content.decode()
    assert ServiceItem.objects.get(pk=item.pk).status == ItemStatus.DRAFT


def test_the_rule_of_law_office_withdraws_an_item_with_a_reason(client, town_a):
    item = make_item(town_a)
    office = user_with_role("fzb_a", "rule_of_law_office", town_a)
    client.force_login(office)
    r = client.post(reverse("services:service-items-withdraw", args=[item.pk]), {"reason": "  "}, follow=True)
    assert "停用理由：请填写停用理由" in r.content.decode()
    assert ServiceItem.objects.get(pk=item.pk).status == ItemStatus.PUBLISHED
    client.post(reverse("services:service-items-withdraw", args=[item.pk]), {"reason": "上级取消该事项"})
    assert ServiceItem.objects.get(pk=item.pk).status == ItemStatus.WITHDRAWN
    (event,) = _events("services.serviceitem.disabled")
    assert event.message == "上级取消该事项" and event.actor_name == "fzb_a"


def test_withdrawing_a_draft_is_refused_with_a_message(client, town_a):
    item = make_item(town_a, publish=False)
    login(client, leader_of(town_a))
    r = client.post(
        reverse("services:service-items-withdraw", args=[item.pk]), {"reason": "不再办理"}, follow=True
    )
    assert "只能停用已公布的事项" in r.content.decode()


def test_publish_and_withdraw_answer_posts_only(client, town_a):
    item = make_item(town_a)
    login(client, leader_of(town_a))
    assert client.get(reverse("services:service-items-withdraw", args=[item.pk])).status_code == 405
