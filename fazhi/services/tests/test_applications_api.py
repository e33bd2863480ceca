"""The applications API: receiving and correcting through the page form, masked reads,
every step endpoint, the refusals in the API's error format, and another town's
application."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.factories import login, user_with_role
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationState
from fazhi.services.models import Application
from fazhi.services.tests.factories_window import (
    accepted,
    clerk_of,
    leader_of,
    make_application,
    make_item,
    reviewer_of,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/services/applications/"
D = dt.date(2023, 9, 25)


def _step(client, app, step, **data):
    return client.post(f"{BASE}{app.pk}/steps/{step}/", data, content_type="application/json")


def _receive(client, item, **extra):
    data = {"item": item.pk, "applicant": "谭德明", "id_number": "500235199001011239", "phone": "13800001234",
            "address": "重庆市云阳县江口镇双龙村3组12号", "submitted_on": "2023-09-25",
            "received_materials": ["申请书"], **extra}  # fmt: skip
    return client.post(BASE, data, content_type="application/json")


def test_creating_receives_and_reads_back_masked(client, town_a):
    item = make_item(town_a)
    client.force_login(clerk_of(town_a))
    r = _receive(client, item)
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["number"] == "2023-00001" and body["status"] == "received" and body["visit_count"] == 1
    assert body["applicant_masked"] == "谭**" and body["phone_masked"] == "138****1234"
    assert body["id_number_masked"] == "500235********1239"
    assert body["missing_materials"] == ["申请人居民身份证"] and body["receipt_code"].count("-") == 2
    text = r.content.decode()
    for raw in ("谭德明", "13800001234", "500235199001011239", "双龙村3组12号"):
        assert raw not in text


def test_list_and_detail_reads_are_masked(client, town_a):
    app = make_application(make_item(town_a), id_number="500235199001011239")
    client.force_login(clerk_of(town_a))
    for url in (BASE, f"{BASE}{app.pk}/"):
        text = client.get(url).content.decode()
        assert "谭德明" not in text and "13800001234" not in text and "500235199001011239" not in text


def test_a_material_outside_the_items_list_is_refused(client, town_a):
    item = make_item(town_a)
    client.force_login(clerk_of(town_a))
    r = _receive(client, item, received_materials=["户口本"])
    assert r.status_code == 400 and "户口本" in r.json()["received_materials"][0]
    assert not Application.objects.exists()


def test_an_unpublished_item_is_refused(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    r = _receive(client, item)
    assert r.status_code == 400 and "item" in r.json()


def test_an_officer_may_read_but_not_receive(client, town_a, officer_town_a):
    item = make_item(town_a)
    make_application(item)
    client.force_login(officer_town_a)
    assert client.get(BASE).json()["count"] == 1
    assert _receive(client, item).status_code == 403


def test_patch_corrects_before_the_decision_and_not_after(client, town_a):
    item = make_item(town_a)
    app = make_application(item)
    client.force_login(clerk_of(town_a))
    r = client.patch(f"{BASE}{app.pk}/", {"phone": "13900001111"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["phone_masked"] == "139****1111" and r.json()["revision"] == 2
    actions.accept(app, actor=clerk_of(town_a), on=D)
    actions.decide(app, actor=clerk_of(town_a), outcome="approved", on=D)
    r = client.patch(f"{BASE}{app.pk}/", {"phone": "13900002222"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "transition_forbidden"


def test_status_and_due_dates_are_never_written(client, town_a):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_a))
    client.patch(
        f"{BASE}{app.pk}/", {"status": "delivered", "due_on": "2030-01-01"}, content_type="application/json"
    )
    app.refresh_from_db()
    assert app.status == ApplicationState.RECEIVED and app.due_on is None


def test_every_step_through_the_api(client, town_a):
    item = make_item(town_a, review_posts=2, materials="申请人居民身份证\n申请书\n户口簿")
    post_a, post_b = list(item.review_posts.order_by("id"))
    clerk = clerk_of(town_a)
    app = make_application(item, materials=["申请书"])
    client.force_login(clerk)
    r = _step(client, app, "notice", on="2023-09-25", other="申请书缺签名")
    assert r.status_code == 200 and r.json()["status"] == "notified"
    assert r.json()["notices"][0]["missing"] == ["申请人居民身份证", "户口簿"]
    r = _step(
        client, app, "supplement", on="2023-09-26", materials=["申请人居民身份证", "户口簿"], in_person=True
    )
    assert (
        r.json()["status"] == "received"
        and r.json()["visit_count"] == 2
        and r.json()["missing_materials"] == []
    )
    assert _step(client, app, "accept", on="2023-09-26").json()["status"] == "accepted"
    r = _step(client, app, "route", on="2023-09-26")
    assert [t["state"] for t in r.json()["reviews"]] == ["pending", "pending"]
    r = _step(client, app, "pause", on="2023-09-27", reason="testing", note="送检")
    assert r.json()["is_paused"] is True
    assert _step(client, app, "resume", on="2023-09-28").json()["paused_days"] == 1
    r = _step(client, app, "decide", on="2023-09-28", outcome="approved")
    assert (
        r.status_code == 400 and r.json()["code"] == "opinions_pending" and post_a.name in r.json()["detail"]
    )
    client.force_login(reviewer_of(post_a))
    assert _step(client, app, "opinion", post=post_a.pk, agree="agree", on="2023-09-28").status_code == 200
    client.force_login(reviewer_of(post_b))
    r = _step(
        client, app, "opinion", agree=False, opinion="宅基地面积超标", on="2023-09-28"
    )  # its one pending task
    assert r.status_code == 200 and {t["state"] for t in r.json()["reviews"]} == {"agreed", "disagreed"}
    login(client, leader_of(town_a))
    assert (
        _step(client, app, "extend", on="2023-09-28", reason="需要实地核查").json()["extension_approved_on"]
        == "2023-09-28"
    )
    r = _step(client, app, "decide", on="2023-10-09", outcome="denied", note="面积超标，不予批准")
    assert r.json()["status"] == "decided" and r.json()["outcome"] == "denied"
    client.force_login(clerk)
    r = _step(client, app, "deliver", on="2023-10-09", method="post")
    assert r.json()["status"] == "delivered" and r.json()["visit_count"] == 2


def test_refuse_and_withdraw_through_the_api(client, town_a):
    item = make_item(town_a)
    client.force_login(clerk_of(town_a))
    app = make_application(item)
    r = _step(client, app, "refuse", on="2023-09-25", reason="")
    assert r.status_code == 400 and r.json()["reason"]
    r = _step(client, app, "refuse", on="2023-09-25", reason="不属于本机关职权范围")
    assert r.json()["status"] == "refused"
    other = make_application(item)
    assert _step(client, other, "withdraw", on="2023-09-26", note="不再申请").json()["status"] == "withdrawn"


def test_a_rule_refusal_comes_back_with_its_code_and_citation(client, town_a):
    app = make_application(make_item(town_a), materials=["申请书"])
    client.force_login(clerk_of(town_a))
    _step(client, app, "notice", on="2023-09-25")
    r = _step(client, app, "notice", on="2023-09-25")
    assert r.status_code == 400 and r.json()["code"] == "notice_once"
    assert "行政许可法第三十二条" in r.json()["detail"]


def test_a_clerk_cannot_extend_and_a_non_holder_cannot_give_an_opinion(client, town_a):
    item = make_item(town_a, review_posts=1)
    app = accepted(item, on=D)
    client.force_login(clerk_of(town_a))
    r = _step(client, app, "extend", on="2023-09-26", reason="需要核查")
    assert r.status_code == 403 and "延长办理期限" in r.json()["detail"]
    _step(client, app, "route", on="2023-09-26")
    client.force_login(user_with_role("officer_x", "officer", town_a))
    r = _step(client, app, "opinion", post=item.review_posts.get().pk, agree="agree", on="2023-09-26")
    assert r.status_code == 403 and "在岗人员" in r.json()["detail"]


def test_an_opinion_without_a_post_for_someone_holding_none_is_refused(client, town_a):
    item = make_item(town_a, review_posts=1)
    app = accepted(item, on=D)
    actions.route(app, actor=clerk_of(town_a), on=D)
    client.force_login(clerk_of(town_a))
    r = _step(client, app, "opinion", agree="agree", on="2023-09-26")
    assert r.status_code == 400 and r.json()["code"] == "task_required"


def test_an_unknown_step_is_not_found(client, town_a):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_a))
    assert _step(client, app, "approve").status_code == 404


def test_another_towns_application_is_not_found(client, town_a, town_b):
    app = make_application(make_item(town_a))
    client.force_login(clerk_of(town_b))
    assert client.get(f"{BASE}{app.pk}/").status_code == 404
    assert _step(client, app, "accept", on="2023-09-25").status_code == 404
    assert (
        client.patch(f"{BASE}{app.pk}/", {"phone": "1"}, content_type="application/json").status_code == 404
    )
    assert client.get(BASE).json()["count"] == 0


def test_the_list_filters_by_the_registers_parameters(client, town_a):
    item = make_item(town_a)
    make_application(item, channel="agent")
    make_application(item)
    client.force_login(clerk_of(town_a))
    assert client.get(BASE, {"channel": "agent"}).json()["count"] == 1
    assert client.get(BASE, {"visits": "1"}).json()["count"] == 1


def test_an_id_number_is_checked_against_the_standard(client, town_a):
    item = make_item(town_a)
    client.force_login(clerk_of(town_a))
    r = _receive(client, item, id_number="500235199001011234")
    assert r.status_code == 400 and "GB 11643" in r.json()["id_number"][0]
    r = _receive(client, item, applicant_kind="organisation", applicant="云阳县某合作社", id_number="123")
    assert r.status_code == 400 and "GB 32100" in r.json()["id_number"][0]
    assert not Application.objects.exists()
