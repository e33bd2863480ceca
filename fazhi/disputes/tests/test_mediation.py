"""The mediation registers: the register contract for all four, a mediator's unit and
masked phone, the committee's level against its unit, and the committee's page."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.choices import OrgKind
from fazhi.core.models import AuditEvent, OrgUnit
from fazhi.core.registers import excel
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.disputes.actions import mediation as actions
from fazhi.disputes.choices import CommitteeLevel, RoomKind
from fazhi.disputes.definitions import mediation as definitions
from fazhi.disputes.models import MediationCommittee, Mediator
from fazhi.disputes.tests.factories_mediation import (
    make_committee,
    make_mediator,
    make_room,
    make_round,
    office_of,
    village_of,
)

pytestmark = pytest.mark.django_db
_months = itertools.count()


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


# -- the register contract -----------------------------------------------------------------


class TestCommitteesRegister(RegisterContract):
    register = definitions.committees

    def make(self, town, n):
        return [make_committee(town) for _ in range(n)]


class TestMediatorsRegister(RegisterContract):
    register = definitions.mediators

    def make(self, town, n):
        committee = MediationCommittee.objects.filter(org_unit=town).first() or make_committee(town)
        return [make_mediator(committee, user=office_of(town) if i == 0 else None) for i in range(n)]


class TestRoomsRegister(RegisterContract):
    register = definitions.rooms

    def make(self, town, n):
        kinds = list(RoomKind)
        return [make_room(town, kinds[i % len(kinds)]) for i in range(n)]


class TestRoundsRegister(RegisterContract):
    register = definitions.rounds

    def make(self, town, n):
        if not OrgUnit.objects.filter(parent=town).exists():
            village_of(town), village_of(town, OrgKind.COMMUNITY)
        months = (next(_months) for _ in range(n))
        return [make_round(town, dt.date(2000 + m // 12, m % 12 + 1, 1)) for m in months]


# -- committees ----------------------------------------------------------------------------


def test_creating_a_committee_writes_one_event(town_a):
    committee = make_committee(town_a)
    event = AuditEvent.objects.get(action="disputes.mediationcommittee.created")
    assert event.target_id == str(committee.pk) and event.new["name"] == committee.name


def test_a_village_committee_must_belong_to_a_village(town_a):
    with pytest.raises(ValidationError) as exc:
        make_committee(town_a, level=CommitteeLevel.VILLAGE)
    assert "村人民调解委员会应设在村" in exc.value.message_dict["level"][0]


def test_the_committee_page_lists_its_mediators_and_rooms(client, town_a, officer_town_a):
    committee = make_committee(town_a)
    make_mediator(committee, name="王调解")
    make_room(town_a, RoomKind.COURT, committee=committee, name="驻法庭调解室甲")
    client.force_login(officer_town_a)
    page = client.get(committee.get_absolute_url()).content.decode()
    assert "王调解" in page and "驻法庭调解室甲" in page and 'data-testid="committee-disputes"' in page


def test_the_list_filters_committees_active_in_a_year(client, town_a, officer_town_a):
    active = make_committee(town_a, established_on=dt.date(2015, 1, 1))
    make_committee(town_a, established_on=dt.date(2015, 1, 1), dissolved_on=dt.date(2022, 12, 31))
    make_committee(town_a, established_on=dt.date(2024, 1, 1))
    client.force_login(officer_town_a)
    page = client.get(definitions.committees.url("list") + "?year=2023")
    assert [o.pk for o in page.context["page"].object_list] == [active.pk]


# -- mediators -----------------------------------------------------------------------------


def test_a_mediator_belongs_to_the_committees_unit(town_a):
    village = village_of(town_a)
    mediator = make_mediator(make_committee(village))
    assert mediator.org_unit_id == village.pk
    moved = actions.update_mediator(
        mediator, actor=office_of(town_a), data={"committee": make_committee(town_a)}
    )
    assert moved.org_unit_id == town_a.pk


def test_the_mediators_phone_is_masked_in_the_list_and_the_export(client, town_a, officer_town_a):
    make_mediator(make_committee(town_a), phone="13912345678")
    client.force_login(officer_town_a)
    page = client.get(definitions.mediators.url("list")).content.decode()
    assert "13912345678" not in page and "139****5678" in page
    wb = load_workbook(io.BytesIO(client.get(definitions.mediators.url("export")).content))
    cells = [c.value for row in wb.active.iter_rows() for c in row]
    assert "139****5678" in cells and "13912345678" not in cells


def test_an_exported_mediator_ledger_imports_back_unchanged(client, town_a):
    mediator = make_mediator(make_committee(town_a), phone="13912345678")
    office = office_of(town_a)
    client.force_login(office)
    exported = client.get(definitions.mediators.url("export")).content
    result = excel.import_workbook(definitions.mediators, office, SimpleUploadedFile("x.xlsx", exported))
    assert result.ok, result.errors
    assert (result.updated, result.unchanged) == (0, 1)
    mediator.refresh_from_db()
    assert mediator.phone == "13912345678"


def test_import_names_the_committee_and_takes_its_unit(town_a):
    village = village_of(town_a)
    committee = make_committee(village, name="测试村人民调解委员会")
    upload = _upload([["人民调解委员会", "姓名", "职务", "专职", "联系电话", "聘任日期"],
                      ["测试村人民调解委员会", "李调解", "委员", "否", "13800001111", "2020-03-01"],
                      ["不存在的调解委员会", "王调解", "委员", "否", "", "2020-03-01"]])  # fmt: skip
    result = excel.import_workbook(definitions.mediators, office_of(town_a), upload)
    assert [(e.row, e.column) for e in result.errors] == [(3, "人民调解委员会")]
    assert not Mediator.objects.exists()
    upload = _upload(
        [["人民调解委员会", "姓名", "职务", "聘任日期"], [committee.name, "李调解", "委员", "2020-03-01"]]
    )
    assert excel.import_workbook(definitions.mediators, office_of(town_a), upload).ok
    assert Mediator.objects.get().org_unit_id == village.pk


def test_the_list_filters_mediators_by_committee_and_full_time(client, town_a, officer_town_a):
    committee, other = make_committee(town_a), make_committee(town_a)
    wanted = make_mediator(committee, full_time=True)
    make_mediator(committee, full_time=False)
    make_mediator(other, full_time=True)
    client.force_login(officer_town_a)
    page = client.get(definitions.mediators.url("list") + f"?committee={committee.pk}&full_time=true")
    assert [o.pk for o in page.context["page"].object_list] == [wanted.pk]


def test_a_committee_of_another_town_cannot_be_chosen(client, town_a, town_b):
    theirs = make_committee(town_b)
    client.force_login(office_of(town_a))
    r = client.post(definitions.mediators.url("create"), {"committee": theirs.pk, "name": "某", "role": "member",
                                                          "appointed_on": "2020-01-01"})  # fmt: skip
    assert r.status_code == 200 and "committee" in r.context["form"].errors
    assert not Mediator.objects.exists()


# -- rooms ---------------------------------------------------------------------------------


def test_a_room_must_hang_from_a_committee_in_its_line(town_a):
    village_a, village_b = village_of(town_a), village_of(town_a)
    with pytest.raises(ValidationError) as exc:
        make_room(village_a, RoomKind.OTHER, committee=make_committee(village_b))
    assert "committee" in exc.value.message_dict
    assert make_room(village_a, RoomKind.OTHER, committee=make_committee(town_a)).pk


def test_the_list_filters_rooms_by_kind(client, town_a, officer_town_a):
    court = make_room(town_a, RoomKind.COURT)
    make_room(town_a, RoomKind.POLICE)
    client.force_login(officer_town_a)
    page = client.get(definitions.rooms.url("list") + "?kind=court")
    assert [o.pk for o in page.context["page"].object_list] == [court.pk]
