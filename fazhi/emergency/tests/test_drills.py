"""Drills: where a drill may be and which plan it may name, the evaluation's
problems recorded without opening anything, the filters, and the ledger
(all-or-nothing import with Chinese errors, an export that imports back)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.registers import excel
from fazhi.emergency import actions, definitions
from fazhi.emergency.choices import DrillKind
from fazhi.emergency.models import Drill
from fazhi.emergency.tests.factories import keeper_of, make_drill, make_plan, village_of

pytestmark = pytest.mark.django_db


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


HEADERS = ["所属单位代码", "演练日期", "演练名称", "演练类型", "依据的应急预案", "演练地点", "所在村（社区）代码",
           "组织单位", "参演人数", "演练情景", "评估：发现的问题"]  # fmt: skip


def test_recording_a_drill_writes_one_event(town_a):
    drill = make_drill(town_a, problems="应急广播听不清")
    event = AuditEvent.objects.get(action="emergency.drill.created")
    assert event.target_id == str(drill.pk) and event.new["problems"] == "应急广播听不清"


def test_a_problem_found_is_recorded_and_opens_nothing(town_a):
    from fazhi.oversight.models import Rectification

    drill = make_drill(town_a, problems="部分群众不清楚集合点", improvements="设置指示牌")
    assert drill.evaluation_state() == "发现问题"
    assert not Deadline.objects.exists() and not Rectification.objects.exists()


def test_a_drill_may_not_be_dated_in_the_future(town_a):
    with pytest.raises(ValidationError, match="演练日期不能晚于今天"):
        make_drill(town_a, held_on=timezone.localdate() + dt.timedelta(days=1))


def test_the_village_must_be_a_village_of_the_town(town_a, town_b):
    assert make_drill(town_a, village=village_of(town_a)).village is not None
    with pytest.raises(ValidationError) as exc:
        make_drill(town_a, village=village_of(town_b))
    assert exc.value.message_dict["village"] == ["所选村（社区）不在本镇"]


def test_a_drill_of_a_village_may_follow_the_towns_plan(town_a):
    village = village_of(town_a)
    assert make_drill(village, plan=make_plan(town_a)).plan is not None


def test_another_towns_plan_is_refused(town_a, town_b):
    with pytest.raises(ValidationError) as exc:
        make_drill(town_a, plan=make_plan(town_b))
    assert exc.value.message_dict["plan"] == ["所选预案不是本镇或上级单位的预案"]
    assert not Drill.objects.exists()


def test_the_form_offers_neither_another_towns_plans_nor_its_villages(client, town_a, town_b):
    ours = make_plan(town_a)
    make_plan(town_b)
    village_of(town_b)
    client.force_login(keeper_of(town_a))
    form = client.get(definitions.drills.url("create")).context["form"]
    assert list(form.fields["plan"].queryset) == [ours]
    assert not form.fields["village"].queryset.exists()


def test_the_list_filters_by_year_kind_and_problems(client, town_a, officer_town_a):
    flood = make_drill(town_a, held_on=dt.date(2023, 6, 8), kind=DrillKind.FLOOD, problems="广播听不清")
    fire = make_drill(town_a, held_on=dt.date(2023, 10, 19), kind=DrillKind.FIRE_EVACUATION)
    make_drill(town_a, held_on=dt.date(2024, 6, 8), kind=DrillKind.FLOOD)
    client.force_login(officer_town_a)

    def found(query: str) -> list[int]:
        page = client.get(definitions.drills.list_url + query)
        return sorted(o.pk for o in page.context["page"].object_list)

    assert found("?year=2023") == sorted([flood.pk, fire.pk])
    assert found("?year=2023&kind=flood") == [flood.pk]
    assert found("?has_problems=true") == [flood.pk]


def test_editing_a_drill_records_only_what_changed(town_a):
    drill = make_drill(town_a, participants=30)
    actions.update_drill(drill, actor=keeper_of(town_a), data={"participants": 45})
    event = AuditEvent.objects.get(action="emergency.drill.changed")
    assert (event.old, event.new) == ({"participants": 30}, {"participants": 45})


def test_one_bad_row_imports_no_drill_and_names_its_row_and_column(town_a, town_b):
    plan = make_plan(town_a)
    upload = _upload([HEADERS,
                      [town_a.code, "2023-06-08", "防汛演练", "防汛", str(plan), "江口码头", "", "镇应急办", 40,
                       "模拟山洪", ""],
                      [town_a.code, "2023-06-09", "地灾演练", "泥石流", "不存在的预案", "某村", "", "镇应急办", "四十",
                       "模拟滑坡", ""],
                      [town_b.code, "2023-06-10", "消防演练", "消防疏散", "", "小学", "", "镇应急办", 600,
                       "模拟火灾", "楼梯拥堵"]])  # fmt: skip
    result = excel.import_workbook(definitions.drills, keeper_of(town_a), upload)
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "演练类型"), (3, "依据的应急预案"), (3, "参演人数"), (4, "所属单位代码"),
    }  # fmt: skip
    messages = {e.column: e.message for e in result.errors}
    assert messages["参演人数"] == "应为非负整数"
    assert "不在本单位管辖范围内" in messages["所属单位代码"]
    assert (
        not Drill.objects.exists()
        and not AuditEvent.objects.filter(action="emergency.drill.created").exists()
    )


def test_a_good_ledger_imports_every_row_in_one_go(town_a):
    plan = make_plan(town_a)
    village = village_of(town_a)
    upload = _upload([HEADERS,
                      [town_a.code, "2023-06-08", "防汛演练", "防汛", plan.name, "江口码头", village.code, "镇应急办", 40,
                       "模拟山洪", ""],
                      [town_a.code, "2023-10-19", "消防疏散演练", "fire_evacuation", "", "小学", "", "镇应急办", 600,
                       "模拟火灾", "楼梯拥堵"]])  # fmt: skip
    result = excel.import_workbook(definitions.drills, keeper_of(town_a), upload)
    assert result.ok, result.errors
    assert (result.created, Drill.objects.filter(plan=plan, village=village).count()) == (2, 1)
    assert AuditEvent.objects.get(action="emergency.drill.imported").new["created"] == 2


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    make_drill(town_a, plan=make_plan(town_a), village=village_of(town_a), problems="广播听不清")
    make_drill(town_a)
    client.force_login(keeper_of(town_a))
    exported = client.get(definitions.drills.url("export")).content
    r = client.post(definitions.drills.url("import"), {"file": SimpleUploadedFile("x.xlsx", exported)})
    assert r.status_code == 302, r.content.decode()[:3000]
    assert AuditEvent.objects.get(action="emergency.drill.imported").new == {"created": 0, "updated": 0,
                                                                             "unchanged": 2}  # fmt: skip


def test_the_drill_page_takes_photos(client, town_a):
    drill = make_drill(town_a)
    client.force_login(keeper_of(town_a))
    page = client.get(drill.get_absolute_url()).content.decode()
    assert "附件" in page and f"emergency.drill:{drill.pk}" in page
