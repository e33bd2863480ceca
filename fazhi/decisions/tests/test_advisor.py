"""The legal advisor's registers: the register contract for all four, the contract
review's due date (working days from the unit's setting) and state, the review
step, masking of a natural person as counterparty, the refusal of contract
reviews among the advisor's activities, one setting per unit, and the importer's
all-or-nothing with Chinese errors."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.registers import excel
from fazhi.core.tests.factories import user_with_role
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.decisions.actions import advisor as actions
from fazhi.decisions.choices import ActivityKind, ContractOpinion
from fazhi.decisions.definitions import advisor as definitions
from fazhi.decisions.models import AdvisorActivity, ContractReview, DecisionPolicy
from fazhi.decisions.models.advisor import looks_like_person_name, mask_counterparty
from fazhi.decisions.tests.factories_advisor import (
    SUBMITTED,
    advisor_of,
    make_activity,
    make_advisor,
    make_contract,
    make_policy,
    office_of,
    review,
    reviewer_of,
    village_of,
)
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db


def _upload(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


def _events(action: str):
    return AuditEvent.objects.filter(action=action)


# -- the register contract -----------------------------------------------------------------


class TestAdvisorsRegister(RegisterContract):
    register = definitions.advisors

    def make(self, town, n):
        return [make_advisor(town, starts_on=dt.date(2020 + i % 5, 1, 1), ends_on=dt.date(2026, 12, 31))
                for i in range(n)]  # fmt: skip


class TestActivitiesRegister(RegisterContract):
    register = definitions.activities

    def make(self, town, n):
        advisor = advisor_of(town)
        kinds = [ActivityKind.TRAINING, ActivityKind.LECTURE, ActivityKind.DECISION_MEETING]
        return [make_activity(town, advisor=advisor, kind=kinds[i % 3]) for i in range(n)]


class TestContractsRegister(RegisterContract):
    register = definitions.contracts

    def make(self, town, n):
        advisor = advisor_of(town)
        made = [make_contract(town, advisor=advisor, counterparty="张三" if i % 2 else "某某有限公司")
                for i in range(n)]  # fmt: skip
        return [review(c, on=dt.date(2023, 10, 9)) if i % 3 == 0 else c for i, c in enumerate(made)]


class TestPoliciesRegister(RegisterContract):
    register = definitions.policies

    def make(self, town, n):
        # One setting per unit: the town's first, then its villages'.
        units = [] if DecisionPolicy.objects.filter(org_unit=town).exists() else [town]
        units += [village_of(town) for _ in range(n - len(units))]
        return [make_policy(unit) for unit in units]


# -- contract reviews: the due date --------------------------------------------------------


def test_a_blank_due_date_is_five_working_days_after_submission_skipping_the_holidays(town_a):
    contract = make_contract(town_a, submitted_on=SUBMITTED)
    # 9-29 to 10-6 were the National Day holidays; 10-7 and 10-8 (a weekend) were working days.
    assert contract.due_on == dt.date(2023, 10, 11)


def test_the_due_date_follows_the_towns_own_setting(town_a):
    make_policy(town_a, contract_review_working_days=3)
    assert make_contract(town_a, submitted_on=SUBMITTED).due_on == dt.date(2023, 10, 9)


def test_a_village_without_a_setting_uses_the_towns(town_a):
    make_policy(town_a, contract_review_working_days=10)
    contract = make_contract(village_of(town_a), submitted_on=dt.date(2023, 3, 1))
    assert contract.due_on == dt.date(2023, 3, 15)


def test_a_due_date_given_is_kept(town_a):
    assert make_contract(town_a, due_on=dt.date(2023, 10, 31)).due_on == dt.date(2023, 10, 31)


def test_the_deadline_is_written_with_the_record_and_closed_by_the_review(town_a):
    contract = make_contract(town_a)
    deadline = Deadline.objects.get(object_id=str(contract.pk), key="review")
    assert (deadline.due_date, deadline.closed_at) == (dt.date(2023, 10, 11), None)
    review(contract, on=dt.date(2023, 10, 9))
    deadline.refresh_from_db()
    assert deadline.closed_at is not None


def test_clearing_the_due_date_on_edit_computes_it_again(town_a):
    contract = make_contract(town_a, due_on=dt.date(2023, 12, 31))
    contract = actions.update_contract(contract, actor=office_of(town_a), data={"due_on": None})
    assert contract.due_on == dt.date(2023, 10, 11)


def test_the_page_form_computes_a_blank_due_date(client, town_a):
    client.force_login(office_of(town_a))
    r = client.post(definitions.contracts.url("create"), {
        "org_unit": town_a.pk, "title": "场镇路灯维修合同", "counterparty": "某照明公司", "submitted_on": "2023-09-28",
    })  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:3000]
    contract = ContractReview.objects.get()
    assert contract.due_on == dt.date(2023, 10, 11)
    assert _events("decisions.contractreview.created").count() == 1


def test_import_computes_a_blank_due_date(town_a):
    upload = _upload([["所属单位代码", "合同名称", "合同相对方", "送审日期", "审查期限"],
                      [town_a.code, "物业服务合同", "某物业公司", "2023-09-28", None],
                      [town_a.code, "采购合同", "某商贸公司", "2023-09-28", "2023-10-20"]])  # fmt: skip
    result = excel.import_workbook(definitions.contracts, office_of(town_a), upload)
    assert result.ok, result.errors
    assert dict(ContractReview.objects.values_list("title", "due_on")) == {
        "物业服务合同": dt.date(2023, 10, 11),
        "采购合同": dt.date(2023, 10, 20),
    }


# -- contract reviews: the state -----------------------------------------------------------


def _four_states(town):
    today = timezone.localdate()
    return {
        "reviewing": make_contract(town, submitted_on=today - dt.timedelta(days=1), due_on=today + dt.timedelta(days=3)),
        "overdue": make_contract(town, submitted_on=today - dt.timedelta(days=20), due_on=today - dt.timedelta(days=1)),
        "on_time": review(make_contract(town), on=dt.date(2023, 10, 11)),
        "late": review(make_contract(town), on=dt.date(2023, 10, 12)),
    }  # fmt: skip


def test_the_state_of_a_review(town_a):
    contracts = _four_states(town_a)
    assert {k: c.state() for k, c in contracts.items()} == {
        "reviewing": "审查中", "overdue": "已逾期", "on_time": "按期审查", "late": "逾期审查",
    }  # fmt: skip


def test_the_list_filters_by_state_and_shows_it(client, town_a, officer_town_a):
    contracts = _four_states(town_a)
    client.force_login(officer_town_a)
    for key, contract in contracts.items():
        page = client.get(definitions.contracts.url("list") + f"?state={key}")
        assert [o.pk for o in page.context["page"].object_list] == [contract.pk], key
        assert contract.state() in page.context["rows"][0][1]


def test_the_list_filters_by_year_of_completion(client, town_a, officer_town_a):
    done_2023 = review(make_contract(town_a), on=dt.date(2023, 10, 9))
    review(make_contract(town_a, submitted_on=dt.date(2022, 12, 26)), on=dt.date(2022, 12, 29))
    make_contract(town_a)
    client.force_login(officer_town_a)
    page = client.get(definitions.contracts.url("list") + "?reviewed_year=2023")
    assert [o.pk for o in page.context["page"].object_list] == [done_2023.pk]


# -- contract reviews: the review step ---------------------------------------------------------


def test_recording_the_review_writes_one_event(town_a):
    contract = review(
        make_contract(town_a), on=dt.date(2023, 10, 9), opinion=ContractOpinion.APPROVED_WITH_CHANGES
    )
    assert (contract.reviewed_on, contract.opinion) == (dt.date(2023, 10, 9), "changes")
    event = _events("decisions.contractreview.reviewed").get()
    assert event.new["opinion"] == "changes" and "title" not in event.new


def test_a_review_is_recorded_once(town_a):
    contract = review(make_contract(town_a), on=dt.date(2023, 10, 9))
    with pytest.raises(RuleError) as exc:
        review(contract, on=dt.date(2023, 10, 10))
    assert exc.value.code == "contract_already_reviewed"


def test_a_review_may_not_be_dated_in_the_future(town_a):
    with pytest.raises(RuleError, match="不能晚于今天"):
        review(make_contract(town_a), on=timezone.localdate() + dt.timedelta(days=1))


def test_an_officer_may_not_record_a_review(town_a, officer_town_a):
    contract = make_contract(town_a)
    with pytest.raises(PermissionDenied):
        review(contract, on=dt.date(2023, 10, 9), actor=officer_town_a)
    assert ContractReview.objects.get().reviewed_on is None


def test_the_legal_reviewer_records_the_review_on_the_contracts_page(client, town_a):
    contract = make_contract(town_a)
    client.force_login(reviewer_of(town_a))
    assert "登记审查结论" in client.get(contract.get_absolute_url()).content.decode()
    r = client.post(f"/decisions/contracts/{contract.pk}/review/", {
        "reviewer": "谭律师", "reviewed_on": "2023-10-09", "opinion": "approved", "opinion_text": "同意签订",
    }, follow=True)  # fmt: skip
    assert "已登记审查结论" in r.content.decode()
    contract.refresh_from_db()
    assert (contract.reviewed_on, contract.opinion_text) == (dt.date(2023, 10, 9), "同意签订")


def test_another_towns_contract_cannot_be_reviewed_on_its_page(client, town_a, town_b):
    contract = make_contract(town_a)
    client.force_login(reviewer_of(town_b))
    r = client.post(f"/decisions/contracts/{contract.pk}/review/", {"reviewer": "某", "opinion": "approved",
                                                                    "reviewed_on": "2023-10-09"})  # fmt: skip
    assert r.status_code == 404


# -- masking a natural person as counterparty ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [("张三", True), ("欧阳小明", True), ("谭德明", True), ("云阳县某建筑工程有限公司", False), ("川江公司", False),
     ("向阳村委会", False), ("江口供电所", False), ("李记饭店", False), ("兴农合作社", False), ("张", False),
     ("John Smith", False), ("某某建材厂", False)],
)  # fmt: skip
def test_what_looks_like_a_persons_name(text, person):
    assert looks_like_person_name(text) is person


def test_a_person_is_masked_and_an_organisation_is_not():
    assert (mask_counterparty("张三"), mask_counterparty("川江公司"), mask_counterparty("")) == (
        "张*",
        "川江公司",
        "",
    )


def test_the_list_masks_a_natural_person(client, town_a, officer_town_a):
    make_contract(town_a, counterparty="谭德明")
    make_contract(town_a, counterparty="云阳县某建筑工程有限公司")
    client.force_login(officer_town_a)
    html = client.get(definitions.contracts.url("list")).content.decode()
    assert "谭**" in html and "谭德明" not in html and "云阳县某建筑工程有限公司" in html


def test_the_export_masks_a_natural_person(client, town_a, officer_town_a):
    make_contract(town_a, counterparty="谭德明")
    client.force_login(officer_town_a)
    sheet = load_workbook(io.BytesIO(client.get(definitions.contracts.url("export")).content)).active
    column = [c.value for c in sheet[1]].index("合同相对方")
    assert sheet.cell(row=2, column=column + 1).value == "谭**"


def test_the_audit_event_masks_a_natural_person(town_a):
    make_contract(town_a, counterparty="谭德明")
    event = _events("decisions.contractreview.created").get()
    assert event.new["counterparty"] == "谭**" and "谭德明" not in event.new_values


def test_an_exported_ledger_with_masked_names_imports_back_unchanged(client, town_a):
    make_contract(town_a, counterparty="谭德明")
    review(
        make_contract(town_a, counterparty="某物业公司", advisor=advisor_of(town_a)), on=dt.date(2023, 10, 9)
    )
    client.force_login(office_of(town_a))
    exported = client.get(definitions.contracts.url("export")).content
    r = client.post(definitions.contracts.url("import"), {"file": SimpleUploadedFile("x.xlsx", exported)})
    assert r.status_code == 302, r.content.decode()[:3000]
    assert _events("decisions.contractreview.imported").get().new == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
    }
    assert set(ContractReview.objects.values_list("counterparty", flat=True)) == {"谭德明", "某物业公司"}


# -- activities ----------------------------------------------------------------------------


def test_a_contract_review_is_refused_as_an_activity(town_a):
    with pytest.raises(ValidationError) as exc:
        make_activity(town_a, kind=ActivityKind.CONTRACT_REVIEW)
    assert exc.value.message_dict["kind"] == ["合同审查请登记在合同审查台账中"]
    assert not AdvisorActivity.objects.exists()


def test_the_activity_form_does_not_offer_contract_review(client, town_a):
    client.force_login(office_of(town_a))
    html = client.get(definitions.activities.url("create")).content.decode()
    assert "列席政府决策会议" in html and 'value="contract_review"' not in html


def test_an_activity_row_of_kind_contract_review_is_a_row_error(town_a):
    advisor = advisor_of(town_a)
    upload = _upload([["所属单位代码", "法律顾问", "类型", "日期", "事项"],
                      [town_a.code, str(advisor), "法治讲座", "2023-06-20", "依法行政讲座"],
                      [town_a.code, str(advisor), "合同审查", "2023-06-21", "审查采购合同"]])  # fmt: skip
    result = excel.import_workbook(definitions.activities, office_of(town_a), upload)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "类型", "合同审查请登记在合同审查台账中")
    ]
    assert not AdvisorActivity.objects.exists()


def test_an_activity_takes_an_advisor_of_its_own_town_only(town_a, town_b):
    with pytest.raises(ValidationError, match="不是本单位或上级单位聘请的"):
        make_activity(town_a, advisor=make_advisor(town_b))


# -- one setting per unit --------------------------------------------------------------------


def test_a_second_setting_for_the_same_unit_is_refused(town_a):
    make_policy(town_a)
    with pytest.raises(ValidationError) as exc:
        make_policy(town_a, contract_review_working_days=3)
    assert "每个单位只能有一份" in exc.value.message_dict["org_unit"][0]
    assert DecisionPolicy.objects.count() == 1


def test_the_settings_form_refuses_a_second_one_in_chinese(client, town_a):
    make_policy(town_a)
    client.force_login(office_of(town_a))
    r = client.post(definitions.policies.url("create"), {
        "org_unit": town_a.pk, "filing_days": 30, "review_min_working_days": 5, "review_max_working_days": 7,
        "validity_years": 5, "contract_review_working_days": 5,
    })  # fmt: skip
    assert r.status_code == 200 and "本单位已有依法决策设置" in r.content.decode()


# -- import: all or nothing ----------------------------------------------------------------


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(town_a):
    advisor = advisor_of(town_a)
    upload = _upload([["所属单位代码", "合同名称", "合同相对方", "送审日期", "审查的法律顾问", "审查结论"],
                      [town_a.code, "物业服务合同", "某物业公司", "2023-09-28", str(advisor), ""],
                      [town_a.code, "采购合同", "某商贸公司", "2023年9月", "不存在的律所", ""],
                      [town_a.code, "租赁合同", "张三", "2023-09-28", "", "同意"]])  # fmt: skip
    result = excel.import_workbook(definitions.contracts, office_of(town_a), upload)
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "送审日期"),
        (3, "审查的法律顾问"),
        (4, "审查结论"),
    }
    assert any("不存在" in e.message for e in result.errors if e.column == "审查的法律顾问")
    assert not ContractReview.objects.exists()
    assert not _events("decisions.contractreview.created").exists()


def test_an_advisor_is_found_by_its_firm_when_it_has_one_engagement(town_a):
    make_advisor(town_a, firm="某律师事务所")
    upload = _upload([["所属单位代码", "法律顾问", "类型", "日期", "事项"],
                      [town_a.code, "某律师事务所", "法治培训", "2023-06-20", "培训"]])  # fmt: skip
    assert excel.import_workbook(definitions.activities, office_of(town_a), upload).ok


def test_a_firm_with_two_engagements_must_be_named_with_its_term(town_a):
    make_advisor(town_a, firm="某律师事务所")
    make_advisor(town_a, firm="某律师事务所", starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 12, 31))
    upload = _upload([["所属单位代码", "法律顾问", "类型", "日期", "事项"],
                      [town_a.code, "某律师事务所", "法治培训", "2023-06-20", "培训"]])  # fmt: skip
    result = excel.import_workbook(definitions.activities, office_of(town_a), upload)
    assert "有多个聘期" in result.errors[0].message


def test_a_role_that_may_only_read_cannot_add_an_advisor(client, town_a):
    client.force_login(user_with_role("dec_reader", "officer", town_a))
    assert client.get(definitions.advisors.url("create")).status_code == 403
