import pytest

from fazhi.core.models import AuditEvent, Person
from fazhi.core.tests.factories import PersonFactory, login, valid_resident_id

pytestmark = pytest.mark.django_db


def test_anonymous_api_is_refused(client):
    assert client.get("/api/v1/people/").status_code in (401, 403)


def test_token_login_works(client, officer_town_a):
    r = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": "Test#Pass2023"})
    token = r.json()["token"]
    r = client.get("/api/v1/people/", HTTP_AUTHORIZATION=f"Token {token}")
    assert r.status_code == 200


def test_create_person_through_the_api_is_audited(client, officer_town_a, town_a):
    client.force_login(officer_town_a)
    rid = valid_resident_id(male=True)
    r = client.post(
        "/api/v1/people/",
        {"org_unit": town_a.pk, "name": "接口新增", "resident_id": rid},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert "resident_id" not in body and body["resident_id_masked"].endswith(rid[-4:])
    assert body["sex"] == "male"
    assert AuditEvent.objects.filter(action="core.person.created", target_id=str(body["id"])).exists()


def test_bad_id_through_the_api_is_a_400_naming_the_standard(client, officer_town_a, town_a):
    client.force_login(officer_town_a)
    r = client.post(
        "/api/v1/people/",
        {"org_unit": town_a.pk, "name": "错号", "resident_id": "110105194912310021"},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert "GB 11643" in str(r.json())
    assert not Person.objects.filter(name="错号").exists()


def test_partial_update_keeps_other_fields(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a, name="原名")
    rid = person.resident_id
    client.force_login(officer_town_a)
    r = client.patch(f"/api/v1/people/{person.pk}/", {"name": "新名"}, content_type="application/json")
    assert r.status_code == 200, r.content
    person.refresh_from_db()
    assert person.name == "新名" and person.resident_id == rid


def test_reveal_through_the_api_is_audited(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a)
    client.force_login(officer_town_a)
    r = client.post(f"/api/v1/people/{person.pk}/reveal/")
    assert r.json()["resident_id"] == person.resident_id
    assert AuditEvent.objects.filter(action="core.person.pii_revealed").count() == 1


def test_api_has_no_delete(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a)
    client.force_login(officer_town_a)
    assert client.delete(f"/api/v1/people/{person.pk}/").status_code in (403, 405)
    assert Person.objects.filter(pk=person.pk).exists()


def test_wrong_role_cannot_write(client, leader, town_a):
    login(client, leader)
    r = client.post(
        "/api/v1/people/", {"org_unit": town_a.pk, "name": "领导"}, content_type="application/json"
    )
    assert r.status_code == 403


def test_openapi_schema_matches_the_committed_file():
    """The schema is committed (docs/api/openapi.yaml); regenerate it with
    `fazhi spectacular --file docs/api/openapi.yaml` when the API changes."""
    import io
    from pathlib import Path

    from django.core.management import call_command

    out = io.StringIO()
    call_command("spectacular", stdout=out, fail_on_warn=True)
    committed = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"
    assert committed.read_text(encoding="utf-8") == out.getvalue(), "OpenAPI schema drifted: regenerate it"
