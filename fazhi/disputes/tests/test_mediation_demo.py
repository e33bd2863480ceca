"""The mediation demo step: Jiangkou's 37 committees and two stationed rooms of 2023
as the report gives them, the demo account `mediator` on the town committee, twelve
finished 2023 screening rounds with every village's report, this year's rounds up to
last month and this month's still open. Everything through the actions; a second
run adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent, User
from fazhi.disputes.demo import mediation as demo
from fazhi.disputes.models import MediationCommittee, MediationRoom, Mediator, ScreeningResult, ScreeningRound
from fazhi.disputes.statistics.mediation import committee_figures

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def ctx():
    """The demo's foundation: the org tree, people and accounts, then this step."""
    ctx = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    demo.mediation(ctx)
    return ctx


def test_jiangkou_has_37_committees_and_one_room_of_each_kind_in_2023(ctx):
    f = committee_figures(ctx.objects["town"], 2023)
    assert (f.committees, f.committees_by_level["town"]) == (37, 1)
    assert (f.rooms_by_kind["court"], f.rooms_by_kind["police"]) == (1, 1)
    names = set(MediationRoom.objects.values_list("name", flat=True))
    assert {"云阳县人民法院江口人民法庭调解室", "云阳县公安局江口派出所调解室"} <= names
    assert MediationCommittee.objects.filter(name="江口镇人民调解委员会", level="town").exists()


def test_each_committee_has_a_chair_and_two_to_four_members(ctx):
    for committee in MediationCommittee.objects.exclude(level="town"):
        roles = list(committee.mediators.values_list("role", flat=True))
        assert roles.count("chair") == 1 and 2 <= roles.count("member") <= 4, committee.name


def test_the_demo_mediator_is_a_full_time_mediator_of_the_town_committee(ctx):
    mediator = Mediator.objects.get(user=User.objects.get(username="mediator"))
    assert mediator.committee.name == "江口镇人民调解委员会" and mediator.full_time
    assert Mediator.objects.filter(committee=mediator.committee, full_time=True).count() >= 3


def test_2023_has_twelve_finished_rounds_with_every_village_reported(ctx):
    rounds = ScreeningRound.objects.filter(month__year=2023)
    assert rounds.count() == 12 and not rounds.filter(finished_on__isnull=True).exists()
    results = ScreeningResult.objects.filter(round__in=rounds)
    assert results.count() == 12 * 36 and not results.filter(found__isnull=True).exists()
    assert results.filter(found=0).count() > results.count() // 3  # many report none


def test_this_month_is_open_with_villages_yet_to_report(ctx):
    today = timezone.localdate()
    current = ScreeningRound.objects.get(month=today.replace(day=1))
    assert current.finished_on is None
    assert 0 < current.results.filter(found__isnull=True).count() < 36
    past = ScreeningRound.objects.filter(month__year=today.year, month__lt=today.replace(day=1))
    assert past.count() == today.month - 1 and not past.filter(finished_on__isnull=True).exists()


def test_every_record_went_through_the_actions(ctx):
    events = AuditEvent.objects
    assert events.filter(action="disputes.mediationcommittee.created").count() == 37
    assert events.filter(action="disputes.mediator.created").count() == Mediator.objects.count()
    assert events.filter(action="disputes.screeninground.completed").count() == (
        ScreeningRound.objects.filter(finished_on__isnull=False).count()
    )


def test_a_second_run_adds_nothing(ctx):
    counts = (MediationCommittee.objects.count(), Mediator.objects.count(), ScreeningRound.objects.count())
    events = AuditEvent.objects.count()
    demo.mediation(ctx)
    assert (
        MediationCommittee.objects.count(),
        Mediator.objects.count(),
        ScreeningRound.objects.count(),
    ) == counts
    assert AuditEvent.objects.count() == events


def test_dates_are_in_the_past(ctx):
    today = timezone.localdate()
    assert not ScreeningResult.objects.filter(reported_on__gt=today).exists()
    assert not MediationCommittee.objects.filter(established_on__gt=dt.date(2022, 12, 31)).exists()
