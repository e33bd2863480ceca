"""The supervision registers keep the register contract, import all or nothing,
import an exported ledger back unchanged, answer through the API with the same
rules (another town's record a 404, a requester masked, steps as endpoints), and
give each role what it may do."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.registers import excel
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.oversight.models import InfoItem, InfoRequest, Proposal, Rectification
from fazhi.oversight.supervision import actions, definitions
from fazhi.oversight.tests.factories import leader_of, office_of
from fazhi.oversight.tests.factories_supervision import (
    add_finding,
    clerk_of,
    make_inspection,
    make_item,
    make_proposal,
    make_request,
    reply,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/oversight/"


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


# -- the register contract ----------------------------------------------------------------------


class TestDisclosuresRegister(RegisterContract):
    register = definitions.disclosures

    def make(self, town, n):
        return [make_item(town, published_on=dt.date(2023, 10, 10) if i % 2 else None) for i in range(n)]


class TestDisclosureRequestsRegister(RegisterContract):
    register = definitions.disclosure_requests

    def make(self, town, n):
        leader = leader_of(town)
        made = [make_request(town, handler=clerk_of(town)) for _ in range(n)]
        return [actions.extend_info_request(r, actor=leader, reason="延期", on=dt.date(2023, 10, 9)) if i % 3 == 0
                else r for i, r in enumerate(made)]  # fmt: skip


class TestProposalsRegister(RegisterContract):
    register = definitions.proposals

    def make(self, town, n):
        return [reply(make_proposal(town), on=dt.date(2024, 1, 5), satisfaction="basic") if i % 2 else make_proposal(town)
                for i in range(n)]  # fmt: skip


class TestInspectionsRegister(RegisterContract):
    register = definitions.inspections

    def make(self, town, n):
        return [make_inspection(town, lead_leader=leader_of(town)) for _ in range(n)]


# -- Excel --------------------------------------------------------------------------------------


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(town_a):
    upload = _upload([
        ["所属单位代码", "类型", "编号", "标题", "提出人", "收到日期", "交办日期", "牵头领导"],
        [town_a.code, "人大代表建议", "2023-001", "关于修路的建议", "李代表", "2023-11-20", "2023-11-30", leader_of(town_a).username],
        [town_a.code, "人大代表建议", "2023-002", "关于路灯的建议", "王代表", "2023-11-20", "2023-11-31", leader_of(town_a).username],
    ])  # fmt: skip
    result = excel.import_workbook(definitions.proposals, office_of(town_a), upload)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "交办日期")]
    assert not Proposal.objects.exists()
    assert not AuditEvent.objects.filter(action="oversight.proposal.imported").exists()


def test_import_computes_the_due_date(town_a):
    upload = _upload([
        ["所属单位代码", "类型", "编号", "标题", "提出人", "收到日期", "交办日期", "牵头领导"],
        [town_a.code, "deputy", "2023-001", "关于修路的建议", "李代表", "2023-11-20", "2023-11-30", leader_of(town_a).username],
    ])  # fmt: skip
    result = excel.import_workbook(definitions.proposals, office_of(town_a), upload)
    assert result.ok, result.errors
    assert Proposal.objects.get().reply_due_on == dt.date(2024, 2, 29)


def test_a_request_refused_by_a_rule_imports_nothing(town_a):
    upload = _upload([
        ["所属单位代码", "申请编号", "申请人", "申请公开的政府信息", "收到申请日期", "申请方式", "告知补正日期"],
        [town_a.code, "2023-001", "张三", "道路资金", "2023-09-27", "网络（含电子邮件）", ""],
        [town_a.code, "2023-002", "李四", "路灯资金", "2023-09-27", "信函", "2023-10-13"],
    ])  # fmt: skip
    result = excel.import_workbook(definitions.disclosure_requests, clerk_of(town_a), upload)
    assert not result.ok and result.errors[0].row == 3 and "第三十条" in result.errors[0].message
    assert not InfoRequest.objects.exists()


@pytest.mark.parametrize("key", ["disclosures", "disclosure-requests", "proposals", "inspections"])
def test_an_exported_ledger_imports_back_unchanged(client, town_a, key):
    make = {
        "disclosures": lambda: [make_item(town_a, published_on=dt.date(2023, 10, 10), handler=clerk_of(town_a)),
                                make_item(town_a)],
        "disclosure-requests": lambda: [make_request(town_a, requester="张三丰", handler=clerk_of(town_a)),
                                        make_request(town_a, requester_kind="organisation", requester="某合作社")],
        "proposals": lambda: [reply(make_proposal(town_a), on=dt.date(2024, 1, 5), satisfaction="satisfied"),
                              make_proposal(town_a)],
        "inspections": lambda: [make_inspection(town_a, lead_leader=leader_of(town_a)), make_inspection(town_a)],
    }  # fmt: skip
    make[key]()
    register = definitions.registry[f"oversight:{key}"]
    office = office_of(town_a)
    login(client, office)
    exported = client.get(register.url("export")).content
    result = excel.import_workbook(register, office, SimpleUploadedFile("台账.xlsx", exported))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_the_export_masks_the_requester(client, town_a):
    make_request(town_a, requester="张三丰", contact="13812345678")
    login(client, office_of(town_a))
    content = client.get(definitions.disclosure_requests.url("export")).content
    cells = [
        str(c) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True) for c in row
    ]
    assert "张三丰" not in cells and "13812345678" not in cells and "张**" in cells


# -- the API ------------------------------------------------------------------------------------


def test_a_request_is_registered_through_the_api_and_read_back_masked(client, town_a):
    login(client, clerk_of(town_a))
    r = client.post(API + "disclosure-requests/", {
        "org_unit": town_a.pk, "number": "2023-009", "requester": "张三丰", "contact": "13812345678",
        "content": "道路资金", "received_on": "2023-09-27", "request_channel": "online",
    }, content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["reply_due_on"], body["requester_masked"], body["contact_masked"]) == (
        "2023-10-31", "张**", "138****5678")  # fmt: skip
    assert "requester" not in body and "contact" not in body


def test_the_api_refuses_a_late_correction_with_its_code(client, town_a):
    login(client, clerk_of(town_a))
    r = client.post(API + "disclosure-requests/", {
        "org_unit": town_a.pk, "number": "2023-009", "requester": "张三", "content": "道路资金",
        "received_on": "2023-09-27", "request_channel": "online", "correction_asked_on": "2023-10-13",
    }, content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "correction_too_late"


def test_the_extension_endpoint_is_a_leaders(client, town_a):
    request = make_request(town_a)
    login(client, clerk_of(town_a))
    url = f"{API}disclosure-requests/{request.pk}/extend/"
    assert (
        client.post(url, {"reason": "延期", "on": "2023-10-09"}, content_type="application/json").status_code
        == 403
    )
    login(client, leader_of(town_a))
    r = client.post(url, {"reason": "需调取档案", "on": "2023-10-09"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["reply_due_on"] == "2023-11-28"


def test_the_due_date_cannot_be_patched(client, town_a):
    request = make_request(town_a)
    login(client, clerk_of(town_a))
    r = client.patch(f"{API}disclosure-requests/{request.pk}/", {"reply_due_on": "2024-01-31"},
                     content_type="application/json")  # fmt: skip
    assert r.status_code == 200
    request.refresh_from_db()
    assert request.reply_due_on == dt.date(2023, 10, 31)


def test_the_difficult_endpoint_gives_six_months(client, town_a):
    proposal = make_proposal(town_a)
    login(client, leader_of(town_a))
    r = client.post(f"{API}proposals/{proposal.pk}/difficult/", {"reason": "跨部门", "on": "2024-01-10"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200 and r.json()["reply_due_on"] == "2024-05-30" and r.json()["difficult"] is True


def test_findings_through_the_api(client, town_a):
    inspection = make_inspection(town_a)
    add_finding(inspection)
    login(client, office_of(town_a))
    url = f"{API}inspections/{inspection.pk}/findings/"
    r = client.post(url, {"problem": "台账不全", "lead_leader": leader_of(town_a).pk, "due_on": "2023-07-31"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.json()
    assert r.json()["source"] == "inspection" and Rectification.objects.count() == 2
    assert len(client.get(url).json()) == 2


def test_a_published_item_is_withdrawn_through_the_api(client, town_a):
    item = make_item(town_a, published_on=dt.date(2023, 10, 10))
    login(client, clerk_of(town_a))
    r = client.post(
        f"{API}disclosures/{item.pk}/withdraw/", {"reason": "更正"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"


@pytest.mark.parametrize("key", ["disclosures", "disclosure-requests", "proposals", "inspections"])
def test_another_towns_record_is_not_found_through_the_api(client, town_a, town_b, key):
    record = {"disclosures": make_item, "disclosure-requests": make_request, "proposals": make_proposal,
              "inspections": make_inspection}[key](town_a)  # fmt: skip
    login(client, office_of(town_b))
    assert client.get(f"{API}{key}/{record.pk}/").status_code == 404
    assert client.patch(f"{API}{key}/{record.pk}/", {}, content_type="application/json").status_code == 404
    assert client.get(f"{API}{key}/").json()["count"] == 0


# -- roles --------------------------------------------------------------------------------------


def test_the_disclosure_clerk_keeps_disclosure_but_not_proposals(town_a):
    clerk = clerk_of(town_a)
    assert clerk.has_perm("oversight.add_infoitem") and clerk.has_perm("oversight.change_inforequest")
    assert clerk.has_perm("oversight.view_proposal") and not clerk.has_perm("oversight.add_proposal")
    assert not clerk.has_perm("oversight.extend_inforequest")


@pytest.mark.parametrize("role", ["officer", "legal_reviewer", "window_clerk", "mediator", "grid_worker",
                                  "rule_of_law_office", "leader"])  # fmt: skip
def test_every_staff_role_reads_the_registers(town_a, role):
    user = user_with_role(f"r_{role}", role, town_a)
    assert all(
        user.has_perm(f"oversight.view_{m}") for m in ("infoitem", "inforequest", "proposal", "inspection")
    )


def test_an_officer_cannot_add_an_item(client, town_a, officer_town_a):
    client.force_login(officer_town_a)
    assert client.get(definitions.disclosures.url("create")).status_code == 403
    assert not InfoItem.objects.exists()


# -- pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["disclosures", "disclosure-requests", "proposals", "inspections"])
def test_the_new_and_edit_pages_answer_for_the_office(client, town_a, key):
    record = {"disclosures": make_item, "disclosure-requests": make_request, "proposals": make_proposal,
              "inspections": make_inspection}[key](town_a)  # fmt: skip
    register = definitions.registry[f"oversight:{key}"]
    login(client, office_of(town_a))
    assert client.get(register.url("create")).status_code == 200
    assert client.get(register.url("edit", record.pk)).status_code == 200


def test_a_leader_extends_a_request_from_its_page(client, town_a):
    request = make_request(town_a)
    login(client, leader_of(town_a))
    page = client.get(definitions.disclosure_requests.url("detail", request.pk)).content.decode()
    assert 'data-testid="extend-form"' in page and "张*" in page and "张三" not in page
    r = client.post(definitions.disclosure_requests.url("detail", request.pk) + "extend/",
                    {"on": "2023-10-09", "reason": "需调取档案"})  # fmt: skip
    assert r.status_code == 302
    request.refresh_from_db()
    assert request.reply_due_on == dt.date(2023, 11, 28)


def test_a_leader_finds_a_proposal_difficult_from_its_page(client, town_a):
    proposal = make_proposal(town_a)
    login(client, leader_of(town_a))
    assert (
        'data-testid="difficult-form"'
        in client.get(definitions.proposals.url("detail", proposal.pk)).content.decode()
    )
    client.post(
        definitions.proposals.url("detail", proposal.pk) + "difficult/",
        {"on": "2024-01-10", "reason": "跨部门"},
    )
    proposal.refresh_from_db()
    assert proposal.reply_due_on == dt.date(2024, 5, 30)


def test_the_clerk_withdraws_an_item_from_its_page(client, town_a):
    item = make_item(town_a, published_on=dt.date(2023, 10, 10))
    login(client, clerk_of(town_a))
    page = client.get(definitions.disclosures.url("detail", item.pk)).content.decode()
    assert f"/portal/disclosures/{item.pk}/" in page
    client.post(
        definitions.disclosures.url("detail", item.pk) + "withdraw/", {"on": "2023-10-12", "reason": "有误"}
    )
    item.refresh_from_db()
    assert item.status == "withdrawn"
    r = client.get(definitions.disclosures.url("detail", item.pk))
    assert not r.context["can_change"] and not r.context["can_end"]
