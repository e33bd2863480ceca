"""The applications register: the register contract, each filter the figures link to,
masking in the list and the export, the list's fixed query count, the overdue and
paused marks, and the Excel import of a batch of applications (批量收件)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import OrgUnitFactory
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationState, ItemKind
from fazhi.services.definitions.applications import applications
from fazhi.services.models import Application
from fazhi.services.tests.factories_window import accepted, clerk_of, make_application, make_item

pytestmark = pytest.mark.django_db
D = dt.date(2023, 9, 25)


class TestApplicationsRegister(RegisterContract):
    register = applications
    reader_role = "officer"
    refused_role = "auditor"

    def make(self, town, n):
        item = make_item(town, review_posts=1)
        out = []
        for i in range(n):
            if i % 3 == 0:
                app = accepted(item, on=D)
                actions.pause(app, actor=clerk_of(town), reason="expert", on=D)
            else:
                app = make_application(item, materials=[] if i % 2 else None)
            out.append(app)
        return out


def _ids(client, **params) -> set[int]:
    r = client.get(applications.list_url, params)
    assert r.status_code == 200
    return {obj.pk for obj, _ in r.context["rows"]}


# -- filters ------------------------------------------------------------------------------------


@pytest.fixture
def scene(town_a):
    """A small year at the window: each application differs in what one filter reads."""
    clerk = clerk_of(town_a)
    licence = make_item(
        town_a, name="农村村民宅基地审批", kind=ItemKind.LICENCE, statutory_days=20, promised_days=5
    )
    benefit = make_item(town_a, name="临时救助", kind=ItemKind.BENEFIT, statutory_days=None, promised_days=10)
    on_time = accepted(licence, on=dt.date(2023, 3, 1), applicant="张三")
    actions.decide(on_time, actor=clerk, outcome="approved", on=dt.date(2023, 3, 3))
    actions.deliver(on_time, actor=clerk, method="window", on=dt.date(2023, 3, 3))
    actions.rate(on_time, score=5)
    late_promise = accepted(licence, on=dt.date(2023, 4, 3), applicant="李四")  # promised 4-10, statutory 5-4
    actions.decide(late_promise, actor=clerk, outcome="denied", note="不符合条件", on=dt.date(2023, 4, 20))
    late_both = accepted(licence, on=dt.date(2023, 5, 4), applicant="王五")
    actions.decide(late_both, actor=clerk, outcome="approved", on=dt.date(2023, 6, 30))
    open_late = accepted(benefit, on=dt.date(2022, 12, 1), applicant="赵六", channel="online")
    agent = make_application(benefit, applicant="孙七", channel="agent", submitted_on=dt.date(2023, 8, 1))
    return {"on_time": on_time, "late_promise": late_promise, "late_both": late_both, "open_late": open_late,
            "agent": agent, "licence": licence, "benefit": benefit}  # fmt: skip


def _pk(scene, *names) -> set[int]:
    return {scene[n].pk for n in names}


def test_each_filter_selects_what_it_says(client, town_a, scene):
    client.force_login(clerk_of(town_a))
    assert _ids(client, year=2023) == _pk(scene, "on_time", "late_promise", "late_both", "agent")
    assert _ids(client, year=2022) == _pk(scene, "open_late")
    assert _ids(client, decided_year=2023) == _pk(scene, "on_time", "late_promise", "late_both")
    assert _ids(client, status="delivered") == _pk(scene, "on_time")
    assert _ids(client, status="received") == _pk(scene, "agent")
    assert _ids(client, item=scene["benefit"].pk) == _pk(scene, "open_late", "agent")
    assert _ids(client, kind="licence") == _pk(scene, "on_time", "late_promise", "late_both")
    assert _ids(client, channel="online") == _pk(scene, "open_late")
    assert _ids(client, channel="agent") == _pk(scene, "agent")
    assert _ids(client, outcome="denied") == _pk(scene, "late_promise")
    assert _ids(client, outcome="approved") == _pk(scene, "on_time", "late_both")
    assert _ids(client, rating="5") == _pk(scene, "on_time")
    assert _ids(client, rating="none") == _pk(scene, "late_promise", "late_both", "open_late", "agent")
    assert _ids(client, org_unit=town_a.pk) == _pk(
        scene, "on_time", "late_promise", "late_both", "open_late", "agent"
    )


def test_the_late_filters_compare_the_decision_or_today_with_each_limit(client, town_a, scene):
    client.force_login(clerk_of(town_a))
    # late_promise: decided 4-20, promised 4-10, statutory 5-4; open_late: promised long past, no statutory limit
    assert _ids(client, late="promised") == _pk(scene, "late_promise", "late_both", "open_late")
    assert _ids(client, late="statutory") == _pk(scene, "late_both")


def test_the_visits_filter_counts_zero_one_and_two_or_more(client, town_a, scene):
    client.force_login(clerk_of(town_a))
    # on_time: window receipt + window delivery; agent and online: no visit
    assert _ids(client, visits="0") == _pk(scene, "open_late", "agent")
    assert _ids(client, visits="1") == _pk(scene, "late_promise", "late_both")
    assert _ids(client, visits="2") == _pk(scene, "on_time")


def test_the_search_finds_a_number_a_receipt_code_with_or_without_dashes_and_a_name(client, town_a, scene):
    client.force_login(clerk_of(town_a))
    app = scene["late_both"]
    assert _ids(client, q=app.number) == {app.pk}
    assert _ids(client, q=app.receipt_code_display) == {app.pk}
    assert _ids(client, q=app.receipt_code.lower()) == {app.pk}
    assert _ids(client, q="王五") == {app.pk}


def test_the_unit_filter_takes_the_unit_and_its_subtree(client, town_a, town_b):
    village = OrgUnitFactory(kind="village", parent=town_a, name="双龙村")
    make_application(make_item(town_a), village=village)
    client.force_login(clerk_of(town_a))
    assert len(_ids(client, org_unit=town_a.pk)) == 1
    assert _ids(client, org_unit=village.pk) == set()  # received by the town, not by the village


def test_a_wrong_filter_value_shows_nothing_rather_than_everything(client, town_a, scene):
    client.force_login(clerk_of(town_a))
    assert _ids(client, late="sometimes") == set()


# -- the list --------------------------------------------------------------------------------------


def test_the_list_masks_the_applicant_and_marks_overdue_and_paused(client, town_a):
    item = make_item(town_a, statutory_days=20, promised_days=5)
    overdue = accepted(item, on=dt.date(2023, 3, 1), applicant="欧阳小明")
    paused = accepted(item, on=dt.date(2023, 3, 1), applicant="谭德明")
    actions.pause(paused, actor=clerk_of(town_a), reason="testing", on=dt.date(2023, 3, 2))
    client.force_login(clerk_of(town_a))
    body = client.get(applications.list_url).content.decode()
    assert "欧阳小明" not in body and "欧***" in body and "谭德明" not in body and "13800001234" not in body
    assert body.count('data-state="overdue"') == 1 and body.count('data-state="paused"') == 1
    assert f"{overdue.decision_due_on:%Y-%m-%d}（已超期）" in body


def test_the_list_keeps_its_query_count_with_pauses_and_reviews(
    client, town_a, django_assert_max_num_queries
):
    item = make_item(town_a, review_posts=2)
    for _ in range(3):
        app = accepted(item, on=D)
        actions.pause(app, actor=clerk_of(town_a), reason="hearing", on=D)
    client.force_login(clerk_of(town_a))
    client.get(applications.list_url)  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(applications.list_url)
    for _ in range(20):
        accepted(item, on=D)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(applications.list_url).status_code == 200


# -- export ----------------------------------------------------------------------------------------


def _sheet(response) -> list[list]:
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_the_export_masks_personal_data_and_follows_the_filter(client, town_a):
    item = make_item(town_a)
    make_application(item, id_number="500235199001011239", address="重庆市云阳县江口镇双龙村3组12号")
    make_application(item, applicant="李四", submitted_on=dt.date(2022, 5, 5))
    client.force_login(clerk_of(town_a))
    rows = _sheet(client.get(applications.url("export"), {"year": 2023}))
    header, values = rows[0], rows[1:]
    assert len(values) == 1
    row = dict(zip(header, values[0], strict=True))
    assert row["申请人"] == "谭**" and row["联系电话"] == "138****1234"
    assert row["证件号码"] == "500235********1239" and "双龙村3组12号" not in row["联系地址"]
    assert row["已收材料"] == "申请人居民身份证\n申请书" and row["事项编码"] == item.code
    assert AuditEvent.objects.filter(action="services.application.exported").count() == 1


# -- import (批量收件) --------------------------------------------------------------------------------


def _upload(rows: list[list], headers: list[str] | None = None) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(
        headers or ["系统编号", "事项编码", "申请人", "联系电话", "所在村（社区）", "收件日期", "已收材料"]
    )
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "batch.xlsx"
    return buf


def test_an_agents_batch_is_received_through_the_action(client, town_a):
    item = make_item(town_a, materials="申请人居民身份证\n申请书\n户口簿")
    village = OrgUnitFactory(kind="village", parent=town_a, name="双龙村")
    upload = _upload([[None, item.code, "谭德明", "13800001234", "双龙村", "2023-09-25", "申请书\n户口簿"],
                      [None, item.code, "李四", "", "", dt.date(2023, 9, 26), "申请人居民身份证、申请书"]])  # fmt: skip
    client.force_login(clerk_of(town_a))
    r = client.post(applications.url("import"), {"file": upload}, follow=True)
    assert "导入完成：收件2件" in [str(m) for m in r.context["messages"]]
    first, second = Application.objects.order_by("number")
    assert first.number == "2023-00001" and first.village == village and first.channel == "agent"
    assert first.received_materials == ["申请书", "户口簿"] and first.visit_count == 0
    assert second.received_materials == ["申请人居民身份证", "申请书"]
    assert AuditEvent.objects.filter(action="services.application.received").count() == 2
    assert AuditEvent.objects.get(action="services.application.imported").new == {
        "created": 2, "updated": 0, "unchanged": 0}  # fmt: skip


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(client, town_a):
    item = make_item(town_a)
    upload = _upload([[None, item.code, "谭德明", "", "", "2023-09-25", "申请书"],
                      [None, item.code, "李四", "", "", "2023-09-25", "结婚证"],
                      [None, "NO-SUCH", "王五", "", "", "2023-09-25", ""],
                      [5, item.code, "赵六", "", "", "2023-09-25", ""]])  # fmt: skip
    client.force_login(clerk_of(town_a))
    r = client.post(applications.url("import"), {"file": upload})
    assert r.status_code == 400 and not Application.objects.exists()
    errors = {(e.row, e.column): e.message for e in r.context["result"].errors}
    assert "结婚证" in errors[(3, "已收材料")]
    assert "不在本单位的政务服务事项清单中" in errors[(4, "事项编码")]
    assert "系统编号请留空" in errors[(5, "系统编号")]


def test_an_unpublished_item_cannot_be_imported(client, town_a):
    item = make_item(town_a, publish=False)
    client.force_login(clerk_of(town_a))
    r = client.post(
        applications.url("import"), {"file": _upload([[None, item.code, "谭德明", "", "", "2023-09-25", ""]])}
    )
    assert r.status_code == 400 and not Application.objects.exists()
    assert "已公布" in r.context["result"].errors[0].message


def test_the_import_template_downloads(client, town_a):
    client.force_login(clerk_of(town_a))
    rows = _sheet(client.get(applications.url("template")))
    assert rows[0][:3] == ["系统编号", "办件编号", "事项编码"]


def test_an_application_withdrawn_past_its_date_is_not_late(town_a):
    """Only an application still before its decision is late by today's date."""
    from fazhi.services.filters.applications import late_q

    app = accepted(make_item(town_a), on=dt.date(2023, 1, 3))
    actions.withdraw(app, actor=clerk_of(town_a), on=dt.date(2023, 3, 1))
    assert Application.objects.get().status == ApplicationState.WITHDRAWN
    assert not Application.objects.filter(late_q("promised", timezone.localdate())).exists()
