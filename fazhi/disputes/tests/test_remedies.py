"""Reconsideration and litigation cases: the due dates by the law in force on the day,
the steps, the outcome that opens a rectification item, and the head's appearance."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import user_with_role
from fazhi.disputes.actions import remedies as actions
from fazhi.disputes.choices import (
    LitigationOutcome,
    LitigationStatus,
    ReconsiderationOutcome,
    ReconsiderationStatus,
)
from fazhi.disputes.models import Reconsideration
from fazhi.disputes.tests.factories_remedies import (
    SERVED_2023,
    SERVED_2024,
    leader_of,
    make_litigation,
    make_reconsideration,
    office_of,
)
from fazhi.disputes.workflow import remedies as workflow
from fazhi.law import RuleError
from fazhi.oversight.choices import RectificationSource, RectificationStatus
from fazhi.oversight.models import Rectification

pytestmark = pytest.mark.django_db


# -- the reply due date ------------------------------------------------------------------------


def test_a_copy_served_in_2024_is_due_after_ten_working_days(town_a):
    case = make_reconsideration(town_a, copy_served_on=SERVED_2024)
    assert case.reply_due_on == dt.date(2024, 10, 16)
    assert "10个工作日" in case.reply_rule() and "第四十八条" in case.reply_rule()


def test_a_copy_served_in_2023_is_due_after_ten_calendar_days_of_the_2017_law(town_a):
    case = make_reconsideration(town_a, copy_served_on=SERVED_2023)
    assert case.reply_due_on == dt.date(2023, 10, 7)
    assert "2017年修正的行政复议法第二十三条" in case.reply_rule()


def test_the_simple_procedure_after_2024_is_five_working_days(town_a):
    case = make_reconsideration(town_a, copy_served_on=SERVED_2024, simple_procedure=True)
    assert case.reply_due_on == dt.date(2024, 10, 10)


def test_the_simple_procedure_is_refused_before_2024(town_a):
    with pytest.raises(RuleError) as caught:
        make_reconsideration(town_a, copy_served_on=dt.date(2023, 12, 29), simple_procedure=True)
    assert caught.value.code == "simple_procedure_not_in_force"
    assert not Reconsideration.objects.exists()


def test_the_due_date_is_never_typed(town_a):
    case = make_reconsideration(town_a, copy_served_on=SERVED_2024, reply_due_on=dt.date(2030, 1, 1))
    assert case.reply_due_on == dt.date(2024, 10, 16)


def test_correcting_the_day_of_service_moves_the_due_date(town_a):
    case = make_reconsideration(town_a, copy_served_on=SERVED_2024)
    case = actions.update_reconsideration(case, actor=office_of(town_a), data={"copy_served_on": SERVED_2023})
    assert case.reply_due_on == dt.date(2023, 10, 7)
    assert Deadline.objects.get(object_id=str(case.pk), key="reply").due_date == dt.date(2023, 10, 7)


def test_an_edit_may_not_record_the_outcome(town_a):
    case = make_reconsideration(town_a)
    with pytest.raises(RuleError) as caught:
        actions.update_reconsideration(case, actor=office_of(town_a), data={
            "outcome": ReconsiderationOutcome.UPHELD, "decided_on": dt.date(2024, 11, 1)})  # fmt: skip
    assert caught.value.code == "use_steps"


# -- the reply -------------------------------------------------------------------------------------


def test_a_reply_closes_the_deadline(town_a):
    case = make_reconsideration(town_a)
    assert Deadline.objects.get(object_id=str(case.pk), key="reply").closed_at is None
    case = actions.reply_to_reconsideration(case, actor=office_of(town_a), on=dt.date(2024, 10, 15))
    assert case.status == ReconsiderationStatus.REPLIED and case.reply_state() == "按期答复"
    assert Deadline.objects.get(object_id=str(case.pk), key="reply").closed_at is not None
    assert AuditEvent.objects.filter(action="disputes.reconsideration.replied").count() == 1


def test_a_late_reply_is_recorded_and_marked(town_a):
    case = make_reconsideration(town_a)
    case = actions.reply_to_reconsideration(case, actor=office_of(town_a), on=dt.date(2024, 10, 18))
    assert case.reply_state() == "逾期答复"
    assert case.steps.get(action="reply").note.startswith("逾期答复")


def test_a_reply_before_the_copy_is_refused(town_a):
    case = make_reconsideration(town_a)
    with pytest.raises(RuleError):
        actions.reply_to_reconsideration(case, actor=office_of(town_a), on=dt.date(2024, 9, 1))


def test_a_role_that_may_not_change_cases_takes_no_step(town_a, officer_town_a):
    case = make_reconsideration(town_a)
    with pytest.raises(PermissionDenied):
        actions.reply_to_reconsideration(case, actor=officer_town_a, on=dt.date(2024, 10, 15))


# -- the outcome -----------------------------------------------------------------------------------


def _replied(town):
    case = make_reconsideration(town)
    return actions.reply_to_reconsideration(case, actor=office_of(town), on=dt.date(2024, 10, 14))


def test_a_revoking_decision_opens_a_rectification_item_pointing_at_the_case(town_a):
    case = _replied(town_a)
    leader = leader_of(town_a)
    case = actions.decide_reconsideration(case, actor=office_of(town_a), outcome=ReconsiderationOutcome.REVOKED,
                                          decision_no="云府复决〔2024〕3号", decided_on=dt.date(2024, 11, 20),
                                          lead_leader=leader, note="主要证据不足")  # fmt: skip
    assert case.status == ReconsiderationStatus.DECIDED
    item = Rectification.objects.get()
    assert item.source == RectificationSource.RECONSIDERATION and item.source_object == case
    assert item.lead_leader == leader and item.status == RectificationStatus.OPEN
    assert item.due_on == dt.date(2024, 12, 20) and item.org_unit == town_a
    assert list(actions.rectifications_of(case)) == [item]


def test_the_rectification_days_can_be_set(town_a):
    case = _replied(town_a)
    actions.decide_reconsideration(case, actor=office_of(town_a), outcome=ReconsiderationOutcome.CHANGED,
                                   decision_no="云府复决〔2024〕4号", decided_on=dt.date(2024, 11, 20),
                                   lead_leader=leader_of(town_a), days=10)  # fmt: skip
    assert Rectification.objects.get().due_on == dt.date(2024, 11, 30)


@pytest.mark.parametrize("outcome", [ReconsiderationOutcome.UPHELD, ReconsiderationOutcome.DISMISSED])
def test_an_upheld_decision_opens_no_rectification_item(town_a, outcome):
    case = _replied(town_a)
    actions.decide_reconsideration(case, actor=office_of(town_a), outcome=outcome, decision_no="云府复决〔2024〕5号",
                                   decided_on=dt.date(2024, 11, 20))  # fmt: skip
    assert not Rectification.objects.exists()


def test_a_correcting_decision_needs_a_lead_leader_and_then_writes_nothing(town_a):
    case = _replied(town_a)
    with pytest.raises(RuleError) as caught:
        actions.decide_reconsideration(case, actor=office_of(town_a), outcome=ReconsiderationOutcome.REVOKED,
                                       decision_no="云府复决〔2024〕6号", decided_on=dt.date(2024, 11, 20))  # fmt: skip
    assert caught.value.code == "lead_leader_required"
    case.refresh_from_db()
    assert case.status == ReconsiderationStatus.REPLIED and not Rectification.objects.exists()


def test_another_towns_leader_may_not_lead_the_rectification(town_a, town_b):
    case = _replied(town_a)
    with pytest.raises(RuleError):
        actions.decide_reconsideration(case, actor=office_of(town_a), outcome=ReconsiderationOutcome.REVOKED,
                                       decision_no="云府复决〔2024〕7号", decided_on=dt.date(2024, 11, 20),
                                       lead_leader=leader_of(town_b))  # fmt: skip


def test_a_failed_rectification_rolls_the_decision_back(town_a, monkeypatch):
    case = _replied(town_a)

    def broken(**kwargs):
        raise ValidationError("整改事项无法保存")

    monkeypatch.setattr("fazhi.oversight.actions.create_rectification", broken)
    with pytest.raises(ValidationError):
        actions.decide_reconsideration(case, actor=office_of(town_a), outcome=ReconsiderationOutcome.REVOKED,
                                       decision_no="云府复决〔2024〕8号", decided_on=dt.date(2024, 11, 20),
                                       lead_leader=leader_of(town_a))  # fmt: skip
    case.refresh_from_db()
    assert case.status == ReconsiderationStatus.REPLIED and case.outcome == ""


def test_a_withdrawal_ends_the_case_and_its_deadline(town_a):
    case = make_reconsideration(town_a)
    case = actions.end_reconsideration(case, actor=office_of(town_a), outcome=ReconsiderationOutcome.WITHDRAWN,
                                       on=dt.date(2024, 10, 8))  # fmt: skip
    assert case.status == ReconsiderationStatus.ENDED and case.decided_on == dt.date(2024, 10, 8)
    assert Deadline.objects.get(object_id=str(case.pk), key="reply").closed_at is not None
    with pytest.raises(RuleError) as caught:
        actions.reply_to_reconsideration(case, actor=office_of(town_a), on=dt.date(2024, 10, 9))
    assert caught.value.code == "transition_forbidden"


def test_the_decide_step_refuses_an_ending_outcome(town_a):
    case = _replied(town_a)
    with pytest.raises(RuleError):
        actions.decide_reconsideration(case, actor=office_of(town_a), outcome=ReconsiderationOutcome.WITHDRAWN,
                                       decision_no="x", decided_on=dt.date(2024, 11, 20))  # fmt: skip


def test_a_historical_case_is_registered_with_its_history_and_no_rectification(town_a):
    case = make_reconsideration(town_a, copy_served_on=SERVED_2023, replied_on=dt.date(2023, 10, 9),
                                outcome=ReconsiderationOutcome.REVOKED, decided_on=dt.date(2023, 11, 20),
                                decision_no="云府复决〔2023〕2号")  # fmt: skip
    assert case.status == ReconsiderationStatus.DECIDED and case.reply_state() == "逾期答复"
    assert [s.action for s in case.steps.all()] == ["reply", "decide"]
    assert not Rectification.objects.exists()


# -- the transition tables -------------------------------------------------------------------------


@pytest.mark.parametrize("status", ReconsiderationStatus.values)
@pytest.mark.parametrize("step", list(workflow.RECONSIDERATION_STEPS))
def test_the_reconsideration_table_refuses_every_other_pair(status, step):
    if step in workflow.RECONSIDERATION_TABLE[status]:
        assert workflow.reconsideration_next(status, step) in ReconsiderationStatus.values
    else:
        with pytest.raises(RuleError):
            workflow.reconsideration_next(status, step)


@pytest.mark.parametrize("status", LitigationStatus.values)
@pytest.mark.parametrize("step", list(workflow.LITIGATION_STEPS))
def test_the_litigation_table_refuses_every_other_pair(status, step):
    if step in workflow.LITIGATION_TABLE[status]:
        assert workflow.litigation_next(status, step) in LitigationStatus.values
    else:
        with pytest.raises(RuleError):
            workflow.litigation_next(status, step)


# -- litigation ------------------------------------------------------------------------------------


def test_the_defence_is_due_fifteen_days_after_the_complaint(town_a):
    # 2024-01-26 + 15 days = 2024-02-10, a Spring Festival holiday: the period runs to 2024-02-18.
    case = make_litigation(town_a, complaint_received_on=dt.date(2024, 1, 26))
    assert case.defence_due_on == dt.date(2024, 2, 18)
    assert "第六十七条" in case.defence_rule()
    assert Deadline.objects.get(object_id=str(case.pk), key="defence").due_date == dt.date(2024, 2, 18)


def test_a_late_defence_is_marked(town_a):
    case = make_litigation(town_a, complaint_received_on=dt.date(2024, 3, 1))
    case = actions.defend_litigation(case, actor=office_of(town_a), on=dt.date(2024, 3, 20))
    assert case.defence_state() == "逾期答辩" and case.status == LitigationStatus.DEFENDED


def _defended(town):
    case = make_litigation(town, complaint_received_on=dt.date(2024, 3, 1))
    return actions.defend_litigation(case, actor=office_of(town), on=dt.date(2024, 3, 12))


def test_a_head_who_did_not_appear_needs_a_reason(town_a):
    case = _defended(town_a)
    with pytest.raises(RuleError) as caught:
        actions.record_hearing(
            case, actor=office_of(town_a), hearing_on=dt.date(2024, 4, 10), head_appeared=False
        )
    assert caught.value.code == "non_appearance_reason_required"
    assert "行政诉讼法第三条" in str(caught.value)


def test_the_hearing_records_whether_the_head_appeared(town_a):
    case = _defended(town_a)
    case = actions.record_hearing(case, actor=office_of(town_a), hearing_on=dt.date(2024, 4, 10), head_appeared=False,
                                  non_appearance_reason="参加县防汛紧急会议，委托副镇长出庭")  # fmt: skip
    assert case.head_appeared is False and case.status == LitigationStatus.DEFENDED
    case = actions.record_hearing(case, actor=office_of(town_a), hearing_on=dt.date(2024, 4, 20), head_appeared=True,
                                  appearing_person="周镇长")  # fmt: skip
    assert case.head_appeared is True and case.non_appearance_reason == ""
    assert case.head_appearance == "负责人出庭（周镇长）"


def test_an_appearing_head_is_named(town_a):
    case = _defended(town_a)
    with pytest.raises(RuleError):
        actions.record_hearing(
            case, actor=office_of(town_a), hearing_on=dt.date(2024, 4, 10), head_appeared=True
        )


def test_a_lost_case_opens_a_rectification_item(town_a):
    case = _defended(town_a)
    case = actions.judge_litigation(case, actor=office_of(town_a), outcome=LitigationOutcome.REVOKED,
                                    judged_on=dt.date(2024, 6, 1), lead_leader=leader_of(town_a))  # fmt: skip
    item = Rectification.objects.get()
    assert item.source_object == case and item.due_on == dt.date(2024, 7, 1)
    assert "撤销行政行为" in item.problem


def test_a_won_case_opens_none(town_a):
    case = _defended(town_a)
    actions.judge_litigation(case, actor=office_of(town_a), outcome=LitigationOutcome.CLAIM_DISMISSED,
                             judged_on=dt.date(2024, 6, 1))  # fmt: skip
    assert not Rectification.objects.exists()


def test_an_appeal_lost_opens_one_item_only(town_a):
    office, leader = office_of(town_a), leader_of(town_a)
    case = actions.judge_litigation(_defended(town_a), actor=office, outcome=LitigationOutcome.CLAIM_DISMISSED,
                                    judged_on=dt.date(2024, 6, 1))  # fmt: skip
    case = actions.appeal_litigation(case, actor=office, on=dt.date(2024, 6, 10))
    assert case.instance == 2 and case.status == LitigationStatus.APPEALED
    case = actions.record_appeal_result(case, actor=office, outcome=LitigationOutcome.CONFIRMED_UNLAWFUL,
                                        on=dt.date(2024, 9, 1), lead_leader=leader)  # fmt: skip
    assert (
        case.status == LitigationStatus.ENDED and case.final_outcome == LitigationOutcome.CONFIRMED_UNLAWFUL
    )
    assert Rectification.objects.count() == 1


def test_a_judgement_that_takes_effect_closes_the_case(town_a):
    office = office_of(town_a)
    case = actions.judge_litigation(_defended(town_a), actor=office, outcome=LitigationOutcome.WITHDRAWN,
                                    judged_on=dt.date(2024, 5, 1))  # fmt: skip
    case = actions.close_litigation(case, actor=office, on=dt.date(2024, 5, 20))
    assert case.status == LitigationStatus.ENDED
    assert [s.action for s in case.steps.all()] == ["defend", "judge", "close"]


def test_a_historical_lawsuit_keeps_the_head_appearance_rule(town_a):
    with pytest.raises(RuleError):
        make_litigation(town_a, defence_filed_on=dt.date(2024, 3, 10), hearing_on=dt.date(2024, 4, 1),
                        head_appeared=False)  # fmt: skip


def test_a_legal_reviewer_takes_the_steps_too(town_a):
    reviewer = user_with_role("rm_reviewer", "legal_reviewer", town_a)
    case = make_litigation(town_a, complaint_received_on=dt.date(2024, 3, 1), actor=reviewer)
    assert (
        actions.defend_litigation(case, actor=reviewer, on=dt.date(2024, 3, 5)).status
        == LitigationStatus.DEFENDED
    )
