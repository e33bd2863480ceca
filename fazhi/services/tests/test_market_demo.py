"""The market entities' demo step: Jiangkou's 2023 figures as the report gives them
(1,005 new market entities: 402 enterprises, 603 individual businesses), valid
credit codes, villages spread, other years around, a few cancelled, a dozen
visits with one follow-up overdue, everything with its audit event, loaded in a
few seconds. A second run adds nothing."""

import time

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, Deadline
from fazhi.core.validators import is_valid_uscc
from fazhi.services.actions import market as actions
from fazhi.services.demo import market as demo
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.statistics import market_figures

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    """The demo's foundation: the org tree, people and accounts."""
    return core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)


@pytest.fixture
def loaded(ctx, capsys):
    started = time.perf_counter()
    demo.market_entities(ctx)
    with capsys.disabled():
        print(f"\n[market demo step] {time.perf_counter() - started:.2f}s")
    return ctx


def test_the_2023_figures_are_those_of_the_report(loaded):
    figures = market_figures(loaded.objects["town"], 2023)
    assert (figures.total, figures.enterprises, figures.individual_businesses) == (1005, 402, 603)
    assert (figures.cooperatives, figures.others) == (0, 0)


def test_the_codes_are_valid_and_the_villages_spread(loaded):
    entities = list(MarketEntity.objects.filter(registered_on__year=2023).select_related("village"))
    assert all(is_valid_uscc(e.uscc) for e in entities)
    villages = {e.village_id for e in entities if e.village_id}
    assert len(villages) == len(loaded.objects["villages"])
    months = {e.registered_on.month for e in entities}
    assert months == set(range(1, 13))


def test_other_years_and_cancellations_are_there(loaded):
    years = set(
        MarketEntity.objects.dates("registered_on", "year").values_list("registered_on__year", flat=True)
    )
    assert {2022, 2024, 2025, 2026} <= years
    cancelled = MarketEntity.objects.filter(status="cancelled")
    assert 3 <= cancelled.count() <= 10 and cancelled.filter(registered_on__year=2023).exists()
    assert not MarketEntity.objects.filter(registered_on__gt=timezone.localdate()).exists()


def test_a_dozen_visits_with_one_overdue(loaded):
    today = timezone.localdate()
    assert EnterpriseVisit.objects.count() == 12
    overdue = [v for v in EnterpriseVisit.objects.all() if v.state_code() == "overdue"]
    assert len(overdue) == 1
    assert Deadline.objects.filter(key="follow_up", closed_at__isnull=True, due_date__lt=today).count() == 1


def test_every_record_has_its_audit_event(loaded):
    assert AuditEvent.objects.filter(action=actions.CREATED).count() == MarketEntity.objects.count()
    assert AuditEvent.objects.filter(action="services.enterprisevisit.created").count() == 12


def test_a_second_run_adds_nothing(loaded):
    counts = (MarketEntity.objects.count(), EnterpriseVisit.objects.count(), AuditEvent.objects.count())
    demo.market_entities(loaded)
    assert (
        MarketEntity.objects.count(),
        EnterpriseVisit.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
