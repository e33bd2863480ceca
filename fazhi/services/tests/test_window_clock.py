"""The clock of an application (fazhi/services/actions/window.py): due dates in working
days from acceptance (行政许可法 第42、82条), pauses that are not counted (第45条),
the one extension (第42条), the working days used, and the stored Deadline rows that
follow every step.

The 2023 calendar (seeded from the State Council notice): 2023-09-29..10-06 are off
for the Mid-Autumn Festival and National Day; Saturday 10-07 and Sunday 10-08 are
worked. Every expected date below is counted by hand in its comment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from fazhi.core import workdays
from fazhi.core.models import AuditEvent, Deadline
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationOutcome, ApplicationState, DeliveryMethod, PauseReason
from fazhi.services.models import Application
from fazhi.services.tests.factories_window import accepted, clerk_of, leader_of, make_application, make_item
from fazhi.services.tests.test_window_actions import refused

pytestmark = pytest.mark.django_db

D = dt.date
S = ApplicationState

# Accepted Mon 2023-09-25. Working days after it: 09-26 (1), 09-27 (2), 09-28 (3),
# [09-29..10-06 off], 10-07 (4), 10-08 (5), 10-09 (6), 10-10 (7), 10-11 (8), 10-12 (9),
# 10-13 (10), 10-16 (11), 10-17 (12), 10-18 (13), 10-19 (14), 10-20 (15), 10-23 (16),
# 10-24 (17), 10-25 (18), 10-26 (19), 10-27 (20), 10-30 (21), 10-31 (22), 11-01 (23),
# 11-02 (24), 11-03 (25), 11-06 (26), 11-07 (27), 11-08 (28), 11-09 (29), 11-10 (30).
SEPT = D(2023, 9, 25)
# Accepted Mon 2023-11-06, a plain month: 11-07 (1) … 11-27 (15) … 12-04 (20).
NOV = D(2023, 11, 6)


def deadline(app: Application, key: str) -> Deadline | None:
    ct = ContentType.objects.get_for_model(Application)
    return Deadline.objects.filter(content_type=ct, object_id=str(app.pk), key=key).first()


def due(app: Application) -> tuple[D | None, D | None]:
    app.refresh_from_db()
    return app.due_on, app.promised_due_on


# -- working days ---------------------------------------------------------------------------------


def test_working_days_between_skip_the_holiday_and_count_the_worked_weekend():
    assert (
        workdays.working_days_between(D(2023, 9, 27), D(2023, 10, 10)) == 5
    )  # 09-28, 10-07, 10-08, 10-09, 10-10
    assert workdays.working_days_between(D(2023, 9, 28), D(2023, 10, 6)) == 0
    assert workdays.working_days_between(D(2023, 11, 8), D(2023, 11, 13)) == 3  # 11-09, 11-10, 11-13
    assert workdays.working_days_between(D(2023, 11, 13), D(2023, 11, 8)) == 0


# -- the due dates --------------------------------------------------------------------------------


def test_acceptance_sets_both_due_dates_in_working_days_across_the_holiday(town_a):
    app = accepted(make_item(town_a, statutory_days=20, promised_days=15), on=SEPT)
    assert due(app) == (D(2023, 10, 27), D(2023, 10, 20))  # the 20th and the 15th working day
    assert app.decision_due_on == D(2023, 10, 20)
    assert deadline(app, "decide").due_date == D(2023, 10, 20) and deadline(app, "decide").closed_at is None


def test_an_item_without_a_statutory_limit_has_only_the_promise(town_a):
    app = accepted(make_item(town_a, statutory_days=None, promised_days=3), on=SEPT)
    assert due(app) == (None, D(2023, 9, 28))
    assert deadline(app, "decide").due_date == D(2023, 9, 28)


def test_a_pause_of_three_working_days_moves_both_due_dates_by_three(town_a):
    app = accepted(make_item(town_a), on=NOV)
    assert due(app) == (D(2023, 12, 4), D(2023, 11, 27))
    clerk = clerk_of(town_a)
    actions.pause(app, actor=clerk, reason=PauseReason.EXPERT, note="组织专家评审", on=D(2023, 11, 8))
    assert due(app) == (D(2023, 12, 4), D(2023, 11, 27))  # nothing moves until the clock resumes
    app = actions.resume(app, actor=clerk, on=D(2023, 11, 13))  # not counted: 11-09, 11-10, 11-13
    assert app.pauses.get().days == 3 and app.paused_days == 3
    # 11-27 + 3 working days: 11-28, 11-29, 11-30; 12-04 + 3: 12-05, 12-06, 12-07.
    assert due(app) == (D(2023, 12, 7), D(2023, 11, 30))
    assert deadline(app, "decide").due_date == D(2023, 11, 30)


def test_a_pause_of_three_working_days_across_the_national_day(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    clerk = clerk_of(town_a)
    actions.pause(app, actor=clerk, reason=PauseReason.TESTING, on=D(2023, 9, 27))
    # Not counted: 09-28, then 09-29..10-06 are off anyway, then the worked 10-07 and 10-08.
    app = actions.resume(app, actor=clerk, on=D(2023, 10, 8))
    assert app.paused_days == 3
    # 10-20 + 3: 10-23, 10-24, 10-25; 10-27 + 3: 10-30, 10-31, 11-01.
    assert due(app) == (D(2023, 11, 1), D(2023, 10, 25))


def test_a_pause_from_before_the_holiday_to_after_it(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    clerk = clerk_of(town_a)
    actions.pause(app, actor=clerk, reason=PauseReason.HEARING, on=D(2023, 9, 27))
    # Not counted: 09-28, 10-07, 10-08, 10-09, 10-10 = 5 working days in 13 calendar days.
    app = actions.resume(app, actor=clerk, on=D(2023, 10, 10))
    assert app.paused_days == 5
    # 10-20 + 5: 10-23 … 10-27; 10-27 + 5: 10-30, 10-31, 11-01, 11-02, 11-03.
    assert due(app) == (D(2023, 11, 3), D(2023, 10, 27))


def test_two_pauses_add_up(town_a):
    app = accepted(make_item(town_a), on=NOV)
    clerk = clerk_of(town_a)
    actions.pause(app, actor=clerk, reason=PauseReason.TESTING, on=D(2023, 11, 8))
    actions.resume(app, actor=clerk, on=D(2023, 11, 13))  # 3: 11-09, 11-10, 11-13
    actions.pause(app, actor=clerk, reason=PauseReason.APPRAISAL, on=D(2023, 11, 15))
    app = actions.resume(app, actor=clerk, on=D(2023, 11, 16))  # 1: 11-16
    assert app.paused_days == 4 and list(app.pauses.values_list("days", flat=True)) == [3, 1]
    # 11-27 + 4: 11-28, 11-29, 11-30, 12-01; 12-04 + 4: 12-05 … 12-08.
    assert due(app) == (D(2023, 12, 8), D(2023, 12, 1))


def test_the_decision_deadline_is_suspended_while_the_clock_stands(town_a):
    app = accepted(make_item(town_a), on=NOV)
    clerk = clerk_of(town_a)
    actions.pause(app, actor=clerk, reason=PauseReason.EXPERT, on=D(2023, 11, 8))
    row = deadline(app, "decide")
    assert row is None or row.closed_at is not None  # off the workbench while paused
    app = actions.resume(app, actor=clerk, on=D(2023, 11, 13))
    row = deadline(app, "decide")
    assert row.due_date == D(2023, 11, 30) and row.closed_at is None


def test_no_decision_while_the_clock_stands(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    actions.pause(app, actor=clerk_of(town_a), reason=PauseReason.EXPERT, on=D(2023, 9, 26))
    refused(lambda: actions.decide(app, actor=clerk_of(town_a), outcome=ApplicationOutcome.APPROVED,
                                   on=D(2023, 9, 27)), app=app, code="paused", match="中止计时期间不能作出决定")  # fmt: skip


def test_the_rules_of_a_pause(town_a):
    clerk = clerk_of(town_a)
    received = make_application(make_item(town_a))
    refused(lambda: actions.pause(received, actor=clerk, reason=PauseReason.EXPERT, on=D(2023, 9, 26)),
            app=received, code="transition_forbidden")  # fmt: skip
    app = accepted(make_item(town_a), on=SEPT)
    refused(lambda: actions.pause(app, actor=clerk, reason="holiday", on=D(2023, 9, 26)), app=app,
            code="pause_reason", match="行政许可法第四十五条")  # fmt: skip
    refused(lambda: actions.resume(app, actor=clerk, on=D(2023, 9, 26)), app=app, code="not_paused")
    refused(lambda: actions.pause(app, actor=clerk, reason=PauseReason.EXPERT, on=D(2023, 9, 24)), app=app,
            code="date_order", match="不能早于受理日期")  # fmt: skip
    actions.pause(app, actor=clerk, reason=PauseReason.EXPERT, on=D(2023, 9, 26))
    refused(lambda: actions.pause(app, actor=clerk, reason=PauseReason.HEARING, on=D(2023, 9, 27)), app=app,
            code="already_paused")  # fmt: skip
    refused(lambda: actions.resume(app, actor=clerk, on=D(2023, 9, 25)), app=app, code="date_order")
    actions.resume(app, actor=clerk, on=D(2023, 9, 28))
    refused(lambda: actions.pause(app, actor=clerk, reason=PauseReason.HEARING, on=D(2023, 9, 27)), app=app,
            code="date_order", match="上次恢复计时日期")  # fmt: skip


# -- the extension (第42条) --------------------------------------------------------------------------


def test_a_leader_extends_the_statutory_limit_by_ten_working_days_once(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    leader = leader_of(town_a)
    app = actions.extend(app, actor=leader, reason="需征求县级部门意见", on=D(2023, 10, 27))  # the last day
    # 10-27 + 10 working days: 10-30, 10-31, 11-01, 11-02, 11-03, 11-06, 11-07, 11-08, 11-09, 11-10.
    assert due(app) == (D(2023, 11, 10), D(2023, 10, 20))  # the promise does not move
    assert (app.extension_approved_by, app.extension_reason) == (leader, "需征求县级部门意见")
    refused(lambda: actions.extend(app, actor=leader, reason="再次延期", on=D(2023, 11, 1)), app=app,
            code="extension_once", match="办理期限只能延长一次（行政许可法第四十二条）")  # fmt: skip


def test_only_a_leader_extends_with_a_reason_before_the_limit_runs_out(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    refused(lambda: actions.extend(app, actor=clerk_of(town_a), reason="情况复杂", on=D(2023, 10, 9)), app=app,
            error=PermissionDenied, match="批准延长办理期限")  # fmt: skip
    leader = leader_of(town_a)
    refused(lambda: actions.extend(app, actor=leader, reason=" ", on=D(2023, 10, 9)), app=app,
            code="reason_required", match="行政许可法第四十二条")  # fmt: skip
    refused(lambda: actions.extend(app, actor=leader, reason="情况复杂", on=D(2023, 10, 30)), app=app,
            code="extension_too_late", match="原期限（2023-10-27）届满前")  # fmt: skip


def test_an_item_without_a_statutory_limit_is_not_extended(town_a):
    app = accepted(make_item(town_a, statutory_days=None, promised_days=10), on=SEPT)
    refused(lambda: actions.extend(app, actor=leader_of(town_a), reason="情况复杂", on=D(2023, 9, 26)), app=app,
            code="no_statutory_limit")  # fmt: skip


def test_a_pause_and_the_extension_add_up(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    clerk = clerk_of(town_a)
    actions.pause(app, actor=clerk, reason=PauseReason.TESTING, on=D(2023, 9, 27))
    actions.resume(app, actor=clerk, on=D(2023, 10, 8))  # 3 working days
    app = actions.extend(app, actor=leader_of(town_a), reason="检测结果需复核", on=D(2023, 10, 9))
    # 20 + 3 → 11-01; + 10: 11-02, 11-03, 11-06 … 11-10, 11-13, 11-14, 11-15.
    assert due(app) == (D(2023, 11, 15), D(2023, 10, 25))


# -- the working days used -----------------------------------------------------------------------


def test_the_working_days_used_leave_out_the_pauses(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    clerk = clerk_of(town_a)
    actions.pause(app, actor=clerk, reason=PauseReason.EXPERT, on=D(2023, 9, 27))
    actions.resume(app, actor=clerk, on=D(2023, 10, 8))  # 3 working days
    app = actions.decide(app, actor=clerk, outcome=ApplicationOutcome.APPROVED, on=D(2023, 10, 12))
    # 09-26, 09-27, 09-28, 10-07, 10-08, 10-09, 10-10, 10-11, 10-12 = 9, less the 3 paused.
    assert app.working_days_used == 6


def test_a_decision_on_the_day_of_acceptance_used_no_working_day(town_a):
    app = accepted(make_item(town_a, statutory_days=0, promised_days=0), on=SEPT)
    assert due(app) == (SEPT, SEPT)
    app = actions.decide(app, actor=clerk_of(town_a), outcome=ApplicationOutcome.APPROVED, on=SEPT)
    assert app.working_days_used == 0


# -- the deadline rows follow the steps --------------------------------------------------------------


def test_the_deadline_rows_follow_each_step(town_a):
    clerk = clerk_of(town_a)
    app = make_application(make_item(town_a), submitted_on=SEPT)
    # Receipt: accept, refuse or notify within 5 working days: 09-26 … 10-08.
    row = deadline(app, "accept")
    assert (row.due_date, row.closed_at, row.owner, row.citation) == (
        D(2023, 10, 8),
        None,
        clerk,
        "行政许可法第三十二条",
    )
    assert deadline(app, "decide") is None and deadline(app, "deliver") is None
    app = actions.accept(app, actor=clerk, on=D(2023, 9, 26))
    assert deadline(app, "accept").closed_at is not None
    # Accepted 09-26: the 15th working day after it is 10-23.
    assert deadline(app, "decide").due_date == D(2023, 10, 23) and deadline(app, "decide").closed_at is None
    app = actions.decide(app, actor=clerk, outcome=ApplicationOutcome.APPROVED, on=D(2023, 10, 12))
    assert deadline(app, "decide").closed_at is not None
    # An approval is delivered within 10 working days (第44条): 10-13, 10-16 … 10-26.
    row = deadline(app, "deliver")
    assert (row.due_date, row.closed_at, row.citation) == (D(2023, 10, 26), None, "行政许可法第四十四条")
    actions.deliver(app, actor=clerk, method=DeliveryMethod.WINDOW, on=D(2023, 10, 13))
    assert deadline(app, "deliver").closed_at is not None


def test_a_notice_closes_the_acceptance_deadline_and_a_supplement_reopens_it(town_a):
    clerk = clerk_of(town_a)
    app = make_application(make_item(town_a), materials=[], submitted_on=SEPT)
    actions.issue_notice(app, actor=clerk, on=D(2023, 9, 26))
    assert deadline(app, "accept").closed_at is not None
    actions.supplement(app, actor=clerk, materials=["申请书"], on=D(2023, 10, 9))
    row = deadline(app, "accept")
    assert row.closed_at is None and row.due_date == D(2023, 10, 16)  # 10-10 … 10-13, 10-16


def test_a_denial_has_nothing_to_deliver_by_a_date(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    actions.decide(app, actor=clerk_of(town_a), outcome=ApplicationOutcome.DENIED, note="不符合条件",
                   on=D(2023, 9, 28))  # fmt: skip
    assert deadline(app, "deliver") is None


def test_a_withdrawal_ends_the_clock_and_leaves_no_open_deadline(town_a):
    clerk = clerk_of(town_a)
    app = accepted(make_item(town_a), on=SEPT)
    actions.pause(app, actor=clerk, reason=PauseReason.EXPERT, on=D(2023, 9, 26))
    assert deadline(app, "accept").closed_at is not None
    app = actions.withdraw(app, actor=clerk, note="申请人书面撤回", on=D(2023, 9, 28))
    assert (app.status, app.withdrawn_on, app.due_on, app.promised_due_on) == (
        S.WITHDRAWN,
        D(2023, 9, 28),
        None,
        None,
    )
    assert app.pauses.get().ended_on == D(2023, 9, 28)  # the open pause ends with it
    ct = ContentType.objects.get_for_model(Application)
    assert not Deadline.objects.filter(
        content_type=ct, object_id=str(app.pk), closed_at__isnull=True
    ).exists()
    ev = AuditEvent.objects.get(action="services.application.withdrawn", target_id=str(app.pk))
    assert ev.actor_id == clerk.pk and ev.message == "申请人书面撤回"
    received = make_application(make_item(town_a), submitted_on=SEPT)
    actions.withdraw(received, actor=clerk, on=D(2023, 9, 26))
    assert deadline(received, "accept").closed_at is not None


def test_no_withdrawal_after_the_decision(town_a):
    app = accepted(make_item(town_a), on=SEPT)
    app = actions.decide(app, actor=clerk_of(town_a), outcome=ApplicationOutcome.APPROVED, on=D(2023, 9, 28))
    refused(lambda: actions.withdraw(app, actor=clerk_of(town_a), on=D(2023, 10, 9)), app=app,
            code="transition_forbidden", match="不能撤回")  # fmt: skip
