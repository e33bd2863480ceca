"""Every write to a case goes through an action: one step in the full-process
record (第47条), one audit event, the deadlines kept in step, and the rules of the
procedure checked before the transition."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from fazhi.core import deadlines
from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.tests.factories import user_with_role
from fazhi.enforcement import actions, statistics
from fazhi.enforcement.choices import CaseStatus, DecisionKind, PaymentStatus, PenaltyKind
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import (
    entrusted_matter,
    individual_party,
    make_officer,
    make_ordinary_case,
    make_summary_case,
    organisation_party,
    reviewer_of,
    summary_data,
)
from fazhi.law import RuleError

pytestmark = pytest.mark.django_db

ON = dt.date(2023, 6, 1)  # a Thursday
NOTIFIED_ON = dt.date(2023, 7, 19)  # filing on 2023-07-05 + 10 working days (the factory's rhythm)


def _steps(case) -> list[str]:
    return list(case.steps.order_by("at", "id").values_list("action", flat=True))


def _events(case) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(case.pk), action__startswith="enforcement.case.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def _penalty(case, actor, on, fine=None):
    return actions.decide_case(
        case,
        actor=actor,
        decision_kind=DecisionKind.PENALTY,
        penalty_kind=PenaltyKind.FINE,
        fine=case.fine if fine is None else fine,
        on=on,
    )


# -- summary procedure ---------------------------------------------------------------


def test_summary_case_is_decided_and_handed_over_in_one_call(town_a, officer_town_a):
    case = make_summary_case(town_a, officer_town_a, fine=Decimal("150"))
    assert case.status == CaseStatus.SERVED
    assert case.decided_on == ON and case.served_on == ON and case.handed_over
    assert case.payment_status == PaymentStatus.DUE


def test_summary_decisions_are_numbered_in_the_towns_series(town_a, officer_town_a):
    first = make_summary_case(town_a, officer_town_a)
    second = make_summary_case(town_a, officer_town_a)
    assert first.decision_no == "云江执罚〔2023〕1号"
    assert second.decision_no == "云江执罚〔2023〕2号"


def test_summary_fine_collected_on_the_spot_is_paid_and_closed_in_one_call(town_a, officer_town_a):
    case = make_summary_case(town_a, officer_town_a, fine=Decimal("80"), collected_on_spot=True)
    assert case.status == CaseStatus.CLOSED
    assert case.payment_status == PaymentStatus.PAID and case.paid_amount == Decimal("80")
    assert case.collected_on_spot and case.closed_on == ON


def test_summary_case_records_a_step_for_each_transition(town_a, officer_town_a):
    case = make_summary_case(town_a, officer_town_a, fine=Decimal("80"), collected_on_spot=True)
    assert _steps(case) == ["record", "decide", "hand_over", "record_payment", "close"]
    assert all(s.actor_id == officer_town_a.pk for s in case.steps.all())


def test_summary_case_writes_an_audit_event_for_each_transition(town_a, officer_town_a):
    case = make_summary_case(town_a, officer_town_a, fine=Decimal("80"), collected_on_spot=True)
    assert _events(case) == [
        "enforcement.case.recorded",
        "enforcement.case.decide",
        "enforcement.case.hand_over",
        "enforcement.case.record_payment",
        "enforcement.case.close",
    ]
    decide = AuditEvent.objects.get(target_id=str(case.pk), action="enforcement.case.decide")
    assert decide.new_values.startswith("{") and case.decision_no in decide.new_values


def test_summary_case_returned_after_collection_is_the_closed_case(town_a, officer_town_a):
    data = summary_data(town_a, fine=Decimal("80"), collected_on_spot=True)
    case = actions.record_summary_case(actor=officer_town_a, data=data, on=ON)
    stored = Case.objects.get(pk=case.pk)
    assert (case.status, case.version) == (stored.status, stored.version)


def test_summary_warning_is_closed_at_once(town_a, officer_town_a):
    case = make_summary_case(town_a, officer_town_a, fine=Decimal("0"))
    assert case.status == CaseStatus.CLOSED
    assert case.payment_status == PaymentStatus.NONE


def test_summary_fine_is_payable_within_15_days(town_a, officer_town_a):
    case = make_summary_case(town_a, officer_town_a, fine=Decimal("150"))
    assert case.payment_due == dt.date(2023, 6, 16)


# -- ordinary procedure: steps and audit ------------------------------------------------


def test_ordinary_case_records_a_step_and_an_event_for_each_transition(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "archived", needs_legal_review=True)
    expected = [
        "file",
        "investigate",
        "submit_review",
        "send_legal_review",
        "review_passed",
        "notify",
        "decide",
        "serve",
        "record_payment",
        "close",
        "archive",
    ]
    assert _steps(case) == ["register", *expected]
    assert _events(case) == ["enforcement.case.registered", *(f"enforcement.case.{a}" for a in expected)]
    assert case.status == CaseStatus.ARCHIVED


def test_each_transition_raises_the_version(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    assert case.version == 2
    case = actions.investigate(case, actor=officer_town_a, on=case.filed_on)
    assert case.version == 3


def test_a_forbidden_step_is_refused_and_leaves_no_trace(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    with pytest.raises(RuleError) as exc:
        actions.close_case(case, actor=officer_town_a, on=case.filed_on)
    assert exc.value.code == "transition_forbidden"
    assert _steps(case) == ["register", "file"]
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED and case.version == 2


# -- 第58条: legal review -----------------------------------------------------------------


def test_case_needing_review_cannot_be_notified_without_a_passed_review(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "case_review", needs_legal_review=True)
    with pytest.raises(RuleError) as exc:
        actions.notify(case, actor=officer_town_a, penalty_kind=PenaltyKind.FINE, fine=Decimal("1000"))
    assert exc.value.code == "legal_review_required" and "第五十八条" in str(exc.value)


def test_case_needing_review_cannot_be_decided_without_a_passed_review(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "case_review", needs_legal_review=True)
    with pytest.raises(RuleError) as exc:
        actions.decide_case(case, actor=officer_town_a, decision_kind=DecisionKind.NO_PENALTY, on=NOTIFIED_ON)
    assert exc.value.code == "legal_review_required"


def test_a_failed_review_does_not_open_the_notice(town_a, officer_town_a, reviewer):
    case = make_ordinary_case(town_a, officer_town_a, "legal_review", needs_legal_review=True)
    case = actions.review_case(
        case, actor=reviewer, passed=False, opinion="证据不足，退回补充调查。", on=NOTIFIED_ON
    )
    assert case.status == CaseStatus.INVESTIGATING
    case = actions.submit_review(case, actor=officer_town_a, on=NOTIFIED_ON)
    with pytest.raises(RuleError, match="法制审核"):
        actions.notify(case, actor=officer_town_a, penalty_kind=PenaltyKind.FINE, fine=Decimal("1000"))


def test_a_passed_review_opens_the_notice(town_a, officer_town_a, reviewer):
    case = make_ordinary_case(town_a, officer_town_a, "reviewed", needs_legal_review=True, reviewer=reviewer)
    case = actions.notify(
        case, actor=officer_town_a, penalty_kind=PenaltyKind.FINE, fine=Decimal("1000"), on=case.filed_on
    )
    assert case.status == CaseStatus.NOTIFIED
    assert case.legal_reviews.get().reviewer == reviewer


def test_the_case_handler_cannot_review_the_case(town_a):
    handler = user_with_role("both_roles", "officer", town_a)
    handler.groups.add(Group.objects.get(name="legal_reviewer"))
    case = make_ordinary_case(town_a, handler, "legal_review", needs_legal_review=True)
    with pytest.raises(RuleError) as exc:
        actions.review_case(case, actor=handler, passed=True, opinion="同意。", on=NOTIFIED_ON)
    assert exc.value.code == "reviewer_is_handler"


def test_an_officer_of_the_case_cannot_review_it(town_a, officer_town_a, reviewer):
    officers = [make_officer(town_a, user=reviewer), make_officer(town_a)]
    case = make_ordinary_case(
        town_a, officer_town_a, "legal_review", needs_legal_review=True, officers=officers
    )
    with pytest.raises(RuleError) as exc:
        actions.review_case(case, actor=reviewer, passed=True, opinion="同意。", on=NOTIFIED_ON)
    assert exc.value.code == "reviewer_is_handler"
    assert not case.legal_reviews.exists()


def test_an_officer_cannot_do_a_legal_review(town_a, officer_town_a):
    other = user_with_role("other_officer", "officer", town_a)
    case = make_ordinary_case(town_a, officer_town_a, "legal_review", needs_legal_review=True)
    with pytest.raises(PermissionDenied):
        actions.review_case(case, actor=other, passed=True, opinion="同意。", on=NOTIFIED_ON)


def test_a_review_needs_a_written_opinion(town_a, officer_town_a, reviewer):
    case = make_ordinary_case(town_a, officer_town_a, "legal_review", needs_legal_review=True)
    with pytest.raises(RuleError) as exc:
        actions.review_case(case, actor=reviewer, passed=True, opinion="  ", on=NOTIFIED_ON)
    assert exc.value.code == "review_opinion"


# -- 第44、62、64条: notice, defence, hearing ----------------------------------------------


def test_a_penalty_cannot_be_decided_without_advance_notice(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "case_review")
    with pytest.raises(RuleError) as exc:
        _penalty(case, officer_town_a, NOTIFIED_ON, fine=Decimal("1000"))
    assert exc.value.code == "notice_required"


def test_no_penalty_decision_needs_no_notice(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "case_review")
    case = actions.decide_case(
        case, actor=officer_town_a, decision_kind=DecisionKind.NO_PENALTY, on=NOTIFIED_ON
    )
    assert case.status == CaseStatus.DECIDED and case.decision_no == ""


def test_notice_sets_the_defence_period_in_working_days(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "notified")
    assert case.notified_on == NOTIFIED_ON
    assert case.defence_until == dt.date(2023, 7, 24)  # Wed + 3 working days
    assert case.hearing_request_until is None  # 1000 yuan to a firm: no hearing right


def test_decision_inside_the_defence_period_is_refused(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "notified")
    with pytest.raises(RuleError) as exc:
        _penalty(case, officer_town_a, dt.date(2023, 7, 24))
    assert exc.value.code == "defence_period_running"


def test_decision_the_working_day_after_the_defence_period_is_allowed(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "notified")
    case = _penalty(case, officer_town_a, dt.date(2023, 7, 25))
    assert case.status == CaseStatus.DECIDED


def test_a_fine_of_5000_to_an_individual_carries_the_hearing_right(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", party=individual_party(town_a), fine=Decimal("5000")
    )
    assert case.hearing_request_until == dt.date(2023, 7, 26)  # Wed + 5 working days


def test_decision_inside_the_hearing_request_period_is_refused(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", party=individual_party(town_a), fine=Decimal("5000")
    )
    with pytest.raises(RuleError) as exc:
        _penalty(case, officer_town_a, dt.date(2023, 7, 26))
    assert exc.value.code == "hearing_period_running" and "第六十四条" in str(exc.value)


def test_decision_the_working_day_after_the_hearing_request_period_is_allowed(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", party=individual_party(town_a), fine=Decimal("5000")
    )
    assert _penalty(case, officer_town_a, dt.date(2023, 7, 27)).status == CaseStatus.DECIDED


def test_a_fine_of_50000_to_an_organisation_waits_for_the_hearing_request_period(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", party=organisation_party(town_a), fine=Decimal("50000")
    )
    with pytest.raises(RuleError) as exc:
        _penalty(case, officer_town_a, dt.date(2023, 7, 25))
    assert exc.value.code == "hearing_period_running"
    assert _penalty(case, officer_town_a, dt.date(2023, 7, 27)).status == CaseStatus.DECIDED


def test_a_fine_below_50000_to_an_organisation_has_no_hearing_period(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", party=organisation_party(town_a), fine=Decimal("49999")
    )
    assert case.hearing_request_until is None
    assert _penalty(case, officer_town_a, dt.date(2023, 7, 25)).status == CaseStatus.DECIDED


def test_decision_is_refused_while_a_requested_hearing_is_not_held(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "hearing", party=individual_party(town_a), fine=Decimal("5000"), hearing=True
    )
    assert case.status == CaseStatus.HEARING and case.hearing_requested
    with pytest.raises(RuleError) as exc:
        _penalty(case, officer_town_a, dt.date(2023, 8, 10))
    assert exc.value.code == "hearing_not_held"


def test_decision_is_allowed_once_the_hearing_is_held(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "heard", party=individual_party(town_a), fine=Decimal("5000"), hearing=True
    )
    assert case.status == CaseStatus.NOTIFIED and case.hearing_held_on is not None
    case = _penalty(case, officer_town_a, dt.date(2023, 8, 10))
    assert case.status == CaseStatus.DECIDED


def test_hearing_cannot_be_requested_without_the_hearing_right(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "notified")
    with pytest.raises(RuleError) as exc:
        actions.request_hearing(case, actor=officer_town_a, on=dt.date(2023, 7, 20))
    assert exc.value.code == "no_hearing_right"


def test_hearing_requested_after_the_period_is_refused(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", party=individual_party(town_a), fine=Decimal("5000")
    )
    with pytest.raises(RuleError) as exc:
        actions.request_hearing(case, actor=officer_town_a, on=dt.date(2023, 7, 27))
    assert exc.value.code == "hearing_request_late"


# -- due dates -----------------------------------------------------------------------------


def test_decision_is_due_90_days_after_filing_by_its_strict_date(town_a, officer_town_a):
    # 2023-10-03 is in the National Day holiday: the agency's duty is not moved past it.
    case = make_ordinary_case(town_a, officer_town_a, "filed", filed_on=dt.date(2023, 7, 5))
    assert case.decision_due == dt.date(2023, 10, 3)


def test_an_approved_extension_moves_the_decision_due_date(town_a, officer_town_a, leader):
    case = make_ordinary_case(town_a, officer_town_a, "investigating")
    case = actions.extend_decision(
        case, actor=leader, days=30, reason="案情复杂，需补充鉴定", on=dt.date(2023, 9, 1)
    )
    assert case.decision_due == dt.date(2023, 11, 2)
    assert case.extensions.get().approver == leader


def test_an_officer_cannot_approve_an_extension(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "investigating")
    with pytest.raises(PermissionDenied):
        actions.extend_decision(
            case, actor=officer_town_a, days=30, reason="案情复杂", on=dt.date(2023, 9, 1)
        )


def _served_on_sept_20(town, handler, fine=Decimal("1000")):
    case = make_ordinary_case(town, handler, "decided", filed_on=dt.date(2023, 8, 30), fine=fine)
    assert case.decided_on == dt.date(2023, 9, 19)
    return actions.serve_decision(case, actor=handler, on=dt.date(2023, 9, 20))


def test_fine_served_before_national_day_is_payable_after_the_holiday(town_a, officer_town_a):
    # 15 days end on 2023-10-05, a holiday: the party's period runs to the next working day.
    case = _served_on_sept_20(town_a, officer_town_a)
    assert case.payment_due == dt.date(2023, 10, 7)


def test_decision_is_to_be_served_within_7_working_days(town_a, officer_town_a):
    case = _served_on_sept_20(town_a, officer_town_a)
    assert case.service_due == dt.date(2023, 9, 28)


def test_payment_in_time_carries_no_surcharge(town_a, officer_town_a):
    case = _served_on_sept_20(town_a, officer_town_a)
    case = actions.record_payment(case, actor=officer_town_a, amount=Decimal("1000"), on=dt.date(2023, 10, 7))
    assert case.surcharge == Decimal("0") and case.payment_status == PaymentStatus.PAID


def test_late_payment_adds_three_percent_a_day(town_a, officer_town_a):
    case = _served_on_sept_20(town_a, officer_town_a)
    case = actions.record_payment(
        case, actor=officer_town_a, amount=Decimal("1000"), on=dt.date(2023, 10, 17)
    )
    assert case.surcharge == Decimal("300.00")
    assert case.payment_status == PaymentStatus.DUE


def test_late_payment_surcharge_is_capped_at_the_fine(town_a, officer_town_a):
    case = _served_on_sept_20(town_a, officer_town_a)
    case = actions.record_payment(case, actor=officer_town_a, amount=Decimal("2000"), on=dt.date(2023, 12, 1))
    assert case.surcharge == Decimal("1000.00")
    assert case.payment_status == PaymentStatus.PAID


def test_case_cannot_be_closed_until_fine_and_surcharge_are_paid(town_a, officer_town_a):
    case = _served_on_sept_20(town_a, officer_town_a)
    case = actions.record_payment(
        case, actor=officer_town_a, amount=Decimal("1000"), on=dt.date(2023, 10, 17)
    )
    with pytest.raises(RuleError) as exc:
        actions.close_case(case, actor=officer_town_a, on=dt.date(2023, 10, 17))
    assert exc.value.code == "unpaid"
    case = actions.record_payment(case, actor=officer_town_a, amount=Decimal("300"), on=dt.date(2023, 10, 17))
    case = actions.close_case(case, actor=officer_town_a, on=dt.date(2023, 10, 17))
    assert case.status == CaseStatus.CLOSED and case.paid_amount == Decimal("1300")


def test_unpaid_fine_cannot_be_closed(town_a, officer_town_a):
    case = _served_on_sept_20(town_a, officer_town_a)
    with pytest.raises(RuleError, match="罚款尚未缴清"):
        actions.close_case(case, actor=officer_town_a, on=dt.date(2023, 9, 21))


def test_payment_with_nothing_due_is_refused(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "paid")
    with pytest.raises(RuleError) as exc:
        actions.record_payment(case, actor=officer_town_a, amount=Decimal("1"), on=case.paid_on)
    assert exc.value.code == "nothing_to_pay"


# -- optimistic locking ----------------------------------------------------------------------


def test_a_stale_expected_version_is_refused(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    stale = case.version - 1
    with pytest.raises(RuleError) as exc:
        actions.investigate(case, actor=officer_town_a, on=case.filed_on, expected_version=stale)
    assert exc.value.code == "stale_version"
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED


def test_the_current_expected_version_is_accepted(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "filed")
    case = actions.investigate(case, actor=officer_town_a, on=case.filed_on, expected_version=case.version)
    assert case.status == CaseStatus.INVESTIGATING


# -- deadlines ----------------------------------------------------------------------------------


def test_a_served_fine_has_deadlines_to_decide_serve_and_pay(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "served")
    rows = {d.key: d for d in Deadline.objects.filter(object_id=str(case.pk), content_type__model="case")}
    assert set(rows) == {"decide", "serve", "pay"}
    assert rows["decide"].closed_at is not None and rows["serve"].closed_at is not None
    assert rows["pay"].closed_at is None and rows["pay"].due_date == case.payment_due
    assert {d.owner_id for d in rows.values()} == {officer_town_a.pk}


def test_paying_closes_the_payment_deadline(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "paid")
    pay = Deadline.objects.get(object_id=str(case.pk), content_type__model="case", key="pay")
    assert pay.closed_at is not None


def test_handler_sees_a_decision_due_soon_on_the_workbench(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "investigating", filed_on=dt.date(2023, 7, 5))
    overdue, soon = deadlines.due_soon_for(officer_town_a, today=dt.date(2023, 9, 28))
    assert [(d.key, d.object_id, d.due_date) for d in soon] == [
        ("decide", str(case.pk), dt.date(2023, 10, 3))
    ]
    assert list(overdue) == []


def test_an_overdue_decision_is_listed_as_overdue(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "investigating", filed_on=dt.date(2023, 7, 5))
    overdue, _ = deadlines.due_soon_for(officer_town_a, today=dt.date(2023, 10, 9))
    assert [d.object_id for d in overdue] == [str(case.pk)]


def test_a_decision_due_soon_is_not_on_anothers_workbench(town_a, officer_town_a, reviewer):
    make_ordinary_case(town_a, officer_town_a, "investigating", filed_on=dt.date(2023, 7, 5))
    overdue, soon = deadlines.due_soon_for(reviewer, today=dt.date(2023, 9, 28))
    assert list(soon) == [] and list(overdue) == []


def test_a_withdrawn_case_leaves_the_workbench(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "investigating", filed_on=dt.date(2023, 7, 5))
    actions.withdraw(case, actor=officer_town_a, on=dt.date(2023, 9, 1))
    _, soon = deadlines.due_soon_for(officer_town_a, today=dt.date(2023, 9, 28))
    assert list(soon) == []


# -- statistics --------------------------------------------------------------------------------


def test_penalty_figures_count_summary_ordinary_and_entrusted_cases_apart(town_a, officer_town_a):
    make_summary_case(town_a, officer_town_a, fine=Decimal("100"))
    make_summary_case(town_a, officer_town_a, fine=Decimal("150"))
    make_ordinary_case(town_a, officer_town_a, "decided", fine=Decimal("1000"))
    make_ordinary_case(
        town_a, officer_town_a, "decided", fine=Decimal("3000"), matter=entrusted_matter(town_a)
    )
    make_summary_case(town_a, officer_town_a, fine=Decimal("50"), matter=entrusted_matter(town_a))
    make_ordinary_case(town_a, officer_town_a, "notified")  # not decided: not counted
    figures = statistics.penalty_figures(town_a, 2023)
    assert figures["summary"] == statistics.Figure(2, Decimal("250"))
    assert figures["ordinary"] == statistics.Figure(1, Decimal("1000"))
    assert figures["entrusted"] == statistics.Figure(2, Decimal("3050"))


def test_penalty_figures_leave_out_other_years_and_towns(town_a, town_b, officer_town_a, officer_town_b):
    make_summary_case(town_a, officer_town_a, on=dt.date(2022, 12, 30))
    make_summary_case(town_b, officer_town_b)
    figures = statistics.penalty_figures(town_a, 2023)
    assert figures["summary"] == statistics.Figure(0, Decimal("0"))


def test_penalty_figures_leave_out_decisions_without_a_penalty(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "case_review")
    actions.decide_case(
        case, actor=officer_town_a, decision_kind=DecisionKind.FIRST_VIOLATION, on=NOTIFIED_ON
    )
    assert statistics.penalty_figures(town_a, 2023)["ordinary"].cases == 0


def test_a_reviewer_of_the_town_may_review(town_a, officer_town_a):
    case = make_ordinary_case(town_a, officer_town_a, "legal_review", needs_legal_review=True)
    case = actions.review_case(case, actor=reviewer_of(town_a), passed=True, opinion="同意。", on=NOTIFIED_ON)
    assert case.status == CaseStatus.CASE_REVIEW


def test_a_decision_heavier_than_the_notice_is_refused(town_a, officer_town_a):
    case = make_ordinary_case(
        town_a, officer_town_a, "notified", party=individual_party(town_a), fine=Decimal("1000")
    )
    with pytest.raises(RuleError):
        _penalty(case, officer_town_a, dt.date(2023, 7, 25), fine=Decimal("6000"))
