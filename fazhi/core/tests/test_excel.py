"""Excel ledgers: export and import round-trip without change; a bad row stops
the whole file and names its row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from fazhi.core.definitions import people
from fazhi.core.models import AuditEvent, Person
from fazhi.core.registers import excel
from fazhi.core.tests.factories import PersonFactory, valid_resident_id, xlsx_bytes

pytestmark = pytest.mark.django_db


def _upload(data: bytes, name="people.xlsx"):
    return SimpleUploadedFile(name, data, content_type=excel.XLSX_CONTENT_TYPE)


HEADERS = ["姓名", "性别", "公民身份号码", "联系电话", "住址", "所属单位代码", "备注"]


def test_export_then_import_changes_nothing(client, officer_town_a, town_a):
    PersonFactory.create_batch(5, org_unit=town_a)
    client.force_login(officer_town_a)
    exported = client.get("/core/people/export/").content
    before = {p.pk: (p.name, p.resident_id, p.phone, p.address, p.version) for p in Person.objects.all()}
    events_before = AuditEvent.objects.exclude(action__endswith="exported").count()
    r = client.post("/core/people/import/", {"file": _upload(exported)})
    assert r.status_code == 302
    after = {p.pk: (p.name, p.resident_id, p.phone, p.address, p.version) for p in Person.objects.all()}
    assert after == before
    # Only the import itself is recorded: no record changed.
    new_events = AuditEvent.objects.exclude(action__endswith="exported").count() - events_before
    assert new_events == 1
    assert AuditEvent.objects.get(action="core.person.imported").new == {
        "created": 0,
        "updated": 0,
        "unchanged": 5,
    }


def test_export_is_masked_and_audited(client, officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a)
    client.force_login(officer_town_a)
    wb = load_workbook(io.BytesIO(client.get("/core/people/export/").content))
    cells = [str(c) for row in wb.active.iter_rows(values_only=True) for c in row]
    assert person.resident_id not in cells and person.masked_resident_id in cells
    assert AuditEvent.objects.filter(action="core.person.exported").count() == 1


def test_one_bad_id_number_imports_nothing_and_names_row_and_column(client, officer_town_a, town_a):
    good = valid_resident_id()
    bad = valid_resident_id()
    bad = bad[:-1] + ("1" if bad[-1] != "1" else "2")
    data = xlsx_bytes(
        [HEADERS, ["张三", "", good, "", "", town_a.code, ""], ["李四", "", bad, "", "", town_a.code, ""]]
    )
    client.force_login(officer_town_a)
    r = client.post("/core/people/import/", {"file": _upload(data)})
    assert r.status_code == 400
    page = r.content.decode()
    assert "第3行" in page and "公民身份号码" in page and "GB 11643" in page
    assert Person.objects.count() == 0
    assert (
        not AuditEvent.objects.filter(action__startswith="core.person.")
        .exclude(action__endswith="exported")
        .exists()
    )


def test_error_workbook_repeats_rows_with_an_error_column(officer_town_a, town_a):
    data = xlsx_bytes([HEADERS, ["张三", "", "123", "", "", town_a.code, ""]])
    result = excel.import_workbook(people, officer_town_a, _upload(data))
    assert not result.ok
    wb = load_workbook(io.BytesIO(result.error_workbook()))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][-1] == "错误说明"
    assert rows[1][0] == "张三" and "公民身份号码" in rows[1][-1]


def test_import_creates_and_updates(officer_town_a, town_a):
    person = PersonFactory(org_unit=town_a, name="旧名")
    data = xlsx_bytes(
        [
            ["系统编号", *HEADERS],
            [person.pk, "新名", "", person.masked_resident_id, "", "", town_a.code, ""],
            [None, "新人", "男", valid_resident_id(male=True), "023-55123456", "", town_a.code, ""],
        ]
    )
    result = excel.import_workbook(people, officer_town_a, _upload(data))
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    person.refresh_from_db()
    assert person.name == "新名" and person.resident_id  # the masked cell kept the full number


def test_unknown_org_unit_code_is_a_row_error(officer_town_a, town_a, town_b):
    data = xlsx_bytes([HEADERS, ["张三", "", "", "", "", town_b.code, ""]])
    result = excel.import_workbook(people, officer_town_a, _upload(data))
    assert [(e.row, e.column) for e in result.errors] == [(2, "所属单位代码")]


def test_another_towns_record_id_cannot_be_updated(officer_town_b, town_a):
    person = PersonFactory(org_unit=town_a, name="甲镇人")
    data = xlsx_bytes([["系统编号", *HEADERS], [person.pk, "篡改", "", "", "", "", town_a.code, ""]])
    result = excel.import_workbook(people, officer_town_b, _upload(data))
    assert result.errors and result.errors[0].column == "系统编号"
    person.refresh_from_db()
    assert person.name == "甲镇人"


def test_missing_required_column_is_reported(officer_town_a):
    result = excel.import_workbook(people, officer_town_a, _upload(xlsx_bytes([["性别"], ["男"]])))
    assert "缺少必需的列" in result.errors[0].message


def test_not_an_excel_file_is_reported(officer_town_a):
    result = excel.import_workbook(people, officer_town_a, _upload(b"<html>not a workbook</html>"))
    assert "Excel" in result.errors[0].message


def test_formula_like_text_is_exported_as_text(client, officer_town_a, town_a):
    PersonFactory(org_unit=town_a, name="=1+1", note='=HYPERLINK("x")')
    client.force_login(officer_town_a)
    wb = load_workbook(io.BytesIO(client.get("/core/people/export/").content))
    cell = wb.active.cell(row=2, column=2)
    assert cell.value == "=1+1" and cell.data_type == "s"
