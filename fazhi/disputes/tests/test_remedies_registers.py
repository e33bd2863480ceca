"""The reconsideration and litigation registers: the register contract, the case pages
and their steps, filters, masking, scoping, the Excel ledger and the enforcement
case's panel."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.core.tests.factories import login
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.choices import PartyKind, ReconsiderationOutcome, ReconsiderationStatus
from fazhi.disputes.definitions.remedies import litigations, reconsiderations
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.tests.factories_remedies import (
    SERVED_2023,
    days_ago,
    leader_of,
    make_litigation,
    make_reconsideration,
    office_of,
)
from fazhi.oversight.models import Rectification


class TestReconsiderationsRegister(RegisterContract):
    register = reconsiderations

    def make(self, town, n):
        return [make_reconsideration(town) for _ in range(n)]


class TestLitigationsRegister(RegisterContract):
    register = litigations

    def make(self, town, n):
        return [make_litigation(town) for _ in range(n)]


pytestmark = pytest.mark.django_db


def _case(town):
    from fazhi.enforcement.tests.factories import make_summary_case

    return make_summary_case(town, office_of(town), on=dt.date(2023, 6, 1))


# -- pages -----------------------------------------------------------------------------------------


def test_a_case_is_received_on_the_page_by_decision_number(client, town_a):
    enforcement_case = _case(town_a)
    login(client, office_of(town_a))
    r = client.post(reconsiderations.url("create"), {
        "org_unit": town_a.pk, "case_no": "云府复〔2023〕5号", "body": "云阳县人民政府",
        "applicant_kind": PartyKind.INDIVIDUAL, "applicant": "王小明", "act": "",
        "enforcement_case": enforcement_case.decision_no, "copy_served_on": "2023-09-27",
    })  # fmt: skip
    assert r.status_code == 302, r.content.decode()[-2000:]
    case = Reconsideration.objects.get()
    assert case.enforcement_case == enforcement_case and case.reply_due_on == dt.date(2023, 10, 7)
    assert case.act == f"{enforcement_case.decision_no}行政处罚决定"
    page = client.get(case.get_absolute_url()).content.decode()
    assert "提交书面答复" in page and enforcement_case.decision_no in page


def test_an_unknown_decision_number_is_refused(client, town_a, town_b):
    other = _case(town_b)
    login(client, office_of(town_a))
    r = client.post(reconsiderations.url("create"), {
        "org_unit": town_a.pk, "case_no": "云府复〔2023〕6号", "body": "云阳县人民政府",
        "applicant_kind": PartyKind.INDIVIDUAL, "applicant": "王小明", "enforcement_case": other.decision_no,
        "copy_served_on": "2023-09-27",
    })  # fmt: skip
    assert r.status_code == 200 and "未找到该决定书文号" in r.content.decode()
    assert not Reconsideration.objects.exists()


def test_the_simple_procedure_before_2024_is_refused_on_the_form(client, town_a):
    login(client, office_of(town_a))
    r = client.post(reconsiderations.url("create"), {
        "org_unit": town_a.pk, "case_no": "云府复〔2023〕7号", "body": "云阳县人民政府",
        "applicant_kind": PartyKind.INDIVIDUAL, "applicant": "王小明", "act": "某处罚决定",
        "copy_served_on": "2023-09-27", "simple_procedure": "on",
    })  # fmt: skip
    assert r.status_code == 200 and "没有简易程序" in r.content.decode()


def test_a_correcting_decision_from_the_page_links_its_rectification(client, town_a):
    case = make_reconsideration(town_a)
    case = actions.reply_to_reconsideration(case, actor=office_of(town_a), on=dt.date(2024, 10, 10))
    leader = leader_of(town_a)
    login(client, office_of(town_a))
    r = client.post(f"/disputes/reconsiderations/{case.pk}/step/decide/", {
        "outcome": ReconsiderationOutcome.REVOKED, "decision_no": "云府复决〔2024〕9号", "on": "2024-11-20",
        "lead_leader": leader.pk, "days": 30,
    })  # fmt: skip
    assert r.status_code == 302
    item = Rectification.objects.get()
    r = client.get(case.get_absolute_url())
    assert item.get_absolute_url() in r.content.decode()
    assert r.context["step_forms"] == []  # no step is open after the decision


def test_a_refused_step_is_shown_and_changes_nothing(client, town_a):
    case = make_reconsideration(town_a)
    login(client, office_of(town_a))
    r = client.post(f"/disputes/reconsiderations/{case.pk}/step/decide/", {
        "outcome": ReconsiderationOutcome.REVOKED, "decision_no": "云府复决〔2024〕9号", "on": "2024-11-20",
    }, follow=True)  # fmt: skip
    assert "须指定整改牵头领导" in r.content.decode()
    case.refresh_from_db()
    assert case.status == ReconsiderationStatus.RECEIVED


def test_an_officer_reads_but_is_offered_no_step(client, town_a, officer_town_a):
    case = make_reconsideration(town_a)
    login(client, officer_town_a)
    r = client.get(case.get_absolute_url())
    assert r.status_code == 200 and not r.context["step_forms"]
    r = client.post(f"/disputes/reconsiderations/{case.pk}/step/reply/", {"on": "2024-10-10"}, follow=True)
    case.refresh_from_db()
    assert case.status == ReconsiderationStatus.RECEIVED


def test_another_towns_case_cannot_be_stepped(client, town_a, town_b):
    case = make_litigation(town_a)
    login(client, office_of(town_b))
    assert (
        client.post(f"/disputes/litigations/{case.pk}/step/defend/", {"on": "2024-03-05"}).status_code == 404
    )
    assert client.get(litigations.url("edit", case.pk)).status_code == 404


def test_the_hearing_form_requires_a_reason_when_the_head_did_not_appear(client, town_a):
    case = make_litigation(town_a)
    login(client, office_of(town_a))
    r = client.post(f"/disputes/litigations/{case.pk}/step/hearing/", {"on": "2024-04-01", "head_appeared": "no"},
                    follow=True)  # fmt: skip
    assert "应当说明理由" in r.content.decode()
    case.refresh_from_db()
    assert case.hearing_on is None


def test_the_edit_form_does_not_change_the_outcome(client, town_a):
    case = make_reconsideration(town_a)
    login(client, office_of(town_a))
    r = client.post(reconsiderations.url("edit", case.pk), {
        "org_unit": town_a.pk, "case_no": case.case_no, "body": case.body, "applicant_kind": case.applicant_kind,
        "applicant": "张三丰", "act": case.act, "copy_served_on": "2024-09-30",
        "outcome": ReconsiderationOutcome.REVOKED, "decided_on": "2024-11-01",
    })  # fmt: skip
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.outcome == "" and case.copy_served_on == dt.date(2024, 9, 30)
    assert case.reply_due_on == dt.date(2024, 10, 18)  # 10 working days, the adjusted Saturday 10-12 counted


# -- filters ---------------------------------------------------------------------------------------


def test_the_overdue_replies_are_listed(client, town_a):
    overdue = make_reconsideration(town_a, copy_served_on=days_ago(40))
    make_reconsideration(town_a, copy_served_on=days_ago(1))
    login(client, office_of(town_a))
    r = client.get(reconsiderations.url("list"), {"reply": "overdue"})
    assert [obj.pk for obj, _ in r.context["rows"]] == [overdue.pk]
    assert "已逾期" in r.content.decode()


def test_cases_filter_by_year_received_and_outcome(client, town_a):
    old = make_reconsideration(town_a, copy_served_on=SERVED_2023)
    make_reconsideration(town_a)
    old = actions.end_reconsideration(old, actor=office_of(town_a), outcome=ReconsiderationOutcome.WITHDRAWN,
                                      on=dt.date(2023, 10, 2))  # fmt: skip
    login(client, office_of(town_a))
    r = client.get(reconsiderations.url("list"), {"year": 2023})
    assert [obj.pk for obj, _ in r.context["rows"]] == [old.pk]
    r = client.get(reconsiderations.url("list"), {"outcome": "withdrawn"})
    assert [obj.pk for obj, _ in r.context["rows"]] == [old.pk]


def test_the_overdue_defences_are_listed(client, town_a):
    overdue = make_litigation(town_a, complaint_received_on=days_ago(30))
    make_litigation(town_a, complaint_received_on=days_ago(2))
    login(client, office_of(town_a))
    r = client.get(litigations.url("list"), {"defence": "overdue"})
    assert [obj.pk for obj, _ in r.context["rows"]] == [overdue.pk]


# -- masking ---------------------------------------------------------------------------------------


def test_a_natural_persons_name_is_masked_in_the_list_the_page_and_the_export(client, town_a):
    make_reconsideration(town_a, applicant="张三丰")
    make_reconsideration(town_a, applicant_kind=PartyKind.ORGANISATION, applicant="云阳县江口某某有限公司")
    login(client, office_of(town_a))
    page = client.get(reconsiderations.url("list")).content.decode()
    assert "张**" in page and "张三丰" not in page and "云阳县江口某某有限公司" in page
    wb = load_workbook(io.BytesIO(client.get(reconsiderations.url("export")).content))
    cells = [c.value for row in wb.active.iter_rows() for c in row]
    assert "张**" in cells and "张三丰" not in cells and "云阳县江口某某有限公司" in cells


def test_the_plaintiff_is_masked_in_the_export(client, town_a):
    make_litigation(town_a, plaintiff="李四海")
    login(client, office_of(town_a))
    wb = load_workbook(io.BytesIO(client.get(litigations.url("export")).content))
    cells = [c.value for row in wb.active.iter_rows() for c in row]
    assert "李**" in cells and "李四海" not in cells


def test_the_audit_event_masks_the_applicant(town_a):
    make_reconsideration(town_a, applicant="张三丰")
    event = AuditEvent.objects.get(action="disputes.reconsideration.created")
    assert "张三丰" not in event.new_values and "张**" in event.new_values


# -- the Excel ledger ------------------------------------------------------------------------------


def _workbook(rows: list[list]) -> io.BytesIO:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "行政复议.xlsx"
    return buf


HEADERS = ["所属单位代码", "复议案号", "申请人类型", "申请人", "被申请复议的行政行为", "收到申请书副本日期", "提交答复日期",
           "复议结果", "复议决定日期", "复议决定书文号"]  # fmt: skip


def test_the_import_registers_historical_cases_with_computed_due_dates(client, town_a):
    login(client, office_of(town_a))
    rows = [HEADERS,
            [town_a.code, "云府复〔2023〕1号", "自然人", "王五", "罚款200元", "2023-09-27", "2023-10-06", "维持",
             "2023-11-20", "云府复决〔2023〕1号"],
            [town_a.code, "云府复〔2024〕2号", "法人或其他组织", "某公司", "罚款2000元", "2024-09-27", "", "", "", ""]]  # fmt: skip
    r = client.post(reconsiderations.url("import"), {"file": _workbook(rows)})
    assert r.status_code == 302, r.content.decode()[-3000:]
    old = Reconsideration.objects.get(case_no="云府复〔2023〕1号")
    assert old.status == ReconsiderationStatus.DECIDED and old.reply_due_on == dt.date(2023, 10, 7)
    assert old.reply_state() == "按期答复"
    new = Reconsideration.objects.get(case_no="云府复〔2024〕2号")
    assert new.status == ReconsiderationStatus.RECEIVED and new.reply_due_on == dt.date(2024, 10, 16)


def test_one_bad_row_imports_nothing_and_names_its_row(client, town_a):
    login(client, office_of(town_a))
    rows = [HEADERS,
            [town_a.code, "云府复〔2023〕1号", "自然人", "王五", "罚款200元", "2023-09-27", "", "", "", ""],
            [town_a.code, "云府复〔2023〕2号", "自然人", "赵六", "罚款200元", "2023-09-27", "", "维持", "", ""]]  # fmt: skip
    r = client.post(reconsiderations.url("import"), {"file": _workbook(rows)})
    assert r.status_code == 400 and not Reconsideration.objects.exists()
    errors = r.context["result"].errors
    assert errors and errors[0].row == 3


def test_an_exported_ledger_imports_back_unchanged(client, town_a):
    make_reconsideration(town_a, applicant="张三丰")
    make_reconsideration(town_a, applicant_kind=PartyKind.ORGANISATION, applicant="某某有限公司")
    decided = make_reconsideration(town_a, copy_served_on=SERVED_2023)
    actions.end_reconsideration(decided, actor=office_of(town_a), outcome=ReconsiderationOutcome.WITHDRAWN,
                                on=dt.date(2023, 10, 2))  # fmt: skip
    login(client, office_of(town_a))
    upload = io.BytesIO(client.get(reconsiderations.url("export")).content)
    upload.name = "行政复议.xlsx"
    r = client.post(reconsiderations.url("import"), {"file": upload})
    assert r.status_code == 302, r.content.decode()[-3000:]
    assert '"unchanged":3' in AuditEvent.objects.get(action="disputes.reconsideration.imported").new_values
    assert (
        Reconsideration.objects.get(applicant_kind=PartyKind.INDIVIDUAL, copy_served_on__year=2024).applicant
        == "张三丰"
    )


def test_an_exported_litigation_ledger_imports_back_unchanged(client, town_a):
    case = make_litigation(town_a)
    actions.defend_litigation(case, actor=office_of(town_a), on=dt.date(2024, 3, 10))
    login(client, office_of(town_a))
    upload = io.BytesIO(client.get(litigations.url("export")).content)
    upload.name = "行政诉讼.xlsx"
    r = client.post(litigations.url("import"), {"file": upload})
    assert r.status_code == 302, r.content.decode()[-3000:]
    assert '"unchanged":1' in AuditEvent.objects.get(action="disputes.litigation.imported").new_values


def test_a_historical_lawsuit_is_imported(client, town_a):
    login(client, office_of(town_a))
    rows = [["所属单位代码", "案号", "受理法院", "原告类型", "原告", "被诉行政行为", "收到起诉状副本日期", "提交答辩状日期",
             "开庭日期", "负责人出庭应诉", "出庭负责人", "一审裁判结果", "一审裁判日期"],
            [town_a.code, "（2022）渝0235行初3号", "云阳县人民法院", "自然人", "孙七", "罚款500元", "2022-04-01",
             "2022-04-12", "2022-05-10", "是", "周镇长", "驳回诉讼请求", "2022-06-01"]]  # fmt: skip
    r = client.post(litigations.url("import"), {"file": _workbook(rows)})
    assert r.status_code == 302, r.content.decode()[-3000:]
    case = Litigation.objects.get()
    assert case.head_appeared is True and case.defence_due_on == dt.date(2022, 4, 18)
    assert [s.action for s in case.steps.all()] == ["defend", "hearing", "judge"]


# -- the enforcement case's panel ------------------------------------------------------------------


def test_the_enforcement_case_page_lists_its_remedies(client, town_a):
    enforcement_case = _case(town_a)
    recon = make_reconsideration(town_a, copy_served_on=SERVED_2023, enforcement_case=enforcement_case)
    suit = make_litigation(town_a, enforcement_case=enforcement_case)
    login(client, office_of(town_a))
    page = client.get(enforcement_case.get_absolute_url()).content.decode()
    assert 'data-testid="case-remedies"' in page
    assert recon.get_absolute_url() in page and suit.get_absolute_url() in page


def test_an_enforcement_case_without_remedies_has_no_panel(client, town_a):
    enforcement_case = _case(town_a)
    login(client, office_of(town_a))
    assert (
        'data-testid="case-remedies"' not in client.get(enforcement_case.get_absolute_url()).content.decode()
    )


def test_a_case_of_another_town_may_not_be_linked(town_a, town_b):
    from fazhi.law import RuleError

    other = _case(town_b)
    county_user = office_of(town_a)
    with pytest.raises(RuleError):
        actions.receive_reconsideration(actor=county_user, data={
            "org_unit": town_a, "case_no": "x", "applicant": "王五", "act": "x", "copy_served_on": SERVED_2023,
            "enforcement_case": other,
        })  # fmt: skip
