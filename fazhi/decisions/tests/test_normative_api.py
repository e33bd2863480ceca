"""The API of normative documents and comments: the page's rules and step forms,
scoping, and the commenter's contact read back masked."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.decisions.choices import DocumentStatus
from fazhi.decisions.models import PublicComment
from fazhi.decisions.tests.factories_normative import (
    days_ago,
    make_commenting,
    make_draft,
    make_published,
    office_of,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/decisions/documents/"


def test_a_draft_is_created_and_moved_by_its_steps(client, town_a):
    client.force_login(office_of(town_a))
    r = client.post(BASE, {"org_unit": town_a.pk, "title": "江口镇某办法", "text": "第一条　正文。"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert r.json()["status"] == "drafting"
    today = timezone.localdate()
    step = f"{BASE}{pk}/steps/open_comment/"
    r = client.post(step, {"starts_on": today.isoformat(), "ends_on": (today + dt.timedelta(days=7)).isoformat()},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "comment_period_too_short"
    assert "国办发〔2018〕37号" in r.json()["detail"]
    r = client.post(step, {"starts_on": today.isoformat(), "ends_on": (today + dt.timedelta(days=30)).isoformat()},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == DocumentStatus.COMMENTING
    assert [s["action"] for s in r.json()["steps"]] == ["open_comment"]


def test_a_step_with_missing_fields_is_a_400_and_an_unknown_step_a_404(client, town_a):
    doc = make_draft(town_a)
    client.force_login(office_of(town_a))
    assert client.post(f"{BASE}{doc.pk}/steps/issue/", {}, content_type="application/json").status_code == 400
    assert client.post(f"{BASE}{doc.pk}/steps/fly/", {}, content_type="application/json").status_code == 404


def test_a_step_the_role_may_not_take_is_a_403(client, town_a):
    doc = make_draft(town_a)
    client.force_login(office_of(town_a))
    r = client.post(f"{BASE}{doc.pk}/steps/abandon/", {"reason": "不再制定"}, content_type="application/json")
    assert r.status_code == 403


def test_status_cannot_be_patched_and_a_published_document_is_locked(client, town_a):
    doc = make_published(town_a)
    client.force_login(office_of(town_a))
    r = client.patch(
        f"{BASE}{doc.pk}/", {"status": "drafting", "title": "改名"}, content_type="application/json"
    )
    assert r.status_code == 400 and r.json()["code"] == "document_locked"


def test_another_towns_document_is_not_found(client, town_a, town_b):
    doc = make_draft(town_b)
    client.force_login(office_of(town_a))
    assert client.get(f"{BASE}{doc.pk}/").status_code == 404
    r = client.post(f"{BASE}{doc.pk}/steps/abandon/", {"reason": "x"}, content_type="application/json")
    assert r.status_code == 404
    assert client.get(BASE).json()["count"] == 0 if "count" in client.get(BASE).json() else True


def test_the_overdue_filings_are_listed_by_the_api(client, town_a):
    overdue = make_published(town_a, published_on=days_ago(40))
    make_published(town_a, published_on=days_ago(3))
    client.force_login(office_of(town_a))
    body = client.get(BASE, {"filing": "overdue"}).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["id"] for row in rows] == [overdue.pk] and rows[0]["filing_state"] == "逾期未备案"


def test_a_comment_contact_is_written_in_full_and_read_back_masked(client, town_a):
    doc = make_commenting(town_a)
    client.force_login(office_of(town_a))
    r = client.post("/api/v1/decisions/comments/", {
        "document": doc.pk, "channel": "letter", "received_on": days_ago(1).isoformat(), "contact": "13812345678",
        "content": "信函意见。",
    }, content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.json()
    assert "contact" not in r.json() and r.json()["contact_masked"] == "138****5678"
    assert PublicComment.objects.get().contact == "13812345678"
    assert "13812345678" not in client.get("/api/v1/decisions/comments/").content.decode()


def test_a_portal_channel_cannot_be_registered_by_staff(client, town_a):
    doc = make_commenting(town_a)
    client.force_login(office_of(town_a))
    r = client.post("/api/v1/decisions/comments/", {
        "document": doc.pk, "channel": "portal", "received_on": days_ago(1).isoformat(), "content": "意见。",
    }, content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and not PublicComment.objects.exists()
