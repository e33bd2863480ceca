"""The disputes ledger in Excel: exported with the parties masked, imported all or
nothing with Chinese errors naming row and column, a closed dispute from the town's
ledger before Fazhi taken through every step on its own dates, and an exported
ledger imported back unchanged."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.core.tests.factories import login
from fazhi.disputes.choices import DisputeStatus
from fazhi.disputes.definitions.disputes import disputes
from fazhi.disputes.models import Dispute
from fazhi.disputes.tests.factories_disputes import (
    advance,
    committee_with_mediators,
    make_dispute,
    mediator_account,
    party,
)
from fazhi.disputes.tests.factories_mediation import office_of, village_of

pytestmark = pytest.mark.django_db


def _sheet(rows: list[dict], base: bytes | None = None) -> SimpleUploadedFile:
    wb = load_workbook(io.BytesIO(base or excel.template_workbook(disputes)))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("d.xlsx", buf.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)


def _row(village, **extra) -> dict:
    return {"发生村（社区）": village.name, "来源": "群众来访", "类别": "邻里纠纷", "纠纷简要情况": "两户因排水沟堵塞发生争执",
            "登记日期": "2023-02-01", "当事人一": "何一", "当事人一联系电话": "13711112222", "当事人二": "邓二", **extra}  # fmt: skip


def _history(committee, mediators, **extra) -> dict:
    return {"承办调解委员会": committee.name, "调解员": "、".join(m.name for m in mediators), "分派日期": "2023-02-02",
            "调解结束日期": "2023-02-10", "调解结果": "调解成功", "协议形式": "书面调解协议",
            "协议内容": "一、何一于2月底前疏通排水沟。", "回访日期": "2023-03-10", "回访情况": "已履行",
            "结案日期": "2023-03-11", **extra}  # fmt: skip


def test_a_new_row_registers_a_dispute_and_a_full_row_a_closed_one(town_a):
    village = village_of(town_a)
    committee, mediators = committee_with_mediators(town_a)
    office = office_of(town_a)
    result = excel.import_workbook(
        disputes, office, _sheet([_row(village), _row(village, **_history(committee, mediators))])
    )
    assert result.ok and result.created == 2, result.errors
    open_, closed = Dispute.objects.order_by("id")
    assert open_.status == DisputeStatus.REGISTERED and [p.name for p in open_.parties.all()] == [
        "何一",
        "邓二",
    ]
    assert closed.status == DisputeStatus.CLOSED and closed.closed_on.isoformat() == "2023-03-11"
    assert list(closed.steps.values_list("action", flat=True)) == [
        "register", "assign", "start", "resolve", "follow_up", "close",
    ]  # fmt: skip
    assert set(closed.mediators.all()) == set(mediators)
    event = AuditEvent.objects.get(action="disputes.dispute.imported")
    assert json.loads(event.new_values)["created"] == 2


def test_a_row_given_an_old_number_keeps_it_and_the_run_moves_past_it(town_a):
    village = village_of(town_a)
    office = office_of(town_a)
    result = excel.import_workbook(disputes, office, _sheet([_row(village, 编号="江口调〔2023〕40号")]))
    assert result.ok, result.errors
    assert make_dispute(town_a).number == "江口调〔2023〕41号"


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(town_a):
    village = village_of(town_a)
    committee, mediators = committee_with_mediators(town_a)
    rows = [
        _row(village),
        _row(village, 类别="吵架"),
        _row(village, **_history(committee, mediators, 回访日期=None)),
    ]
    result = excel.import_workbook(disputes, office_of(town_a), _sheet(rows))
    assert not result.ok and not Dispute.objects.exists()
    messages = [(e.row, e.column, e.message) for e in result.errors]
    assert (
        3,
        "类别",
        "应为以下之一：邻里纠纷、婚姻家庭纠纷、山林土地纠纷、劳动争议、合同纠纷、道路交通事故纠纷、损害赔偿纠纷、其他纠纷",
    ) in messages
    assert any(row == 4 and "尚缺：回访日期" in msg for row, _, msg in messages)


def test_an_unknown_village_and_a_mediator_of_another_committee_are_named(town_a):
    committee, mediators = committee_with_mediators(town_a)
    village = village_of(town_a)
    rows = [
        _row(village, **{"发生村（社区）": "不存在村"}),
        _row(village, **_history(committee, mediators, 调解员="外人")),
    ]
    result = excel.import_workbook(disputes, office_of(town_a), _sheet(rows))
    messages = [(e.row, e.column, e.message) for e in result.errors]
    assert (2, "发生村（社区）", "村（社区）“不存在村”不存在或不在本单位管辖范围内") in messages
    assert any(row == 3 and col == "调解员" and "外人不是" in msg for row, col, msg in messages)


def test_the_export_masks_the_parties(client, town_a):
    p = party(name="孙悟空")
    make_dispute(town_a, parties=[p])
    login(client, mediator_account(town_a))
    r = client.get(disputes.url("export"))
    ws = load_workbook(io.BytesIO(r.content)).active
    cells = [str(c.value) for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert "孙**" in cells and "孙悟空" not in cells
    assert p["resident_id"] not in cells and p["phone"] not in cells
    assert AuditEvent.objects.filter(action="disputes.dispute.exported").exists()


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    advance(make_dispute(town_a), DisputeStatus.CLOSED)
    make_dispute(town_a)
    office = office_of(town_a)
    login(client, office)
    exported = client.get(disputes.url("export")).content
    before = AuditEvent.objects.count()
    result = excel.import_workbook(disputes, office, _sheet([], base=exported))
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 2), result.errors
    assert AuditEvent.objects.count() == before + 1  # the import's own event


def test_a_registered_row_may_correct_the_registration_but_not_the_parties(client, town_a):
    dispute = make_dispute(town_a)
    office = office_of(town_a)
    login(client, office)
    wb = load_workbook(io.BytesIO(client.get(disputes.url("export")).content))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("类别") + 1, value="合同纠纷")
    buf = io.BytesIO()
    wb.save(buf)
    result = excel.import_workbook(disputes, office, _sheet([], base=buf.getvalue()))
    assert result.ok and result.updated == 1, result.errors
    dispute.refresh_from_db()
    assert dispute.category == "contract"
    ws.cell(row=2, column=headers.index("当事人一") + 1, value="新名字")
    buf = io.BytesIO()
    wb.save(buf)
    result = excel.import_workbook(disputes, office, _sheet([], base=buf.getvalue()))
    assert not result.ok and "当事人一与系统记录不同" in result.errors[0].message
