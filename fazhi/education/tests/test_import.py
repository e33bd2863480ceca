"""Excel import of the education registers: a year's ledger of outreach events or
legal services (about a hundred rows) in one step, and all or nothing: one bad
row imports nothing and says, in Chinese, which row and column is wrong."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.education import definitions
from fazhi.education.models import LegalServiceRecord, OutreachEvent, StudySession
from fazhi.education.statistics import outreach_figures, service_figures
from fazhi.education.tests.factories import office_of, village_of

pytestmark = pytest.mark.django_db

EVENT_HEADERS = [
    "所属单位代码",
    "活动日期",
    "活动场所",
    "所在村（社区）",
    "宣传主题",
    "活动名称",
    "受众人次",
    "宣讲人员",
]
SERVICE_HEADERS = ["所属单位代码", "服务日期", "服务类型", "服务对象所在村（社区）", "服务对象", "联系电话", "服务事项",
                   "服务人员", "办理结果"]  # fmt: skip


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


def _event_rows(town, village, n: int) -> list[list]:
    rows = []
    for i in range(n):
        day = dt.date(2023, 1, 2) + dt.timedelta(days=i * 3)
        rows.append([town.code, day.isoformat(), "村（社区）", village.name, "民法典", f"民法典宣讲第{i + 1}场", 100 + i,
                     "村居法律顾问、法律明白人"])  # fmt: skip
    return rows


def test_a_years_outreach_ledger_imports_in_one_step(town_a):
    village = village_of(town_a)
    result = excel.import_workbook(
        definitions.outreach_events,
        office_of(town_a),
        _upload([EVENT_HEADERS, *_event_rows(town_a, village, 100)]),
    )
    assert result.ok, result.errors[:3]
    assert (result.created, OutreachEvent.objects.count()) == (100, 100)
    figures = outreach_figures(town_a, 2023)
    assert (figures.events, figures.audience) == (100, sum(100 + i for i in range(100)))
    assert OutreachEvent.objects.filter(presenters="village_advisor,literate_residents").count() == 100
    assert AuditEvent.objects.get(action="education.outreachevent.imported").new == {
        "created": 100, "updated": 0, "unchanged": 0,
    }  # fmt: skip
    assert AuditEvent.objects.filter(action="education.outreachevent.created").count() == 100


def test_a_years_services_ledger_imports_in_one_step_through_the_page(client, town_a):
    village = village_of(town_a)
    rows = [[town_a.code, (dt.date(2023, 1, 2) + dt.timedelta(days=i * 3)).isoformat(), "法律咨询", village.code,
             "张三" if i % 2 else "", "13812345678" if i % 4 == 1 else "", f"咨询劳务报酬拖欠（{i}）", "司法所李明",
             "已解答、办结"] for i in range(108)]  # fmt: skip
    client.force_login(office_of(town_a))
    r = client.post(definitions.legal_services.url("import"), {"file": _upload([SERVICE_HEADERS, *rows])})
    assert r.status_code == 302, r.content.decode()[:3000]
    assert service_figures(town_a, 2023).records == 108


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(town_a, town_b):
    village = village_of(town_a)
    rows = _event_rows(town_a, village, 5)
    rows[1][1] = "2023年3月"  # row 3: not a date
    rows[2][3] = village_of(town_b).name  # row 4: another town's village
    rows[3][7] = "律师"  # row 5: not a presenter kind
    rows[4][6] = "很多"  # row 6: not a number
    result = excel.import_workbook(
        definitions.outreach_events, office_of(town_a), _upload([EVENT_HEADERS, *rows])
    )
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "活动日期"), (4, "所在村（社区）"), (5, "宣讲人员"), (6, "受众人次"),
    }  # fmt: skip
    messages = {e.column: e.message for e in result.errors}
    assert messages["所在村（社区）"].endswith("不存在或不在本单位管辖范围内")
    assert messages["宣讲人员"].startswith("“律师”不是宣讲人员类别")
    assert messages["活动日期"] == "日期格式应为 YYYY-MM-DD"
    assert not OutreachEvent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="education.outreachevent").exists()


def test_a_row_refused_by_the_record_itself_also_imports_nothing(town_a):
    village = village_of(town_a)
    rows = [[town_a.code, "2023-05-01", "法律咨询", village.name, "", "", "咨询", "李明", "已解答、办结"],
            [town_a.code, "2023-05-02", "法律咨询", village.name, "", "0231234", "咨询", "李明", "已解答、办结"]]  # fmt: skip
    result = excel.import_workbook(
        definitions.legal_services, office_of(town_a), _upload([SERVICE_HEADERS, *rows])
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "联系电话")]
    assert not LegalServiceRecord.objects.exists()


def test_a_missing_required_column_is_named(town_a):
    result = excel.import_workbook(
        definitions.study_sessions,
        office_of(town_a),
        _upload([["所属单位代码", "学习日期"], [town_a.code, "2023-05-01"]]),
    )
    assert result.errors[0].message.startswith("缺少必需的列：") and "学习形式" in result.errors[0].message
    assert not StudySession.objects.exists()


def test_a_study_session_imports_with_labels(town_a):
    rows = [["所属单位代码", "学习日期", "学习形式", "学习内容", "法治专题", "参学人数"],
            [town_a.code, "2023-05-01", "党委理论学习中心组学习", "习近平法治思想", "是", "14人"]]  # fmt: skip
    result = excel.import_workbook(definitions.study_sessions, office_of(town_a), _upload(rows))
    assert result.ok, result.errors
    session = StudySession.objects.get()
    assert (session.kind, session.on_rule_of_law, session.attendees, session.counts_for_report) == (
        "central_group", True, 14, True,
    )  # fmt: skip


def test_a_village_name_shared_by_two_towns_must_be_given_by_code(town_a, town_b, county_unit):
    from fazhi.core.tests.factories import user_with_role

    ours = village_of(town_a, name="向阳村")
    village_of(town_b, name="向阳村")
    county_user = user_with_role("edu_county", "rule_of_law_office", county_unit)
    rows = [["所属单位代码", "类别", "姓名", "所在村（社区）"], [town_a.code, "法律明白人", "王芳", "向阳村"],
            [town_a.code, "法律明白人", "王芳", ours.code]]  # fmt: skip
    result = excel.import_workbook(definitions.roster, county_user, _upload(rows))
    assert [(e.row, e.message) for e in result.errors] == [
        (2, "有多个村（社区）名为“向阳村”，请填写其单位代码")
    ]


@pytest.mark.parametrize(
    "key", ["study_sessions", "outreach_events", "legal_services", "roster", "trainings"]
)
def test_an_exported_ledger_imports_back_unchanged(client, town_a, key):
    from fazhi.education.tests import factories

    register = getattr(definitions, key)
    maker = {"study_sessions": factories.make_session, "outreach_events": factories.make_event,
             "legal_services": factories.make_service, "roster": factories.make_member,
             "trainings": factories.make_training}[key]  # fmt: skip
    village = village_of(town_a)
    records = [maker(town_a), maker(village)]
    client.force_login(office_of(town_a))
    exported = client.get(register.url("export")).content
    r = client.post(register.url("import"), {"file": SimpleUploadedFile("台账.xlsx", exported)})
    assert r.status_code == 302, r.content.decode()[:3000]
    model = register.model._meta.model_name
    assert AuditEvent.objects.get(action=f"education.{model}.imported").new == {
        "created": 0, "updated": 0, "unchanged": len(records),
    }  # fmt: skip
    assert not AuditEvent.objects.filter(action=f"education.{model}.changed").exists()
