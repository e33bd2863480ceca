"""Emergency teams, members and equipment: phones masked in every list, export,
page and audit event (and a masked ledger imports back unchanged), the team's
page with its members and equipment, where each kind of team belongs, and
members kept only in teams the user sees."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.emergency import actions, definitions
from fazhi.emergency.choices import TeamKind
from fazhi.emergency.models import TeamMember
from fazhi.emergency.tests.factories import keeper_of, make_equipment, make_member, make_team, village_of

pytestmark = pytest.mark.django_db
PHONE, MASKED = "13912345678", "139****5678"


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


def _cell(content: bytes, header: str) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    column = [c.value for c in sheet[1]].index(header)
    return sheet.cell(row=2, column=column + 1).value


# -- masking ----------------------------------------------------------------------------------


def test_the_members_list_masks_the_phone(client, town_a, officer_town_a):
    make_member(make_team(town_a), phone=PHONE)
    client.force_login(officer_town_a)
    html = client.get(definitions.members.list_url).content.decode()
    assert MASKED in html and PHONE not in html


def test_the_members_export_masks_the_phone(client, town_a, officer_town_a):
    make_member(make_team(town_a), phone=PHONE)
    client.force_login(officer_town_a)
    assert _cell(client.get(definitions.members.url("export")).content, "联系电话") == MASKED


def test_the_member_and_team_pages_mask_the_phones(client, town_a, officer_town_a):
    team = make_team(town_a, leader_phone="13812345678")
    member = make_member(team, phone=PHONE)
    client.force_login(officer_town_a)
    for url in (member.get_absolute_url(), team.get_absolute_url()):
        html = client.get(url).content.decode()
        assert PHONE not in html and "13812345678" not in html, url
    assert MASKED in client.get(team.get_absolute_url()).content.decode()


def test_the_audit_events_mask_the_phones(town_a):
    member = make_member(make_team(town_a, leader_phone="13812345678"), phone=PHONE)
    actions.update_member(member, actor=keeper_of(town_a), data={"phone": "13700001111"})
    events = AuditEvent.objects.filter(action__startswith="emergency.team")
    values = " ".join(e.new_values + e.old_values for e in events)
    assert PHONE not in values and "13812345678" not in values and "13700001111" not in values
    changed = events.get(action="emergency.teammember.changed")
    assert (changed.old["phone"], changed.new["phone"]) == (MASKED, "137****1111")


def test_an_exported_members_ledger_imports_back_unchanged(client, town_a):
    team = make_team(town_a)
    make_member(team, phone=PHONE)
    make_member(team, phone="")
    client.force_login(keeper_of(town_a))
    exported = client.get(definitions.members.url("export")).content
    r = client.post(definitions.members.url("import"), {"file": SimpleUploadedFile("x.xlsx", exported)})
    assert r.status_code == 302, r.content.decode()[:3000]
    assert AuditEvent.objects.get(action="emergency.teammember.imported").new == {"created": 0, "updated": 0,
                                                                                  "unchanged": 2}  # fmt: skip
    assert set(TeamMember.objects.values_list("phone", flat=True)) == {PHONE, ""}


def test_a_bad_phone_is_refused_in_chinese(town_a):
    with pytest.raises(ValidationError) as exc:
        make_member(make_team(town_a), phone="12345")
    assert "phone" in exc.value.message_dict and not TeamMember.objects.exists()


# -- the team and where it belongs -------------------------------------------------------------


def test_the_team_page_lists_its_members_and_equipment(client, town_a, officer_town_a):
    team = make_team(town_a)
    make_member(team, name="张三", role="captain")
    make_equipment(team, item="冲锋舟", quantity=1, unit="艘")
    make_member(make_team(town_a), name="另一队的队员")
    client.force_login(officer_town_a)
    page = client.get(team.get_absolute_url())
    html = page.content.decode()
    assert "张三" in html and "冲锋舟" in html and "另一队的队员" not in html
    assert [m.name for m, _ in page.context["members"]] == ["张三"]
    new_member = f"/emergency/members/new/?team={team.pk}"
    assert new_member in html
    assert client.get(new_member).context["form"].initial["team"] == str(team.pk)


def test_a_leader_reads_the_team_page_without_add_buttons(client, town_a, leader):
    from fazhi.core.tests.factories import login

    team = make_team(town_a)
    make_member(team)
    login(client, leader)
    html = client.get(team.get_absolute_url()).content.decode()
    assert "队员" in html and "新增队员" not in html and "新增装备物资" not in html


def test_the_team_counts_its_active_members(client, town_a, officer_town_a):
    team = make_team(town_a)
    make_member(team)
    make_member(team, is_active=False)
    client.force_login(officer_town_a)
    row = client.get(definitions.teams.list_url).context["rows"][0][1]
    assert row[4] == 1


def test_a_village_team_belongs_to_a_village_and_the_militia_to_the_town(town_a):
    village = village_of(town_a)
    assert make_team(village).kind == TeamKind.VILLAGE
    with pytest.raises(ValidationError, match="村（社区）应急队应登记在所属村（社区）下"):
        make_team(town_a, kind=TeamKind.VILLAGE)
    with pytest.raises(ValidationError, match="民兵应急分队应登记在镇或镇内设机构下"):
        make_team(village, kind=TeamKind.MILITIA)
    assert make_team(village, kind=TeamKind.SPECIALIST).kind == TeamKind.SPECIALIST


def test_two_teams_of_a_unit_may_not_share_a_name(town_a):
    team = make_team(town_a)
    with pytest.raises(ValidationError, match="本单位已有同名的应急队伍"):
        make_team(town_a, name=team.name)


def test_a_member_cannot_be_added_to_another_towns_team(town_a, town_b):
    from django.core.exceptions import PermissionDenied

    theirs = make_team(town_b)
    with pytest.raises(PermissionDenied):
        actions.add_member(actor=keeper_of(town_a), data={"team": theirs, "name": "某", "role": "member"})
    assert not TeamMember.objects.exists()


def test_a_member_row_naming_another_towns_team_is_a_row_error(town_a, town_b):
    theirs = make_team(town_b)
    ours = make_team(town_a)
    upload = _upload([["应急队伍", "姓名", "队内职务", "联系电话"],
                      [ours.name, "张三", "队长", PHONE],
                      [theirs.name, "李四", "队员", ""],
                      [ours.name, "王五", "指挥长", ""]])  # fmt: skip
    result = excel.import_workbook(definitions.members, keeper_of(town_a), upload)
    assert [(e.row, e.column) for e in result.errors] == [(3, "应急队伍"), (4, "队内职务")]
    assert "不存在" in result.errors[0].message
    assert not TeamMember.objects.exists()


def test_teams_of_the_same_name_are_told_apart_by_unit_code(town_a):
    one, two = village_of(town_a), village_of(town_a)
    make_team(one, name="应急分队")
    team_two = make_team(two, name="应急分队")
    rows = [["应急队伍", "姓名"], ["应急分队", "张三"]]
    result = excel.import_workbook(definitions.members, keeper_of(town_a), _upload(rows))
    assert "所属单位代码/队伍名称" in result.errors[0].message
    rows = [["应急队伍", "姓名"], [f"{two.code}/应急分队", "张三"]]
    assert excel.import_workbook(definitions.members, keeper_of(town_a), _upload(rows)).ok
    assert TeamMember.objects.get().team == team_two


def test_equipment_imports_with_its_defaults(town_a):
    team = make_team(town_a)
    upload = _upload([["应急队伍", "装备物资名称", "数量", "计量单位", "存放地点", "最近检查日期"],
                      [team.name, "救生衣", 40, "件", "镇应急物资储备库", "2023-05-01"]])  # fmt: skip
    result = excel.import_workbook(definitions.equipment, keeper_of(town_a), upload)
    assert result.ok, result.errors
    item = team.equipment.get()
    assert (item.quantity, item.in_order, item.checked_on) == (40, True, dt.date(2023, 5, 1))
