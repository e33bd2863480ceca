"""The education demo step: Jiangkou's 2023 figures exactly as the report gives them
(4 study sessions, 103 outreach events reaching 30,412 people, 108 legal services),
a roster for every village, every record written through the actions, and a
second run that adds nothing."""

import random
import time

import pytest

from fazhi.core import demo as core_demo
from fazhi.core.models import AuditEvent
from fazhi.education import demo
from fazhi.education.models import (
    LegalServiceRecord,
    OutreachEvent,
    RosterMember,
    StaffTraining,
    StudySession,
)
from fazhi.education.statistics import outreach_figures, service_figures, study_figures

pytestmark = pytest.mark.django_db(transaction=False)

MODELS = (StudySession, OutreachEvent, LegalServiceRecord, RosterMember, StaffTraining)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The foundation (org tree, people, accounts) and the education step, once for the module."""
    with django_db_blocker.unblock():
        from django.db import transaction

        # Rolled back at the end of the module, as a test's own transaction would be.
        atomic = transaction.atomic()
        atomic.__enter__()
        ctx = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
        started = time.perf_counter()
        demo.education(ctx)
        ctx.objects["seconds"] = time.perf_counter() - started
        yield ctx
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_the_2023_figures_are_those_of_the_report(loaded):
    town = loaded.objects["town"]
    study, outreach, services = (
        study_figures(town, 2023),
        outreach_figures(town, 2023),
        service_figures(town, 2023),
    )
    assert (study.counted, outreach.events, outreach.audience, services.records) == (4, 103, 30412, 108)


def test_2023_also_has_study_sessions_that_do_not_count(loaded):
    study = study_figures(loaded.objects["town"], 2023)
    assert study.sessions > study.counted
    assert study.by_kind["staff_meeting"] >= 1
    assert StudySession.objects.filter(held_on__year=2023, on_rule_of_law=False).exists()


def test_the_2023_outreach_reaches_every_kind_of_venue_and_constitution_day(loaded):
    figures = outreach_figures(loaded.objects["town"], 2023)
    assert all(n > 0 for n in figures.by_venue.values())
    assert figures.constitution_day == 1
    assert OutreachEvent.objects.get(held_on="2023-12-04").constitution_day


def test_the_roster_has_two_residents_and_an_advisor_for_every_village(loaded):
    villages = loaded.objects["villages"]
    assert RosterMember.objects.filter(kind="literate_resident").count() == 2 * len(villages) == 72
    assert set(RosterMember.objects.filter(kind="village_advisor").values_list("village", flat=True)) == {
        v.pk for v in villages
    }


def test_later_years_have_records_too(loaded):
    for model, field in (
        (OutreachEvent, "held_on"),
        (LegalServiceRecord, "served_on"),
        (StudySession, "held_on"),
    ):
        for year in (2024, 2025, 2026):
            assert model.objects.filter(**{f"{field}__year": year}).exists(), (model, year)


def test_every_record_went_through_the_actions(loaded):
    for model in MODELS:
        action = f"education.{model._meta.model_name}.created"
        assert AuditEvent.objects.filter(action=action).count() == model.objects.count() > 0, action


def test_invented_records_say_so(loaded):
    assert not OutreachEvent.objects.exclude(title__contains="示例").exists()
    assert not LegalServiceRecord.objects.exclude(summary__contains="示例").exists()


def test_the_step_takes_a_few_seconds(loaded):
    print(f"education demo step: {loaded.objects['seconds']:.2f} s")
    assert loaded.objects["seconds"] < 20  # measured at about 3 s on the shared development machine


def test_a_second_run_adds_nothing(loaded):
    counts = [m.objects.count() for m in MODELS]
    events = AuditEvent.objects.count()
    loaded.rng = random.Random(f"{core_demo.SEED}:fazhi.education.demo.education")  # as load() does
    demo.education(loaded)
    assert [m.objects.count() for m in MODELS] == counts
    assert AuditEvent.objects.count() == events
