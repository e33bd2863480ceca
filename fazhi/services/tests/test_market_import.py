"""Importing the county's registration export: a thousand rows in one step within a
fixed number of queries; all or nothing, a bad credit code naming its row and
column; villages by name; an exported ledger imports back unchanged."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from fazhi.core.models import AuditEvent
from fazhi.services.actions import market as actions
from fazhi.services.choices import EntityStatus, EntityType
from fazhi.services.definitions import market as definitions
from fazhi.services.imports.market import IMPORTED, import_entities
from fazhi.services.models import MarketEntity
from fazhi.services.tests.factories import clerk_of, make_entity, valid_uscc, village_of, wrong_check_char

pytestmark = pytest.mark.django_db

# The county's export: its own headers, no unit code, no record id.
HEADERS = ["主体类型", "名称", "统一社会信用代码", "法定代表人（经营者）", "成立日期", "所在村（社区）", "住所（经营场所）",
           "行业", "注册资本（万元）", "登记状态"]  # fmt: skip


def _upload(rows: list[list], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    wb.active.append(headers)
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("登记导出.xlsx", buf.getvalue())


def _row(n: int, village: str = "", **cells) -> list:
    individual = n % 5 != 0
    kind = "个体工商户" if individual else "有限责任公司（自然人独资）"
    code = valid_uscc(n, EntityType.INDIVIDUAL if individual else EntityType.ENTERPRISE)
    day = dt.date(2023, 1, 1) + dt.timedelta(days=n % 365)
    values = {"type": kind, "name": f"江口镇测试{n}号店", "code": code, "person": "谭德明", "day": day,
              "village": village, "address": f"重庆市云阳县江口镇滨江路{n}号", "industry": "批发和零售业",
              "capital": 5 + n % 50, "status": "存续", **cells}  # fmt: skip
    return list(values.values())


def test_a_thousand_rows_import_in_one_step_within_a_fixed_number_of_queries(town_a, capsys):
    villages = [village_of(town_a, f"测试{i}村") for i in range(6)]
    upload = _upload([_row(n, villages[n % 6].name if n % 4 else "") for n in range(1, 1001)])
    clerk = clerk_of(town_a)
    clerk.org_unit  # noqa: B018  (the account's unit, as the signed-in request has it)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = import_entities(clerk, upload)
    elapsed = time.perf_counter() - started
    assert result.ok, result.errors[:5]
    assert (result.created, result.updated, result.unchanged) == (1000, 0, 0)
    assert MarketEntity.objects.filter(org_unit=town_a).count() == 1000
    assert MarketEntity.objects.filter(village=villages[1]).count() == len(
        [n for n in range(1, 1001) if n % 6 == 1 and n % 4]
    )
    assert AuditEvent.objects.filter(action=actions.CREATED).count() == 1000
    assert AuditEvent.objects.get(action=IMPORTED).new == {"created": 1000, "updated": 0, "unchanged": 0}
    # Lookups once per kind, inserts in a few large statements (SQLite caps their size):
    # a row costs no query of its own.
    assert len(queries.captured_queries) <= 60, len(queries.captured_queries)
    with capsys.disabled():
        print(f"\n[market import] 1000 rows in {elapsed:.2f}s ({1000 / elapsed:.0f} rows/s), "
              f"{len(queries.captured_queries)} queries on {connection.vendor}")  # fmt: skip


def test_a_bad_credit_code_imports_nothing_and_names_its_row_and_column(town_a):
    rows = [_row(n) for n in range(1, 6)]
    rows[2][2] = wrong_check_char(rows[2][2])
    result = import_entities(clerk_of(town_a), _upload(rows))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (4, "统一社会信用代码", "统一社会信用代码校验码不正确（GB 32100-2015）")
    ]
    assert (
        not MarketEntity.objects.exists() and not AuditEvent.objects.filter(action=actions.CREATED).exists()
    )


def test_the_import_page_shows_the_row_and_offers_the_error_workbook(client, town_a):
    rows = [_row(n) for n in range(1, 4)]
    rows[1][2] = wrong_check_char(rows[1][2])
    client.force_login(clerk_of(town_a))
    r = client.post(definitions.entities.url("import"), {"file": _upload(rows)})
    html = r.content.decode()
    assert (
        r.status_code == 400 and "第3行" in html and "GB 32100-2015" in html and "本次未导入任何数据" in html
    )
    token = r.context["token"]
    assert client.get(definitions.entities.url("import-errors", token)).status_code == 200
    assert not MarketEntity.objects.exists()


def test_the_import_page_imports_a_good_file(client, town_a):
    client.force_login(clerk_of(town_a))
    r = client.post(definitions.entities.url("import"), {"file": _upload([_row(n) for n in range(1, 4)])})
    assert r.status_code == 302 and MarketEntity.objects.count() == 3


def test_a_code_twice_in_the_file_or_already_registered_is_a_row_error(town_a, town_b):
    rows = [_row(n) for n in range(1, 5)]
    rows[3][2] = rows[1][2]
    make_entity(town_b, entity_type=EntityType.INDIVIDUAL, uscc=rows[0][2])
    result = import_entities(clerk_of(town_a), _upload(rows))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "统一社会信用代码", "该统一社会信用代码已经登记，同一市场主体不能重复登记"),
        (5, "统一社会信用代码", "与第3行的统一社会信用代码重复"),
    ]
    assert MarketEntity.objects.count() == 1


def test_every_bad_cell_is_named(town_a, town_b):
    village_of(town_b, "外镇村")
    rows = [_row(1, "外镇村"), _row(2, type="农家"), _row(3, day="2023年13月1日"), _row(4, status="注销")]
    result = import_entities(clerk_of(town_a), _upload(rows))
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "所在村（社区）"), (3, "主体类型"), (4, "成立日期"), (5, "注销日期"),
    ]  # fmt: skip
    assert not MarketEntity.objects.exists()


def test_the_exports_own_words_and_dates_are_understood(town_a):
    village = village_of(town_a, "向阳村")
    rows = [_row(5, "向阳村", type="有限责任公司（自然人投资或控股）", day="2023/3/5", capital="50万元"),
            _row(6, village.code, type="个体户", day="2023年3月6日", status="注销"),
            _row(7, type="农民专业合作社", code=valid_uscc(7, EntityType.COOPERATIVE), day=dt.datetime(2023, 3, 7))]  # fmt: skip
    headers = [*HEADERS, "注销日期"]
    rows[0].append(None), rows[1].append("2024-01-02"), rows[2].append(None)
    result = import_entities(clerk_of(town_a), _upload(rows, headers))
    assert result.ok, result.errors
    found = {e.name: e for e in MarketEntity.objects.all()}
    first, second, third = found["江口镇测试5号店"], found["江口镇测试6号店"], found["江口镇测试7号店"]
    assert (first.entity_type, first.registered_on, first.village, str(first.registered_capital)) == (
        EntityType.ENTERPRISE, dt.date(2023, 3, 5), village, "50.00",
    )  # fmt: skip
    assert (second.status, second.cancelled_on, second.village) == (
        EntityStatus.CANCELLED,
        dt.date(2024, 1, 2),
        village,
    )
    assert (third.entity_type, third.registered_on) == (EntityType.COOPERATIVE, dt.date(2023, 3, 7))


def test_a_unit_code_out_of_scope_is_refused(town_a, town_b):
    rows = [[town_b.code, *_row(1)]]
    result = import_entities(clerk_of(town_a), _upload(rows, ["所属单位代码", *HEADERS]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "所属单位代码")]


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    make_entity(town_a, legal_rep="谭德明", village=village_of(town_a))
    make_entity(town_a, legal_rep="欧阳小明", status=EntityStatus.CANCELLED, cancelled_on=dt.date(2024, 2, 1))
    client.force_login(clerk_of(town_a))
    exported = client.get(definitions.entities.url("export")).content
    result = import_entities(clerk_of(town_a), SimpleUploadedFile("x.xlsx", exported))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert set(MarketEntity.objects.values_list("legal_rep", flat=True)) == {"谭德明", "欧阳小明"}
    assert not AuditEvent.objects.filter(action=actions.CHANGED).exists()


def _exported(client, town) -> Workbook:
    from openpyxl import load_workbook

    client.force_login(clerk_of(town))
    return load_workbook(io.BytesIO(client.get(definitions.entities.url("export")).content))


def _saved(wb: Workbook) -> SimpleUploadedFile:
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("x.xlsx", buf.getvalue())


def test_a_row_with_its_record_id_updates_the_record(client, town_a):
    entity = make_entity(town_a, legal_rep="谭德明")
    wb = _exported(client, town_a)
    headers = [c.value for c in wb.active[1]]
    wb.active.cell(row=2, column=headers.index("登记状态") + 1, value="注销")
    wb.active.cell(row=2, column=headers.index("注销日期") + 1, value="2024-05-06")
    result = import_entities(clerk_of(town_a), _saved(wb))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    entity.refresh_from_db()
    assert (entity.legal_rep, entity.status, entity.cancelled_on) == (
        "谭德明",
        "cancelled",
        dt.date(2024, 5, 6),
    )
    event = AuditEvent.objects.get(action=actions.CHANGED)
    assert event.new == {"status": "cancelled", "cancelled_on": "2024-05-06"}


def test_another_towns_record_id_is_refused(client, town_a, town_b):
    theirs = make_entity(town_b)
    wb = _exported(client, town_b)
    wb.active.cell(row=2, column=1, value=theirs.pk)
    result = import_entities(clerk_of(town_a), _saved(wb))
    assert [(e.row, e.column) for e in result.errors] == [(2, "系统编号")]


def test_a_code_registered_while_the_file_was_checked_stops_the_import(town_a, monkeypatch):
    rows = [_row(1), _row(2)]
    make_entity(town_a, entity_type=EntityType.INDIVIDUAL, uscc=rows[1][2])
    monkeypatch.setattr(actions, "check_entities", lambda objs, **kwargs: {})  # as if checked a moment before
    result = import_entities(clerk_of(town_a), _upload(rows))
    assert [(e.column, e.message) for e in result.errors] == [
        ("统一社会信用代码", "导入期间有相同的统一社会信用代码被登记，请重新导入")
    ]
    assert (result.created, MarketEntity.objects.count()) == (0, 1)
    assert not AuditEvent.objects.filter(action=IMPORTED).exists()


def test_visits_import_by_the_entitys_credit_code(town_a, town_b):
    from fazhi.core.registers import excel
    from fazhi.services.models import EnterpriseVisit

    ours, theirs = make_entity(town_a), make_entity(town_b)
    headers = ["统一社会信用代码", "走访日期", "走访人员", "反映的问题", "办结期限"]
    good = _upload([[ours.uscc.lower(), "2023-06-01", "王窗口", "用电容量不足", "2023-06-20"]], headers)
    result = excel.import_workbook(definitions.visits, clerk_of(town_a), good)
    assert result.ok, result.errors
    visit = EnterpriseVisit.objects.get()
    assert (visit.entity, visit.org_unit, visit.handler) == (ours, town_a, clerk_of(town_a))
    bad = _upload([[theirs.uscc, "2023-06-01", "王窗口", "", ""]], headers)
    result = excel.import_workbook(definitions.visits, clerk_of(town_a), bad)
    assert [(e.row, e.column) for e in result.errors] == [(2, "统一社会信用代码")]
