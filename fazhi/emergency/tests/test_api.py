"""The emergency registers through the API (/api/v1/emergency/): created through
the page forms' rules, scoped by town (another town's record is a 404), phones
read back masked, the revision step and the year's drill figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import files
from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login
from fazhi.emergency.models import Drill, EmergencyPlan, TeamMember
from fazhi.emergency.tests.factories import (
    keeper_of,
    make_drill,
    make_equipment,
    make_member,
    make_plan,
    make_team,
    team_of,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/emergency/"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_plan_created_through_the_api_has_its_version_and_due_date(client, town_a):
    client.force_login(keeper_of(town_a))
    r = _post(client, API + "plans/", {"org_unit": town_a.pk, "category": "natural_disaster", "name": "防汛应急预案",
                                       "level": "town", "version": "2023版", "revised_on": "2023-04-20",
                                       "approved_by": "江口镇人民政府"})  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["next_revision_due"], body["revision_years"], body["status"]) == (
        "2026-04-20",
        3,
        "in_force",
    )
    assert [v["number"] for v in body["versions"]] == ["2023版"]
    assert AuditEvent.objects.filter(action="emergency.emergencyplan.created").count() == 1


def test_the_revise_endpoint_records_a_version_with_its_text(client, town_a):
    plan = make_plan(town_a, version="2023版")
    keeper = keeper_of(town_a)
    attachment = files.store(SimpleUploadedFile("预案.pdf", PDF), actor=keeper, org_unit=town_a, owner=plan)
    client.force_login(keeper)
    r = _post(client, f"{API}plans/{plan.pk}/revise/", {"number": "2026版", "approved_on": "2026-03-02",
                                                         "approved_by": "江口镇人民政府", "changes": "更新通讯录",
                                                         "file": attachment.pk})  # fmt: skip
    assert r.status_code == 200, r.json()
    body = r.json()
    assert (body["version"], body["next_revision_due"]) == ("2026版", "2029-03-02")
    assert [(v["number"], v["file"]) for v in body["versions"]] == [
        ("2026版", attachment.pk),
        ("2023版", None),
    ]


def test_a_revision_with_the_same_number_is_refused_in_chinese(client, town_a):
    plan = make_plan(town_a, version="2023版")
    client.force_login(keeper_of(town_a))
    r = _post(client, f"{API}plans/{plan.pk}/revise/", {"number": "2023版", "approved_on": "2026-03-02",
                                                         "approved_by": "某", "changes": "某"})  # fmt: skip
    assert r.status_code == 400 and "新版本号应与现行版本号不同" in str(r.json())
    assert plan.versions.count() == 1


def test_a_leader_may_not_revise_a_plan(client, town_a, leader):
    plan = make_plan(town_a)
    login(client, leader)
    assert client.get(f"{API}plans/{plan.pk}/").status_code == 200
    r = _post(client, f"{API}plans/{plan.pk}/revise/", {"number": "2026版", "approved_on": "2026-03-02",
                                                         "approved_by": "某", "changes": "某"})  # fmt: skip
    assert r.status_code == 403


@pytest.mark.parametrize("register", ["plans", "drills", "teams", "members", "equipment"])
def test_another_towns_record_is_not_found(client, town_a, town_b, register):
    record = {
        "plans": lambda: make_plan(town_a),
        "drills": lambda: make_drill(town_a),
        "teams": lambda: make_team(town_a),
        "members": lambda: make_member(team_of(town_a)),
        "equipment": lambda: make_equipment(team_of(town_a)),
    }[register]()
    client.force_login(keeper_of(town_b))
    assert client.get(f"{API}{register}/{record.pk}/").status_code == 404
    assert (
        client.patch(f"{API}{register}/{record.pk}/", {}, content_type="application/json").status_code == 404
    )
    assert client.get(f"{API}{register}/").json()["results"] == []


def test_a_drill_cannot_be_created_in_another_town(client, town_a, town_b):
    client.force_login(keeper_of(town_b))
    r = _post(client, API + "drills/", {"org_unit": town_a.pk, "held_on": "2023-06-08", "title": "防汛演练",
                                        "kind": "flood", "place": "码头", "organiser": "应急办", "participants": 40,
                                        "scenario": "模拟山洪"})  # fmt: skip
    assert r.status_code == 400 and "org_unit" in r.json()
    assert not Drill.objects.exists()


def test_a_drill_with_a_bad_kind_is_refused(client, town_a):
    client.force_login(keeper_of(town_a))
    r = _post(client, API + "drills/", {"org_unit": town_a.pk, "held_on": "2023-06-08", "title": "演练",
                                        "kind": "tsunami", "place": "码头", "organiser": "应急办", "participants": 40,
                                        "scenario": "模拟"})  # fmt: skip
    assert r.status_code == 400 and "kind" in r.json()


def test_a_members_phone_is_written_in_full_and_read_masked(client, town_a):
    team = make_team(town_a, leader_phone="13812345678")
    client.force_login(keeper_of(town_a))
    r = _post(
        client, API + "members/", {"team": team.pk, "name": "张三", "role": "captain", "phone": "13912345678"}
    )
    assert r.status_code == 201, r.json()
    assert r.json()["phone_masked"] == "139****5678" and "phone" not in r.json()
    assert TeamMember.objects.get().phone == "13912345678"
    listed = client.get(API + "members/").json()["results"][0]
    assert listed["phone_masked"] == "139****5678" and "13912345678" not in str(listed)
    team_row = client.get(f"{API}teams/{team.pk}/").json()
    assert team_row["leader_phone_masked"] == "138****5678" and "leader_phone" not in team_row
    assert team_row["member_count"] == 1


def test_the_drill_figures_endpoint_gives_the_exact_count(client, town_a, town_b, officer_town_a):
    for day, kind in [(dt.date(2023, 3, 1), "flood"), (dt.date(2023, 6, 1), "flood"),
                      (dt.date(2023, 9, 1), "fire_evacuation"), (dt.date(2024, 1, 1), "flood")]:  # fmt: skip
        make_drill(town_a, held_on=day, kind=kind, participants=10)
    make_drill(town_b, held_on=dt.date(2023, 5, 5))
    client.force_login(officer_town_a)
    body = client.get(API + "drills/figures/?year=2023").json()
    assert (body["year"], body["total"], body["participants"]) == (2023, 3, 30)
    assert {k["kind"]: k["count"] for k in body["by_kind"] if k["count"]} == {
        "flood": 2,
        "fire_evacuation": 1,
    }
    assert client.get(API + "drills/figures/?year=abc").status_code == 400


def test_the_drills_filter_by_year_and_kind(client, town_a, officer_town_a):
    flood = make_drill(town_a, held_on=dt.date(2023, 6, 8), kind="flood")
    make_drill(town_a, held_on=dt.date(2023, 10, 8), kind="fire_evacuation")
    make_drill(town_a, held_on=dt.date(2024, 6, 8), kind="flood")
    client.force_login(officer_town_a)
    rows = client.get(API + "drills/?year=2023&kind=flood").json()["results"]
    assert [r["id"] for r in rows] == [flood.pk]


def test_a_plan_edit_through_the_api_with_a_new_version_is_a_revision(client, town_a):
    plan = make_plan(town_a, version="2023版")
    client.force_login(keeper_of(town_a))
    r = client.patch(f"{API}plans/{plan.pk}/", {"version": "2026版", "revised_on": "2026-01-05"},
                     content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.json()
    assert EmergencyPlan.objects.get().versions.count() == 2
    assert AuditEvent.objects.filter(action="emergency.emergencyplan.revised").count() == 1
