"""The people register on the register base: pages, permissions, query counts,
and every change as one audit event in the same transaction."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import permcache
from fazhi.core.models import AuditEvent, Person
from fazhi.core.tests.factories import PersonFactory, login, valid_resident_id

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    r = client.get("/core/people/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_role_without_permission_is_refused(client, auditor):
    login(client, auditor)
    assert client.get("/core/people/").status_code == 403


def _list_queries(client, n_rows, town):
    PersonFactory.create_batch(n_rows, org_unit=town)
    permcache.clear()  # each request reads the roles afresh, so the two counts compare
    with CaptureQueriesContext(connection) as ctx:
        r = client.get("/core/people/")
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_people_list_keeps_a_fixed_query_count(client, officer_town_a, town_a, town_b):
    client.force_login(officer_town_a)
    client.get("/")  # the first request renews the new session (a write, once a minute): not the list's
    few = _list_queries(client, 10, town_a)
    Person.objects.all().delete()
    many = _list_queries(client, 500, town_a)
    assert few == many


def test_create_person_through_the_form(client, officer_town_a, town_a):
    client.force_login(officer_town_a)
    rid = valid_resident_id(male=False)
    r = client.post(
        "/core/people/new/",
        {
            "org_unit": town_a.pk,
            "name": "王小红",
            "sex": "",
            "resident_id": rid,
            "phone": "13812345678",
            "address": "重庆市云阳县江口镇滨江路1号",
        },
    )
    assert r.status_code == 302
    person = Person.objects.get(name="王小红")
    assert person.sex == "female"  # taken from the 17th digit
    assert person.birth_date is not None
    event = AuditEvent.objects.get(action="core.person.created")
    assert event.actor_name == "officer_a" and event.target_id == str(person.pk)
    assert rid not in str(event.new)  # the audit keeps the ID masked


def test_bad_resident_id_is_refused_with_the_rule(client, officer_town_a, town_a):
    client.force_login(officer_town_a)
    rid = valid_resident_id()
    bad = rid[:-1] + ("0" if rid[-1] != "0" else "1")
    r = client.post("/core/people/new/", {"org_unit": town_a.pk, "name": "错号", "resident_id": bad})
    assert r.status_code == 200
    assert "GB 11643" in r.content.decode()
    assert not Person.objects.filter(name="错号").exists()
    assert not AuditEvent.objects.filter(action="core.person.created").exists()


def test_sex_that_contradicts_the_id_is_refused(client, officer_town_a, town_a):
    client.force_login(officer_town_a)
    r = client.post(
        "/core/people/new/",
        {"org_unit": town_a.pk, "name": "矛盾", "sex": "female", "resident_id": valid_resident_id(male=True)},
    )
    assert "第17位" in r.content.decode()
    assert not Person.objects.filter(name="矛盾").exists()


def test_edit_records_one_event_with_old_and_new(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a, name="旧名")
    client.force_login(officer_town_a)
    data = {
        "org_unit": town_a.pk,
        "name": "新名",
        "sex": person.sex,
        "resident_id": person.resident_id,
        "phone": person.phone,
        "address": person.address,
        "note": "",
    }
    assert client.post(f"/core/people/{person.pk}/edit/", data).status_code == 302
    events = AuditEvent.objects.filter(action="core.person.changed")
    assert events.count() == 1
    assert events[0].old == {"name": "旧名"} and events[0].new == {"name": "新名"}
    person.refresh_from_db()
    assert person.version == 2


def test_saving_without_changes_writes_no_event(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a)
    client.force_login(officer_town_a)
    data = {
        "org_unit": town_a.pk,
        "name": person.name,
        "sex": person.sex,
        "resident_id": person.resident_id,
        "phone": person.phone,
        "address": person.address,
        "note": "",
    }
    client.post(f"/core/people/{person.pk}/edit/", data)
    assert not AuditEvent.objects.filter(action="core.person.changed").exists()


def test_a_failed_audit_event_leaves_the_change_unsaved(client, officer_town_a, town_a, monkeypatch):
    from fazhi.core import actions

    person = PersonFactory(org_unit=town_a, name="原名")

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        actions.update_person(person, actor=officer_town_a, data={"name": "改名"})
    person.refresh_from_db()
    assert person.name == "原名"
    with pytest.raises(RuntimeError):
        actions.create_person(actor=officer_town_a, data={"org_unit": town_a, "name": "新人"})
    assert not Person.objects.filter(name="新人").exists()


def test_list_shows_personal_data_masked(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a, phone="13812345678")
    client.force_login(officer_town_a)
    page = client.get("/core/people/").content.decode()
    assert person.resident_id not in page and person.masked_resident_id in page
    assert "13812345678" not in page and "138****5678" in page


def test_revealing_the_id_number_is_audited(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a)
    client.force_login(officer_town_a)
    r = client.post(f"/core/people/{person.pk}/reveal/")
    assert person.resident_id in r.content.decode()
    assert AuditEvent.objects.filter(action="core.person.pii_revealed", target_id=str(person.pk)).count() == 1


def test_revealing_needs_its_own_permission(client, leader, town_a):
    person = PersonFactory(org_unit=town_a)
    login(client, leader)
    assert client.get(person.get_absolute_url()).status_code == 200
    assert client.post(f"/core/people/{person.pk}/reveal/").status_code == 403
    assert not AuditEvent.objects.filter(action="core.person.pii_revealed").exists()


def test_filter_by_unit_includes_units_below(client, officer_town_a, town_a):
    from fazhi.core.tests.factories import OrgUnitFactory

    village = OrgUnitFactory(kind="village", code="500235131201", name="帆水村", parent=town_a)
    PersonFactory(org_unit=village, name="村民甲")
    client.force_login(officer_town_a)
    page = client.get(f"/core/people/?org_unit={town_a.pk}").content.decode()
    assert "村民甲" in page
