"""The service list's Excel ledger: an export imports back unchanged, a new row goes
through create_item with its posts named by code or name, a bad row imports nothing
and names its row and column."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.core.tests.factories import xlsx_bytes
from fazhi.services.choices import ItemKind, ItemStatus
from fazhi.services.definitions.items import parse_days, parse_posts, parse_visits, service_items
from fazhi.services.models import ServiceItem
from fazhi.services.tests.factories_window import clerk_of, make_item, make_post

pytestmark = pytest.mark.django_db


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("items.xlsx", data, content_type=excel.XLSX_CONTENT_TYPE)


HEADERS = ["事项编码", "事项名称", "事项类型", "设定依据", "法定办结时限（工作日）", "承诺办结时限（工作日）", "申请材料",
           "承办岗位", "联审会签岗位", "到现场次数", "可网上办理"]  # fmt: skip


def _row(**extra) -> list:
    values = {"事项编码": "JK-GF-001", "事项名称": "临时救助", "事项类型": "行政给付", "设定依据": "《社会救助暂行办法》",
              "法定办结时限（工作日）": None, "承诺办结时限（工作日）": 10, "申请材料": "临时救助申请书\n申请人居民身份证",
              "承办岗位": "", "联审会签岗位": "", "到现场次数": "最多跑一次", "可网上办理": "否", **extra}  # fmt: skip
    return [values[h] for h in HEADERS]


def test_an_exported_list_imports_back_unchanged(client, town_a):
    posts = [make_post(town_a), make_post(town_a)]
    make_item(town_a, review_posts=posts, responsible_post=posts[0], conditions="本镇户籍\n一户一宅")
    make_item(town_a, publish=False, statutory_days=None, promised_days=0, visits_needed=0,
              kind=ItemKind.PUBLIC_SERVICE, fees="不收费", phone="023-55000000")  # fmt: skip
    make_item(town_a, kind=ItemKind.BENEFIT, review_posts=posts[1:])
    before = {i.pk: (i.code, i.materials, i.statutory_days, i.promised_days, i.visits_needed, i.online, i.status,
                     i.responsible_post_id, sorted(p.pk for p in i.review_posts.all())) for i in ServiceItem.objects.all()}  # fmt: skip
    client.force_login(clerk_of(town_a))
    exported = client.get(service_items.url("export")).content
    assert AuditEvent.objects.filter(action="services.serviceitem.exported").count() == 1
    r = client.post(service_items.url("import"), {"file": _upload(exported)})
    assert r.status_code == 302, r.content.decode()
    after = {i.pk: (i.code, i.materials, i.statutory_days, i.promised_days, i.visits_needed, i.online, i.status,
                    i.responsible_post_id, sorted(p.pk for p in i.review_posts.all())) for i in ServiceItem.objects.all()}  # fmt: skip
    assert after == before
    assert AuditEvent.objects.get(action="services.serviceitem.imported").new == {
        "created": 0, "updated": 0, "unchanged": 3
    }  # fmt: skip
    assert not AuditEvent.objects.filter(action="services.serviceitem.changed").exists()


def test_the_export_writes_the_materials_one_per_line_and_the_posts_by_code(client, town_a):
    posts = [make_post(town_a), make_post(town_a)]
    make_item(town_a, review_posts=posts, responsible_post=posts[0])
    client.force_login(clerk_of(town_a))
    wb = load_workbook(io.BytesIO(client.get(service_items.url("export")).content))
    header, row = list(wb.active.iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))
    assert cells["申请材料"] == "申请人居民身份证\n申请书"
    assert cells["联审会签岗位"] == f"{posts[0].code}、{posts[1].code}" and cells["承办岗位"] == posts[0].code
    assert (cells["事项类型"], cells["法定办结时限（工作日）"], cells["承诺办结时限（工作日）"]) == (
        "行政许可",
        20,
        15,
    )
    assert (cells["到现场次数"], cells["可网上办理"], cells["状态"]) == ("1次（最多跑一次）", "是", "已公布")


def test_a_new_row_creates_a_draft_with_its_posts_by_code_or_name(client, town_a):
    first, second = make_post(town_a, "社会救助岗"), make_post(town_a, "财务审核岗")
    client.force_login(clerk_of(town_a))
    data = xlsx_bytes(
        [HEADERS, _row(**{"承办岗位": "社会救助岗", "联审会签岗位": f"{first.code}，财务审核岗"})]
    )
    r = client.post(service_items.url("import"), {"file": _upload(data)})
    assert r.status_code == 302, r.content.decode()
    item = ServiceItem.objects.get()
    assert (item.org_unit, item.kind, item.status, item.statutory_days, item.promised_days) == (
        town_a, ItemKind.BENEFIT, ItemStatus.DRAFT, None, 10
    )  # fmt: skip
    assert item.responsible_post == first and set(item.review_posts.all()) == {first, second}
    assert item.fees == "不收费" and item.visits_needed == 1 and item.online is False
    assert AuditEvent.objects.filter(action="services.serviceitem.created").count() == 1


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(client, town_a):
    make_post(town_a, "社会救助岗")
    client.force_login(clerk_of(town_a))
    data = xlsx_bytes([
        HEADERS,
        _row(),
        _row(**{"事项编码": "JK-GF-002", "联审会签岗位": "社会救助岗；不存在的岗"}),
        _row(**{"事项编码": "JK-GF-003", "法定办结时限（工作日）": 10, "承诺办结时限（工作日）": 12}),
    ])  # fmt: skip
    r = client.post(service_items.url("import"), {"file": _upload(data)})
    assert r.status_code == 400
    errors = [(e.row, e.column, e.message) for e in r.context["result"].errors]
    assert (3, "联审会签岗位", "岗位“不存在的岗”不存在或不在本单位") in errors
    assert (
        4,
        "承诺办结时限（工作日）",
        "承诺办结时限（12个工作日）不能超过法定办结时限（10个工作日）",
    ) in errors
    assert len(errors) == 2
    assert not ServiceItem.objects.exists()
    assert not AuditEvent.objects.filter(
        action__in=["services.serviceitem.created", "services.serviceitem.imported"]
    ).exists()


def test_an_unknown_kind_is_named_with_the_labels(client, town_a):
    client.force_login(clerk_of(town_a))
    r = client.post(
        service_items.url("import"), {"file": _upload(xlsx_bytes([HEADERS, _row(**{"事项类型": "审批"})]))}
    )
    (error,) = r.context["result"].errors
    assert (error.row, error.column) == (2, "事项类型")
    assert error.message == "应为以下之一：行政许可、行政确认、行政给付、公共服务、其他行政权力"


def test_the_cells_take_the_usual_wordings(town_a):
    clerk = clerk_of(town_a)
    assert [parse_days(v, clerk) for v in (None, "", 20, 20.0, "20", "20个工作日", "即办", 0)] == [
        None, None, 20, 20, 20, 20, 0, 0
    ]  # fmt: skip
    with pytest.raises(ValueError, match="应为工作日数"):
        parse_days("二十天", clerk)
    assert [parse_visits(v, clerk) for v in ("0", "零跑腿", "1次（最多跑一次）", 1, "")] == [0, 0, 1, 1, None]
    with pytest.raises(ValueError, match="零跑腿"):
        parse_visits("2", clerk)
    twin_a, twin_b = make_post(town_a, "审核岗"), make_post(town_a, "审核岗")
    with pytest.raises(ValueError, match="有多个岗位叫“审核岗”，请填写岗位代码"):
        parse_posts("审核岗", clerk)
    assert parse_posts(f"{twin_a.code} 、{twin_b.code};", clerk) == [twin_a.pk, twin_b.pk]


def test_another_towns_posts_cannot_be_named(town_a, town_b):
    theirs = make_post(town_b, "双江审核岗")
    with pytest.raises(ValueError, match="不存在或不在本单位"):
        parse_posts(theirs.code, clerk_of(town_a))
