"""The education registers through the API (/api/v1/education/): created through
the page forms' rules, scoped by town (another town's record is a 404), the
person served and phones read back masked, roles as on the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import user_with_role
from fazhi.education.models import OutreachEvent, StudySession
from fazhi.education.tests.factories import (
    make_event,
    make_member,
    make_service,
    make_session,
    make_training,
    office_of,
    village_of,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/education/"
MAKERS = {
    "study-sessions": make_session,
    "outreach": make_event,
    "legal-services": make_service,
    "roster": make_member,
    "trainings": make_training,
}


def _post(client, register: str, data: dict):
    return client.post(f"{API}{register}/", data, content_type="application/json")


def test_an_event_is_created_with_its_presenters_and_constitution_day(client, town_a):
    village = village_of(town_a)
    client.force_login(office_of(town_a))
    r = _post(client, "outreach", {"org_unit": town_a.pk, "held_on": "2023-12-04", "venue_kind": "market",
                                   "village": village.pk, "topic": "constitution", "title": "国家宪法日宣传",
                                   "audience": 420, "presenters": ["staff", "legal_advisor"]})  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["presenters"], body["constitution_day"], body["audience"]) == (
        ["legal_advisor", "staff"], True, 420,
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="education.outreachevent.created").count() == 1


def test_the_person_served_is_written_in_full_and_read_masked(client, town_a):
    client.force_login(office_of(town_a))
    r = _post(client, "legal-services", {"org_unit": town_a.pk, "served_on": "2023-05-06", "kind": "legal_aid",
                                         "village": village_of(town_a).pk, "person_name": "谭德明",
                                         "phone": "13812345678", "summary": "讨薪申请法律援助", "handled_by": "李明",
                                         "outcome": "referred"})  # fmt: skip
    assert r.status_code == 201, r.json()
    body = client.get(f"{API}legal-services/{r.json()['id']}/").json()
    assert (body["person_name_masked"], body["phone_masked"]) == ("谭**", "138****5678")
    assert "person_name" not in body and "phone" not in body and "谭德明" not in str(body)


def test_the_roster_phone_is_read_masked(client, town_a, officer_town_a):
    make_member(town_a, phone="13987654321")
    client.force_login(officer_town_a)
    (row,) = client.get(f"{API}roster/").json()["results"]
    assert row["phone_masked"] == "139****4321" and "phone" not in row


@pytest.mark.parametrize("register", list(MAKERS))
def test_another_towns_record_is_not_found(client, town_a, town_b, register):
    record = MAKERS[register](town_a)
    client.force_login(office_of(town_b))
    assert client.get(f"{API}{register}/{record.pk}/").status_code == 404
    assert (
        client.patch(f"{API}{register}/{record.pk}/", {}, content_type="application/json").status_code == 404
    )
    assert client.get(f"{API}{register}/").json()["results"] == []


def test_a_record_cannot_be_created_in_another_town(client, town_a, town_b):
    client.force_login(office_of(town_b))
    r = _post(client, "study-sessions", {"org_unit": town_a.pk, "held_on": "2023-05-01", "kind": "central_group",
                                         "topic": "习近平法治思想", "attendees": 12})  # fmt: skip
    assert r.status_code == 400 and "org_unit" in str(r.json())
    assert not StudySession.objects.exists()


def test_another_towns_village_does_not_exist_for_the_api(client, town_a, town_b):
    client.force_login(office_of(town_a))
    r = _post(client, "outreach", {"org_unit": town_a.pk, "held_on": "2023-06-01", "venue_kind": "village",
                                   "village": village_of(town_b).pk, "topic": "safety", "title": "安全宣传",
                                   "audience": 80})  # fmt: skip
    assert r.status_code == 400 and "对象不存在" in str(r.json()["village"])
    assert not OutreachEvent.objects.exists()


def test_a_village_outside_the_records_unit_is_refused_in_chinese(client, town_a):
    keeper, other = village_of(town_a, name="向阳村"), village_of(town_a, name="帆水村")
    client.force_login(office_of(town_a))
    r = _post(client, "outreach", {"org_unit": keeper.pk, "held_on": "2023-06-01", "venue_kind": "village",
                                   "village": other.pk, "topic": "safety", "title": "安全宣传", "audience": 80})  # fmt: skip
    assert r.status_code == 400 and r.json()["village"] == ["所选村（社区）不在本单位管辖范围内"]
    assert not OutreachEvent.objects.exists()


def test_an_officer_registers_events_but_not_study_sessions(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    event = {"org_unit": town_a.pk, "held_on": "2023-06-01", "venue_kind": "school", "topic": "anti_fraud",
             "title": "反诈进校园", "audience": 300, "presenters": ["staff"]}  # fmt: skip
    assert _post(client, "outreach", event).status_code == 201
    session = {"org_unit": town_a.pk, "held_on": "2023-05-01", "kind": "central_group", "topic": "学法",
               "attendees": 12}  # fmt: skip
    assert _post(client, "study-sessions", session).status_code == 403


def test_a_leader_reads_but_does_not_write(client, town_a):
    make_event(town_a)
    leader = user_with_role("edu_leader", "leader", town_a)
    client.force_login(leader)
    from fazhi.core.tests.factories import login

    login(client, leader)
    assert len(client.get(f"{API}outreach/").json()["results"]) == 1
    r = _post(client, "outreach", {"org_unit": town_a.pk, "held_on": "2023-06-01", "venue_kind": "school",
                                   "topic": "safety", "title": "安全宣传", "audience": 80})  # fmt: skip
    assert r.status_code == 403


def test_the_auditor_reads_nothing(client, auditor):
    from fazhi.core.tests.factories import login

    login(client, auditor)
    assert client.get(f"{API}outreach/").status_code == 403


def test_the_study_sessions_filter_by_year_and_report_rule(client, town_a, officer_town_a):
    counted = make_session(town_a, held_on=dt.date(2023, 3, 1))
    make_session(town_a, held_on=dt.date(2023, 3, 2), kind="staff_meeting")
    make_session(town_a, held_on=dt.date(2023, 3, 3), on_rule_of_law=False)
    make_session(town_a, held_on=dt.date(2022, 3, 1))
    client.force_login(officer_town_a)
    rows = client.get(f"{API}study-sessions/?year=2023&counted=true").json()["results"]
    assert [(r["id"], r["counts_for_report"]) for r in rows] == [(counted.pk, True)]


def test_an_audience_out_of_bounds_is_refused(client, town_a):
    client.force_login(office_of(town_a))
    r = _post(client, "outreach", {"org_unit": town_a.pk, "held_on": "2023-06-01", "venue_kind": "school",
                                   "topic": "safety", "title": "安全宣传", "audience": -5})  # fmt: skip
    assert r.status_code == 400 and "audience" in str(r.json())


def test_the_same_person_twice_in_a_village_is_refused_in_chinese(client, town_a):
    member = make_member(town_a, name="谭德明")
    client.force_login(office_of(town_a))
    r = _post(client, "roster", {"org_unit": town_a.pk, "kind": member.kind, "name": "谭德明",
                                 "village": member.village_id})  # fmt: skip
    assert r.status_code == 400 and "该村（社区）已登记同名的同类人员" in str(r.json())
