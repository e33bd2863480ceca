"""The market entity registers through the API: created through the page forms'
rules, scoped by town, the legal representative read back masked, the year's
figures as their own endpoint."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.services.actions import market as actions
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.tests.factories import clerk_of, make_entity, make_visit, valid_uscc, wrong_check_char

pytestmark = pytest.mark.django_db
API = "/api/v1/services/"


def _entity(town, **extra) -> dict:
    return {"org_unit": town.pk, "entity_type": "enterprise", "name": "云阳县某商贸有限公司", "uscc": valid_uscc(),
            "legal_rep": "谭德明", "registered_on": "2023-04-01", "address": "重庆市云阳县江口镇滨江路2号", **extra}  # fmt: skip


def test_an_entity_is_created_and_read_back_masked(client, town_a):
    client.force_login(clerk_of(town_a))
    r = client.post(API + "market-entities/", _entity(town_a), content_type="application/json")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["legal_rep_masked"], body["entity_type_label"], body["status"]) == (
        "谭**",
        "企业",
        "existing",
    )
    assert "legal_rep" not in body
    assert AuditEvent.objects.filter(action=actions.CREATED).count() == 1
    listed = client.get(API + "market-entities/").json()["results"]
    assert [row["legal_rep_masked"] for row in listed] == ["谭**"] and "谭德明" not in str(listed)


def test_a_wrong_check_character_is_a_400_in_chinese(client, town_a):
    client.force_login(clerk_of(town_a))
    r = client.post(API + "market-entities/", _entity(town_a, uscc=wrong_check_char(valid_uscc())),
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400
    assert "统一社会信用代码校验码不正确（GB 32100-2015）" in str(r.json())
    assert not MarketEntity.objects.exists()


def test_a_code_already_registered_is_a_400_in_chinese(client, town_a, town_b):
    code = valid_uscc()
    make_entity(town_b, uscc=code)
    client.force_login(clerk_of(town_a))
    r = client.post(API + "market-entities/", _entity(town_a, uscc=code), content_type="application/json")
    assert r.status_code == 400 and "该统一社会信用代码已经登记" in str(r.json())


def test_the_api_lists_the_towns_entities_only(client, town_a, town_b, officer_town_a):
    ours = make_entity(town_a)
    make_entity(town_b)
    client.force_login(officer_town_a)
    assert [row["id"] for row in client.get(API + "market-entities/").json()["results"]] == [ours.pk]


@pytest.mark.parametrize("register", ["market-entities", "enterprise-visits"])
def test_another_towns_record_is_not_found(client, town_a, town_b, register):
    entity = make_entity(town_a)
    record = entity if register == "market-entities" else make_visit(entity)
    client.force_login(clerk_of(town_b))
    assert client.get(f"{API}{register}/{record.pk}/").status_code == 404
    assert (
        client.patch(f"{API}{register}/{record.pk}/", {}, content_type="application/json").status_code == 404
    )


def test_an_entity_cannot_be_created_in_another_town(client, town_a, town_b):
    client.force_login(clerk_of(town_a))
    r = client.post(API + "market-entities/", _entity(town_b), content_type="application/json")
    assert r.status_code == 400 and not MarketEntity.objects.exists()


def test_an_officer_reads_but_cannot_create(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    assert client.get(API + "market-entities/").status_code == 200
    assert (
        client.post(API + "market-entities/", _entity(town_a), content_type="application/json").status_code
        == 403
    )


def test_a_patch_cancels_an_entity(client, town_a):
    entity = make_entity(town_a)
    client.force_login(clerk_of(town_a))
    r = client.patch(f"{API}market-entities/{entity.pk}/", {"status": "cancelled", "cancelled_on": "2024-02-03"},
                     content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.json()
    assert r.json()["status_label"] == "注销"
    assert AuditEvent.objects.filter(action=actions.CHANGED).count() == 1


def test_a_visit_is_recorded_in_its_entitys_unit(client, town_a):
    entity = make_entity(town_a)
    client.force_login(clerk_of(town_a))
    r = client.post(API + "enterprise-visits/", {
        "entity": entity.pk, "visited_on": "2023-06-01", "visitors": "王窗口", "problems": "用电容量不足",
        "follow_up_due": "2023-06-20",
    }, content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.json()
    assert (r.json()["org_unit"], r.json()["state"]) == (town_a.pk, "已逾期")
    assert EnterpriseVisit.objects.get().handler == clerk_of(town_a)


def test_a_visit_to_another_towns_entity_is_refused(client, town_a, town_b):
    theirs = make_entity(town_b)
    client.force_login(clerk_of(town_a))
    r = client.post(API + "enterprise-visits/", {"entity": theirs.pk, "visited_on": "2023-06-01", "visitors": "王"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and not EnterpriseVisit.objects.exists()


def test_the_figures_endpoint(client, town_a, officer_town_a):
    make_entity(town_a)
    make_entity(town_a, registered_on=dt.date(2022, 1, 5))
    client.force_login(officer_town_a)
    r = client.get(API + "market-entities/figures/", {"year": 2023})
    assert r.status_code == 200, r.json()
    assert r.json() == {"year": 2023, "org_unit": town_a.pk, "enterprises": 1, "individual_businesses": 0,
                        "cooperatives": 0, "others": 0, "total": 1}  # fmt: skip
    assert client.get(API + "market-entities/figures/", {"year": "x"}).status_code == 400
