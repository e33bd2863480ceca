"""The parties (当事人) and entrustments (委托执法) through the API: a party's ID
number, phone and address are written in full and read back masked, in lists and
details alike; another town's records are 404 and cannot be referred to; writes
go through the same form and actions as the pages, and are audited."""

import datetime as dt

import pytest

from fazhi.core import masking
from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import PersonFactory, user_with_role, valid_resident_id
from fazhi.enforcement.models import Entrustment, Officer, Party
from fazhi.enforcement.tests.factories import county_body, entrusted_matter, individual_party, make_matter

pytestmark = pytest.mark.django_db

PARTIES = "/api/v1/enforcement/parties/"
ENTRUSTMENTS = "/api/v1/enforcement/entrustments/"
OFFICERS = "/api/v1/enforcement/officers/"


@pytest.fixture
def office_a(town_a):
    return user_with_role("office_a", "rule_of_law_office", town_a)


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


# -- parties -------------------------------------------------------------------------------


def test_the_parties_list_masks_personal_data(client, town_a, officer_town_a):
    party = individual_party(town_a)
    client.force_login(officer_town_a)
    r = client.get(PARTIES)
    text = r.content.decode()
    assert party.resident_id not in text and party.phone not in text and party.address not in text
    (row,) = r.json()["results"]
    assert row["resident_id_masked"] == masking.mask_resident_id(party.resident_id)
    assert row["phone_masked"] == "138****1111"
    assert row["address_masked"] == "重庆市云阳县江口镇****"
    assert not {"resident_id", "phone", "address"} & set(row)


def test_a_partys_detail_masks_the_id_number(client, town_a, officer_town_a):
    party = individual_party(town_a)
    client.force_login(officer_town_a)
    r = client.get(f"{PARTIES}{party.pk}/")
    assert r.status_code == 200
    assert party.resident_id not in r.content.decode()
    assert r.json()["resident_id_masked"].endswith(party.resident_id[-4:])


def test_another_towns_party_is_not_found(client, town_b, officer_town_a):
    party = individual_party(town_b)
    client.force_login(officer_town_a)
    assert client.get(f"{PARTIES}{party.pk}/").status_code == 404
    assert _patch(client, f"{PARTIES}{party.pk}/", {"name": "篡改"}).status_code == 404
    assert client.get(PARTIES).json()["count"] == 0
    party.refresh_from_db()
    assert party.name != "篡改"


def test_creating_a_party_keeps_the_full_number_and_answers_masked(client, town_a, officer_town_a):
    rid = valid_resident_id()
    client.force_login(officer_town_a)
    r = _post(client, PARTIES, {"org_unit": town_a.pk, "kind": "individual", "name": "接口当事人",
                                "resident_id": rid.lower(), "phone": "13912345678"})  # fmt: skip
    assert r.status_code == 201, r.content
    assert rid not in r.content.decode() and "13912345678" not in r.content.decode()
    party = Party.objects.get(pk=r.json()["id"])
    assert party.resident_id == rid  # the form's rules: upper-cased
    event = AuditEvent.objects.get(action="enforcement.party.created", target_id=str(party.pk))
    assert event.new["resident_id"] == masking.mask_resident_id(rid)


def test_a_bad_id_number_is_refused_with_the_standard(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    r = _post(client, PARTIES, {"org_unit": town_a.pk, "kind": "individual", "name": "错号",
                                "resident_id": "110105194912310021"})  # fmt: skip
    assert r.status_code == 400 and "GB 11643" in str(r.json())
    assert not Party.objects.exists()


def test_a_party_cannot_be_put_in_another_town(client, town_b, officer_town_a):
    client.force_login(officer_town_a)
    r = _post(client, PARTIES, {"org_unit": town_b.pk, "kind": "individual", "name": "越界"})
    assert r.status_code == 400 and "org_unit" in r.json()
    assert not Party.objects.exists()


def test_a_partial_update_keeps_the_id_number(client, town_a, officer_town_a):
    party = individual_party(town_a)
    rid = party.resident_id
    client.force_login(officer_town_a)
    r = _patch(client, f"{PARTIES}{party.pk}/", {"phone": "13900002222"})
    assert r.status_code == 200, r.content
    party.refresh_from_db()
    assert party.resident_id == rid and party.phone == "13900002222"
    event = AuditEvent.objects.get(action="enforcement.party.changed")
    assert event.new == {"phone": "139****2222"}


def test_the_parties_list_cannot_be_sorted_by_a_masked_field(client, town_a, officer_town_a):
    for n in range(4):
        individual_party(town_a, name=f"当事人{n}")
    client.force_login(officer_town_a)
    default = [p["id"] for p in client.get(PARTIES).json()["results"]]
    for ordering in ("resident_id", "-resident_id", "resident_id_masked", "-phone", "address"):
        r = client.get(PARTIES, {"ordering": ordering})
        assert r.status_code == 200
        assert [p["id"] for p in r.json()["results"]] == default  # the term is ignored
    assert [p["id"] for p in client.get(PARTIES, {"ordering": "-name"}).json()["results"]] == default[::-1]


# -- entrustments --------------------------------------------------------------------------


def test_the_entrustments_list_shows_the_towns_entrustments(client, town_a, town_b, officer_town_a):
    ours = entrusted_matter(town_a).entrustments.get()
    entrusted_matter(town_b)
    client.force_login(officer_town_a)
    (row,) = client.get(ENTRUSTMENTS).json()["results"]
    assert row["id"] == ours.pk and row["document_no"] == ours.document_no
    assert row["matters"] == list(ours.matters.values_list("pk", flat=True))


def test_creating_an_entrustment_is_audited(client, town_a, office_a):
    body = county_body(town_a)
    matter = make_matter(town_a, authority="entrusted", entrusting_body=body)
    client.force_login(office_a)
    r = _post(client, ENTRUSTMENTS, {"org_unit": town_a.pk, "body": body.pk, "document_no": "云环发〔2024〕1号",
                                     "matters": [matter.pk], "valid_from": "2024-01-01",
                                     "valid_to": "2026-12-31"})  # fmt: skip
    assert r.status_code == 201, r.content
    entrustment = Entrustment.objects.get(pk=r.json()["id"])
    assert list(entrustment.matters.all()) == [matter] and entrustment.valid_to == dt.date(2026, 12, 31)
    event = AuditEvent.objects.get(action="enforcement.entrustment.created")
    assert event.new["matters"] == [matter.pk]


def test_another_towns_matter_cannot_be_entrusted(client, town_a, town_b, office_a):
    theirs = make_matter(town_b)
    client.force_login(office_a)
    r = _post(client, ENTRUSTMENTS, {"org_unit": town_a.pk, "body": county_body(town_a).pk,
                                     "document_no": "云环发〔2024〕2号", "matters": [theirs.pk],
                                     "valid_from": "2024-01-01", "valid_to": "2026-12-31"})  # fmt: skip
    assert r.status_code == 400 and "matters" in r.json()
    assert not Entrustment.objects.exists()


def test_another_towns_entrustment_is_not_found(client, town_b, office_a):
    entrustment = entrusted_matter(town_b).entrustments.get()
    client.force_login(office_a)
    url = f"{ENTRUSTMENTS}{entrustment.pk}/"
    assert client.get(url).status_code == 404
    assert _patch(client, url, {"document_no": "篡改"}).status_code == 404


def test_an_officer_cannot_write_entrustments(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    r = _post(client, ENTRUSTMENTS, {"org_unit": town_a.pk, "body": county_body(town_a).pk,
                                     "document_no": "x", "matters": [], "valid_from": "2024-01-01",
                                     "valid_to": "2024-12-31"})  # fmt: skip
    assert r.status_code == 403


# -- the other simple registers ------------------------------------------------------------


def test_an_officer_cannot_be_made_of_another_towns_person(client, town_a, town_b, office_a):
    client.force_login(office_a)
    data = {"org_unit": town_a.pk, "person": PersonFactory(org_unit=town_b).pk, "certificate_no": "500235199999",
            "issuer": "重庆市人民政府", "valid_from": "2023-01-01", "valid_to": "2027-12-31"}  # fmt: skip
    r = _post(client, OFFICERS, data)
    assert r.status_code == 400 and "person" in r.json()
    assert not Officer.objects.exists()


def test_the_officers_api_applies_the_forms_rules(client, town_a, office_a):
    client.force_login(office_a)
    data = {"org_unit": town_a.pk, "person": PersonFactory(org_unit=town_a).pk, "certificate_no": "500235199998",
            "issuer": "重庆市人民政府", "valid_from": "2023-01-01", "valid_to": "2022-12-31"}  # fmt: skip
    r = _post(client, OFFICERS, data)
    assert r.status_code == 400 and r.json()["valid_to"] == ["有效期止不能早于有效期起"]
