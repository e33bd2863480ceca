"""The disputes register: the contract every register keeps, its pages (registration
with parties, the phone page, the detail page with its steps, masked parties and the
reveal), the filters, and the high-risk badge."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.disputes.choices import DisputeStatus
from fazhi.disputes.definitions.disputes import disputes
from fazhi.disputes.models import Dispute
from fazhi.disputes.tests.factories_disputes import (
    advance,
    committee_with_mediators,
    grid_account,
    make_dispute,
    mediator_account,
    party,
)
from fazhi.disputes.tests.factories_mediation import village_of

pytestmark = pytest.mark.django_db


class TestDisputesRegister(RegisterContract):
    register = disputes
    reader_role = "officer"
    refused_role = "auditor"

    def make(self, town, n):
        return [make_dispute(town) for _ in range(n)]


def _form_data(village, **extra):
    data = {"village": village.pk, "source": "walk_in", "category": "family", "risk_level": "high",
            "summary": "夫妻因赡养老人发生争吵", "people_involved": 3, "registered_on": "2023-04-01",
            "parties-TOTAL_FORMS": "2", "parties-INITIAL_FORMS": "0", "parties-MIN_NUM_FORMS": "1",
            "parties-MAX_NUM_FORMS": "1000", "parties-0-kind": "individual", "parties-0-name": "周大勇",
            "parties-0-resident_id": "", "parties-0-phone": "13812345678", "parties-0-address": "",
            "parties-1-kind": "individual", "parties-1-name": "", "parties-1-phone": ""}  # fmt: skip
    data.update(extra)
    return data


def test_registering_through_the_page_gives_a_number_and_opens_the_dispute(client, town_a):
    village = village_of(town_a)
    login(client, mediator_account(town_a))
    r = client.post(disputes.url("create"), _form_data(village))
    dispute = Dispute.objects.get()
    assert r.status_code == 302 and r["Location"] == dispute.get_absolute_url()
    assert dispute.number == "江口调〔2023〕1号" and dispute.parties.get().name == "周大勇"
    page = client.get(r["Location"]).content.decode()
    assert "已登记" in page and "周**" in page and "13812345678" not in page and "138****5678" in page


def test_registering_without_a_party_shows_the_error_beside_the_form(client, town_a):
    village = village_of(town_a)
    login(client, mediator_account(town_a))
    r = client.post(
        disputes.url("create"), _form_data(village, **{"parties-0-name": "", "parties-0-phone": ""})
    )
    assert r.status_code == 200 and "请至少登记一方当事人" in r.content.decode()
    assert not Dispute.objects.exists()


def test_the_phone_page_preselects_a_grid_workers_village(client, town_a):
    village = village_of(town_a)
    login(client, grid_account(village))
    r = client.get("/disputes/disputes/new/phone/")
    assert r.status_code == 200 and r.context["form"].fields["village"].initial == village.pk
    assert list(r.context["form"].fields["village"].queryset) == [village]


def test_a_grid_worker_registers_on_the_phone_page_and_sees_the_dispute(client, town_a):
    village = village_of(town_a)
    user = grid_account(village)
    login(client, user)
    r = client.post("/disputes/disputes/new/phone/", {
        "village": village.pk, "category": "neighbours", "risk_level": "medium", "summary": "邻居装修噪声扰民",
        "party_name": "陈一", "party_phone": "13900001111", "other_name": "林二", "other_phone": ""})  # fmt: skip
    dispute = Dispute.objects.get()
    assert r.status_code == 302 and dispute.source == "grid" and dispute.registered_by == user
    assert [p.name for p in dispute.parties.all()] == ["陈一", "林二"]
    assert client.get(r["Location"]).status_code == 200


def test_the_detail_page_offers_the_allowed_steps_to_a_mediator_only(client, town_a, officer_town_a):
    dispute = make_dispute(town_a)
    login(client, mediator_account(town_a))
    r = client.get(dispute.get_absolute_url())
    assert [s for s, _, _ in r.context["step_forms"]] == ["assign"]
    client.logout()
    login(client, officer_town_a)
    assert client.get(dispute.get_absolute_url()).context["step_forms"] == []


def test_a_step_is_taken_from_the_page(client, town_a):
    dispute = make_dispute(town_a)
    committee, mediators = committee_with_mediators(town_a)
    login(client, mediator_account(town_a))
    r = client.post(f"/disputes/disputes/{dispute.pk}/step/assign/",
                    {"committee": committee.pk, "mediators": [m.pk for m in mediators], "on": "2023-03-02"})  # fmt: skip
    dispute.refresh_from_db()
    assert r.status_code == 302 and dispute.status == DisputeStatus.ASSIGNED
    assert set(dispute.mediators.all()) == set(mediators)


def test_closing_too_early_from_the_page_says_what_is_missing(client, town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.MEDIATING)
    login(client, mediator_account(town_a))
    r = client.post(f"/disputes/disputes/{dispute.pk}/step/close/", {"on": "2023-03-20"}, follow=True)
    assert "尚未登记调解结果（调解成功或调解不成）和回访记录，不能结案" in r.content.decode()


def test_the_reveal_shows_the_parties_in_full_and_is_audited(client, town_a):
    p = party()
    dispute = make_dispute(town_a, parties=[p])
    login(client, mediator_account(town_a))
    r = client.post(f"/disputes/disputes/{dispute.pk}/reveal/")
    assert r.status_code == 200 and p["resident_id"] in r.content.decode()
    assert AuditEvent.objects.filter(action="disputes.dispute.pii_revealed").count() == 1


def test_a_grid_worker_may_not_reveal(client, town_a):
    village = village_of(town_a)
    user = grid_account(village)
    dispute = make_dispute(town_a, village=village, actor=user)
    login(client, user)
    assert client.post(f"/disputes/disputes/{dispute.pk}/reveal/").status_code == 403


def test_parties_are_masked_in_the_list(client, town_a):
    p = party(name="欧阳明")
    make_dispute(town_a, parties=[p])
    login(client, mediator_account(town_a))
    page = client.get(disputes.url("list")).content.decode()
    assert "欧**" in page and "欧阳明" not in page


def test_a_high_risk_dispute_carries_a_badge_and_has_its_filter(client, town_a):
    risky = make_dispute(town_a, risk_level="high")
    make_dispute(town_a)
    login(client, mediator_account(town_a))
    page = client.get(disputes.url("list")).content.decode()
    assert 'data-risk="high"' in page
    r = client.get(disputes.url("list"), {"risk_level": "high"})
    assert [obj.pk for obj, _ in r.context["rows"]] == [risky.pk]


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"closed_year": "2023"}, ["closed"]), ({"registered_year": "2022"}, ["old"]),
     ({"status": "registered"}, ["old", "open"]), ({"overdue_confirmation": "true"}, ["overdue"])],
)  # fmt: skip
def test_the_list_filters(client, town_a, params, expected):
    made = {
        "closed": advance(make_dispute(town_a), DisputeStatus.CLOSED),
        "old": make_dispute(town_a, registered_on=dt.date(2022, 12, 1)),
        "open": make_dispute(town_a),
        "overdue": advance(make_dispute(town_a), DisputeStatus.RESOLVED),
    }
    Dispute.objects.filter(pk=made["overdue"].pk).update(
        confirmation_wanted=True, confirmation_due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    login(client, mediator_account(town_a))
    r = client.get(disputes.url("list"), params)
    names = {v.pk: k for k, v in made.items()}
    assert sorted(names[obj.pk] for obj, _ in r.context["rows"]) == sorted(expected)


def test_a_closed_disputes_edit_page_sends_back_to_the_dispute(client, town_a):
    dispute = advance(make_dispute(town_a), DisputeStatus.CLOSED)
    login(client, mediator_account(town_a))
    r = client.get(disputes.url("edit", dispute.pk))
    assert r.status_code == 302 and r["Location"] == dispute.get_absolute_url()


def test_another_towns_edit_and_step_pages_are_not_found(client, town_a, town_b):
    dispute = make_dispute(town_a)
    login(client, mediator_account(town_b))
    assert client.get(disputes.url("edit", dispute.pk)).status_code == 404
    assert client.post(f"/disputes/disputes/{dispute.pk}/step/start/", {}).status_code == 404
    assert client.post(f"/disputes/disputes/{dispute.pk}/reveal/").status_code == 404


def test_the_edit_page_corrects_the_registration(client, town_a):
    dispute = make_dispute(town_a)
    login(client, mediator_account(town_a))
    p = dispute.parties.all()
    data = {"village": dispute.village_id, "source": dispute.source, "category": "land", "risk_level": "low",
            "summary": "山林界址纠纷", "people_involved": 2, "parties-TOTAL_FORMS": str(len(p)),
            "parties-INITIAL_FORMS": str(len(p)), "parties-MIN_NUM_FORMS": "1", "parties-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for i, x in enumerate(p):
        data.update({f"parties-{i}-kind": x.kind, f"parties-{i}-name": x.name, f"parties-{i}-resident_id": x.resident_id,
                     f"parties-{i}-phone": x.phone, f"parties-{i}-address": x.address})  # fmt: skip
    r = client.post(disputes.url("edit", dispute.pk), data)
    dispute.refresh_from_db()
    assert r.status_code == 302 and dispute.category == "land" and dispute.summary == "山林界址纠纷"


def test_evidence_is_attached_on_the_dispute_page(client, town_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dispute = make_dispute(town_a)
    login(client, mediator_account(town_a))
    pdf = SimpleUploadedFile("调解笔录.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n")
    r = client.post("/files/upload/", {"owner": f"disputes.dispute:{dispute.pk}", "file": pdf})
    assert r.status_code == 302
    assert "调解笔录.pdf" in client.get(dispute.get_absolute_url()).content.decode()
