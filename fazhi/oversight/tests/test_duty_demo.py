"""The leaders' duty demo step: Jiangkou's 2023 plan on the board (one task late),
the leading group headed by 周志勇, two admonition talks followed up, the duty
reports, one special meeting in every quarter of 2023 and a quarter without one
in 2024, the enforcement responsibility records of the demo's officers and
row 7 (55 officers, all trained and passed); this year's board has an overdue
task and one due soon. A second run adds nothing.

The enforcement step (its 55 officers and their yearly rows) is slow to load,
so the behaviours are checked on one load."""

import datetime as dt
import random
import time

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.deadlines import due_soon_for
from fazhi.core.models import AuditEvent, User
from fazhi.enforcement import demo as enforcement_demo
from fazhi.enforcement.models import Officer
from fazhi.oversight import demo_duty, statistics_duty
from fazhi.oversight.choices import GroupRole, TaskStatus
from fazhi.oversight.models import (
    Admonition,
    ConductTraining,
    DutyReport,
    LeadingGroupMember,
    Meeting,
    OfficerAssessment,
    OfficerPost,
    Task,
)

pytestmark = pytest.mark.django_db(transaction=False)

MODELS = (
    Task,
    LeadingGroupMember,
    Admonition,
    DutyReport,
    Meeting,
    OfficerPost,
    ConductTraining,
    OfficerAssessment,
)


@pytest.fixture
def ctx():
    """The demo's foundation, the enforcement step (officers and their years), then this step."""
    context = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    enforcement_demo.enforcement(context)
    started = time.perf_counter()
    demo_duty.leaders_duty(context)
    context.objects["duty_seconds"] = time.perf_counter() - started
    print(f"leaders_duty: {context.objects['duty_seconds']:.2f} s")
    return context


def test_the_demo_gives_the_reports_figures_and_this_years_warnings(ctx):
    town, today = ctx.objects["town"], timezone.localdate()
    # Row 7: 55 certified officers, all trained and passed ("均").
    training = statistics_duty.officer_training(town, 2023)
    assert (training.certified, training.trained_and_passed, training.all_done) == (55, 55, True)
    # Row 21: exactly one special meeting in each quarter of 2023; 2024 lacks its third.
    q2023 = statistics_duty.meeting_quarters(town, 2023)
    assert [q.count for q in q2023.quarters] == [1, 1, 1, 1] and q2023.every_quarter
    assert Meeting.objects.filter(org_unit=town, on__year=2023).exclude(kind="special").exists()
    assert statistics_duty.meeting_quarters(town, 2024).missing == [3]
    assert statistics_duty.meeting_quarters(town, today.year).missing == []
    # The 2023 board: twelve tasks, all done, one late.
    done = statistics_duty.task_completion(town, 2023).total
    assert (done.total, done.on_time, done.late, done.open) == (12, 11, 1, 0)
    # The leading group, the talks and the duty reports.
    head = LeadingGroupMember.objects.get(org_unit=town, role=GroupRole.HEAD)
    assert head.user.username == "leader" and head.display_name == "周志勇"
    assert Admonition.objects.filter(on__year=2023, follow_up_done_on__isnull=False).count() == 2
    assert DutyReport.objects.filter(year=2023).count() == 2
    # The officers' posts, the quarterly trainings and the yearly assessments.
    officers = Officer.objects.filter(org_unit=town).count()
    assert OfficerPost.objects.count() == officers == OfficerAssessment.objects.filter(year=2023).count()
    assert sorted(ConductTraining.objects.filter(on__year=2023).values_list("quarter", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    # This year: tasks in progress, one overdue and one due within days on the lead leader's workbench.
    current = Task.objects.filter(plan__year=today.year)
    assert current.filter(status=TaskStatus.IN_PROGRESS).count() >= 2
    overdue = [t for t in current if t.is_overdue(today)]
    assert len(overdue) == 1
    soon = [
        t
        for t in current
        if not t.is_overdue(today) and t.status != "done" and t.due_on <= today + dt.timedelta(days=7)
    ]
    assert len(soon) == 1
    late, due_soon = due_soon_for(User.objects.get(username="leader"), today=today, working_days=10)
    assert late.filter(object_id=str(overdue[0].pk)).exists()
    assert due_soon.filter(object_id=str(soon[0].pk)).exists()
    # A few seconds at most.
    assert ctx.objects["duty_seconds"] < 10


def test_a_second_run_adds_nothing(ctx):
    counts = [m.objects.count() for m in MODELS]
    events = AuditEvent.objects.count()
    ctx.rng = random.Random(f"{core_demo.SEED}:{demo_duty.__name__}.leaders_duty")  # as load() seeds a step
    demo_duty.leaders_duty(ctx)
    assert [m.objects.count() for m in MODELS] == counts
    assert AuditEvent.objects.count() == events
