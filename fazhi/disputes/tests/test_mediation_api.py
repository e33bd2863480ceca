"""The mediation registers through the API: the phone read back masked, a mediator's
unit taken from the committee, scoping (another town's record is a 404), and a
round's results and finish endpoints."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.choices import OrgKind
from fazhi.core.models import AuditEvent
from fazhi.disputes.choices import RoomKind
from fazhi.disputes.tests.factories_mediation import (
    make_committee,
    make_mediator,
    make_room,
    make_round,
    mediator_user_of,
    office_of,
    village_of,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/disputes/"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_mediator_is_created_with_the_committees_unit_and_read_back_masked(client, town_a):
    village = village_of(town_a)
    committee = make_committee(village)
    client.force_login(office_of(town_a))
    r = _post(client, API + "mediators/", {"committee": committee.pk, "name": "李调解", "role": "member",
                                           "phone": "13912345678", "appointed_on": "2020-01-01"})  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["org_unit"], body["phone_masked"]) == (village.pk, "139****5678") and "phone" not in body
    assert AuditEvent.objects.filter(action="disputes.mediator.created").count() == 1


def test_the_mediators_list_never_holds_a_full_phone(client, town_a, officer_town_a):
    make_mediator(make_committee(town_a), phone="13912345678")
    client.force_login(officer_town_a)
    assert "13912345678" not in client.get(API + "mediators/").content.decode()


@pytest.mark.parametrize("register", ["committees", "mediators", "rooms", "rounds"])
def test_another_towns_record_is_not_found(client, town_a, town_b, register):
    record = {
        "committees": lambda: make_committee(town_a),
        "mediators": lambda: make_mediator(make_committee(town_a)),
        "rooms": lambda: make_room(town_a, RoomKind.POLICE),
        "rounds": lambda: make_round(town_a),
    }[register]()
    client.force_login(office_of(town_b))
    assert client.get(f"{API}{register}/{record.pk}/").status_code == 404
    assert (
        client.patch(f"{API}{register}/{record.pk}/", {}, content_type="application/json").status_code == 404
    )
    assert client.get(f"{API}{register}/").json()["count"] == 0


def test_a_committee_cannot_be_created_in_another_town(client, town_a, town_b):
    client.force_login(office_of(town_a))
    r = _post(client, API + "committees/", {"org_unit": town_b.pk, "name": "某调委会", "level": "town",
                                            "established_on": "2015-01-01"})  # fmt: skip
    assert r.status_code == 400


def test_a_round_is_opened_reported_and_finished_through_the_api(client, town_a):
    village, community = village_of(town_a), village_of(town_a, OrgKind.COMMUNITY)
    client.force_login(office_of(town_a))
    r = _post(client, API + "rounds/", {"org_unit": town_a.pk, "month": "2023-05-17"})
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert r.json()["month"] == "2023-05-01"
    client.force_login(mediator_user_of(town_a))
    r = _post(client, f"{API}rounds/{pk}/results/", {"results": [
        {"village": village.pk, "found": 2, "resolved_on_spot": 1, "reported_on": "2023-05-20"},
    ]})  # fmt: skip
    assert r.status_code == 200, r.json()
    rows = {row["village"]: row for row in r.json()["results"]}
    assert (rows[village.pk]["found"], rows[community.pk]["reported"]) == (2, False)
    r = _post(client, f"{API}rounds/{pk}/finish/", {"finished_on": "2023-05-28"})
    assert r.status_code == 400 and r.json()["code"] == "villages_not_reported"
    _post(client, f"{API}rounds/{pk}/results/", {"results": [{"village": community.pk, "found": 0}]})
    r = _post(client, f"{API}rounds/{pk}/finish/", {"finished_on": "2023-05-28"})
    assert r.status_code == 200 and r.json()["finished_on"] == "2023-05-28"


def test_a_result_for_a_village_outside_the_round_is_refused(client, town_a, town_b):
    village_of(town_a)
    screening = make_round(town_a)
    theirs = village_of(town_b)
    client.force_login(mediator_user_of(town_a))
    r = _post(
        client, f"{API}rounds/{screening.pk}/results/", {"results": [{"village": theirs.pk, "found": 1}]}
    )
    assert r.status_code == 400
    assert not screening.results.filter(found__isnull=False).exists()


def test_an_officer_may_not_record_results(client, town_a, officer_town_a):
    village = village_of(town_a)
    screening = make_round(town_a, dt.date(2023, 6, 1))
    client.force_login(officer_town_a)
    r = _post(
        client, f"{API}rounds/{screening.pk}/results/", {"results": [{"village": village.pk, "found": 0}]}
    )
    assert r.status_code == 403
