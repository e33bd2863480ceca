"""The emergency demo step: Jiangkou's 12 drills of 2023 (report-figures.md row 12),
plans across the four categories with one revision overdue today and one due
within the month, the militia team and village teams with members and equipment,
everything written through the actions. A second run adds nothing."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, Deadline, Post, User
from fazhi.emergency import demo
from fazhi.emergency.choices import PlanCategory, PlanStatus, TeamKind
from fazhi.emergency.models import Drill, EmergencyPlan, EmergencyTeam, PlanVersion, TeamEquipment, TeamMember
from fazhi.emergency.statistics import drill_figures

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    """The demo's foundation: the org tree, people and accounts."""
    return core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)


def test_2023_has_the_reports_12_drills(ctx):
    demo.emergency(ctx)
    figures = drill_figures(ctx.objects["town"], 2023)
    assert figures.total == 12
    assert {k for k, n in figures.by_kind.items() if n} >= {"geological_hazard", "flood", "fire_evacuation",
                                                            "forest_fire"}  # fmt: skip
    assert (
        len({d.month for d in Drill.objects.filter(held_on__year=2023).values_list("held_on", flat=True)})
        >= 9
    )
    places = set(
        Drill.objects.filter(kind="fire_evacuation", held_on__year=2023).values_list("place", flat=True)
    )
    assert any("小学" in p for p in places) and any("市场" in p for p in places)


def test_later_years_have_drills_too_and_none_in_the_future(ctx):
    demo.emergency(ctx)
    years = set(Drill.objects.values_list("held_on__year", flat=True))
    assert {2024, 2025, 2026} <= years
    assert not Drill.objects.filter(held_on__gt=timezone.localdate()).exists()


def test_the_plans_cover_the_four_categories_with_one_overdue_and_one_due_soon(ctx):
    demo.emergency(ctx)
    today = timezone.localdate()
    assert 6 <= EmergencyPlan.objects.count() <= 8
    assert set(EmergencyPlan.objects.values_list("category", flat=True)) == set(PlanCategory.values)
    in_force = EmergencyPlan.objects.filter(status=PlanStatus.IN_FORCE)
    assert in_force.filter(next_revision_due__lt=today).count() == 1
    assert (
        in_force.filter(
            next_revision_due__gte=today, next_revision_due__lte=today + dt.timedelta(days=31)
        ).count()
        == 1
    )
    assert PlanVersion.objects.count() > EmergencyPlan.objects.count()  # some plans were revised
    open_ = Deadline.objects.filter(key="revise", closed_at__isnull=True)
    assert open_.count() == in_force.count()


def test_the_revision_deadlines_reach_the_emergency_post_holder(ctx):
    from fazhi.core import deadlines

    demo.emergency(ctx)
    officer = User.objects.get(username="officer")
    assert Post.objects.get(code="PA-05").holders.filter(pk=officer.person_id).exists()
    overdue, _ = deadlines.due_soon_for(officer)
    assert overdue.filter(key="revise").count() == 1


def test_the_militia_and_village_teams_have_members_and_equipment(ctx):
    demo.emergency(ctx)
    kinds = list(EmergencyTeam.objects.values_list("kind", flat=True))
    assert kinds.count(TeamKind.MILITIA) == 1 and kinds.count(TeamKind.VILLAGE) >= 2
    for team in EmergencyTeam.objects.all():
        assert (
            TeamMember.objects.filter(team=team).exists() and TeamEquipment.objects.filter(team=team).exists()
        )


def test_every_record_went_through_the_actions(ctx):
    demo.emergency(ctx)
    for action, model in [("emergency.emergencyplan.created", EmergencyPlan), ("emergency.drill.created", Drill),
                          ("emergency.emergencyteam.created", EmergencyTeam),
                          ("emergency.teammember.created", TeamMember),
                          ("emergency.teamequipment.created", TeamEquipment)]:  # fmt: skip
        assert AuditEvent.objects.filter(action=action).count() == model.objects.count(), action
    assert AuditEvent.objects.filter(action="emergency.emergencyplan.revised").count() == (
        PlanVersion.objects.count() - EmergencyPlan.objects.count()
    )


def test_a_second_run_adds_nothing(ctx):
    demo.emergency(ctx)
    events = AuditEvent.objects.count()
    counts = [
        m.objects.count()
        for m in (EmergencyPlan, PlanVersion, Drill, EmergencyTeam, TeamMember, TeamEquipment)
    ]
    demo.emergency(ctx)
    assert [m.objects.count() for m in (EmergencyPlan, PlanVersion, Drill, EmergencyTeam, TeamMember,
                                        TeamEquipment)] == counts  # fmt: skip
    assert AuditEvent.objects.count() == events


def test_the_step_takes_a_few_seconds(ctx):
    started = time.perf_counter()
    demo.emergency(ctx)
    assert time.perf_counter() - started < 10
