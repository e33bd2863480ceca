"""The API of reconsideration and litigation cases: the computed due dates, the step
endpoints and their refusals, masking and scoping."""

import datetime as dt

import pytest

from fazhi.disputes.choices import LitigationOutcome, LitigationStatus, ReconsiderationStatus
from fazhi.disputes.tests.factories_remedies import (
    leader_of,
    make_litigation,
    make_reconsideration,
    office_of,
)
from fazhi.oversight.models import Rectification

pytestmark = pytest.mark.django_db
RECON = "/api/v1/disputes/reconsiderations/"
SUITS = "/api/v1/disputes/litigations/"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_case_is_received_with_its_due_date_worked_out_and_read_back_masked(client, town_a):
    client.force_login(office_of(town_a))
    r = _post(client, RECON, {"org_unit": town_a.pk, "case_no": "云府复〔2024〕1号", "applicant": "张三丰",
                              "act": "罚款200元", "copy_served_on": "2024-09-27", "reply_due_on": "2030-01-01"})  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["reply_due_on"] == "2024-10-16" and body["status"] == ReconsiderationStatus.RECEIVED
    assert body["applicant_masked"] == "张**" and "applicant" not in body
    assert "张三丰" not in client.get(f"{RECON}{body['id']}/").content.decode()


def test_the_simple_procedure_before_2024_is_a_400(client, town_a):
    client.force_login(office_of(town_a))
    r = _post(client, RECON, {"org_unit": town_a.pk, "case_no": "云府复〔2023〕1号", "applicant": "张三丰",
                              "act": "罚款200元", "copy_served_on": "2023-12-01", "simple_procedure": True})  # fmt: skip
    assert r.status_code == 400 and "simple_procedure" in r.json()


def test_the_steps_reply_and_decide_open_a_rectification(client, town_a):
    case = make_reconsideration(town_a)
    client.force_login(office_of(town_a))
    r = _post(client, f"{RECON}{case.pk}/steps/reply/", {"on": "2024-10-15"})
    assert r.status_code == 200 and r.json()["status"] == ReconsiderationStatus.REPLIED
    r = _post(client, f"{RECON}{case.pk}/steps/decide/", {"outcome": "revoked", "decision_no": "云府复决〔2024〕1号",
                                                          "on": "2024-11-20"})  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "lead_leader_required"
    r = _post(client, f"{RECON}{case.pk}/steps/decide/", {"outcome": "revoked", "decision_no": "云府复决〔2024〕1号",
                                                          "on": "2024-11-20", "lead_leader": leader_of(town_a).pk})  # fmt: skip
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == ReconsiderationStatus.DECIDED
    assert r.json()["rectifications"] == [Rectification.objects.get().pk]
    assert [s["action"] for s in r.json()["steps"]] == ["reply", "decide"]


def test_a_step_out_of_order_is_a_400_and_an_unknown_step_a_404(client, town_a):
    case = make_reconsideration(town_a)
    client.force_login(office_of(town_a))
    r = _post(client, f"{RECON}{case.pk}/steps/end/", {"outcome": "withdrawn", "on": "2024-10-10"})
    assert r.status_code == 200
    r = _post(client, f"{RECON}{case.pk}/steps/reply/", {"on": "2024-10-11"})
    assert r.status_code == 400 and r.json()["code"] == "transition_forbidden"
    assert _post(client, f"{RECON}{case.pk}/steps/fly/", {}).status_code == 404


def test_a_role_that_may_only_read_gets_a_403_on_a_step(client, town_a, officer_town_a):
    case = make_litigation(town_a)
    client.force_login(officer_town_a)
    assert client.get(f"{SUITS}{case.pk}/").status_code == 200
    assert _post(client, f"{SUITS}{case.pk}/steps/defend/", {"on": "2024-03-05"}).status_code == 403


def test_another_towns_case_is_not_found(client, town_a, town_b):
    case = make_reconsideration(town_a)
    client.force_login(office_of(town_b))
    assert client.get(f"{RECON}{case.pk}/").status_code == 404
    assert _post(client, f"{RECON}{case.pk}/steps/reply/", {"on": "2024-10-10"}).status_code == 404
    assert client.get(RECON).json()["count"] == 0


def test_a_lawsuit_goes_through_its_steps(client, town_a):
    case = make_litigation(town_a, complaint_received_on=dt.date(2024, 3, 1))
    client.force_login(office_of(town_a))
    url = f"{SUITS}{case.pk}/steps/"
    assert _post(client, f"{url}defend/", {"on": "2024-03-12"}).json()["status"] == LitigationStatus.DEFENDED
    r = _post(client, f"{url}hearing/", {"on": "2024-04-10", "head_appeared": False})
    assert r.status_code == 400 and r.json()["code"] == "non_appearance_reason_required"
    r = _post(
        client, f"{url}hearing/", {"on": "2024-04-10", "head_appeared": True, "appearing_person": "周镇长"}
    )
    assert r.status_code == 200 and r.json()["head_appeared"] is True
    r = _post(client, f"{url}judge/", {"outcome": LitigationOutcome.CLAIM_DISMISSED, "on": "2024-06-01"})
    assert r.json()["status"] == LitigationStatus.JUDGED and r.json()["rectifications"] == []
    r = _post(client, f"{url}close/", {"on": "2024-06-20"})
    assert r.json()["status"] == LitigationStatus.ENDED and r.json()["final_outcome"] == "dismissed"


def test_the_status_and_due_date_are_not_written_by_a_patch(client, town_a):
    case = make_litigation(town_a, complaint_received_on=dt.date(2024, 3, 1))
    client.force_login(office_of(town_a))
    r = client.patch(f"{SUITS}{case.pk}/", {"status": "ended", "defence_due_on": "2030-01-01", "court": "重庆市第二中级人民法院"},
                     content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.json()
    case.refresh_from_db()
    assert case.status == LitigationStatus.RECEIVED and case.defence_due_on == dt.date(2024, 3, 18)
    assert case.court == "重庆市第二中级人民法院"
