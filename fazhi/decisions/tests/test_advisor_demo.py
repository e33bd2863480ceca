"""The legal advisor's demo step: Jiangkou's 2023 figures as the report gives them
(龙脊律师事务所, 30 contracts reviewed, 3 trainings and lectures, 1 decision
meeting), an engagement in force today, this year's open reviews with one overdue
and one due soon, everything written through the actions. A second run adds
nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, Deadline
from fazhi.decisions.demo import advisor as demo
from fazhi.decisions.models import AdvisorActivity, ContractReview, LegalAdvisor
from fazhi.decisions.statistics import advisor_figures

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    """The demo's foundation: the org tree, people and accounts."""
    return core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)


def test_the_2023_figures_are_those_of_the_report(ctx):
    demo.legal_advisor(ctx)
    figures = advisor_figures(ctx.objects["town"], 2023)
    assert (figures.firms, figures.contracts_reviewed, figures.trainings, figures.decision_meetings) == (
        ("龙脊律师事务所",), 30, 3, 1,
    )  # fmt: skip


def test_an_engagement_is_in_force_today(ctx):
    demo.legal_advisor(ctx)
    today = timezone.localdate()
    assert LegalAdvisor.objects.filter(starts_on__lte=today, ends_on__gte=today).count() == 1


def test_this_year_has_one_review_overdue_and_one_due_soon(ctx):
    demo.legal_advisor(ctx)
    today = timezone.localdate()
    open_ = list(ContractReview.objects.filter(reviewed_on__isnull=True))
    assert sorted(c.state() for c in open_) == ["审查中", "已逾期"]
    soon = next(c for c in open_ if c.state() == "审查中")
    assert today <= soon.due_on <= today + dt.timedelta(days=10)
    deadlines = Deadline.objects.filter(key="review", closed_at__isnull=True)
    assert sorted(d.object_id for d in deadlines) == sorted(str(c.pk) for c in open_)


def test_every_record_went_through_the_actions(ctx):
    demo.legal_advisor(ctx)
    contracts = ContractReview.objects.count()
    assert AuditEvent.objects.filter(action="decisions.contractreview.created").count() == contracts
    reviewed = ContractReview.objects.filter(reviewed_on__isnull=False).count()
    assert AuditEvent.objects.filter(action="decisions.contractreview.reviewed").count() == reviewed
    assert Deadline.objects.filter(key="review").count() == contracts
    assert AuditEvent.objects.filter(action="decisions.advisoractivity.created").count() == (
        AdvisorActivity.objects.count()
    )


def test_some_counterparties_are_natural_persons(ctx):
    from fazhi.decisions.models.advisor import looks_like_person_name

    demo.legal_advisor(ctx)
    names = ContractReview.objects.values_list("counterparty", flat=True)
    assert any(looks_like_person_name(n) for n in names) and not all(looks_like_person_name(n) for n in names)


def test_a_second_run_adds_nothing(ctx):
    demo.legal_advisor(ctx)
    counts = (LegalAdvisor.objects.count(), ContractReview.objects.count(), AdvisorActivity.objects.count())
    events = AuditEvent.objects.count()
    demo.legal_advisor(ctx)
    assert (
        LegalAdvisor.objects.count(),
        ContractReview.objects.count(),
        AdvisorActivity.objects.count(),
    ) == counts
    assert AuditEvent.objects.count() == events
