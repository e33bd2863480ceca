"""A user sees their org unit and everything under it; another town's record is
a 404 on pages and the API, and absent from every list and export."""

import io

import pytest
from openpyxl import load_workbook

from fazhi.core.models import OrgUnit, Person
from fazhi.core.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_a(town_a):
    return PersonFactory(org_unit=town_a, name="甲镇居民")


def test_another_towns_person_page_is_not_found(client, officer_town_b, person_a):
    client.force_login(officer_town_b)
    assert client.get(person_a.get_absolute_url()).status_code == 404
    assert client.get(f"/core/people/{person_a.pk}/edit/").status_code == 404


def test_another_towns_person_is_not_found_through_the_api(client, officer_town_b, person_a):
    client.force_login(officer_town_b)
    assert client.get(f"/api/v1/people/{person_a.pk}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/people/{person_a.pk}/", {"name": "改"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.post(f"/api/v1/people/{person_a.pk}/reveal/").status_code == 404


def test_another_towns_person_is_in_no_list_or_export(client, officer_town_b, person_a, town_b):
    PersonFactory(org_unit=town_b, name="乙镇居民")
    client.force_login(officer_town_b)
    page = client.get("/core/people/").content.decode()
    assert "乙镇居民" in page and "甲镇居民" not in page
    api = client.get("/api/v1/people/").json()
    assert [r["name"] for r in api["results"]] == ["乙镇居民"]
    wb = load_workbook(io.BytesIO(client.get("/core/people/export/").content))
    names = [row[1] for row in wb.active.iter_rows(min_row=2, values_only=True)]
    assert names == ["乙镇居民"]


def test_own_town_person_is_visible(client, officer_town_a, person_a):
    client.force_login(officer_town_a)
    assert client.get(person_a.get_absolute_url()).status_code == 200


def test_county_user_sees_all_its_towns(county_leader, town_a, town_b):
    PersonFactory(org_unit=town_a)
    PersonFactory(org_unit=town_b)
    assert Person.objects.visible_to(county_leader).count() == 2


def test_village_user_does_not_see_the_town_level(town_a, grid_worker_a):
    from fazhi.core.tests.factories import OrgUnitFactory

    village = OrgUnitFactory(kind="village", code="500235131200", name="向阳村", parent=town_a)
    grid_worker_a.org_unit = village
    grid_worker_a.save()
    PersonFactory(org_unit=town_a, name="镇上")
    PersonFactory(org_unit=village, name="村里")
    assert list(Person.objects.visible_to(grid_worker_a).values_list("name", flat=True)) == ["村里"]


def test_user_without_org_unit_sees_nothing(auditor, town_a):
    PersonFactory(org_unit=town_a)
    assert Person.objects.visible_to(auditor).count() == 0
    assert OrgUnit.objects.visible_to(auditor).count() == 0


def test_creating_in_another_town_through_the_api_is_refused(client, officer_town_b, town_a):
    client.force_login(officer_town_b)
    r = client.post(
        "/api/v1/people/", {"org_unit": town_a.pk, "name": "越权"}, content_type="application/json"
    )
    assert r.status_code == 400
    assert not Person.objects.filter(name="越权").exists()


def test_scoping_is_planned_as_index_probes_and_lists_not_off_the_primary_key(officer_town_a):
    """PostgreSQL gets the town's unit ids as an array it probes the org-unit index
    with (UnitIds), and register lists order by (id + 0) (by_scope_first):
    docs/performance.md has what each cost before, among 41 towns."""
    from django.db import connection

    from fazhi.core.definitions import people

    sql = str(people.queryset(officer_town_a).query)
    assert '"core_person"."id" + 0)' in sql
    assert ("unnest(ARRAY(" in _compiled(Person.objects.visible_to(officer_town_a))) == (
        connection.vendor == "postgresql"
    )


def _compiled(qs) -> str:
    from django.db import connection

    sql, _params = qs.query.get_compiler(connection=connection).as_sql()
    return sql
