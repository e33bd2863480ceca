"""The disputes API: registration with parties written in full and read back masked,
the steps as their own endpoints with the page's forms and refusals, the reveal, and
scoping (another town's dispute is a 404)."""

import pytest

from fazhi.core.models import AuditEvent
from fazhi.disputes.choices import DisputeStatus
from fazhi.disputes.tests.factories_disputes import (
    advance,
    committee_with_mediators,
    make_dispute,
    mediator_account,
    party,
)
from fazhi.disputes.tests.factories_mediation import village_of

pytestmark = pytest.mark.django_db
BASE = "/api/v1/disputes/disputes/"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_registration_takes_the_parties_in_full_and_reads_them_back_masked(client, town_a):
    village = village_of(town_a)
    client.force_login(mediator_account(town_a))
    p = party(name="钱多多")
    r = _post(client, BASE, {"village": village.pk, "source": "walk_in", "category": "contract",
                             "summary": "货款纠纷", "registered_on": "2023-06-01", "parties": [p]})  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["number"] == "江口调〔2023〕1号" and body["status"] == DisputeStatus.REGISTERED
    (shown,) = body["parties"]
    assert shown["name_masked"] == "钱**" and shown["resident_id_masked"].startswith("500235")
    text = r.content.decode()
    assert p["resident_id"] not in text and p["phone"] not in text and "钱多多" not in text


def test_registration_without_a_party_is_a_400_in_chinese(client, town_a):
    client.force_login(mediator_account(town_a))
    r = _post(client, BASE, {"village": village_of(town_a).pk, "source": "walk_in", "category": "contract",
                             "summary": "货款纠纷", "registered_on": "2023-06-01", "parties": []})  # fmt: skip
    assert r.status_code == 400 and "请至少登记一方当事人" in r.content.decode()


def test_list_and_detail_mask_the_parties(client, town_a):
    p = party()
    dispute = make_dispute(town_a, parties=[p])
    client.force_login(mediator_account(town_a))
    for url in (BASE, f"{BASE}{dispute.pk}/"):
        text = client.get(url).content.decode()
        assert p["resident_id"] not in text and p["phone"] not in text and p["name"] not in text


def test_the_steps_take_the_dispute_to_its_close(client, town_a):
    dispute = make_dispute(town_a)
    committee, mediators = committee_with_mediators(town_a)
    client.force_login(mediator_account(town_a))
    url = f"{BASE}{dispute.pk}/steps/"
    r = _post(client, url + "assign/", {"committee": committee.pk, "mediators": [m.pk for m in mediators],
                                         "on": "2023-03-02"})  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "assigned", r.json()
    assert _post(client, url + "start/", {"on": "2023-03-03"}).json()["status"] == "mediating"
    r = _post(client, url + "close/", {"on": "2023-03-04"})
    assert r.status_code == 400 and r.json()["code"] == "close_incomplete"
    r = _post(client, url + "resolve/", {"on": "2023-05-10", "agreement_form": "written",
                                          "agreement_text": "赔偿500元", "confirmation_wanted": True})  # fmt: skip
    assert r.json()["confirmation_due_on"] == "2023-06-09"
    assert _post(client, url + "follow_up/", {"on": "2023-05-20", "note": "已履行"}).status_code == 200
    r = _post(client, url + "close/", {"on": "2023-05-21"})
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert [s["action"] for s in r.json()["steps"]] == ["register", "assign", "start", "resolve", "follow_up",
                                                        "close"]  # fmt: skip


def test_a_step_out_of_order_is_refused_and_an_unknown_step_is_a_404(client, town_a):
    dispute = make_dispute(town_a)
    client.force_login(mediator_account(town_a))
    r = _post(client, f"{BASE}{dispute.pk}/steps/start/", {})
    assert r.status_code == 400 and r.json()["code"] == "transition_forbidden"
    assert _post(client, f"{BASE}{dispute.pk}/steps/fly/", {}).status_code == 404


def test_a_step_the_role_may_not_take_is_a_403(client, town_a, officer_town_a):
    dispute = make_dispute(town_a)
    client.force_login(officer_town_a)
    assert _post(client, f"{BASE}{dispute.pk}/steps/start/", {}).status_code == 403


def test_another_towns_dispute_is_not_found(client, town_a, town_b):
    dispute = make_dispute(town_a)
    client.force_login(mediator_account(town_b))
    assert client.get(f"{BASE}{dispute.pk}/").status_code == 404
    assert _post(client, f"{BASE}{dispute.pk}/steps/start/", {}).status_code == 404
    assert _post(client, f"{BASE}{dispute.pk}/reveal/", {}).status_code == 404
    assert client.get(BASE).json()["count"] == 0


def test_reveal_gives_the_parties_in_full_once_audited(client, town_a):
    p = party()
    dispute = make_dispute(town_a, parties=[p])
    client.force_login(mediator_account(town_a))
    r = _post(client, f"{BASE}{dispute.pk}/reveal/", {})
    assert r.status_code == 200 and r.json()[0]["resident_id"] == p["resident_id"]
    assert AuditEvent.objects.filter(action="disputes.dispute.pii_revealed").count() == 1


def test_a_patch_corrects_the_registration_through_the_pages_rules(client, town_a):
    dispute = make_dispute(town_a)
    client.force_login(mediator_account(town_a))
    r = client.patch(f"{BASE}{dispute.pk}/", {"risk_level": "high"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["high_risk"] is True
    closed = advance(make_dispute(town_a), DisputeStatus.CLOSED)
    r = client.patch(f"{BASE}{closed.pk}/", {"risk_level": "high"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["code"] == "dispute_closed"
