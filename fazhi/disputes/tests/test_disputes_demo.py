"""The disputes demo step: on the foundation and the mediation step, Jiangkou's 2023
gives the report's 718 disputes closed in the year, each with its steps and audit
events; this year has a dispute at every stage, a judicial confirmation due within
days and one overdue; a second run adds nothing. The bulk path writes what the
actions write."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, Deadline, User
from fazhi.disputes.choices import AgreementForm, DisputeStatus, RiskLevel
from fazhi.disputes.demo import disputes as demo
from fazhi.disputes.models import Dispute, DisputeStep
from fazhi.disputes.statistics.disputes import dispute_figures
from fazhi.disputes.tests.factories_disputes import committee_with_mediators, mediator_account, party
from fazhi.disputes.tests.factories_mediation import village_of

pytestmark = pytest.mark.django_db


def _mediation_steps():
    return [fn for order, _, fn in sorted(core_demo._STEPS, key=lambda s: (s[0], s[1])) if order == 60]


@pytest.fixture
def ctx():
    """The foundation (org tree, people, accounts) and the mediation step (committees, mediators, rooms)."""
    context = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    for fn in _mediation_steps():
        fn(context)
    return context


def test_2023_has_the_reports_718_disputes_closed(ctx):
    demo.disputes(ctx)
    town = ctx.objects["town"]
    figures = dispute_figures(town, 2023)
    assert figures.closed == 718
    assert 0.85 < figures.resolved / figures.closed < 1 and figures.high_risk > 0
    assert len([r for r in figures.by_village if r.closed]) == 36 and len(figures.by_category) == 8
    months = {
        d.month for d in Dispute.objects.filter(closed_on__year=2023).values_list("closed_on", flat=True)
    }
    assert months == set(range(1, 13))


def test_every_closed_dispute_has_its_steps_and_events(ctx):
    demo.disputes(ctx)
    closed = Dispute.objects.filter(status=DisputeStatus.CLOSED)
    assert not closed.filter(follow_up_on__isnull=True).exists()
    dispute = closed.filter(closed_on__year=2023).order_by("?").first()
    actions = list(dispute.steps.values_list("action", flat=True))
    assert actions[:3] == ["register", "assign", "start"] and actions[-2:] == ["follow_up", "close"]
    events = AuditEvent.objects.filter(target_type="disputes.dispute", target_id=str(dispute.pk))
    assert events.count() == len(actions)
    assert DisputeStep.objects.filter(action="register").count() == Dispute.objects.count()


def test_2022_has_a_few_disputes(ctx):
    demo.disputes(ctx)
    assert Dispute.objects.filter(registered_on__year=2022).count() == demo.EARLIER_2022 + 3


def test_this_year_has_every_stage_and_the_two_confirmation_deadlines(ctx):
    demo.disputes(ctx)
    today = timezone.localdate()
    open_ = Dispute.objects.filter(registered_on__year=today.year).exclude(status=DisputeStatus.CLOSED)
    stages = set(open_.values_list("status", flat=True))
    assert stages == {DisputeStatus.REGISTERED, DisputeStatus.ASSIGNED, DisputeStatus.MEDIATING,
                      DisputeStatus.RESOLVED, DisputeStatus.UNRESOLVED}  # fmt: skip
    assert open_.filter(risk_level=RiskLevel.HIGH).exists()
    grid = User.objects.get(username="grid")
    assert (
        Dispute.objects.visible_to(grid).filter(registered_by=grid, status=DisputeStatus.REGISTERED).exists()
    )
    open_deadlines = Deadline.objects.filter(key="judicial_confirmation", closed_at__isnull=True)
    dues = sorted(d.due_date for d in open_deadlines)
    assert len(dues) == 2 and dues[0] < today <= dues[1] <= today + dt.timedelta(days=7)
    assert {d.owner.username for d in open_deadlines} == {"mediator"}


def test_a_second_run_adds_nothing(ctx):
    demo.disputes(ctx)
    count = Dispute.objects.count()
    demo.disputes(ctx)
    assert Dispute.objects.count() == count


def _plan(village, committee, mediators, registrar, parties) -> demo.Plan:
    return demo.Plan(
        village=village, category="labour", source="walk_in", risk=RiskLevel.MEDIUM, summary="拖欠工资纠纷（示例）",
        amount=None, people=3, parties=parties, registered_on=dt.date(2023, 5, 2),
        committee=committee, mediators=mediators, room=None, assigned_on=dt.date(2023, 5, 3),
        started_on=dt.date(2023, 5, 4), resolved_on=dt.date(2023, 5, 10), agreement_form=AgreementForm.WRITTEN,
        confirmation=True, applied_on=dt.date(2023, 5, 15), follow_up_on=dt.date(2023, 5, 25),
        closed_on=dt.date(2023, 5, 26), registrar=registrar, extra={"ruling_on": dt.date(2023, 5, 20)},
    )  # fmt: skip


def _written(dispute):
    events = AuditEvent.objects.filter(target_type="disputes.dispute", target_id=str(dispute.pk)).order_by(
        "seq"
    )
    skip = {"id", "number"}

    def values(text):
        return {k: v for k, v in json.loads(text or "{}").items() if k not in skip}

    return (
        [(s.action, s.label, s.on, s.note, s.actor_id) for s in dispute.steps.all()],
        [(e.action, values(e.old_values), values(e.new_values), e.message) for e in events],
        [(p.name, p.resident_id, p.phone) for p in dispute.parties.all()],
        sorted(dispute.mediators.values_list("pk", flat=True)),
        [
            (d.key, d.due_date, d.closed_at is not None)
            for d in Deadline.objects.filter(object_id=str(dispute.pk))
        ],
    )


def test_the_bulk_path_writes_what_the_actions_write(town_a):
    village = village_of(town_a)
    committee, mediators = committee_with_mediators(town_a)
    actor = mediator_account(town_a)
    parties = [party(name="甲某"), party(name="乙某")]
    through_actions = demo._through_actions(_plan(village, committee, mediators, actor, parties), actor)
    (bulk,) = demo.load_bulk([_plan(village, committee, mediators, actor, parties)], town=town_a, actor=actor)
    fields = [f.attname for f in Dispute._meta.concrete_fields
              if f.name not in ("id", "number", "created_at", "updated_at")]  # fmt: skip
    bulk.refresh_from_db()
    assert {f: getattr(bulk, f) for f in fields} == {f: getattr(through_actions, f) for f in fields}
    assert _written(bulk) == _written(through_actions)
    assert (through_actions.number, bulk.number) == ("江口调〔2023〕1号", "江口调〔2023〕2号")
