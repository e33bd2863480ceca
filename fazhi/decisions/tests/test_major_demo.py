"""The demo step of major decisions: two 2023 decisions through all five steps,
and this year's catalogue with a draft out for comment today, a review under way
and one overdue matter. A second run adds nothing."""

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, Deadline
from fazhi.decisions.choices import DecisionStatus, StepState
from fazhi.decisions.demo import major as demo
from fazhi.decisions.models import DecisionStep, MajorDecision

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    return core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)


def test_the_demo_has_decided_files_and_open_ones(ctx):
    demo.major_decisions(ctx)
    town = ctx.objects["town"]
    decided = MajorDecision.objects.filter(org_unit=town, decided_on__year=2023)
    assert decided.count() == 2
    assert all(d.status == DecisionStatus.IMPLEMENTING for d in decided)
    assert all(s.finished for d in decided for s in d.steps.all())
    today = timezone.localdate()
    open_for_comment = DecisionStep.objects.filter(
        decision__org_unit=town, code="public_participation", state=StepState.STARTED,
        comment_starts_on__lte=today, comment_ends_on__gte=today,
    )  # fmt: skip
    assert open_for_comment.count() == 1
    review = Deadline.objects.get(key="legality_review", closed_at__isnull=True)
    assert today <= review.due_date
    assert Deadline.objects.filter(key="complete", closed_at__isnull=True, due_date__lt=today).count() == 1
    assert AuditEvent.objects.filter(action="decisions.majordecision.deliberated").count() == 2
    before = MajorDecision.objects.count()
    demo.major_decisions(ctx)
    assert MajorDecision.objects.count() == before
