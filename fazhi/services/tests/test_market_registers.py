"""The market entity registers: the register contract for both, the credit code's
check (GB 32100-2015) and uniqueness, the entity's rules, masking of the legal
representative, the audit events, and the visits' follow-up (deadline, open and
overdue filters)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.services.actions import market as actions
from fazhi.services.choices import EntityStatus, EntityType
from fazhi.services.definitions import market as definitions
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.tests.factories import (
    clerk_of,
    entity_data,
    make_entity,
    make_visit,
    valid_uscc,
    village_of,
    wrong_check_char,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _events(action: str):
    return AuditEvent.objects.filter(action=action)


# -- the register contract -------------------------------------------------------------------


class TestMarketEntitiesRegister(RegisterContract):
    register = definitions.entities

    def make(self, town, n):
        village = village_of(town)
        kinds = list(EntityType)
        return [
            make_entity(town, entity_type=kinds[i % 4], village=village if i % 2 else None) for i in range(n)
        ]


class TestEnterpriseVisitsRegister(RegisterContract):
    register = definitions.visits

    def make(self, town, n):
        entity = make_entity(town)
        return [make_visit(entity, problems="用地审批慢" if i % 2 else "", follow_up_due=dt.date(2023, 7, 1) if i % 2
                           else None) for i in range(n)]  # fmt: skip


# -- the credit code ---------------------------------------------------------------------------


def test_a_wrong_check_character_is_refused_in_chinese_naming_the_standard(town_a):
    code = wrong_check_char(valid_uscc())
    with pytest.raises(ValidationError) as exc:
        make_entity(town_a, uscc=code)
    assert exc.value.message_dict["uscc"] == ["统一社会信用代码校验码不正确（GB 32100-2015）"]
    assert not MarketEntity.objects.exists() and not _events(actions.CREATED).exists()


def test_the_page_form_refuses_a_wrong_check_character(client, town_a):
    client.force_login(clerk_of(town_a))
    data = {**entity_data(town_a), "org_unit": town_a.pk, "status": "existing"}
    data["uscc"] = wrong_check_char(data["uscc"])
    r = client.post(definitions.entities.url("create"), {k: v for k, v in data.items() if v is not None})
    assert r.status_code == 200 and "统一社会信用代码校验码不正确（GB 32100-2015）" in r.content.decode()
    assert not MarketEntity.objects.exists()


def test_an_individual_business_needs_the_eighteen_character_code(town_a):
    with pytest.raises(ValidationError) as exc:
        make_entity(town_a, entity_type=EntityType.INDIVIDUAL, uscc="500235600123456")
    assert "应为18位" in exc.value.message_dict["uscc"][0]


def test_the_code_is_taken_in_lowercase_and_with_spaces_through_the_form(client, town_a):
    client.force_login(clerk_of(town_a))
    code = valid_uscc()
    data = {
        **entity_data(town_a),
        "org_unit": town_a.pk,
        "status": "existing",
        "uscc": f" {code[:9].lower()} {code[9:]}",
    }
    r = client.post(definitions.entities.url("create"), {k: v for k, v in data.items() if v is not None})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert MarketEntity.objects.get().uscc == code


def test_a_code_whose_category_says_another_type_is_refused(town_a):
    with pytest.raises(ValidationError) as exc:
        make_entity(
            town_a, entity_type=EntityType.ENTERPRISE, uscc=valid_uscc(entity_type=EntityType.INDIVIDUAL)
        )
    assert exc.value.message_dict["uscc"] == [
        "统一社会信用代码第2位“2”表示个体工商户，与主体类型“企业”不符（GB 32100-2015）"
    ]


def test_a_code_is_registered_once_in_the_installation(town_a, town_b):
    code = valid_uscc()
    make_entity(town_a, uscc=code)
    with pytest.raises(ValidationError) as exc:
        make_entity(town_b, uscc=code)
    assert exc.value.message_dict["uscc"] == ["该统一社会信用代码已经登记，同一市场主体不能重复登记"]
    assert MarketEntity.objects.count() == 1


# -- the entity's rules ------------------------------------------------------------------------


def test_a_cancelled_entity_needs_its_date(town_a):
    with pytest.raises(ValidationError) as exc:
        make_entity(town_a, status=EntityStatus.CANCELLED)
    assert exc.value.message_dict["cancelled_on"] == ["已注销的，须填写注销日期"]


def test_an_existing_entity_has_no_cancellation_date(town_a):
    with pytest.raises(ValidationError, match="存续的市场主体不填写注销日期"):
        make_entity(town_a, cancelled_on=dt.date(2024, 1, 1))


def test_cancellation_comes_after_registration(town_a):
    with pytest.raises(ValidationError, match="注销日期不能早于成立日期"):
        make_entity(town_a, status=EntityStatus.CANCELLED, cancelled_on=dt.date(2023, 1, 1))


def test_cancelling_is_one_change_event(town_a):
    entity = make_entity(town_a)
    actions.update_entity(entity, actor=clerk_of(town_a),
                          data={"status": EntityStatus.CANCELLED, "cancelled_on": dt.date(2024, 3, 1)})  # fmt: skip
    event = _events(actions.CHANGED).get()
    assert event.new == {"status": "cancelled", "cancelled_on": "2024-03-01"}
    assert event.old == {"status": "existing", "cancelled_on": None}


def test_a_village_of_another_town_is_refused(town_a, town_b):
    with pytest.raises(ValidationError, match="不在江口镇范围内"):
        make_entity(town_a, village=village_of(town_b))


def test_a_registration_date_in_the_future_is_refused(town_a):
    with pytest.raises(ValidationError, match="成立日期不能晚于今天"):
        make_entity(town_a, registered_on=TODAY + dt.timedelta(days=1))


def test_a_masked_name_is_not_taken_for_a_name(town_a):
    with pytest.raises(ValidationError, match="不能填写脱敏后的姓名"):
        make_entity(town_a, legal_rep="谭**")


def test_a_failed_audit_event_saves_nothing(town_a, monkeypatch):
    def broken(events):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("fazhi.core.audit._insert", broken)
    with pytest.raises(RuntimeError):
        make_entity(town_a)
    assert not MarketEntity.objects.exists()


# -- the person is masked ----------------------------------------------------------------------


def test_the_list_masks_the_legal_representative(client, town_a, officer_town_a):
    make_entity(town_a, legal_rep="谭德明")
    client.force_login(officer_town_a)
    html = client.get(definitions.entities.url("list")).content.decode()
    assert "谭**" in html and "谭德明" not in html


def test_the_detail_page_masks_the_legal_representative(client, town_a, officer_town_a):
    entity = make_entity(town_a, legal_rep="谭德明")
    client.force_login(officer_town_a)
    html = client.get(entity.get_absolute_url()).content.decode()
    assert "谭**" in html and "谭德明" not in html


def test_the_export_masks_the_legal_representative(client, town_a, officer_town_a):
    make_entity(town_a, legal_rep="谭德明")
    client.force_login(officer_town_a)
    sheet = load_workbook(io.BytesIO(client.get(definitions.entities.url("export")).content)).active
    column = [c.value for c in sheet[1]].index("法定代表人（经营者）")
    assert sheet.cell(row=2, column=column + 1).value == "谭**"
    assert "谭德明" not in {c.value for row in sheet.iter_rows() for c in row}


def test_the_audit_event_masks_the_legal_representative(town_a):
    make_entity(town_a, legal_rep="谭德明")
    event = _events(actions.CREATED).get()
    assert event.new["legal_rep"] == "谭**" and "谭德明" not in event.new_values


# -- scope and roles ---------------------------------------------------------------------------


def test_a_village_filter_and_the_type_filter_narrow_the_list(client, town_a, officer_town_a):
    village = village_of(town_a)
    ours = make_entity(town_a, village=village, entity_type=EntityType.INDIVIDUAL,
                       uscc=valid_uscc(entity_type=EntityType.INDIVIDUAL))  # fmt: skip
    make_entity(town_a, village=village)
    make_entity(town_a, entity_type=EntityType.INDIVIDUAL, uscc=valid_uscc(entity_type=EntityType.INDIVIDUAL))
    client.force_login(officer_town_a)
    r = client.get(definitions.entities.url("list"), {"village": village.pk, "entity_type": "individual"})
    assert [obj.pk for obj, _ in r.context["rows"]] == [ours.pk]


def test_the_status_and_year_filters(client, town_a, officer_town_a):
    gone = make_entity(town_a, registered_on=dt.date(2022, 3, 1), status=EntityStatus.CANCELLED,
                       cancelled_on=dt.date(2023, 2, 1))  # fmt: skip
    make_entity(town_a, registered_on=dt.date(2023, 3, 1))
    client.force_login(officer_town_a)
    r = client.get(definitions.entities.url("list"), {"status": "cancelled", "registered_year": 2022})
    assert [obj.pk for obj, _ in r.context["rows"]] == [gone.pk]
    r = client.get(definitions.entities.url("list"), {"registered_year": 2021})
    assert r.context["page"].paginator.count == 0


def test_an_officer_reads_but_does_not_register(client, town_a, officer_town_a):
    make_entity(town_a)
    client.force_login(officer_town_a)
    assert client.get(definitions.entities.url("list")).status_code == 200
    assert client.get(definitions.entities.url("create")).status_code == 403
    assert client.get(definitions.entities.url("import")).status_code == 403


def test_the_rule_of_law_office_keeps_the_register(client, town_a):
    client.force_login(user_with_role("svc_office", "rule_of_law_office", town_a))
    assert client.get(definitions.entities.url("create")).status_code == 200
    assert client.get(definitions.visits.url("create")).status_code == 200
    assert "县市场监管部门的登记导出表" in client.get(definitions.entities.url("import")).content.decode()


def test_the_entitys_page_lists_its_visits(client, town_a, officer_town_a):
    entity = make_entity(town_a)
    make_visit(entity, problems="用电容量不足", follow_up_due=dt.date(2023, 6, 20))
    login(client, officer_town_a)
    html = client.get(entity.get_absolute_url()).content.decode()
    assert "用电容量不足" in html and "2023-06-20" in html


# -- visits ------------------------------------------------------------------------------------


def test_a_visit_belongs_to_its_entitys_unit_and_its_recorder_follows_up(town_a):
    village = village_of(town_a)
    entity = make_entity(village)
    visit = make_visit(entity)
    assert visit.org_unit == village and visit.handler == clerk_of(town_a)
    assert _events("services.enterprisevisit.created").count() == 1


def test_a_problem_not_solved_on_the_spot_needs_a_due_date(town_a):
    with pytest.raises(ValidationError) as exc:
        make_visit(make_entity(town_a), problems="反映道路积水")
    assert exc.value.message_dict["follow_up_due"] == ["反映的问题未当场解决的，须填写办结期限"]
    assert not EnterpriseVisit.objects.exists()


def test_the_follow_up_is_a_deadline_closed_when_resolved(town_a):
    visit = make_visit(make_entity(town_a), problems="反映道路积水", follow_up_due=dt.date(2023, 6, 15))
    deadline = Deadline.objects.get(key="follow_up")
    assert (deadline.due_date, deadline.closed_at, deadline.owner_id) == (
        dt.date(2023, 6, 15),
        None,
        visit.handler_id,
    )
    actions.update_visit(visit, actor=clerk_of(town_a), data={"resolved_on": dt.date(2023, 6, 10)})
    assert Deadline.objects.get(key="follow_up").closed_at is not None


def test_the_state_of_a_visit(town_a):
    entity = make_entity(town_a)
    overdue = make_visit(
        entity,
        problems="甲",
        follow_up_due=TODAY - dt.timedelta(days=1),
        visited_on=TODAY - dt.timedelta(days=9),
    )
    open_ = make_visit(entity, problems="乙", follow_up_due=TODAY, visited_on=TODAY - dt.timedelta(days=9))
    done = make_visit(
        entity, problems="丙", follow_up_due=dt.date(2023, 6, 9), resolved_on=dt.date(2023, 6, 12)
    )
    plain = make_visit(entity)
    assert [v.state() for v in (overdue, open_, done, plain)] == ["已逾期", "跟进中", "已解决", "无需跟进"]


def test_the_open_and_overdue_filters(client, town_a, officer_town_a):
    entity = make_entity(town_a)
    overdue = make_visit(
        entity,
        problems="甲",
        follow_up_due=TODAY - dt.timedelta(days=1),
        visited_on=TODAY - dt.timedelta(days=9),
    )
    open_ = make_visit(
        entity,
        problems="乙",
        follow_up_due=TODAY + dt.timedelta(days=3),
        visited_on=TODAY - dt.timedelta(days=9),
    )
    make_visit(entity, problems="丙", follow_up_due=dt.date(2023, 6, 9), resolved_on=dt.date(2023, 6, 12))
    make_visit(entity)
    client.force_login(officer_town_a)

    def listed(state):
        r = client.get(definitions.visits.url("list"), {"state": state})
        return {obj.pk for obj, _ in r.context["rows"]}

    assert listed("overdue") == {overdue.pk}
    assert listed("open") == {overdue.pk, open_.pk}


def test_a_visit_to_another_towns_entity_is_refused_through_the_form(client, town_a, town_b):
    theirs = make_entity(town_b)
    client.force_login(clerk_of(town_a))
    r = client.post(
        definitions.visits.url("create"), {"entity": theirs.pk, "visited_on": "2023-06-01", "visitors": "王"}
    )
    assert r.status_code == 200 and not EnterpriseVisit.objects.exists()
