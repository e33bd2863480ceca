"""The legal advisor's registers through the API: created through the page forms'
rules, scoped by town (another town's record is a 404), a natural person's name
read back masked, the review as its own endpoint."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.models import AuditEvent
from fazhi.decisions.models import ContractReview, DecisionPolicy
from fazhi.decisions.tests.factories_advisor import (
    advisor_of,
    make_activity,
    make_advisor,
    make_contract,
    make_policy,
    office_of,
    reviewer_of,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/decisions/"


def test_a_contract_created_without_a_due_date_gets_one(client, town_a):
    client.force_login(office_of(town_a))
    r = client.post(API + "contracts/", {"org_unit": town_a.pk, "title": "物业服务合同", "counterparty": "张三",
                                         "submitted_on": "2023-09-28"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["due_on"], body["state"], body["counterparty_masked"]) == ("2023-10-11", "已逾期", "张*")
    assert "counterparty" not in body
    assert AuditEvent.objects.filter(action="decisions.contractreview.created").count() == 1


def test_the_api_lists_the_towns_contracts_only(client, town_a, town_b, officer_town_a):
    ours = make_contract(town_a)
    make_contract(town_b)
    client.force_login(officer_town_a)
    assert [row["id"] for row in client.get(API + "contracts/").json()["results"]] == [ours.pk]


@pytest.mark.parametrize("register", ["advisors", "activities", "contracts", "policies"])
def test_another_towns_record_is_not_found(client, town_a, town_b, register):
    record = {
        "advisors": lambda: make_advisor(town_a),
        "activities": lambda: make_activity(town_a),
        "contracts": lambda: make_contract(town_a),
        "policies": lambda: make_policy(town_a),
    }[register]()
    client.force_login(office_of(town_b))
    assert client.get(f"{API}{register}/{record.pk}/").status_code == 404
    assert (
        client.patch(f"{API}{register}/{record.pk}/", {}, content_type="application/json").status_code == 404
    )


def test_a_record_cannot_be_created_in_another_town(client, town_a, town_b):
    client.force_login(office_of(town_b))
    r = client.post(API + "advisors/", {"org_unit": town_a.pk, "firm": "某律所", "lawyers": "某律师",
                                        "starts_on": "2023-01-01", "ends_on": "2023-12-31"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and "org_unit" in str(r.json())


def test_an_activity_of_kind_contract_review_is_refused_in_chinese(client, town_a):
    client.force_login(office_of(town_a))
    r = client.post(API + "activities/", {"org_unit": town_a.pk, "advisor": advisor_of(town_a).pk,
                                          "kind": "contract_review", "on": "2023-06-20", "title": "审查合同"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and "合同审查请登记在合同审查台账中" in str(r.json())


def test_the_review_endpoint_records_the_review(client, town_a):
    contract = make_contract(town_a)
    client.force_login(reviewer_of(town_a))
    r = client.post(f"{API}contracts/{contract.pk}/review/", {"reviewer": "谭律师", "reviewed_on": "2023-10-09",
                                                               "opinion": "changes", "risk_points": "违约责任不明"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 200, r.json()
    assert (r.json()["state"], r.json()["opinion_label"]) == ("按期审查", "修改后签订")
    again = client.post(f"{API}contracts/{contract.pk}/review/", {"reviewer": "谭律师", "opinion": "approved"},
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 400 and again.json()["code"] == "contract_already_reviewed"


def test_an_officer_may_not_use_the_review_endpoint(client, town_a, officer_town_a):
    contract = make_contract(town_a)
    client.force_login(officer_town_a)
    r = client.post(f"{API}contracts/{contract.pk}/review/", {"reviewer": "谭律师", "opinion": "approved"},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 403
    assert ContractReview.objects.get().reviewed_on is None


def test_a_second_setting_for_a_unit_is_refused_through_the_api(client, town_a):
    make_policy(town_a)
    client.force_login(office_of(town_a))
    r = client.post(API + "policies/", {"org_unit": town_a.pk, "contract_review_working_days": 3},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and "本单位已有依法决策设置" in str(r.json())
    assert DecisionPolicy.objects.count() == 1


def test_a_setting_out_of_bounds_is_refused(client, town_a):
    client.force_login(office_of(town_a))
    r = client.post(API + "policies/", {"org_unit": town_a.pk, "contract_review_working_days": 0},
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400


def test_the_activities_filter_by_kinds_and_year(client, town_a, officer_town_a):
    training = make_activity(town_a, kind="training", on=dt.date(2023, 3, 1))
    lecture = make_activity(town_a, kind="lecture", on=dt.date(2023, 6, 1))
    make_activity(town_a, kind="consultation", on=dt.date(2023, 6, 2))
    make_activity(town_a, kind="training", on=dt.date(2022, 6, 1))
    client.force_login(officer_town_a)
    rows = client.get(API + "activities/?kind=training&kind=lecture&year=2023").json()["results"]
    assert sorted(r["id"] for r in rows) == sorted([training.pk, lecture.pk])


def test_a_due_date_in_a_year_without_a_calendar_is_refused_and_nothing_is_written(client, town_a):
    from fazhi.core import workdays
    from fazhi.core.models import CalendarYear

    CalendarYear.objects.filter(year=2024).delete()
    workdays.clear_cache()
    client.force_login(office_of(town_a))
    r = client.post(API + "contracts/", {"org_unit": town_a.pk, "title": "采购合同", "counterparty": "某公司",
                                         "submitted_on": "2023-12-28"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "calendar_not_covered"
    assert not ContractReview.objects.exists()
    assert not AuditEvent.objects.filter(action="decisions.contractreview.created").exists()
